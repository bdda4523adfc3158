"""The browser's workspace on the web page: files kept, the sample only by its button, results
that reload without running again, the unit picker, the blank workbooks, names for a person."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from antq_docs.inputs.guide import MEANINGS, TABLES, column_guide
from antq_docs.web import actions, create_app, pages
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SMALL = FIXTURES / "units-small.csv"


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client of an app over a fresh data folder, that gave nothing yet."""
    return TestClient(create_app(tmp_path / "data"))


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


def _file(path: Path, name: str | None = None) -> tuple[str, bytes]:
    return (name or path.name, path.read_bytes())


def _keep(client: TestClient, role: str, path: Path) -> None:
    data = {"csrf": _token(client), "role": role, "back": "/"}
    r = client.post("/du-lieu", data=data, files={"file": _file(path)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def _given(page: str, role: str) -> str:
    """The text of a role's cell in the panel "Dữ liệu đang dùng"."""
    row = page.split(f'id="given-{role}"')[1].split("</td>")[0]
    return re.sub(r"<[^>]+>", "", row)


def _generate(client: TestClient, kinds: tuple[str, ...] = ("pledge",), **files) -> object:
    data = {"csrf": _token(client), "kinds": list(kinds)}
    return client.post("/soan", data=data, files=files)


def _zip(client: TestClient, page: str) -> tuple[str, zipfile.ZipFile]:
    link = page.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    r = client.get(link)
    assert r.status_code == 200
    return r.headers["content-disposition"], zipfile.ZipFile(io.BytesIO(r.content))


def test_the_workspace_cookie_is_random_http_only_and_lax(client):
    r = client.get("/")
    cookie = [c for c in r.headers.get_list("set-cookie") if c.startswith("antq_ws=")]
    assert len(cookie) == 1
    token = cookie[0].split(";")[0].split("=", 1)[1]
    assert len(token) >= 20
    assert "HttpOnly" in cookie[0] and "SameSite=Lax" in cookie[0] and "Path=/" in cookie[0]
    assert not [c for c in client.get("/").headers.get_list("set-cookie") if "antq_ws" in c]
    assert TestClient(client.app).get("/").cookies["antq_ws"] != token


def test_nothing_given_asks_for_the_campaign_and_roster_and_uses_no_sample(client, tmp_path):
    r = _generate(client)
    assert r.status_code == 400
    error = r.text.split('id="error"')[1].split("</div>")[0]
    assert "Chưa có kế hoạch năm" in error and "danh sách đơn vị" in error
    assert "Dùng dữ liệu mẫu" in error
    assert 'id="sample-banner"' not in r.text
    assert not list((tmp_path / "data" / "jobs").glob("*/out"))
    check = client.post(
        "/kiem-tra",
        data={"csrf": _token(client)},
        files={"docs": ("ho-so.zip", b"PK\5\6" + bytes(18))},
    )
    assert check.status_code == 400 and "Chưa có" in check.text and 'id="matrix"' not in check.text


def test_the_sample_banner_shows_on_every_page_only_after_the_button(client):
    for path in ("/", "/kiem-tra", "/bao-cao", "/mau-bieu", "/don-vi"):
        assert 'id="sample-banner"' not in client.get(path).text
    r = client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/kiem-tra"})
    assert str(r.url).endswith("/kiem-tra")
    for path in ("/", "/kiem-tra", "/bao-cao", "/mau-bieu", "/don-vi", "/khong-co"):
        assert 'id="sample-banner"' in client.get(path).text, path
    done = _generate(client)
    assert done.status_code == 200 and 'id="sample-banner"' in done.text
    client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "0", "back": "/"})
    assert 'id="sample-banner"' not in client.get("/").text


