"""The check page that says what to do: the results field (recognition decisions owed), a day
and the kinds asked for, what is missing under each unit above, the files not placed by their
uploaded names, the input warnings, the workbook, and the same through /api/check."""

from __future__ import annotations

import io
import re
import shutil
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from antq_docs.web import create_app
from antq_docs.web.names import LiveZip
from tests.check.test_check import minimal_pdf
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SAMPLE_DIR, write_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# Each test checks the whole sample year through the page: the slow set (CI runs it).
pytestmark = pytest.mark.slow

RESULTS = SAMPLE_DIR / "results-kon-tum-2025.csv"
# How long a result page waits for its job: a check of the whole sample outlasts the page's
# second and a half, and the test reads the result, not the progress bar.
SETTLE = 60.0


@pytest.fixture(scope="module")
def sample_zip(year_end_sample, tmp_path_factory) -> bytes:
    """Every document of the sample with its year-end ones, zipped under the page's names."""
    archive = tmp_path_factory.mktemp("zip") / "ho-so.zip"
    with LiveZip(year_end_sample, archive, skip=(".antq-docs.lock", "register.sqlite")) as live:
        live.finish()
    return archive.read_bytes()


def _edited(data: bytes, drop: tuple[str, ...] = (), copy: dict[str, str] | None = None) -> bytes:
    """The ZIP without the members dropped, each member of copy holding another's content."""
    copy = copy or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in drop:
                dst.writestr(info, src.read(copy.get(info.filename, info.filename)))
    return out.getvalue()


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client that chose the sample (its campaign and rosters by period); its result pages
    wait for their check, which runs in the background (settle)."""
    client = TestClient(create_app(tmp_path / "data", settle=SETTLE))
    r = client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/"})
    assert r.status_code == 200
    return client


def _check(client: TestClient, docs: bytes, **fields) -> str:
    """Post the check form; the result page's HTML."""
    files = {"docs": ("ho-so.zip", docs)}
    if "results" in fields:
        files["results"] = fields.pop("results")
    r = client.post("/kiem-tra", data={"csrf": _token(client), **fields}, files=files)
    assert r.status_code == 200, r.text
    assert "/ket-qua/" in str(r.url)
    return r.text


def _missing(page: str, code: str) -> str:
    """The line of the missing list that names a unit."""
    return page.split(f'id="missing-unit-{code}">')[1].split("</li>")[0]


def test_with_the_results_a_removed_recognition_decision_is_listed(client, sample_zip):
    docs = _edited(sample_zip, drop=("cong-nhan/QNG-04-cong-nhan.docx",))
    page = _check(client, docs, results=(RESULTS.name, RESULTS.read_bytes()))
    assert _missing(page, "QNG-04") == (
        '<strong>Xã Đăk Tô</strong> (QNG-04): Công nhận <span class="file">'
        "cong-nhan/QNG-04-cong-nhan.docx</span>"
    )
    assert 'id="cell-QNG-04-recognition" class="thieu"' in page
    # Kept in the workspace, the results are used by the next check too; forgotten, no
    # recognition decision is asked for.
    assert 'id="missing-unit-QNG-04"' in _check(client, docs)
    client.post("/du-lieu/bo", data={"csrf": _token(client), "role": "results", "back": "/"})
    page = _check(client, docs)
    assert 'id="missing-unit-QNG-04"' not in page
    assert '<h2 id="check-summary">Đủ văn bản bắt buộc</h2>' in page


def test_before_the_evaluation_date_no_evaluation_is_asked_for(client, sample_zip):
    docs = _edited(
        sample_zip, drop=("danh-gia/KT-GD-02-danh-gia.docx", "cam-ket/KT-01-01-cam-ket.docx")
    )
    page = _check(client, docs, ngay="2025-11-01")
    assert (
        '<p id="not-due">Chưa đến hạn, không hỏi: báo cáo tự đánh giá, biên bản họp bình xét, '
        "báo cáo tổng kết.</p>" in page
    )
    assert 'id="check-figures">Tính đến ngày 01/11/2025: ' in page
    assert 'id="missing-unit-KT-GD-02"' not in page
    # No column, no cell of a kind not yet due.
    assert not re.search(r'id="cell-[A-Z0-9-]+-evaluation"', page)
    assert _missing(page, "KT-01-01").endswith(
        '<span class="file">cam-ket/KT-01-01-cam-ket.docx</span>'
    )
    assert 'id="ngay" name="ngay" value="2025-11-01"' in page
    # One click: every kind due today (the day and the boxes left aside).
    page = _check(client, docs, ngay="2025-11-01", kinds=["plan"], den_han="1")
    assert 'id="missing-unit-KT-GD-02"' in page
    assert 'id="not-due"' not in page
    assert 'id="check-kind-plan" name="kinds" value="plan">' in page


