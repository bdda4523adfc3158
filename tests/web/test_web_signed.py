"""The page of signed scans: a folder's ZIP and a pile of scans filed in the background, the
filed ones listed, a page left shown by its picture and filed by a click, the folder handed out
again with its signed copies; a file that is no scan refused by its name; nothing of another
request reached."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from antq_docs.identity import Identity
from antq_docs.web import create_app, pages, signed_page
from tests.intake.scans import degrade, drawn_page, scan_pdf
from tests.web.conftest import pledges_zip
from tests.web.test_web_jobs import Gate, _finish, _progress

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# Scans made and read, a web job run for each: the slow set (CI runs it).
pytestmark = pytest.mark.slow

DPI = 150
UNITS = ["KT-01-01-01", "KT-01-01-02", "KT-02-01-01"]
# A job runs in the background: the result page waits for it rather than show its progress.
SETTLE = 60.0


@pytest.fixture(scope="module")
def folder_zip(tmp_path_factory) -> bytes:
    """The pledges of three units made by generate, zipped under the page's names."""
    return pledges_zip(tmp_path_factory.mktemp("docs"), UNITS).read_bytes()


def drawn(label: str, unit: str | None = None) -> Image.Image:
    """A drawn page, with the QR code of the unit's pledge when given."""
    code = Identity(unit, "pledge", "", dt.date(2025, 3, 25)) if unit else None
    return drawn_page([label], code, DPI)


def scanned(path: Path, pages: list[Image.Image]) -> bytes:
    """The pages scanned into one PDF, as its bytes."""
    rng = random.Random(3)
    return scan_pdf([degrade(p, rng, upside_down=False) for p in pages], path, DPI).read_bytes()


@pytest.fixture
def client(tmp_path, monkeypatch) -> TestClient:
    """A client that chose the sample, on a server without Tesseract (the uncoded page is
    left at once, as OCR off leaves it)."""
    monkeypatch.setattr("antq_docs.intake.ocr_available", lambda: False)
    monkeypatch.setattr("antq_docs.web.signed_page.ocr_available", lambda: False)
    client = TestClient(create_app(tmp_path / "data", settle=SETTLE))
    r = client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/"})
    assert r.status_code == 200
    return client


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


def _post(client: TestClient, docs: bytes, scans: list[tuple[str, bytes]], **options):
    files = [("docs", ("ho-so.zip", docs)), *(("scans", s) for s in scans)]
    return client.post("/ban-da-ky", data={"csrf": _token(client)}, files=files, **options)


@pytest.fixture
def pile(tmp_path) -> bytes:
    """One scan: a page nobody can place, then two coded pledges of one page each (OCR off,
    a page after a coded first page would be left with it: no page number is read)."""
    pages = [drawn("?"), drawn("1", "KT-01-01-01"), drawn("1", "KT-02-01-01")]
    return scanned(tmp_path / "scan.pdf", pages)


def _job(page) -> str:
    return str(page.url).rsplit("/", 1)[-1]


def test_the_page_says_ocr_is_off_and_is_in_the_navigation(client):
    page = client.get("/ban-da-ky").text
    assert 'id="nav-ban-da-ky"' in page and 'aria-current="page"' in page
    assert "Máy chủ chưa cài Tesseract (đọc chữ)" in page


