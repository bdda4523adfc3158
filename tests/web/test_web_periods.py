"""The web page's rosters by period, its words for the command line's options and the campaign's
keys, and "Đơn vị của tôi" handed to the library as a scope."""

from __future__ import annotations

import copy
import io
import re
import warnings
from pathlib import Path

import docx
import pytest

from antq_docs.generate import DECLARE_PERIODS, Advised
from antq_docs.web import create_app
from antq_docs.web.views import warning_text
from tests import helpers as dh
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SAMPLE_UNITS, SAMPLE_UNITS_JULY

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# Rosters by period given on the page, each test a run of the year: the slow set (CI runs it).
pytestmark = pytest.mark.slow

SMALL = FIXTURES / "units-small.csv"
MARCH = "Danh sách đầu năm.csv"
JULY = "Danh sách sau sáp nhập.csv"


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client of an app over a fresh data folder, that gave nothing yet; its result pages
    wait for their documents, made in the background (settle), whatever the machine's load."""
    return TestClient(create_app(tmp_path / "data", settle=60))


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


def _keep(client: TestClient, role: str, path: Path, name: str = "", day: str = "") -> object:
    data = {"csrf": _token(client), "role": role, "back": "/", "from": day}
    files = {"file": (name or path.name, path.read_bytes())}
    return client.post("/du-lieu", data=data, files=files)


def _forget_period(client: TestClient, day: str) -> None:
    data = {"csrf": _token(client), "role": "roster", "period": "1", "from": day, "back": "/"}
    client.post("/du-lieu/bo", data=data)


def _generate(client: TestClient, *kinds: str) -> object:
    return client.post("/soan", data={"csrf": _token(client), "kinds": list(kinds or ["pledge"])})