def test_an_evaluation_saved_as_a_pledge_is_listed_by_its_uploaded_name(client, sample_zip):
    pledge = "cam-ket/KT-01-01-01-cam-ket.docx"
    docs = _edited(sample_zip, copy={pledge: "danh-gia/KT-01-01-01-danh-gia.docx"})
    page = _check(client, docs, kinds=["pledge"])
    assert re.findall(r'<ul id="unplaced">\s*<li>(.*?)</li>', page) == [
        f'<span class="file">{pledge}</span> – <strong>khác loại</strong>: nội dung là báo cáo tự '
        "đánh giá (theo tiêu đề và trích yếu), không phải bản cam kết; không được tính"
    ]
    assert _missing(page, "KT-01-01-01").endswith(f'<span class="file">{pledge}</span>')
    assert 'id="check-kind-pledge" name="kinds" value="pledge" checked>' in page


def test_the_missing_list_is_grouped_under_each_unit_above(client, sample_zip):
    drop = (
        "cam-ket/KT-01-01-cam-ket.docx",
        "dang-ky/KT-01-01-dang-ky.docx",
        "cam-ket/KT-CQ-01-cam-ket.docx",
    )
    page = _check(client, _edited(sample_zip, drop=drop), ngay="2025-12-31")
    summaries = re.findall(r"<summary>(.*?)</summary>", page)
    assert summaries == [
        "Tỉnh Kon Tum (KT): 1 đơn vị thiếu 1 văn bản",
        "Thành phố Kon Tum (KT-01): 1 đơn vị thiếu 2 văn bản",
    ]
    assert _missing(page, "KT-01-01") == (
        '<strong>Phường Quyết Thắng</strong> (KT-01-01): Cam kết <span class="file">'
        'cam-ket/KT-01-01-cam-ket.docx</span>; Đăng ký <span class="file">'
        "dang-ky/KT-01-01-dang-ky.docx</span>"
    )


def test_the_workbook_downloads_for_the_chosen_unit(client, sample_zip):
    docs = _edited(sample_zip, drop=("cam-ket/KT-01-01-cam-ket.docx",))
    data = {"csrf": _token(client), "unit": "KT-01", "name": "Thành phố Kon Tum", "back": "/"}
    client.post("/don-vi", data=data)
    page = _check(client, docs)
    link = page.split('id="download-xlsx" href="')[1].split('"')[0].replace("&amp;", "&")
    r = client.get(link)
    assert r.headers["content-disposition"] == 'attachment; filename="kiem-tra-KT-01.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    sheet = book["Kiểm tra"]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # The units of the page's matrix: the city, its wards and villages, its enterprise.
    assert codes == re.findall(r'id="cell-([A-Z0-9-]+)-pledge"', page)
    assert {"KT-01", "KT-01-01", "KT-DN-01"} <= set(codes) and "KT-02" not in codes
    heads = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "KT-01-01")
    cell = row[heads.index("Cam kết")]
    assert (cell.value, cell.fill.fgColor.rgb) == ("thiếu", "00EF9A9A")


def test_input_warnings_are_shown_without_a_path_or_an_option(tmp_path):
    client = TestClient(create_app(tmp_path / "data", settle=SETTLE))
    roster = write_csv(
        tmp_path / "danh sach xa.csv",
        (FIXTURES / "units-small.csv")
        .read_text(encoding="utf-8")
        .replace("Chi bộ\n", "Chi bộ,Ghi chú riêng\n", 1),
    )
    given = {"campaign": (SAMPLE_CAMPAIGN.name, SAMPLE_CAMPAIGN.read_bytes())}
    given["units"] = (roster.name, roster.read_bytes())
    made = client.post("/api/generate", data={"kinds": ["pledge"]}, files=given)
    assert made.status_code == 200, made.text
    page = _check(client, _edited(made.content, drop=("cam-ket/H1-X1-cam-ket.docx",)))
    assert "tệp danh sach xa.csv, cột K &#39;Ghi chú riêng&#39;: chương trình không đọc" in page
    assert "“Danh sách đơn vị theo thời kỳ”" in page  # the campaign's key, by its label
    text = re.sub(r"<[^>]+>", " ", page)
    assert "--" not in text and "danh_sach_don_vi" not in text
    for hidden in (str(tmp_path), "/jobs/", "/spaces/", "fixtures/", "ke-hoach.yaml"):
        assert hidden not in page