def test_scans_are_filed_a_page_left_is_assigned_by_a_click_and_downloaded(
    client, folder_zip, pile
):
    page = _post(client, folder_zip, [("scan.pdf", pile)])
    assert page.status_code == 200, page.text
    text = page.text
    assert "Đã xếp 2 bản ký; còn 1 trang chưa xếp" in text
    filed = re.search(r'<table id="filed".*?</table>', text, re.S).group(0)
    assert "Tổ dân phố 1 (KT-01-01-01)" in filed and "Tổ dân phố 1 (KT-02-01-01)" in filed
    assert "cam-ket/KT-01-01-01-cam-ket.pdf" in filed and "mã QR" in filed
    assert "Máy chủ chưa cài Tesseract" in text
    job = _job(page)
    [src] = re.findall(rf'src="(/ban-da-ky/{job}/anh/[^"]+)"', text)
    picture = client.get(src)
    assert picture.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(picture.content)).size[1] > 600
    # The choices are the documents of the ZIP still unsigned: the third unit's pledge only.
    choices = re.findall(r'<option value="([^"]+)">', text)
    assert choices == ["KT-01-01-02/pledge"]
    data = {"csrf": _token(client), "scan": "scan.pdf", "trang": "1", "van_ban": choices[0]}
    after = client.post(f"/ban-da-ky/{job}/xep", data=data)
    assert after.status_code == 200, after.text
    assert "Đã xếp 3 bản ký" in after.text and 'id="nothing-left"' in after.text
    assert "xếp tay" in after.text
    assert client.get(src).status_code == 404  # a page filed is no longer shown
    download = client.get(f"/tai/{job}/ho-so-da-ky.zip")
    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as zf:
        names = set(zf.namelist())
        assert all(name.isascii() for name in names)
        signed = {n for n in names if n.endswith(".pdf")}
        assert signed == {
            f"cam-ket/{unit}-cam-ket.pdf" for unit in ("KT-01-01-01", "KT-01-01-02", "KT-02-01-01")
        }
        assert len(PdfReader(io.BytesIO(zf.read("cam-ket/KT-01-01-01-cam-ket.pdf"))).pages) == 1
        assert len(PdfReader(io.BytesIO(zf.read("cam-ket/KT-01-01-02-cam-ket.pdf"))).pages) == 1
    assert 'href="/kiem-tra"' in after.text
    # The folder handed out is what the check page reads: the three pledges signed.
    files = {"docs": ("ho-so-da-ky.zip", download.content)}
    form = {"csrf": _token(client), "kinds": "pledge", "da_ky": "1", "ngay": "2025-12-31"}
    checked = client.post("/kiem-tra", data=form, files=files).text
    for unit in UNITS:
        assert f'id="cell-{unit}-pledge" class="co-pdf" data-status="signed"' in checked


def test_a_province_s_many_documents_are_searched_and_its_pages_left_paged(
    client, folder_zip, tmp_path, monkeypatch
):
    monkeypatch.setattr(pages, "PICK_MOST", 2)
    monkeypatch.setattr(pages, "LEFT_PER_PAGE", 1)
    left = scanned(tmp_path / "x.pdf", [drawn("?"), drawn("?")])
    job = _job(_post(client, folder_zip, [("x.pdf", left)]))
    page = client.get(f"/ket-qua/{job}").text
    assert "Trang chưa xếp được (2), trang 1/2 của danh sách" in page
    assert "3 văn bản chưa có bản ký; ô chọn dưới mỗi trang chỉ liệt kê 2 văn bản" in page
    assert "còn 1 văn bản nữa: gõ tên để tìm" in page
    found = client.get(f"/ket-qua/{job}", params={"tim": "to dan pho 2"}).text
    assert re.findall(r'<option value="([^"]+)">', found) == ["KT-01-01-02/pledge"]
    by_code = client.get(f"/ket-qua/{job}", params={"tim": "KT-02", "trang": "2"}).text
    assert re.findall(r'<option value="([^"]+)">', by_code) == ["KT-02-01-01/pledge"]
    assert "x.pdf</span>, trang 2:" in by_code and "x.pdf</span>, trang 1:" not in by_code
    none = client.get(f"/ket-qua/{job}", params={"tim": "khong co"}).text
    assert "Không có văn bản nào khớp “khong co”" in none
    data = {"csrf": _token(client), "scan": "x.pdf", "trang": "2", "van_ban": "KT-02-01-01/pledge"}
    after = client.post(f"/ban-da-ky/{job}/xep", data={**data, "tim": "KT-02", "xem": "2"})
    assert str(after.url).endswith(f"/ket-qua/{job}?tim=KT-02&trang=2#chua-xep")
    assert "Đã xếp 1 bản ký; còn 1 trang chưa xếp" in after.text
    assert "x.pdf</span>, trang 1:" in after.text  # the list's last page is now its first


