"""The web page as a commune official meets it: what to type in a column a document needs, the
results workbook of their own roster, their file names as given, the year-end fields they must
fill, one place to give files, an answer at the top of the page to every upload."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import openpyxl
import pytest

from antq_docs.web import create_app
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

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


def _findings(html: str) -> list[list[str]]:
    """The cells of each row of the findings table: file, row, column, message."""
    table = html.split('id="findings"')[1].split("</table>")[0]
    rows = table.split('class="finding"')[1:]
    return [[_text(c).strip() for c in re.findall(r"<td>(.*?)</td>", row)] for row in rows]


def test_an_empty_ky_hieu_of_a_school_says_what_to_type(client, tmp_path):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", _roster(tmp_path, SCHOOL_WITHOUT_ABBR), "Danh sach VL.csv")
    r = client.post("/soan", data={"csrf": _token(client), "kinds": ["plan"]})
    assert r.status_code == 422
    found = [f for f in _findings(r.text) if "QT-VL-GD1" in f[3]]
    assert len(found) == 1
    assert "Ký hiệu" in found[0][2]
    assert "ví dụ “THCSVL” cho Trường THCS Vĩnh Linh" in found[0][3]


def test_the_guide_says_for_whom_ky_hieu_is_required(client):
    page = client.get("/mau-bieu").text
    row = page.split('<th scope="row">Ký hiệu</th>')[1].split("</tr>")[0]
    assert "bắt buộc với cơ quan, doanh nghiệp, cơ sở giáo dục" in _text(row)
    assert "THCSVL" in row


def test_a_file_name_is_shown_as_given_never_reworded(client):
    _keep(client, "campaign", SAMPLE_CAMPAIGN.read_bytes(), "ke-hoach.yaml")
    _keep(client, "roster", SMALL.read_bytes(), "units-small.csv")
    bad = (FIXTURES / "results-unknown-unit.csv").read_bytes()
    _keep(client, "results", bad, "Ket qua VL co mau.csv")
    r = client.post("/soan", data={"csrf": _token(client), "kinds": ["evaluation"]})
    assert r.status_code == 422
    assert {f[0] for f in _findings(r.text)} == {"Ket qua VL co mau.csv"}
    assert "Thư mục mẫu" not in r.text


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