def test_the_api_takes_the_day_the_kinds_and_the_results(client, sample_zip):
    pledge = "cam-ket/KT-01-01-01-cam-ket.docx"
    docs = _edited(
        sample_zip,
        drop=("cam-ket/KT-01-01-cam-ket.docx", "cong-nhan/QNG-04-cong-nhan.docx"),
        copy={pledge: "danh-gia/KT-01-01-01-danh-gia.docx"},
    )
    r = client.post(
        "/api/check",
        data={"ngay": "31/3/2025", "kinds": ["pledge", "registration"]},
        files={"docs": ("ho-so.zip", docs)},
    )
    assert r.status_code == 200, r.text
    data = r.json()
    assert (data["as_of"], data["kinds"], data["not_due"]) == (
        "2025-03-31",
        ["pledge", "registration"],
        [],
    )
    assert data["missing_by_parent"] == [
        {"parent": "KT-01-01", "units": [{"unit": "KT-01-01-01", "kinds": ["pledge"]}]},
        {"parent": "KT-01", "units": [{"unit": "KT-01-01", "kinds": ["pledge"]}]},
    ]
    assert [(u["path"], u["problem"], u["kind"]) for u in data["unplaced"]] == [
        (pledge, "other-kind", "evaluation")
    ]
    assert [m["expected"] for m in data["missing"]] == [pledge, "cam-ket/KT-01-01-cam-ket.docx"]
    # With the results, and every kind due by the end of the year: the decision is owed.
    r = client.post(
        "/api/check",
        data={"ngay": "31/12/2025", "kinds": "recognition"},
        files={"docs": ("ho-so.zip", docs), "results": (RESULTS.name, RESULTS.read_bytes())},
    )
    assert [m["expected"] for m in r.json()["missing"]] == ["cong-nhan/QNG-04-cong-nhan.docx"]
    r = client.post("/api/check", data={"ngay": "31/02/2025"}, files={"docs": ("x.zip", docs)})
    assert r.status_code == 400
    assert r.json()["error"] == (
        "Ngày kiểm tra “31/02/2025” không phải một ngày: hãy ghi NGÀY/THÁNG/NĂM, ví dụ 31/3/2025."
    )


def test_a_zip_of_one_folder_names_its_files_with_that_folder(client, sample_zip, tmp_path):
    pledge = "cam-ket/KT-01-01-01-cam-ket.docx"
    docs = _edited(sample_zip, copy={pledge: "danh-gia/KT-01-01-01-danh-gia.docx"})
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(io.BytesIO(docs)) as zf:
        zf.extractall(folder / "ho-so")
    shutil.make_archive(str(tmp_path / "wrapped"), "zip", folder)
    r = client.post(
        "/api/check",
        data={"kinds": "pledge"},
        files={"docs": ("ho-so.zip", Path(tmp_path / "wrapped.zip").read_bytes())},
    )
    assert [u["path"] for u in r.json()["unplaced"]] == [f"ho-so/{pledge}"]


def test_a_day_that_is_no_date_comes_back_with_the_choices_kept(client):
    r = client.post(
        "/kiem-tra",
        data={"csrf": _token(client), "ngay": "31/02/2025", "kinds": ["pledge", "plan"]},
        files={"docs": ("ho-so.zip", b"PK\5\6" + bytes(18))},
    )
    assert r.status_code == 400
    error = r.text.split('id="error"')[1].split("</div>")[0]
    assert "Ngày kiểm tra “31/02/2025” không phải một ngày" in error
    assert 'id="ngay" name="ngay" value="31/02/2025"' in r.text
    ticked = re.findall(r'id="check-kind-([a-z-]+)" name="kinds" value="[a-z-]+" checked>', r.text)
    assert ticked == ["pledge", "plan"]


def test_signed_copies_asked_a_draft_alone_shows_unsigned(client, sample_zip):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample_zip)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("cam-ket/KT-01-01-cam-ket.pdf", minimal_pdf())
    docs = out.getvalue()
    page = _check(client, docs, ngay="2025-03-31", kinds=["pledge"])
    assert 'id="cell-KT-01-01-pledge" class="co-pdf" data-status="signed">đã ký<' in page
    assert 'id="cell-KT-01-02-pledge" class="co" data-status="present">đã soạn<' in page
    assert "; đã ký 1.</p>" in page
    page = _check(client, docs, ngay="2025-03-31", kinds=["pledge"], da_ky="1")
    assert 'id="cell-KT-01-01-pledge" class="co-pdf" data-status="signed">đã ký<' in page
    assert 'id="cell-KT-01-02-pledge" class="chua-ky" data-status="unsigned">chưa ký<' in page
    assert re.search(
        r'<h2 id="check-summary">Chưa đủ: thiếu 0, không hợp lệ 0, chưa ký \d+</h2>', page
    )
    assert "(chỉ tính bản đã ký); đã ký 1.</p>" in page
    assert 'id="da-ky" name="da_ky" value="1" checked' in page
