"""The web page as a commune official meets it: what to type in a column a document needs, the
results workbook of their own roster, their file names as given, the year-end fields they must
fill, one place to give files, an answer at the top of the page to every upload."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from antq_docs.messages import documents as documents_msg
from antq_docs.messages import inputs as inputs_msg
from antq_docs.messages import tables as tables_msg
from antq_docs.web import create_app
from antq_docs.web.views import public
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# The first official trial, replayed request by request: the slow set (CI runs it).
pytestmark = pytest.mark.slow

SMALL = FIXTURES / "units-small.csv"
HEADER = "Mã đơn vị,Tên đơn vị,Loại,Mã cấp trên,Người đứng đầu,Chức vụ,Ký hiệu"
# A commune with its school, whose Ký hiệu the official left empty.
SCHOOL_WITHOUT_ABBR = [
    "QT,Tỉnh Quảng Trị,Tỉnh,,Hoàng Văn An,Chủ tịch UBND tỉnh,",
    "QT-VL,Xã Vĩnh Linh,Xã,QT,Lê Văn Bình,Chủ tịch UBND xã,",
    "QT-VL-KP1,Khu phố 1,Khu phố,QT-VL,Trần Văn Cường,Trưởng khu phố,",
    "QT-VL-GD1,Trường THCS Vĩnh Linh,Trường,QT-VL,Phan Thị Dung,Hiệu trưởng,",
]


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client of an app over a fresh data folder, that gave nothing yet."""
    return TestClient(create_app(tmp_path / "data"))


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


def _keep(
    client: TestClient, role: str, data: bytes, name: str, back: str = "/"
) -> tuple[int, str]:
    """Give one file in the panel; the status and the page it answers with."""
    form = {"csrf": _token(client), "role": role, "back": back}
    r = client.post("/du-lieu", data=form, files={"file": (name, data)})
    return r.status_code, r.text


def _roster(tmp_path: Path, rows: list[str]) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _findings(html: str, table_id: str = "findings") -> list[list[str]]:
    """The cells of each row of a findings table: file, row, column, message."""
    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    rows = table.split('class="finding"')[1:]
    return [[_text(c).strip() for c in re.findall(r"<td>(.*?)</td>", row)] for row in rows]


def test_an_empty_ky_hieu_of_a_school_says_what_to_type(client, tmp_path):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", _roster(tmp_path, SCHOOL_WITHOUT_ABBR), "Danh sach VL.csv")
    r = client.post("/soan", data={"csrf": _token(client), "kinds": ["plan"]})
    # Only the school's plan needs its ký hiệu: the commune's is made, the school's is named.
    assert r.status_code == 200
    shown = _text(r.text)
    assert (
        "Cảnh báo: chưa soạn kế hoạch năm của QT-VL-GD1 vì thiếu dữ liệu — Danh sach VL.csv, "
        "dòng 5, cột G (Ký hiệu), đơn vị QT-VL-GD1: thiếu giá trị, cần cho kế hoạch năm. Ghi ký "
        "hiệu của đơn vị: chữ viết tắt tên đơn vị, đứng sau loại văn bản trong số "
        "(05/KH-THCSVL), ví dụ “THCSVL” cho Trường THCS Vĩnh Linh."
    ) in shown
    assert "ke-hoach/QT-VL-ke-hoach.docx" in shown


def test_the_guide_says_for_whom_ky_hieu_is_required(client):
    page = client.get("/mau-bieu").text
    row = page.split('<th scope="row">Ký hiệu</th>')[1].split("</tr>")[0]
    assert "bắt buộc với cơ quan, doanh nghiệp, cơ sở giáo dục" in _text(row)
    assert "THCSVL" in row


