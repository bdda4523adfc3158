"""The collection forms on the web page: forms as a ZIP, returned forms collected or refused."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from antq_docs.inputs.campaign import load_campaign
from antq_docs.inputs.results import load_results
from antq_docs.inputs.roster import load_roster
from antq_docs.kinds import REGISTRY
from antq_docs.web import create_app
from tests.collect.test_collect import figure_value, fill
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SMALL = FIXTURES / "units-small.csv"
UNITS = {"units": ("units-small.csv", SMALL.read_bytes())}


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client of an app over a fresh data folder whose workspace holds the campaign."""
    client = TestClient(create_app(tmp_path / "data"))
    given = {"file": (SAMPLE_CAMPAIGN.name, SAMPLE_CAMPAIGN.read_bytes())}
    data = {"csrf": _token(client), "role": "campaign", "back": "/"}
    assert client.post("/du-lieu", data=data, files=given).status_code == 200
    return client


def _link(page: str, anchor: str) -> str:
    return page.split(f'id="{anchor}" href="')[1].split('"')[0]


@pytest.fixture
def filled(client, tmp_path) -> Path:
    """The small roster's forms, made by the page, unpacked and filled."""
    r = client.post("/phieu", data={"csrf": _token(client), "level": ""}, files=UNITS)
    assert r.status_code == 200, r.text
    assert "Đã làm 8 phiếu (12 đơn vị)" in r.text
    archive = client.get(_link(r.text, "download-forms"))
    assert archive.status_code == 200
    folder = tmp_path / "phieu"
    zipfile.ZipFile(io.BytesIO(archive.content)).extractall(folder)
    for path in folder.glob("*.xlsx"):
        fill(path)
    return folder


def test_the_page_offers_forms_and_collection_with_their_own_fields(client):
    page = client.get("/").text
    for anchor in (
        'id="forms-form"',
        'id="forms-using-roster"',
        'id="collect-form"',
        'id="collect-using-roster"',
        'id="collect-forms"',
        'id="keep-roster"',
    ):
        assert page.count(anchor) == 1, anchor


def _choose(client: TestClient, code: str, name: str) -> None:
    """Choose "Đơn vị của tôi" as the unit picker does."""
    data = {"csrf": _token(client), "unit": code, "name": name, "back": "/don-vi"}
    assert client.post("/don-vi", data=data, follow_redirects=False).status_code == 303


def test_forms_of_one_unit_come_as_a_zip(client):
    _choose(client, "H1-X1", "Xã Một")
    r = client.post("/phieu", data={"csrf": _token(client)}, files=UNITS)
    assert r.status_code == 200, r.text
    assert "Đã làm 1 phiếu (3 đơn vị) cho Xã Một và các đơn vị cấp dưới." in r.text
    archive = zipfile.ZipFile(io.BytesIO(client.get(_link(r.text, "download-forms")).content))
    assert archive.namelist() == ["H1-X1-xa-mot.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(archive.read("H1-X1-xa-mot.xlsx")))
    assert book["Hướng dẫn"]["B5"].value == "H1-X1"


def test_forms_of_a_khu_dan_cu_name_its_commune(client):
    _choose(client, "H1-X1-T1", "Thôn Một")
    r = client.post("/phieu", data={"csrf": _token(client)}, files=UNITS)
    assert r.status_code == 400
    assert "hãy chọn đơn vị H1-X1" in r.text and "download-forms" not in r.text


def test_returned_forms_are_collected_into_results(client, filled):
    files = [("forms", (p.name, p.read_bytes())) for p in sorted(filled.glob("*.xlsx"))]
    r = client.post("/thu-phieu", data={"csrf": _token(client)}, files=[*files, *UNITS.items()])
    assert r.status_code == 200, r.text
    assert "Đã thu 8 phiếu (12 đơn vị)." in r.text
    workbook = client.get(_link(r.text, "download-results")).content
    target = filled.parent / "ket-qua.xlsx"
    target.write_bytes(workbook)
    results = load_results(
        target, load_roster(SMALL), load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    )
    assert results.figures["H1-X1-T2"]["buoi_tuyen_truyen"] == figure_value("H1-X1-T2", 0)


def test_a_zip_of_forms_with_a_bad_cell_answers_the_findings(client, filled):
    form = filled / "H1-X1-xa-mot.xlsx"
    book = openpyxl.load_workbook(form)
    book["Số liệu"]["C5"] = -3
    book.save(form)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(filled.glob("*.xlsx")):
            zf.write(path, f"phieu/{path.name}")
    r = client.post(
        "/thu-phieu",
        data={"csrf": _token(client)},
        files=[("forms", ("phieu.zip", archive.getvalue())), *UNITS.items()],
    )
    assert r.status_code == 422
    table = r.text.split('id="findings"')[1].split("</table>")[0]
    assert (
        "<td>H1-X1-xa-mot.xlsx, trang Số liệu</td><td>5</td><td>C (Số buổi tuyên truyền)"
        "</td><td>&#34;-3&#34; phải là số nguyên không âm (buổi)</td>"
    ) in table
    assert "download-results" not in r.text


def test_collection_needs_forms_and_takes_only_workbooks(client):
    token = _token(client)
    r = client.post("/thu-phieu", data={"csrf": token}, files=UNITS)
    assert r.status_code == 400 and "Chưa chọn phiếu đã điền" in r.text
    r = client.post(
        "/thu-phieu", data={"csrf": token}, files=[("forms", ("scan.pdf", b"%PDF")), *UNITS.items()]
    )
    assert r.status_code == 400 and "không phải phiếu .xlsx hay tệp ZIP" in r.text
    r = client.post("/thu-phieu", files=[("forms", ("a.xlsx", b"x")), *UNITS.items()])
    assert r.status_code == 403