def test_a_wrong_choice_is_said_and_files_nothing(client, folder_zip, pile):
    page = _post(client, folder_zip, [("scan.pdf", pile)])
    job = _job(page)
    data = {"csrf": _token(client), "scan": "scan.pdf", "trang": "1", "van_ban": "KT-01/pledge"}
    after = client.post(f"/ban-da-ky/{job}/xep", data=data)
    assert "Chưa chọn văn bản để xếp trang vào" in after.text
    data = {**data, "van_ban": "KT-01-01-02/pledge", "trang": "9"}
    after = client.post(f"/ban-da-ky/{job}/xep", data=data)
    assert "scan.pdf: trang “9” không có trong tệp quét (tệp có 3 trang" in after.text
    assert "Đã xếp 2 bản ký; còn 1 trang chưa xếp" in after.text


def test_scans_in_a_zip_and_photos_are_filed_and_one_unit_chosen_limits_them(
    client, folder_zip, tmp_path
):
    chosen = {"csrf": _token(client), "unit": "KT-01-01", "name": "Phường Quyết Thắng"}
    assert client.post("/don-vi", data={**chosen, "back": "/don-vi"}).status_code == 200
    photo = io.BytesIO()
    drawn("1", "KT-01-01-02").save(photo, "JPEG", quality=80)
    other = scanned(tmp_path / "b.pdf", [drawn("1", "KT-02-01-01")])
    pack = io.BytesIO()
    with zipfile.ZipFile(pack, "w") as zf:
        zf.writestr("dien-thoai/anh.jpg", photo.getvalue())
        zf.writestr("may-quet/b.pdf", other)
        # Another folder's scan of the same name: read as well, under a name of its own.
        zf.writestr("may-quet-2/b.pdf", scanned(tmp_path / "c.pdf", [drawn("1", "KT-01-01-01")]))
        zf.writestr("__MACOSX/._b.pdf", b"")
    page = _post(client, folder_zip, [("quet.zip", pack.getvalue())])
    assert page.status_code == 200, page.text
    filed = re.search(r'<table id="filed".*?</table>', page.text, re.S).group(0)
    assert "Tổ dân phố 2 (KT-01-01-02)" in filed and "anh.jpg" in filed
    assert "Tổ dân phố 1 (KT-01-01-01)" in filed and re.search(r">[0-9]+-b\.pdf<", filed)
    assert "KT-02-01-01" not in filed  # outside the unit chosen: left, never filed
    assert "b.pdf</span>, trang 1: mã QR ghi KT-02-01-01" in page.text
    # Every document of the unit chosen is signed: nothing is left to file the page as.
    assert re.findall(r'<option value="([^"]+)">', page.text) == []
    assert "không còn văn bản nào để xếp trang này vào" in page.text


def test_a_zip_without_scans_is_refused(client, folder_zip):
    pack = io.BytesIO()
    with zipfile.ZipFile(pack, "w") as zf:
        zf.writestr("__MACOSX/._scan.pdf", b"")
    page = _post(client, folder_zip, [("quet.zip", pack.getvalue())])
    assert page.status_code == 400
    assert "Chưa chọn tệp quét" in page.text


@pytest.mark.parametrize("inside_zip", [False, True])
def test_a_file_that_is_no_scan_is_refused_by_its_name(client, folder_zip, inside_zip):
    note = ("ghi-chu.docx", b"not a scan")
    if inside_zip:
        pack = io.BytesIO()
        with zipfile.ZipFile(pack, "w") as zf:
            zf.writestr("ghi-chu.docx", note[1])
        note = ("quet.zip", pack.getvalue())
    page = _post(client, folder_zip, [note])
    assert page.status_code == 400
    assert "Tệp “ghi-chu.docx”" in page.text
    assert "không phải bản quét PDF" in page.text