def test_a_file_name_is_shown_as_given_never_reworded(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    bad = (FIXTURES / "results-unknown-unit.csv").read_bytes()
    status, shown = _keep(client, "results", bad, "Ket qua VL co mau.csv")
    assert status == 200
    assert {f[0] for f in _findings(shown, "said-findings")} == {"Ket qua VL co mau.csv"}
    assert "Thư mục mẫu" not in shown
    assert "tải ở trang Mẫu biểu (ket-qua-cuoi-nam.xlsx)" in _text(shown)


def _sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [r for r in book[sheet].iter_rows(min_row=5, values_only=True) if any(r)]


def test_the_results_workbook_is_made_of_the_users_own_plan_and_roster(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    r = client.get("/mau-bieu/ket-qua-cuoi-nam.xlsx")
    assert r.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    assert book["Kết quả"]["A2"].value.startswith("Tỉnh Mẫu:")
    rows = _sheet_rows(r.content, "Kết quả")
    units = [line.split(",")[:2] for line in SMALL.read_text("utf-8").splitlines()[2:]]
    # Every unit below the root reports, its code and name filled, nothing else on its row.
    assert sorted(list(row[:2]) for row in rows) == sorted(units)
    assert all(v is None for row in rows for v in row[2:])
    scores = _sheet_rows(r.content, "Bảng điểm")
    items = {row[1] for row in scores}
    assert len(scores) == len(units) * len(items) and len(items) > 3
    assert all(row[2] is None for row in scores)
    assert "QNG-03" not in {row[0] for row in rows + scores}


def test_the_sample_results_workbook_only_while_the_sample_is_in_use(client):
    headings = _sheet_rows(
        client.get("/mau-bieu/ket-qua-cuoi-nam.xlsx").content, "Kết quả cuối năm"
    )
    assert headings == []
    client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1"})
    sample = client.get("/mau-bieu/ket-qua-cuoi-nam.xlsx").content
    assert "QNG-03" in {row[0] for row in _sheet_rows(sample, "Kết quả")}


def _sample_on(client: TestClient) -> str:
    return client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/"}).text


def test_the_scores_are_said_required_for_the_evaluation_when_the_plan_scores(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    page = client.get("/").text
    hint = _text(page.split('id="hint-scores"')[1].split("</span>")[0])
    assert "Bắt buộc cho báo cáo tự đánh giá" in hint
    assert re.search(r"bảng chấm điểm \d+ mục", hint)
    assert "không bắt buộc" not in _text(page.split('id="given-scores"')[1].split("</tr>")[0])
    label = _text(page.split('for="kind-evaluation">')[1].split("</label>")[0])
    assert label.strip() == "báo cáo tự đánh giá (cần kết quả cuối năm và bảng điểm từng mục)"
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/mau-bieu/ket-qua-cuoi-nam.xlsx").content))
    assert "bang_diem" not in book["Bảng điểm"]["A2"].value


def test_a_file_given_is_answered_at_the_top_of_the_same_page(client, tmp_path):
    status, shown = _keep(client, "roster", SMALL.read_bytes(), "Danh sach.csv", "/kiem-tra")
    assert status == 200 and "<h1>Kiểm tra hồ sơ</h1>" in shown
    said = _text(shown.split('id="said"')[1].split("</div>")[0])
    assert "Đã nhận tệp “Danh sach.csv” (Danh sách đơn vị)" in said
    assert shown.index('id="said"') < shown.index("<h1>")
    bad = (FIXTURES / "roster-unknown-parent.csv").read_bytes()
    status, shown = _keep(client, "roster", bad, "Danh sach moi.csv", "/bao-cao")
    assert status == 200
    assert "Chưa nhận tệp “Danh sach moi.csv” (Danh sách đơn vị)" in _text(shown)
    assert {f[0] for f in _findings(shown, "said-findings")} == {"Danh sach moi.csv"}
    # The roster in use is still the one kept before, and the note is said once.
    again = client.get("/").text
    assert 'id="said"' not in again and "Danh sach.csv" in again


def test_a_file_given_in_the_wrong_row_is_refused_and_the_plan_kept(client):
    # A roster workbook given as the year plan: refused by its own name, the plan stays.
    status, shown = _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "Ke hoach.yaml")
    assert status == 200 and "Đã nhận tệp “Ke hoach.yaml” (Kế hoạch năm)" in _text(shown)
    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    status, shown = _keep(client, "campaign", book.getvalue(), "danh sach.xlsx")
    text = _text(shown)
    assert "Chưa nhận tệp “danh sach.xlsx” (Kế hoạch năm)" in text
    assert "Đã nhận tệp “danh sach.xlsx”" not in text
    assert {f[0] for f in _findings(shown, "said-findings")} == {"danh sach.xlsx"}
    assert "spaces/" not in shown and "ke-hoach.yaml" not in text
    again = client.get("/").text
    assert "Ke hoach.yaml" in again and "danh sach.xlsx" not in again


def test_choosing_a_unit_is_confirmed_at_the_top(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    data = {"csrf": _token(client), "unit": "H1-X1", "name": "Xã Một", "back": "/don-vi"}
    shown = client.post("/don-vi", data=data).text
    said = _text(shown.split('id="said"')[1].split("</div>")[0])
    assert "Đã chọn “Xã Một” làm đơn vị của tôi" in said


def test_the_units_come_higher_levels_first_in_a_list_without_its_own_scroll(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    page = client.get("/don-vi").text
    codes = re.findall(r'id="choose-([A-Z0-9-]+)"', page)
    # The province, its districts, then the communes, before any village, agency or school.
    assert codes[0] == "T" and set(codes[1:3]) == {"H1", "H2"}
    assert set(codes[3:6]) == {"H1-X1", "H1-X2", "H2-X1"}
    assert codes.index("H1-X1") < codes.index("H1-X1-T1")
    assert '<div class="scroll">\n<table id="units"' not in page


def test_the_forms_only_choose_what_to_make_and_point_to_the_panel(client):
    for path, form in (
        ("/", "generate-form"),
        ("/kiem-tra", "check-form"),
        ("/bao-cao", "report-form"),
    ):
        page = client.get(path).text
        shown = page.split(f'id="{form}"')[1].split("</form>")[0]
        files = re.findall(r'<input type="file"[^>]*name="(\w+)"', shown)
        assert files == (["docs"] if form == "check-form" else []), (path, files)
        assert 'href="#space"' in shown
    assert "YAML" not in _text(client.get("/").text)


def test_no_page_says_a_program_word(client):
    plan = client.get("/ke-hoach").text
    assert "units-kon-tum-2025.csv" not in plan and "danh-sach-kon-tum.xlsx" in plan
    plan = _text(plan)
    assert "antq-docs" not in plan and "dòng lệnh" not in plan and "(YAML)" not in plan
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    check = _text(client.get("/kiem-tra").text)
    assert "Đợt ký cam kết tháng 3" not in check
    report = _text(client.post("/bao-cao", data={"csrf": _token(client)}).text)
    assert "cần tệp kết quả cuối năm: đưa lên ở dòng “Kết quả cuối năm”" in report
    assert "TỆP" not in report
    r = client.post("/soan", data={"csrf": _token(client), "kinds": ["pledge"]})
    assert "giữ nguyên" not in _text(r.text) and "Đã soạn 12 văn bản." in r.text
    link = r.text.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    names = zipfile.ZipFile(io.BytesIO(client.get(link).content)).namelist()
    assert "manifest.json" not in names and "cam-ket/H1-X1-cam-ket.docx" in names


def test_the_banner_names_what_comes_from_the_sample_and_goes_once_both_are_given(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    banner = _text(_sample_on(client).split('id="sample-banner"')[1].split("</div>")[0])
    assert "danh sách đơn vị, kết quả cuối năm, bảng điểm từng mục" in banner
    assert "kế hoạch năm" not in banner
    status, shown = _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    assert status == 200
    assert 'id="sample-banner"' not in shown
    assert "thôi dùng dữ liệu mẫu" in _text(shown.split('id="said"')[1].split("</div>")[0])


@pytest.mark.parametrize(
    ("path", "target"), [("/soan", "/"), ("/phieu", "/#phieu"), ("/du-lieu", "/#space")]
)
def test_the_address_of_a_posted_form_leads_back_to_its_page(client, path, target):
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == target


def test_the_check_shows_its_result_before_the_form(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    r = client.post("/soan", data={"csrf": _token(client), "kinds": ["pledge"]})
    link = r.text.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    docs = client.get(link).content
    r = client.post("/kiem-tra", data={"csrf": _token(client)}, files={"docs": ("a.zip", docs)})
    assert r.text.index('id="check-summary"') < r.text.index('id="check-form"')


@pytest.mark.parametrize(
    "said",
    [inputs_msg.SCORES_WITHOUT_SHEET, inputs_msg.ITEM_NOT_IN_SHEET.format(item_id="9", items="1")],
)
def test_the_scoring_sheet_is_named_without_its_key(said):
    shown = public(said)
    assert "bang_diem" not in shown and "Bảng chấm điểm" not in shown
    assert "bảng chấm điểm" in shown


def test_advice_to_run_again_is_said_as_done_on_the_page():
    heading = public(tables_msg.NEAR_HEADING.format(cell="Mã cấp trê", header="Mã cấp trên"))
    assert heading.endswith("Hãy sửa tiêu đề cột cho đúng rồi đưa tệp lên lại.")
    assert "chạy lại" not in public(
        documents_msg.NO_SUPERIOR_COLUMN.format(count=1, named="X", more="")
    )