def _rosters(page: str) -> str:
    """The text of the roster row of the panel "Dữ liệu đang dùng"."""
    row = page.split('id="given-roster"')[1].split("</tr>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def _visible(page: str) -> str:
    """What a person reads on a page: its text without tags, scripts and styles."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def _warnings(page: str) -> list[str]:
    return [_visible(w) for w in re.findall(r'<p class="notice">Cảnh báo: (.*?)</p>', page)]


def _both_periods(client: TestClient, first: str = "01/01/2025") -> None:
    """The sample campaign and its two rosters, July's given first when March's has its day (a
    roster without a day given after a dated one would replace it: it is the whole year's)."""
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    if first:
        assert _keep(client, "roster", SAMPLE_UNITS_JULY, JULY, "01/07/2025").status_code == 200
    assert _keep(client, "roster", SAMPLE_UNITS, MARCH, first).status_code == 200
    if not first:
        assert _keep(client, "roster", SAMPLE_UNITS_JULY, JULY, "01/07/2025").status_code == 200
        assert f"{MARCH} (từ đầu năm" in _rosters(client.get("/").text)


def test_rosters_by_period_are_listed_in_date_order_each_replaced_or_forgotten(client):
    _both_periods(client)
    shown = _rosters(client.get("/").text)
    assert shown.index(f"{MARCH} (từ ngày 01/01/2025") < shown.index(f"{JULY} (từ ngày 01/07/2025")
    _keep(client, "roster", SAMPLE_UNITS_JULY, "Bản sửa tháng 7.csv", "1/7/2025")
    shown = _rosters(client.get("/").text)
    assert JULY not in shown and "Bản sửa tháng 7.csv (từ ngày 01/07/2025" in shown
    assert f"{MARCH} (từ ngày 01/01/2025" in shown
    _forget_period(client, "01/01/2025")
    shown = _rosters(client.get("/").text)
    assert MARCH not in shown and "Bản sửa tháng 7.csv" in shown
    # A roster without a day is the whole year's: it replaces every period.
    _keep(client, "roster", SMALL, "Cả năm.csv")
    assert "Cả năm.csv (dùng cho cả năm" in _rosters(client.get("/").text)
    assert "Bản sửa tháng 7.csv" not in _rosters(client.get("/").text)


def test_the_first_periods_roster_given_without_its_day_is_replaced_alone(client):
    _both_periods(client, first="")
    data = {"csrf": _token(client), "role": "roster", "period": "1", "from": "", "back": "/"}
    files = {"file": ("Đầu năm, bản sửa.csv", SAMPLE_UNITS.read_bytes())}
    client.post("/du-lieu", data=data, files=files)
    shown = _rosters(client.get("/").text)
    assert MARCH not in shown and "Đầu năm, bản sửa.csv (từ đầu năm" in shown
    assert f"{JULY} (từ ngày 01/07/2025" in shown


def test_a_from_date_that_names_no_day_is_refused_in_words(client):
    r = _keep(client, "roster", SMALL, "Đơn vị.csv", "31/02/2025")
    assert r.status_code == 400
    assert "“31/02/2025” không phải ngày" in r.text
    assert "chưa có" in _rosters(client.get("/").text)


@pytest.mark.parametrize("first", ["01/01/2025", ""])
def test_a_run_issues_each_document_within_the_roster_of_its_date(client, first):
    """The first period's roster may be given without its day."""
    _both_periods(client, first)
    r = _generate(client, "plan", "event-plan")
    assert r.status_code == 200, _visible(r.text)
    assert 'id="doc-plan-KT-02"' in r.text  # the district plans in March
    assert 'id="doc-event-plan-KT-02"' not in r.text  # and is gone by August
    link = r.text.split('id="doc-event-plan-QNG-03" href="')[1].split('"')[0]
    event = dh.full_text(docx.Document(io.BytesIO(client.get(link).content)))
    assert "XÃ ĐĂK HÀ" in event.upper()
    assert not [w for w in _warnings(r.text) if "đã kết thúc hoạt động" in w]


def test_periods_and_rosters_that_disagree_are_named_by_their_day_and_file(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    # Refused when given, with the findings of both sides; the plan's July has no roster.
    r = _keep(client, "roster", SAMPLE_UNITS_JULY, JULY, "01/08/2025")
    assert 'id="said-findings"' in r.text and "chưa có" in _rosters(r.text)
    rows = [
        [_visible(c) for c in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r'<tr class="finding">(.*?)</tr>', r.text)
    ]
    assert [
        JULY,
        "",
        "Danh sách theo thời kỳ",
        "danh sách đơn vị từ ngày 01/8/2025 không ứng với thời kỳ nào của “Danh sách theo thời "
        "kỳ” (các thời kỳ bắt đầu ngày 01/01/2025, 01/7/2025): sửa ngày của tệp, hoặc thêm thời "
        "kỳ từ ngày 01/8/2025 vào kế hoạch năm",
    ] in rows
    missing = [row for row in rows if row[0] == SAMPLE_CAMPAIGN.name]
    assert [row[2] for row in missing] == [
        "Danh sách theo thời kỳ, dòng 1, Từ ngày",
        "Danh sách theo thời kỳ, dòng 2, Từ ngày",
    ]
    assert (
        "chưa có tệp danh sách đơn vị: đưa lên danh sách đơn vị có hiệu lực từ ngày 01/7/2025"
        in (missing[1][3])
    )


def test_a_roster_failure_shows_its_findings_under_the_name_the_user_gave(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SAMPLE_UNITS, MARCH, "01/01/2025")
    bad = FIXTURES / "roster-unknown-parent.csv"
    r = _keep(client, "roster", bad, "Tháng 7 (bản nháp).csv", "01/07/2025")
    assert "Chưa nhận tệp “Tháng 7 (bản nháp).csv”" in _visible(r.text)
    files = {_visible(f) for f in re.findall(r'<tr class="finding"><td>(.*?)</td>', r.text)}
    assert files == {"Tháng 7 (bản nháp).csv"}
    assert "danh-sach-2025-07-01" not in r.text


def test_the_2025_warning_says_what_to_do_on_the_page(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SAMPLE_UNITS, MARCH)
    r = _generate(client, "event-plan")
    assert r.status_code == 200, _visible(r.text)
    (ended,) = [w for w in _warnings(r.text) if "đã kết thúc hoạt động" in w]
    assert ended.endswith(
        "Kế hoạch năm chia danh sách đơn vị theo thời kỳ nhưng mới có một danh sách đơn vị dùng "
        "cho cả năm: các đơn vị còn lại vẫn mang tên trong danh sách này. Ở khung “Dữ liệu đang "
        "dùng”, đưa lên danh sách đơn vị sau sắp xếp và ghi “Từ ngày” 01/7/2025, rồi làm lại."
    )
    assert "phần “Thay đổi tổ chức” của trang Kế hoạch năm" in ended
    assert "danh_sach_don_vi" not in ended and "--units" not in ended and "Ô" not in ended


def test_the_advice_to_declare_the_periods_is_worded_for_the_page():
    warning = Advised("Cảnh báo.", DECLARE_PERIODS, "01/7/2025")
    assert copy.deepcopy(warning).advice == DECLARE_PERIODS  # kept through asdict()
    assert warning_text(warning) == (
        "Cảnh báo. Ở trang Kế hoạch năm, thêm thời kỳ từ ngày 01/7/2025 vào phần “Danh sách đơn "
        "vị theo thời kỳ”; ở khung “Dữ liệu đang dùng”, đưa lên danh sách đơn vị sau sắp xếp và "
        "ghi “Từ ngày” 01/7/2025, rồi làm lại."
    )


def test_a_chosen_unit_scopes_the_run_in_the_library_without_warnings_about_its_villages(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    whole = _generate(client, "plan")
    assert any(w.startswith("“Chỉ tiêu, dòng 10, ") for w in _warnings(whole.text))
    data = {"csrf": _token(client), "unit": "H1-X1", "name": "Xã Một", "back": "/"}
    client.post("/don-vi", data=data)
    r = _generate(client, "plan", "pledge")
    assert r.status_code == 200
    assert _warnings(r.text) == []
    assert sorted(set(re.findall(r'id="doc-(?:plan|pledge)-([A-Z0-9-]+)"', r.text))) == [
        "H1-X1",
        "H1-X1-T1",
        "H1-X1-T2",
    ]


def _bad_campaign(tmp_path: Path) -> Path:
    text = dh.campaign_text().replace("    ty_le: 100\n", "    ty_le: một trăm\n", 1)
    path = tmp_path / "ke-hoach-loi.yaml"
    path.write_text(text, "utf-8")
    return path


def test_no_page_or_error_shows_an_option_a_key_or_a_server_path(client, tmp_path):
    shown: list[str] = []
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    shown.append(_generate(client, "plan").text)  # a target naming a unit of no roster
    shown.append(_keep(client, "roster", FIXTURES / "roster-unknown-parent.csv").text)
    shown.append(_generate(client).text)  # a bad roster, refused: the last one stays
    _keep(client, "roster", SAMPLE_UNITS)
    shown.append(_generate(client, "event-plan").text)  # the 2025 warning
    shown.append(_keep(client, "roster", SAMPLE_UNITS_JULY, JULY, "01/08/2025").text)
    # a roster of no period, periods without a roster
    _keep(client, "roster", SMALL)
    client.post("/don-vi", data={"csrf": _token(client), "unit": "KT-02", "back": "/"})
    shown.append(_generate(client).text)  # a unit the roster does not have
    shown.append(client.get("/don-vi").text)
    client.post("/don-vi", data={"csrf": _token(client), "unit": "", "back": "/"})
    shown.append(_keep(client, "campaign", _bad_campaign(tmp_path)).text)  # a bad campaign
    shown += [client.get(p).text for p in ("/", "/kiem-tra", "/bao-cao", "/mau-bieu")]
    assert "Không có đơn vị mang mã “KT-02”" in shown[5]
    assert "Chỉ tiêu, dòng 1, Tỷ lệ" in _visible(shown[7])
    for page in shown:
        text = _visible(page)
        assert str(tmp_path) not in text and "/tmp" not in text
        assert "--" not in text, text[text.find("--") - 200 : text.find("--") + 50]
        assert not re.findall(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)


def test_a_campaign_by_period_without_a_roster_asks_for_one_per_period_even_with_the_sample(
    client, tmp_path
):
    """The files a kept campaign names are never read: here they name files of the server."""
    campaign = tmp_path / "ke-hoach.yaml"
    campaign.write_text(dh.campaign_text(), "utf-8")
    _keep(client, "campaign", campaign)
    client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/"})
    r = _generate(client)
    assert r.status_code == 400
    assert "đưa lên danh sách của từng thời kỳ với “Từ ngày” của thời kỳ đó" in _visible(r.text)
    assert 'id="documents"' not in r.text
