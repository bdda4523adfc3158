"""The year-plan page (/ke-hoach) through an HTTP client, posted as a browser posts its form:
prefilled from the sample (said so), problems beside their fields by label, rows added and
removed without JavaScript, a valid plan kept and downloaded as the YAML the command line reads,
an uploaded file prefilling the form."""

from __future__ import annotations

import html
import re
import warnings
from html.parser import HTMLParser

import pytest

from antq_docs.inputs.campaign import load_campaign
from antq_docs.kinds import REGISTRY
from antq_docs.web import create_app
from tests.helpers import SAMPLE_CAMPAIGN

# Starlette's test client warns, once on import, that it will move to another HTTP package.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client of an app over a fresh data folder."""
    return TestClient(create_app(tmp_path / "data"))


class _Form(HTMLParser):
    """The (name, value) pairs a browser posts for the campaign form, buttons left out."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self.inside = self.template = False
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == "campaign-form"
        if tag == "template":
            self.template = True
        if not self.inside or self.template:
            return
        if tag == "input" and a.get("type") != "checkbox":
            self.pairs.append((a["name"], a.get("value") or ""))
        elif tag == "input" and "checked" in a:
            self.pairs.append((a["name"], a["value"]))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.pairs.append((a["name"], ""))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and "selected" in a and self.select:
            self.pairs.append((self.select, a["value"]))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "template":
            self.template = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea and self.inside and not self.template:
            name, text = self.pairs[-1]
            self.pairs[-1] = (name, text + data)


def form_of(page: str) -> dict[str, list[str]]:
    """The campaign form's fields as a browser would post them, by name."""
    parser = _Form()
    parser.feed(page)
    fields: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        fields.setdefault(name, []).append(value)
    return fields


