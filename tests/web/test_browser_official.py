"""A commune's official, first time on the page, from the blank roster workbook to the year's
report, in Chromium at the office laptop's size and at a phone's (slow: Debian's Chromium driven
by Playwright). Their commune is their own, not the sample's; no page ever scrolls sideways."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.helpers import full_text
from tools.screenshots import VIEWPORT

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
# The commune's own roster: the commune, its villages (code, name, Loại, above, head, title,
# households, Ký hiệu, Bí thư).
UNITS = [
    ("HB", "Xã Hòa Bình", "Xã", "", "Nguyễn Thị Hạnh", "Chủ tịch UBND xã", "", "UBND", "Trần Việt"),
    ("HB-01", "Thôn Hòa Lộc", "Thôn", "HB", "Đinh Văn Rin", "Trưởng thôn", 212, "", ""),
    ("HB-02", "Làng Kép", "Làng", "HB", "Ksor Nhíp", "Trưởng làng", 148, "", ""),
    ("HB-03", "Thôn An Lương", "Thôn", "HB", "Phạm Thị Mai", "Trưởng thôn", 96, "", ""),
]
COLUMNS = (
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại",
    "Mã cấp trên",
    "Người đứng đầu",
    "Chức vụ",
    "Số hộ",
    "Ký hiệu",
    "Bí thư",
)
# Taken out of the ZIP before the check: a village's pledge and the commune's own plan.
REMOVED = ("cam-ket/HB-01-cam-ket.docx", "ke-hoach/HB-ke-hoach.docx")

# Elements that stick out of the page sideways, leaving out those inside a box that scrolls.
_STICKING_OUT = """() => { const width = document.documentElement.clientWidth; const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (!r.width || getComputedStyle(e).position === 'absolute') continue;
    if (r.right <= width + 1 && r.left >= -1) continue;
    let boxed = false;
    for (let p = e.parentElement; p && !boxed; p = p.parentElement) {
      boxed = ['auto', 'scroll'].includes(getComputedStyle(p).overflowX);
    }
    if (!boxed) out.push(e.tagName + '#' + e.id + ' ' + Math.round(r.right));
  }
  return out; }"""


def _fits(page) -> None:
    """Nothing on the page is wider than the window: wide tables scroll in their own box."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert page.evaluate(_STICKING_OUT) == [], page.url


def _give(page, role: str, path: Path) -> None:
    """Give a file in the panel "Dữ liệu đang dùng" and wait for the page to say it."""
    page.set_input_files(f"#keep-{role}", path)
    assert page.inner_text(f"#keep-{role}-chosen") == path.name
    page.evaluate("document.getElementById('said')?.remove()")
    page.click(f"#keep-{role}-submit")
    page.wait_for_selector("#said")


def _download(page, selector: str, target: Path) -> Path:
    """Click a link that downloads a file; the file saved as target."""
    with page.expect_download() as download:
        page.click(selector)
    download.value.save_as(target)
    return target


def _fill_roster(path: Path, heading: dict[str, str] | None = None) -> Path:
    """The downloaded roster workbook with the commune's units, headings changed by heading."""
    book = openpyxl.load_workbook(path)
    sheet = book["Danh sách đơn vị"]
    where = {cell.value: cell.column for cell in sheet[4]}
    for row, unit in enumerate(UNITS, start=5):
        for column, value in zip(COLUMNS, unit, strict=True):
            if value != "":
                sheet.cell(row, where[column], value)
    for old, new in (heading or {}).items():
        sheet.cell(4, where[old], new)
    book.save(path)
    return path


def _fill_results(path: Path) -> Path:
    """The downloaded results workbook (the commune's rows already in it) filled: every unit
    registered, up to the standard, its Ngày hội held, full marks on every scoring item."""
    book = openpyxl.load_workbook(path)
    results, items = book["Kết quả"], book["Bảng điểm"]
    where = {cell.value: cell.column for cell in results[4]}
    for row in range(5, results.max_row + 1):
        for column, value in (("Đăng ký", "có"), ("Đạt chuẩn", "đạt"), ("Ngày hội", "có")):
            results.cell(row, where[column], value)
        results.cell(row, where["Điểm"], 100)
    marks = {cell.value: cell.column for cell in items[4]}
    for row in range(5, items.max_row + 1):
        items.cell(row, marks["Điểm"], items.cell(row, marks["Điểm tối đa"]).value)
    book.save(path)
    return path