def test_files_given_once_stay_for_the_next_request_and_the_other_pages(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    first = _generate(client, units=_file(SMALL, "Danh sách xã.csv"))
    assert first.status_code == 200, first.text
    home = client.get("/kiem-tra").text
    assert "Danh sách xã.csv" in _given(home, "roster")
    assert "campaign-kon-tum-2025.yaml" in _given(home, "campaign")
    assert "chưa có" in _given(home, "results")
    again = _generate(client)
    assert again.status_code == 200 and "/ket-qua/" in str(again.url)
    client.post("/du-lieu/bo", data={"csrf": _token(client), "role": "roster", "back": "/"})
    assert "chưa có" in _given(client.get("/").text, "roster")
    assert _generate(client).status_code == 400


def test_an_error_keeps_the_files_and_names_the_uploaded_file(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    r = _generate(client, units=_file(FIXTURES / "roster-duplicate-code.csv", "Đơn vị.csv"))
    assert r.status_code == 422
    assert "<td>Đơn vị.csv</td><td>5</td>" in r.text.split('id="findings"')[1]
    # What was (not) done, in the page's words: no document, and where the faults are.
    assert "Chưa soạn văn bản nào. Dữ liệu đầu vào: xem các lỗi ở bảng dưới." in r.text
    assert "chưa ghi tệp nào" not in r.text
    assert "Đơn vị.csv" in _given(r.text, "roster")
    assert "campaign-kon-tum-2025.yaml" in _given(r.text, "campaign")
    assert "danh-sach.csv" not in r.text


def test_finished_jobs_are_listed_and_a_reload_runs_nothing(client, monkeypatch):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    calls: list[str] = []
    real = actions.generate

    def counted(*args, **kwargs):
        calls.append("generate")
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "generate", counted)
    r = _generate(client)
    assert r.status_code == 200 and calls == ["generate"]
    job = str(r.url).rsplit("/", 1)[1]
    for _ in range(2):
        again = client.get(f"/ket-qua/{job}")
        assert again.status_code == 200 and 'id="doc-pledge-H1-X1"' in again.text
    assert calls == ["generate"]
    listed = client.get("/bao-cao").text.split('id="jobs"')[1].split("</ul>")[0]
    assert f'href="/ket-qua/{job}">Soạn văn bản</a>' in listed and "giữ đến" in listed


def test_a_check_redirects_to_its_result_which_reloads_without_checking_again(client, monkeypatch):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    _, archive = _zip(client, _generate(client).text)
    docs = io.BytesIO()
    with zipfile.ZipFile(docs, "w") as zf:
        for info in archive.infolist():
            if info.filename != "cam-ket/H1-X1-cam-ket.docx":
                zf.writestr(info, archive.read(info))
    calls: list[str] = []
    real = pages.actions.check

    def counted(*args, **kwargs):
        calls.append("check")
        return real(*args, **kwargs)

    monkeypatch.setattr(pages.actions, "check", counted)
    r = client.post(
        "/kiem-tra", data={"csrf": _token(client)}, files={"docs": ("ho-so.zip", docs.getvalue())}
    )
    assert r.status_code == 200 and "/ket-qua/" in str(r.url)
    assert 'id="cell-H1-X1-pledge" class="thieu" data-status="missing"' in r.text
    assert 'id="cell-H1-X2-pledge" class="co" data-status="present"' in r.text
    # Two communes of three signed: the share as the report writes it.
    assert "<td>Cam kết</td><td>cấp xã</td><td>2/3</td><td>66,7%</td>" in r.text
    assert 'id="cell-H1-X1-pledge" class="thieu"' in client.get(str(r.url)).text
    assert calls == ["check"]


def test_the_blank_workbooks_open_with_their_headings(client):
    page = client.get("/mau-bieu").text
    roster = client.get(page.split('id="blank-roster" href="')[1].split('"')[0])
    book = openpyxl.load_workbook(io.BytesIO(roster.content))
    sheet = book["Danh sách đơn vị"]
    assert [c.value for c in sheet[4]][:3] == ["Mã đơn vị", "Tên đơn vị", "Loại"]
    assert any("C5" in str(v.sqref) for v in sheet.data_validations.dataValidation)
    client.post("/du-lieu/mau", data={"csrf": client.cookies["antq_csrf"], "on": "1"})
    results = openpyxl.load_workbook(
        io.BytesIO(client.get("/mau-bieu/ket-qua-cuoi-nam.xlsx").content)
    )
    assert results.sheetnames[:2] == ["Kết quả", "Bảng điểm"]
    homes = client.get("/mau-bieu/ho-gia-dinh.xlsx")
    assert homes.headers["content-disposition"] == 'attachment; filename="ho-gia-dinh.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(homes.content)).active
    assert [c.value for c in sheet[4]] == [c.header for c in TABLES["households"][1]]
    assert client.get("/mau-bieu/khac.xlsx").status_code == 404


def test_the_column_guide_comes_from_the_readers_declarations(client):
    for table, (_, columns) in TABLES.items():
        assert set(MEANINGS[table]) == {c.key for c in columns}, table
        guide = column_guide(table)
        assert [g.header for g in guide] == [c.header for c in columns]
        assert all(g.meaning and g.example for g in guide)
    page = client.get("/mau-bieu").text
    roster = page.split('id="guide-roster"')[1].split("</table>")[0]
    assert '<th scope="row">Mã cấp trên</th>' in roster
    assert "<td>bắt buộc</td>" in roster and "<td>KT-02-02</td>" in roster


@pytest.mark.parametrize("query", ["Xã Một", "xa mot", "XA MOT", "H1-X1"])
def test_the_unit_picker_finds_a_unit_with_or_without_diacritics(client, query):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    page = client.get("/don-vi", params={"tim": query}).text
    assert 'id="choose-H1-X1"' in page
    assert 'id="choose-H1-X2"' not in page


def test_a_chosen_unit_scopes_generate_and_names_the_zip_for_windows(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    data = {"csrf": _token(client), "unit": "H1-X1", "name": "Xã Một", "back": "/don-vi"}
    chosen = client.post("/don-vi", data=data)
    assert 'id="choose-H1-X1" disabled' in client.get("/don-vi", params={"tim": "mot"}).text
    assert "Xã Một" in chosen.text.split('id="my-unit"')[1].split("</p>")[0]
    r = _generate(client)
    assert r.status_code == 200, r.text
    disposition, archive = _zip(client, r.text)
    assert disposition == 'attachment; filename="van-ban-H1-X1.zip"'
    documents = sorted(n for n in archive.namelist() if n.endswith(".docx"))
    assert documents == [
        "cam-ket/H1-X1-T1-cam-ket.docx",
        "cam-ket/H1-X1-T2-cam-ket.docx",
        "cam-ket/H1-X1-cam-ket.docx",
    ]
    assert all(n.isascii() for n in archive.namelist())
    link = r.text.split('id="doc-pledge-H1-X1" href="')[1].split('"')[0]
    one = client.get(link)
    assert one.headers["content-disposition"].endswith('filename="H1-X1-cam-ket.docx"')


def test_the_result_table_is_searched_and_paged_on_the_server(client, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 4)
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    r = _generate(client)
    first = r.text.split('id="documents"')[1]
    assert first.count('id="doc-pledge-') == 4 and 'id="page-next"' in r.text
    assert 'id="page-prev"' not in r.text
    found = client.get(str(r.url), params={"tim": "thon 1"}).text
    shown = re.findall(r'id="doc-pledge-([^"]+)"', found)
    assert sorted(shown) == ["H1-X1-T1", "H1-X2-T1", "H2-X1-T1"]
    last = client.get(str(r.url), params={"trang": "99"}).text
    assert 'id="page-next"' not in last and 'id="page-prev"' in last


def test_no_page_shows_a_server_path_or_an_option_name(client, tmp_path):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    data = {"csrf": _token(client), "unit": "H1-X1-T1", "name": "Thôn 1", "back": "/"}
    client.post("/don-vi", data=data)
    shown = [client.get(p).text for p in ("/", "/kiem-tra", "/bao-cao", "/don-vi", "/mau-bieu")]
    shown.append(client.post("/phieu", data={"csrf": _token(client)}).text)
    shown.append(_generate(client, ("evaluation",)).text)
    client.post("/du-lieu/bo", data={"csrf": _token(client), "role": "roster", "back": "/"})
    shown.append(_generate(client).text)
    assert "hãy chọn đơn vị H1-X1" in shown[5]
    for text in shown:
        assert str(tmp_path) not in text and "/tmp" not in text
        assert "--" not in text, text[text.find("--") - 200 : text.find("--") + 50]


def test_a_chosen_unit_scopes_the_check_to_its_subtree(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN)
    _keep(client, "roster", SMALL)
    _, archive = _zip(client, _generate(client).text)
    docs = io.BytesIO()
    with zipfile.ZipFile(docs, "w") as zf:
        for info in archive.infolist():
            if info.filename != "cam-ket/H1-X2-cam-ket.docx":
                zf.writestr(info, archive.read(info))
    data = {"csrf": _token(client), "unit": "H1-X1", "name": "Xã Một", "back": "/kiem-tra"}
    client.post("/don-vi", data=data)
    r = client.post(
        "/kiem-tra", data={"csrf": _token(client)}, files={"docs": ("ho-so.zip", docs.getvalue())}
    )
    assert r.status_code == 200, r.text
    rows = set(re.findall(r'id="cell-([A-Z0-9-]+)-pledge"', r.text))
    assert rows == {"H1-X1", "H1-X1-T1", "H1-X1-T2"}
    assert re.search(r'id="check-figures">Tính đến ngày [0-9/]+: 3 đơn vị,', r.text)


def _in_use(page: str) -> str:
    """The text of the line "Đang dùng" at the top of a page."""
    line = page.split('id="in-use"')[1].split("</p>")[0]
    return " ".join(re.sub(r"<[^>]+>", "", line.split(">", 1)[1]).split())


def test_every_page_says_at_its_top_what_it_works_on_and_links_to_the_panel(client):
    for path in ("/", "/ke-hoach", "/kiem-tra", "/bao-cao", "/mau-bieu", "/don-vi"):
        page = client.get(path).text
        assert page.index('id="in-use"') < page.index("<h1") < page.index('id="space"'), path
        assert _in_use(page) == (
            "Đang dùng: Kế hoạch năm: chưa có; Danh sách đơn vị: chưa có. Đơn vị của tôi: cả "
            "danh sách. Xem, thay hoặc bỏ tệp"
        )
        assert 'id="in-use-link" href="#space"' in page
    _keep(client, "roster", SMALL)
    client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/"})
    chosen = {"csrf": _token(client), "unit": "H1-X1", "name": "Xã Một", "back": "/"}
    client.post("/don-vi", data=chosen)
    assert _in_use(client.get("/kiem-tra").text).startswith(
        "Đang dùng: Kế hoạch năm: dữ liệu mẫu; Danh sách đơn vị: units-small.csv; Kết quả cuối "
        "năm: dữ liệu mẫu;"
    )
    assert "Đơn vị của tôi: Xã Một." in _in_use(client.get("/").text)


def test_every_file_field_has_the_pages_own_button_and_the_browsers_without_javascript(client):
    pages = [client.get(path).text for path in ("/", "/ke-hoach", "/kiem-tra")]
    fields = [f for page in pages for f in re.findall(r'<input type="file"[^>]*>', page)]
    assert len(fields) >= 8
    for field in fields:
        id_ = re.search(r'id="([^"]+)"', field)[1]
        assert 'class="file-input"' in field
        page = next(p for p in pages if field in p)
        assert re.search(f'<label for="{id_}" class="file-button">[^<]+</label>', page), id_
        assert f'id="{id_}-chosen" data-none="Chưa chọn tệp nào">Chưa chọn tệp nào<' in page
    assert '<noscript><link rel="stylesheet" href="/static/nojs.css"></noscript>' in pages[0]
    assert client.get("/static/nojs.css").status_code == 200


def test_results_of_the_chosen_unit_alone_are_taken(client, tmp_path):
    """The official of one village gives its own row of results: the other units owe none."""
    _keep(client, "campaign", FIXTURES / "campaign-vinh-linh-2025.yaml")
    _keep(client, "roster", FIXTURES / "units-vinh-linh-2025.csv")
    data = {"csrf": _token(client), "unit": "QT-VL-04", "name": "Thôn An Mỹ", "back": "/"}
    client.post("/don-vi", data=data)
    for role, name in (("results", "results"), ("scores", "scores")):
        source = FIXTURES / f"{name}-vinh-linh-2025.csv"
        lines = source.read_text(encoding="utf-8").splitlines()
        own = tmp_path / f"{name}-an-my.csv"
        own.write_text("\n".join([lines[0], *(x for x in lines if x.startswith("QT-VL-04,"))]))
        _keep(client, role, own)
    r = _generate(client, ("evaluation",))
    assert r.status_code == 200, r.text
    _, archive = _zip(client, r.text)
    names = [n for n in archive.namelist() if n.endswith(".docx")]
    assert names and all("QT-VL-04" in n for n in names)


def test_a_results_workbook_whose_scoring_sheet_is_wrong_is_refused_naming_its_sheet(
    client, tmp_path
):
    """A fault on the workbook's "Bảng điểm" sheet is this file's own, not another file's."""
    _keep(client, "campaign", FIXTURES / "campaign-vinh-linh-2025.yaml")
    _keep(client, "roster", FIXTURES / "units-vinh-linh-2025.csv")
    book = openpyxl.Workbook()
    results, scores = book.active, book.create_sheet("Bảng điểm")
    results.title = "Kết quả"
    for name, sheet in (("results", results), ("scores", scores)):
        source = FIXTURES / f"{name}-vinh-linh-2025.csv"
        for line in source.read_text(encoding="utf-8").splitlines():
            sheet.append(line.split(","))
    results["G2"] = "không"  # Xã Vĩnh Linh held no Ngày hội, yet its sheet scores one
    path = tmp_path / "ket-qua-vinh-linh.xlsx"
    book.save(path)
    _keep(client, "results", path)
    page = client.get("/").text
    assert "Chưa nhận tệp “ket-qua-vinh-linh.xlsx” (Kết quả cuối năm)" in page
    assert "ket-qua-vinh-linh.xlsx, trang Bảng điểm" in page
    assert "các tệp khác đang dùng còn lỗi" not in page
    assert "chưa có" in _given(page, "results")


def test_the_results_workbook_of_a_chosen_commune_has_its_figures_and_words(client, tmp_path):
    """Scoped to a commune: titled for it, with the Số liệu and Nhận xét sheets a row per unit,
    and, filled, it is taken back with its blank figures."""
    _keep(client, "campaign", FIXTURES / "campaign-vinh-linh-2025.yaml")
    _keep(client, "roster", FIXTURES / "units-vinh-linh-2025.csv")
    data = {"csrf": _token(client), "unit": "QT-VL", "name": "Xã Vĩnh Linh", "back": "/"}
    client.post("/don-vi", data=data)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/mau-bieu/ket-qua-cuoi-nam.xlsx").content))
    assert book.sheetnames == ["Kết quả", "Bảng điểm", "Số liệu", "Nhận xét"]
    assert str(book["Kết quả"]["A2"].value).startswith("Xã Vĩnh Linh:")
    codes = [r[0] for r in book["Số liệu"].iter_rows(min_row=5, values_only=True)]
    assert codes[0] == "QT-VL" and "QT-VL-04" in codes
    # Filled from the fixture's results and scores, the figures and words left blank.
    for sheet, name in (("Kết quả", "results"), ("Bảng điểm", "scores")):
        source = FIXTURES / f"{name}-vinh-linh-2025.csv"
        rows = [r.split(",") for r in source.read_text(encoding="utf-8").splitlines()[1:]]
        target = book[sheet]
        target.delete_rows(5, target.max_row)
        for row in rows:
            if name == "results":
                target.append([int(v) if c == 4 else v for c, v in enumerate(row)])  # Điểm
            else:
                target.append([row[0], row[1], int(row[2])])
    path = tmp_path / "ket-qua.xlsx"
    book.save(path)
    _keep(client, "results", path)
    assert "ket-qua.xlsx" in _given(client.get("/").text, "results")