def visible(page: str) -> str:
    """The text a person reads on the page (no tags, scripts or row templates)."""
    page = re.sub(r"<(script|template)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"</?(a|span|strong)\b[^>]*>", "", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def post(client, fields, action="save"):
    return client.post("/ke-hoach", data={**fields, "action": action})


def test_the_page_shows_the_sample_said_to_be_the_sample(client):
    r = client.get("/ke-hoach")
    assert r.status_code == 200
    assert 'id="sample-banner"' in r.text
    text = visible(r.text)
    assert "Kế hoạch mẫu." in text
    fields = form_of(r.text)
    assert fields["ke_hoach.so"] == ["38/KH-BCĐ"]
    assert fields["ke_hoach.ngay"] == ["07/03/2025"]
    assert fields["chi_tieu[10].don_vi"] == ["KT-01"]
    assert fields["chi_tieu[3].loai"] == ["xa", "khu_dan_cu", "co_quan", "co_so_giao_duc"]
    assert fields["danh_sach_don_vi[2].tu_ngay"] == ["01/07/2025"]
    assert fields["thay_doi_to_chuc[1].co_quan"] == ["cong_an"]
    assert "Ban hành kế hoạch tổ chức Ngày hội" in text  # a target's measure by its name
    assert 'href="/ke-hoach" aria-current="page"' in r.text
    for key in ("chi_tieu", "ke_hoach.", "ngay_van_ban", "thay_doi", "danh_sach_don_vi"):
        assert key not in text


def test_a_bad_date_and_a_bad_target_row_are_named_beside_their_fields(client):
    fields = form_of(client.get("/ke-hoach").text)
    fields["ke_hoach.ngay"] = ["31/02/2025"]
    fields["chi_tieu[3].ty_le"] = ["120"]
    fields["tinh"] = ["Tỉnh đã sửa"]
    r = post(client, fields)
    assert r.status_code == 422
    text = " ".join(visible(r.text).split())
    assert 'Kế hoạch của tỉnh, Ngày ban hành: "31/02/2025" không phải ngày có thật' in text
    assert 'Chỉ tiêu, dòng 3, Tỷ lệ (%): "120" phải là số phần trăm từ 0 đến 100' in text
    assert "chưa được lưu" in text
    assert 'aria-describedby="f-ke_hoach-ngay-hint f-ke_hoach-ngay-error" aria-invalid="true"' in (
        r.text
    )
    assert re.search(
        r'id="f-chi_tieu-3-ty_le-error">"120" phải là số phần trăm', html.unescape(r.text)
    )
    assert '<a href="#f-ke_hoach-ngay">' in r.text
    kept = form_of(r.text)
    assert kept["ke_hoach.ngay"] == ["31/02/2025"]
    assert kept["tinh"] == ["Tỉnh đã sửa"]
    for key in ("ke_hoach.ngay", "chi_tieu[", "ty_le"):
        assert key not in text
    assert client.get("/ke-hoach/tai").status_code == 404


def test_a_valid_plan_is_kept_and_downloads_as_the_yaml_the_command_line_reads(client, tmp_path):
    fields = form_of(client.get("/ke-hoach").text)
    fields["tinh"] = ["Gia Lai"]
    fields["ke_hoach.so"] = ["12/KH-BCĐ"]
    fields["ke_hoach.ngay"] = ["10/03/2025"]
    fields["chi_tieu[1].ty_le"] = ["95,5"]
    fields["chi_tieu[1].loai"] = ["xa", "khu_dan_cu"]
    fields["can_cu[1]"] = ["Thông tư số 124/2021/TT-BCA"]
    r = post(client, fields)
    assert r.status_code == 200, visible(r.text)
    assert "Đã lưu kế hoạch năm 2025 của tỉnh Gia Lai" in visible(r.text)
    assert 'href="/ke-hoach/tai"' in r.text
    assert "antq_ws" in client.cookies
    download = client.get("/ke-hoach/tai")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="ke-hoach.yaml"'
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(download.content)
    campaign = load_campaign(path, kinds=REGISTRY)
    sample = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    assert campaign.province == "Gia Lai"
    assert (campaign.plan.number, str(campaign.plan.date)) == ("12/KH-BCĐ", "2025-03-10")
    assert campaign.targets[0].percent == 95.5
    assert campaign.targets[0].unit_types == ("xa", "khu_dan_cu")
    assert campaign.legal_bases == ["Thông tư số 124/2021/TT-BCA"]
    assert campaign.score_items == sample.score_items  # a key the form does not show
    again = client.get("/ke-hoach")
    assert 'id="sample-banner"' not in again.text
    assert form_of(again.text)["tinh"] == ["Gia Lai"]
    other = TestClient(client.app)  # another browser: its own plan, none yet
    assert 'id="sample-banner"' in other.get("/ke-hoach").text
    assert other.get("/ke-hoach/tai").status_code == 404


def test_rows_are_added_and_removed_by_posted_buttons(client):
    fields = form_of(client.get("/ke-hoach").text)
    fields["tinh"] = ["Đang sửa"]
    added = post(client, fields, "add:chi_tieu")
    assert added.status_code == 200
    after = form_of(added.text)
    assert after["chi_tieu[12].ma"] == [""]
    assert after["tinh"] == ["Đang sửa"]
    assert 'id="f-chi_tieu-12-ma" name="chi_tieu[12].ma"' in added.text
    assert re.search(r'id="f-chi_tieu-12-ma"[^>]* autofocus', added.text)
    removed = form_of(post(client, after, "remove:chi_tieu:1").text)
    assert "chi_tieu[12].ma" not in removed
    assert removed["chi_tieu[1].noi_dung"][0].startswith("100% cán bộ, công chức")
    same = form_of(post(client, removed, "remove:chi_tieu:" + "9" * 5000).text)
    assert len([n for n in same if n.startswith("chi_tieu[") and n.endswith("].ma")]) == 11
    assert post(client, removed, "add:tinh").status_code == 400
    lines = form_of(post(client, removed, "add:can_cu").text)
    assert lines["can_cu[2]"] == [""]
    # The empty rows left are dropped when the plan is saved.
    saved = post(client, lines)
    assert saved.status_code == 200, visible(saved.text)
    assert "chi_tieu[11].ma" not in form_of(saved.text)


def test_an_uploaded_file_prefills_the_form_with_its_own_problems(client):
    client.get("/ke-hoach")
    token = client.cookies["antq_csrf"]
    text = SAMPLE_CAMPAIGN.read_text(encoding="utf-8").replace("tinh: Kon Tum", "tinh: Đắk Lắk")
    text = text.replace("nam: 2025", "nam: 2025\nnamm: 1", 1)
    r = client.post(
        "/ke-hoach",
        data={"csrf": token, "action": "upload"},
        files={"tep": ("ke-hoach-dak-lak.yaml", text.encode("utf-8"))},
    )
    assert r.status_code == 200
    shown = " ".join(visible(r.text).split())
    assert "Đã mở tệp “ke-hoach-dak-lak.yaml”" in shown
    assert '“namm”: khóa không được biết tới; có phải "nam"?' in shown
    assert 'id="sample-banner"' not in r.text
    assert form_of(r.text)["tinh"] == ["Đắk Lắk"]


def test_an_upload_that_is_not_a_campaign_is_refused_in_words(client):
    client.get("/ke-hoach")
    token = client.cookies["antq_csrf"]
    r = client.post(
        "/ke-hoach",
        data={"csrf": token, "action": "upload"},
        files={"tep": ("danh-sach.yaml", b"nam: [2025\n")},
    )
    assert r.status_code == 400
    shown = " ".join(visible(r.text).split())
    assert "Tệp “danh-sach.yaml” không phải tệp kế hoạch đọc được: YAML không hợp lệ" in shown
    assert "/tmp" not in shown
    assert 'id="sample-banner"' in r.text


def test_a_post_without_the_page_token_is_refused(client):
    r = client.post("/ke-hoach", data={"action": "save", "nam": "2025"})
    assert r.status_code == 403
    assert "tải lại trang" in r.text


def test_next_years_plan_saves_with_the_dates_left_as_they_were_moved_and_said(client, tmp_path):
    fields = form_of(client.get("/ke-hoach").text)
    assert fields["han_bao_cao.xa"] == ["30/11/2025"]  # shown, no longer carried unseen
    fields["nam"] = ["2026"]
    r = post(client, fields)
    assert r.status_code == 200, visible(r.text)
    text = " ".join(visible(r.text).split())
    assert "Đã lưu kế hoạch năm 2026" in text
    assert "Năm của kế hoạch đã đổi từ 2025 sang 2026" in text
    # Saved unchanged but for the year, it is still the sample's province and plan, and the
    # targets' words still name 2025: the page says both.
    assert "vẫn là kế hoạch mẫu của tỉnh Kon Tum" in text
    assert re.search(r"Chỉ tiêu số [\d, ]+ vẫn ghi năm 2025", text)
    assert form_of(r.text)["ngay_van_ban.plan"] == ["20/03/2026"]
    # The districts ended in 2025 stay ended, and the form says to keep those rows.
    assert form_of(r.text)["thay_doi_to_chuc[2].den_ngay"] == ["30/06/2025"]
    assert "Kế hoạch các năm sau vẫn giữ các dòng của năm 2025" in text
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(client.get("/ke-hoach/tai").content)
    campaign = load_campaign(path, kinds=REGISTRY)
    assert campaign.deadlines["huyen"].isoformat() == "2026-12-15"
    assert [c.last_day.isoformat() for c in campaign.changes] == ["2025-02-28", "2025-06-30"]
    assert [r.written for r in campaign.roster_files] == [
        "danh-sach-kon-tum.xlsx",
        "danh-sach-quang-ngai.xlsx",
    ]


def test_a_date_typed_in_the_wrong_year_points_at_its_field_in_an_opened_part(client):
    page = client.get("/ke-hoach").text
    fields = form_of(page)
    assert '<details class="section" id="phan-1" open>' in page
    last = re.findall(r'<details class="section" id="phan-(\d+)"[^>]*>', page)[-1]
    assert f'<details class="section" id="phan-{last}">' in page  # folded until opened
    fields["nam"] = ["2026"]
    fields["han_bao_cao.xa"] = ["29/11/2025"]
    r = post(client, fields)
    assert r.status_code == 422
    text = " ".join(visible(r.text).split())
    assert "Hạn gửi báo cáo cuối năm, Cấp xã: ngày 29/11/2025 không thuộc năm 2026" in text
    assert '<a href="#f-han_bao_cao-xa">' in r.text
    assert f'<details class="section" id="phan-{last}" open>' in r.text
    # Nothing else is refused: the dates left as the sample has them moved to 2026.
    assert len(re.findall(r'<li class="problem">', r.text)) == 1


def test_the_page_never_asks_for_a_roster_file_name(client):
    page = client.get("/ke-hoach").text
    assert "Tên tệp danh sách" not in visible(page)
    fields = form_of(page)
    assert not [name for name in fields if name.endswith(".tep")]
    fields["danh_sach_don_vi[3].tu_ngay"] = ["01/10/2025"]
    r = post(client, fields)
    assert r.status_code == 200, visible(r.text)
    saved = client.get("/ke-hoach/tai").text
    assert "tep: danh-sach-tu-2025-10-01.xlsx" in saved


def test_a_problem_of_a_key_the_form_does_not_show_points_at_the_file_field(client):
    fields = form_of(client.get("/ke-hoach").text)
    fields["base"] = [fields["base"][0].replace("pledge: [huyen,", "pledge: [huyenn,", 1)]
    r = post(client, fields)
    assert r.status_code == 422
    (problem,) = re.findall(r'<li class="problem">(.*?)</li>', r.text)
    assert problem.startswith('<a href="#upload">Văn bản bắt buộc, ')
    assert 'id="upload"' in r.text


def test_the_plan_reads_its_hundreds_of_fields_and_an_action_form_no_more_than_its_own(client):
    fields = form_of(client.get("/ke-hoach").text)
    fields.update({f"can_cu[{n}]": [f"Văn bản số {n}"] for n in range(1, 301)})
    r = post(client, fields)
    assert r.status_code == 200, visible(r.text)
    assert len(form_of(r.text)["can_cu[300]"]) == 1
    token = client.cookies["antq_csrf"]
    many = {"csrf": token, **{f"o{n}": "1" for n in range(60)}}
    refused = client.post("/soan", data=many, files={"x": ("x.txt", b"x")})
    assert refused.status_code == 400
    assert "Traceback" not in refused.text