def test_nothing_of_another_request_is_reached(client, folder_zip, pile, tmp_path):
    job = _job(_post(client, folder_zip, [("scan.pdf", pile)]))
    text = client.get(f"/ket-qua/{job}").text
    [src] = re.findall(rf'src="(/ban-da-ky/{job}/anh/[^"]+)"', text)
    name = src.rsplit("/", 1)[-1]
    other = TestClient(client.app)
    data = {
        "csrf": _token(other),
        "scan": "scan.pdf",
        "trang": "1",
        "van_ban": "KT-01-01-02/pledge",
    }
    assert other.post(f"/ban-da-ky/{job}/xep", data=data).status_code == 404
    unsigned = {k: v for k, v in data.items() if k != "csrf"}
    assert client.post(f"/ban-da-ky/{job}/xep", data=unsigned).status_code == 403
    for path in (
        f"/ban-da-ky/{job}/anh/..%2Fmanifest.json",
        f"/ban-da-ky/{job}/anh/{name.replace('001', '009')}",
        f"/tai/{job}/docs/manifest.json",
        f"/tai/{job}/in/scans/scan.pdf",
    ):
        assert client.get(path).status_code == 404, path
    # Another request's job holds no such picture: each job serves only the pages it left.
    second = _job(_post(client, folder_zip, [("b.pdf", scanned(tmp_path / "b.pdf", [drawn("x")]))]))
    assert client.get(f"/ban-da-ky/{second}/anh/{name}").status_code == 404
    assert client.get(src).status_code == 200


def test_a_folder_that_is_no_zip_is_refused_by_its_name(client, pile):
    page = _post(client, b"not a zip", [("scan.pdf", pile)])
    assert page.status_code == 400
    assert "Tệp ZIP “ho-so.zip”: không phải tệp ZIP" in page.text
    assert 'id="signed-form"' in page.text


def test_the_pages_read_are_the_progress_and_the_job_runs_once(
    client, folder_zip, pile, monkeypatch
):
    gate = Gate(signed_page.intake)
    monkeypatch.setattr(signed_page, "intake", gate)
    client.app.state.settle_s = 0
    sent = _post(client, folder_zip, [("scan.pdf", pile)], follow_redirects=False)
    where = sent.headers["location"]
    assert gate.reported.wait(60)
    state = _progress(client, where)
    assert (state["step"], state["label"]) == ("intake", "Đang đọc các trang quét")
    assert (state["done"], state["total"]) == (1, 3)
    assert "Đang đọc các trang quét" in client.get(where).text
    gate.open.set()
    _finish(client)
    for _ in range(2):
        assert "Đã xếp 2 bản ký" in client.get(where).text
    assert gate.calls == 1


def test_a_second_scan_names_both_sources_and_a_rerun_files_nothing_again(
    client, folder_zip, pile, tmp_path
):
    job = _job(_post(client, folder_zip, [("scan.pdf", pile)]))
    filed = client.get(f"/tai/{job}/ho-so-da-ky.zip").content
    again = scanned(tmp_path / "b.pdf", [drawn("1", "KT-01-01-01")])
    page = _post(client, filed, [("scan.pdf", pile), ("b.pdf", again)]).text
    assert "Đã xếp 0 bản ký" in page
    assert "Đã xếp từ trước (không làm lại): 2 bản." in page
    seconds = re.search(r'<ul id="seconds">.*?</ul>', page, re.S).group(0)
    assert (
        "Tổ dân phố 1 (KT-01-01-01)</strong>, bản cam kết: bản đã xếp từ scan.pdf trang 2"
        in seconds
    )
    assert 'bản này từ <span class="file">b.pdf</span> trang 1' in seconds


@pytest.mark.parametrize("pages", ["0", "1-99999999", "x"])
def test_pages_that_no_scan_has_are_said_and_file_nothing(client, folder_zip, pile, pages):
    job = _job(_post(client, folder_zip, [("scan.pdf", pile)]))
    data = {
        "csrf": _token(client),
        "scan": "scan.pdf",
        "trang": pages,
        "van_ban": "KT-01-01-02/pledge",
    }
    after = client.post(f"/ban-da-ky/{job}/xep", data=data)
    assert after.status_code == 200
    assert "không phải số trang" in after.text or "không có trong tệp quét" in after.text
    assert "còn 1 trang chưa xếp" in after.text