def _without(archive: Path, removed: tuple[str, ...], target: Path) -> Path:
    """A copy of a ZIP without some of its files."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if info.filename not in removed:
                dst.writestr(info, src.read(info))
    return target


def _first_visit(page, site: str) -> None:
    """Nothing given yet: no sample anywhere until its button is pressed, gone when undone."""
    for path in ("/", "/kiem-tra", "/bao-cao", "/mau-bieu"):
        page.goto(site + path)
        _fits(page)
        assert page.locator("#sample-banner").count() == 0, path
    page.click("#sample-on")
    assert page.locator("#sample-banner").is_visible()
    page.click("#sample-off")
    assert page.locator("#sample-banner").count() == 0


def _the_roster(page, site: str, tmp_path: Path) -> None:
    """The blank roster downloaded and filled; a misspelt heading named once, then the good one."""
    page.goto(site + "/mau-bieu")
    blank = _download(page, "#blank-roster", tmp_path / "danh-sach-don-vi.xlsx")
    typo = tmp_path / "danh-sach-go-sai.xlsx"
    typo.write_bytes(blank.read_bytes())
    _fill_roster(typo, {"Mã cấp trên": "Mã cấp trê"})
    _give(page, "roster", typo)
    rows = page.locator("#said-findings tr.finding")
    assert rows.count() == 1
    assert "Cột 'Mã cấp trê': có phải 'Mã cấp trên'?" in rows.inner_text()
    _fits(page)
    _give(page, "roster", _fill_roster(blank))
    assert page.locator("#said-findings").count() == 0
    assert "danh-sach-don-vi.xlsx" in page.inner_text("#in-use-roster")


def _the_plan(page, site: str) -> None:
    """The year plan on its form: next year, the province, the sample's reorganisation and its
    target named to a unit of the sample taken out; saved with its dates moved to 2026."""
    page.goto(site + "/ke-hoach")
    _fits(page)
    page.fill("#f-nam", "2026")
    page.fill("#f-tinh", "Gia Lai")
    for table in ("thay_doi_to_chuc", "danh_sach_don_vi"):
        part = page.locator(f"details.section:has(#f-{table})")
        part.locator("summary").click()
        rows = page.locator(f"#f-{table} > fieldset.row")
        while rows.count():
            rows.first.locator("button.remove-row").click()
    page.locator("details.section:has(#f-chi_tieu) > summary").click()
    page.click("#f-chi_tieu-10 button.remove-row")
    _fits(page)
    page.click("#save")
    page.wait_for_selector("#saved")
    assert "Năm của kế hoạch đã đổi từ 2025 sang 2026" in page.inner_text("main")
    assert page.locator("#problems").count() == 0


def _the_documents(page, site: str, tmp_path: Path) -> Path:
    """The commune picked by its name typed without marks; its documents as a ZIP of
    Vietnamese names; the result page reloaded runs nothing."""
    page.goto(site + "/don-vi")
    page.fill("#unit-search", "hoa binh")
    page.click("#units-search-submit")
    _fits(page)
    page.click("#choose-HB")
    assert "Xã Hòa Bình" in page.inner_text("#in-use")
    page.click("#nav-soan")
    page.click("#generate-submit")
    page.wait_for_selector("#download-zip")
    _fits(page)
    archive = _download(page, "#download-zip", tmp_path / "van-ban.zip")
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        pledge = full_text(Document(io.BytesIO(zf.read("cam-ket/HB-02-cam-ket.docx"))))
    assert {"cam-ket/HB-03-cam-ket.docx", "dang-ky/HB-03-dang-ky.docx", *REMOVED} <= names
    assert {"kh-ngay-hoi/HB-kh-ngay-hoi.docx", "nghi-quyet/HB-nghi-quyet.docx"} <= names
    assert "Làng Kép" in pledge and "HÒA BÌNH" in pledge.upper()
    jobs = sorted((tmp_path / "data" / "jobs").iterdir())
    listed = page.locator("#jobs li").count()
    summary = page.inner_text("#summary")
    page.reload()
    assert page.inner_text("#summary") == summary
    assert sorted((tmp_path / "data" / "jobs").iterdir()) == jobs
    assert page.locator("#jobs li").count() == listed
    return archive


def _the_check(page, site: str, archive: Path, tmp_path: Path) -> None:
    """The ZIP checked without two of its files: both named, and nothing else missing."""
    docs = _without(archive, REMOVED, tmp_path / "ho-so-thieu.zip")
    page.goto(site + "/kiem-tra")
    page.set_input_files("#docs", docs)
    assert page.inner_text("#docs-chosen") == "ho-so-thieu.zip"
    page.fill("#ngay", "2026-08-01")  # after the Ngày hội plans, before the year's end
    page.click("#check-submit")
    page.wait_for_selector("#check-summary")
    _fits(page)
    assert page.inner_text("#check-summary").startswith("Chưa đủ: thiếu 2")
    listed = page.locator("#missing .file").all_inner_texts()
    assert sorted(listed) == sorted(REMOVED)


def _the_report(page, site: str, tmp_path: Path) -> None:
    """The results workbook of the commune downloaded, filled, given; the commune's report."""
    page.goto(site + "/mau-bieu")
    results = _download(page, "#blank-results", tmp_path / "ket-qua-cuoi-nam.xlsx")
    _give(page, "results", _fill_results(results))
    assert page.locator("#said-findings").count() == 0
    page.goto(site + "/bao-cao")
    page.click("#report-submit")
    page.wait_for_selector("#report-indicators")
    _fits(page)
    assert page.inner_text("#report-level").endswith("Xã Hòa Bình (HB)")
    report = _download(page, "#download-report", tmp_path / "bao-cao.docx")
    text = full_text(Document(str(report)))
    assert "HÒA BÌNH" in text.upper() and "năm 2026" in text


@pytest.mark.parametrize("size", [VIEWPORT, PHONE], ids=["1366x768", "390x844"])
def test_a_communes_official_goes_from_the_blank_roster_to_the_years_report(
    browser, site, tmp_path, size
):
    context = browser.new_context(viewport=size, accept_downloads=True)
    page = context.new_page()
    _first_visit(page, site)
    _the_roster(page, site, tmp_path)
    _the_plan(page, site)
    archive = _the_documents(page, site, tmp_path)
    _the_check(page, site, archive, tmp_path)
    _the_report(page, site, tmp_path)
    assert page.locator("#sample-banner").count() == 0
    context.close()
