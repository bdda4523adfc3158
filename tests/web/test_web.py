"""The web app through an HTTP client: pages, API, limits, unsafe ZIPs, password, CSRF token."""

from __future__ import annotations

import io
import json
import threading
import warnings
import zipfile
from pathlib import Path

import pytest
from docx import Document

from antq_docs.docxread import PLACEHOLDER
from antq_docs.errors import (
    InputError,
    OutputError,
    RenderError,
    ResultsNeeded,
    UsageError,
    ValidationError,
)
from antq_docs.kinds import REGISTRY
from antq_docs.web import actions, create_app, is_loopback, serve
from antq_docs.web.names import public_path
from antq_docs.web.workspace import Limits
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN, SAMPLE_DIR, add_placeholder, full_text

# Starlette's test client warns, once on import, that it will move to another HTTP package.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SMALL = FIXTURES / "units-small.csv"


def _file(path: Path, name: str | None = None) -> tuple[str, bytes]:
    return (name or path.name, path.read_bytes())


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


def keep(client: TestClient, role: str, path: Path) -> None:
    """Give a file once in the panel "Dữ liệu đang dùng", as a user does."""
    r = client.post(
        "/du-lieu",
        data={"csrf": _token(client), "role": role, "back": "/"},
        files={"file": _file(path)},
    )
    assert r.status_code == 200, r.text


@pytest.fixture
def bare(tmp_path) -> TestClient:
    """A client of an app over a fresh data folder, without password, that gave nothing yet."""
    return TestClient(create_app(tmp_path / "data"))


@pytest.fixture
def client(bare) -> TestClient:
    """A client whose workspace holds the year's campaign, given once."""
    keep(bare, "campaign", SAMPLE_CAMPAIGN)
    return bare


def docx_text(data: io.BytesIO) -> str:
    """The text of a .docx given as bytes."""
    return full_text(Document(data))


def _pledges_zip(client: TestClient) -> bytes:
    r = client.post("/api/generate", data={"kinds": ["pledge"]}, files={"units": _file(SMALL)})
    assert r.status_code == 200, r.text
    return r.content


def test_api_generate_answers_the_output_folder_as_a_zip(client):
    data = _pledges_zip(client)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        assert "cam-ket/H1-X1-cam-ket.docx" in names
        assert ".antq-docs.lock" not in names
        listed = {public_path(d["path"]) for d in manifest["documents"]}
        assert listed == {n for n in names if n.endswith(".docx")}
        assert all(d["kind"] == "pledge" for d in manifest["documents"])
        text = docx_text(io.BytesIO(zf.read("cam-ket/H1-X1-cam-ket.docx")))
    assert "XÃ MỘT" in text


def test_api_generate_bad_roster_answers_422_findings_and_writes_nothing(client, tmp_path):
    r = client.post(
        "/api/generate",
        data={"kinds": ["pledge"]},
        files={"units": _file(FIXTURES / "roster-duplicate-code.csv")},
    )
    assert r.status_code == 422
    findings = r.json()["findings"]
    assert findings and set(findings[0]) == {"file", "row", "column", "message"}
    assert any(f["file"] == "roster-duplicate-code.csv" and f["row"] == 5 for f in findings)
    assert not list((tmp_path / "data" / "jobs").glob("*/out"))


def test_api_generate_year_end_kind_without_results_is_refused_in_vietnamese(client):
    r = client.post("/api/generate", data={"kinds": ["evaluation"]}, files={"units": _file(SMALL)})
    assert r.status_code == 400
    assert "cần tệp kết quả cuối năm" in r.json()["error"]


def _without(data: bytes, member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def test_api_check_reports_a_removed_document_as_missing(client):
    docs = _without(_pledges_zip(client), "cam-ket/H1-X1-cam-ket.docx")
    r = client.post("/api/check", files={"docs": ("ho-so.zip", docs), "units": _file(SMALL)})
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["docs"] == "ho-so.zip"
    missing = {(m["unit"], m["kind"]) for m in report["missing"]}
    assert ("H1-X1", "pledge") in missing
    assert ("H1-X2", "pledge") not in missing
    assert report["complete"] is False


def test_check_page_marks_the_missing_document_in_the_matrix(client):
    docs = _without(_pledges_zip(client), "cam-ket/H1-X1-cam-ket.docx")
    r = client.post(
        "/kiem-tra",
        data={"csrf": _token(client)},
        files={"docs": ("ho-so.zip", docs), "units": _file(SMALL)},
    )
    assert r.status_code == 200, r.text
    assert 'id="cell-H1-X1-pledge" class="thieu" data-status="missing"' in r.text
    assert 'id="cell-H1-X2-pledge" class="co" data-status="present"' in r.text
    link = r.text.split('id="download-xlsx" href="')[1].split('"')[0]
    xlsx = client.get(link)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def _with_placeholder(data: bytes, member: str, text: str) -> bytes:
    """The ZIP with one document given a placeholder paragraph, as a draft prints it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                doc, edited = Document(io.BytesIO(body)), io.BytesIO()
                add_placeholder(doc.add_paragraph(), text)
                doc.save(edited)
                body = edited.getvalue()
            dst.writestr(info, body)
    return out.getvalue()


def test_check_page_marks_an_unfinished_document_in_the_matrix(client):
    text = f"{PLACEHOLDER}: kiến nghị, đề xuất của đơn vị]"
    docs = _with_placeholder(_pledges_zip(client), "cam-ket/H1-X1-cam-ket.docx", text)
    r = client.post(
        "/kiem-tra",
        data={"csrf": _token(client)},
        files={"docs": ("ho-so.zip", docs), "units": _file(SMALL)},
    )
    assert r.status_code == 200, r.text
    cell = r.text.split('id="cell-H1-X1-pledge" ')[1].split("</td>")[0]
    assert cell.startswith('class="chua-hoan-thien" data-status="unfinished"')
    assert cell.endswith(">chưa hoàn thiện")
    assert 'id="cell-H1-X2-pledge" class="co" data-status="present"' in r.text
    assert ", chưa hoàn thiện 1</h2>" in r.text
    # Which document and why, listed where a phone shows it (not only in a cell's title).
    listed = r.text.split('<ul id="unfinished">')[1].split("</ul>")[0]
    assert "cam-ket/H1-X1-cam-ket.docx" in listed and "(H1-X1)" in listed
    assert "kiến nghị, đề xuất của đơn vị" in listed


def _zip(members: dict[str, bytes], link: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return out.getvalue()


@pytest.mark.parametrize(
    "archive, words",
    [
        (_zip({"../evil.docx": b"x"}), "ra ngoài thư mục"),
        (_zip({"/etc/evil.docx": b"x"}), "đường dẫn tuyệt đối"),
        (_zip({}, link="pledge/T.docx"), "liên kết"),
        (b"not a zip at all", "không phải tệp ZIP"),
    ],
    ids=["outside", "absolute", "link", "not-zip"],
)  # the zips carry the time: ids stay stable
def test_api_check_refuses_an_unsafe_zip_before_use(client, tmp_path, archive, words):
    r = client.post("/api/check", files={"docs": ("x.zip", archive), "units": _file(SMALL)})
    assert r.status_code == 400
    assert words in r.json()["error"]
    assert not (tmp_path / "evil.docx").exists() and not Path("/etc/evil.docx").exists()


def test_zip_bomb_stops_at_the_unpacked_limit(tmp_path):
    app = create_app(tmp_path / "data", limits=Limits(member_bytes=1 << 20))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pledge/T.docx", b"\0" * (4 << 20))
    given = {"units": _file(SMALL), "campaign": _file(SAMPLE_CAMPAIGN)}
    r = TestClient(app).post("/api/check", files={"docs": ("b.zip", bomb.getvalue()), **given})
    assert r.status_code == 400
    assert "quá lớn khi giải nén" in r.json()["error"]


def test_oversize_upload_is_refused_with_a_message(tmp_path):
    client = TestClient(create_app(tmp_path / "data", limits=Limits(input_bytes=200)))
    r = client.post("/api/generate", files={"units": _file(SMALL)})
    assert r.status_code == 413
    assert r.json()["error"].startswith("Tệp “units-small.csv” quá lớn: giới hạn là")
    page = client.post("/soan", data={"csrf": _token(client)}, files={"units": _file(SMALL)})
    assert page.status_code == 413 and "quá lớn" in page.text and "Traceback" not in page.text


def test_oversize_request_is_refused_before_reading(tmp_path):
    client = TestClient(create_app(tmp_path / "data", limits=Limits(request_bytes=1000)))
    r = client.post("/api/generate", files={"units": ("u.csv", b"x" * 5000)})
    assert r.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in r.json()["error"]


def test_page_form_without_token_is_refused(client):
    r = client.post("/soan", files={"units": _file(SMALL)})
    assert r.status_code == 403
    assert "biểu mẫu không hợp lệ" in r.text


def test_api_refuses_a_browser_request_from_another_site(client):
    r = client.post(
        "/api/generate", files={"units": _file(SMALL)}, headers={"Origin": "http://evil.example"}
    )
    assert r.status_code == 403


def test_generate_page_shows_findings_with_rows_and_writes_nothing(client, tmp_path):
    r = client.post(
        "/soan",
        data={"csrf": _token(client), "kinds": ["pledge"]},
        files={"units": _file(FIXTURES / "roster-duplicate-code.csv")},
    )
    assert r.status_code == 422
    table = r.text.split('id="findings"')[1].split("</table>")[0]
    assert "<td>roster-duplicate-code.csv</td><td>5</td>" in table
    assert not list((tmp_path / "data" / "jobs").glob("*/out"))


def test_generate_page_offers_the_zip_and_each_document(client):
    r = client.post(
        "/soan", data={"csrf": _token(client), "kinds": ["pledge"]}, files={"units": _file(SMALL)}
    )
    assert r.status_code == 200 and "/ket-qua/" in str(r.url)
    zip_link = r.text.split('id="download-zip" href="')[1].split('"')[0]
    assert zipfile.ZipFile(io.BytesIO(client.get(zip_link).content)).testzip() is None
    doc_link = r.text.split('id="doc-pledge-H1-X1" href="')[1].split('"')[0]
    assert "XÃ MỘT" in docx_text(io.BytesIO(client.get(doc_link).content))
    assert client.get(doc_link.replace("pledge/H1-X1.docx", "../in")).status_code == 404


def test_report_page_shows_indicators_chart_and_report(bare):
    client = bare
    client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/bao-cao"})
    r = client.post("/bao-cao", data={"csrf": _token(client)})
    assert r.status_code == 200, r.text
    assert 'id="report-indicators"' in r.text
    chart = r.text.split('id="report-chart" src="')[1].split('"')[0]
    assert client.get(chart).content[:4] == b"\x89PNG"
    report = r.text.split('id="download-report" href="')[1].split('"')[0]
    assert "BÁO CÁO" in docx_text(io.BytesIO(client.get(report).content))


def test_password_is_required_when_set(tmp_path):
    client = TestClient(create_app(tmp_path / "data", password="mat-khau-2025"))
    r = client.get("/")
    assert r.status_code == 401 and "Cần mật khẩu" in r.text
    assert r.headers["www-authenticate"].startswith("Basic")
    assert client.post("/api/generate", files={"units": _file(SMALL)}).status_code == 401
    assert client.get("/", auth=("ai-cung-duoc", "sai")).status_code == 401
    assert client.get("/", auth=("ai-cung-duoc", "mat-khau-2025")).status_code == 200
    ok = client.post(
        "/api/generate",
        data={"kinds": ["pledge"]},
        files={"units": _file(SMALL), "campaign": _file(SAMPLE_CAMPAIGN)},
        headers={"Authorization": "Bearer mat-khau-2025"},
    )
    assert ok.status_code == 200


def test_network_address_without_password_is_a_usage_error(tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    with pytest.raises(UsageError) as e:
        serve("0.0.0.0", 8000, tmp_path, None)
    assert e.value.exit_code == 2


def test_serve_command_refuses_network_address_without_password(runner):
    from antq_docs.cli import cli

    result = runner.invoke(cli, ["serve", "--host", "192.168.1.5"], env={})
    assert result.exit_code == 2
    assert "cần --password" in result.stderr


def test_two_concurrent_jobs_get_their_own_folders(client, tmp_path):
    answers: list[bytes] = []

    def run(path: Path) -> None:
        answers.append(
            client.post(
                "/api/generate", data={"kinds": ["pledge"]}, files={"units": _file(path)}
            ).content
        )

    threads = [threading.Thread(target=run, args=(p,)) for p in (SMALL, SMALL)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 2
    jobs = [p for p in (tmp_path / "data" / "jobs").iterdir() if (p / "out").is_dir()]
    assert len(jobs) == 2
    for data in answers:
        assert "cam-ket/H1-X1-cam-ket.docx" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_unknown_page_and_error_are_vietnamese(client):
    r = client.get("/khong-co")
    assert r.status_code == 404 and "Không có trang này." in r.text


def test_an_uploaded_campaign_with_rosters_by_period_asks_for_the_roster(bare):
    client = bare
    r = client.post(
        "/api/generate",
        data={"kinds": ["pledge"]},
        files={"campaign": _file(SAMPLE_DIR / "campaign-kon-tum-2025.yaml")},
    )
    assert r.status_code == 400
    message = r.json()["error"]
    assert message.startswith("Chưa có danh sách đơn vị")
    assert "/jobs/" not in message  # no server folder in what the user reads


class _Contradiction(UsageError):
    """A refusal of the library the web knows only by its base class."""


def _raising(error: Exception):
    def load(*_args, **_kwargs):
        raise error

    return load


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (_Contradiction("--unit và --level mâu thuẫn."), 400),
        (InputError("không đọc được tệp.", path="don-vi.csv"), 400),
        (OutputError("ổ đĩa đã đầy.", path="out"), 422),
        (RenderError("thiếu biến.", template="plan.docx"), 422),
    ],
)
def test_a_library_error_is_answered_with_the_status_its_class_declares(
    client, monkeypatch, error, status
):
    monkeypatch.setattr(actions, "load", _raising(error))
    r = client.post("/api/generate", files={"units": _file(SMALL)})
    assert r.status_code == status == error.http_status
    assert r.json() == {"error": str(error)}


def test_http_status_stands_beside_the_exit_code():
    assert (UsageError.exit_code, UsageError.http_status) == (2, 400)
    assert (InputError.exit_code, InputError.http_status) == (1, 400)
    assert (ValidationError.exit_code, ValidationError.http_status) == (1, 422)
    needed = ResultsNeeded("evaluation", REGISTRY["evaluation"].label)
    assert (needed.exit_code, needed.http_status) == (2, 400)


def test_a_ticked_kind_without_results_names_the_field_to_fill(client):
    r = client.post(
        "/api/generate", data={"kinds": ["pledge", "evaluation"]}, files={"units": _file(SMALL)}
    )
    assert r.status_code == 400
    assert r.json()["error"] == (
        f"{REGISTRY['evaluation'].label} cần tệp kết quả cuối năm: đưa lên ở dòng “Kết quả cuối "
        "năm” của khung “Dữ liệu đang dùng”."
    )


def test_a_communes_report_says_why_it_is_dated_before_the_plans_day(bare):
    client = bare
    client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/bao-cao"})
    client.post("/don-vi", data={"csrf": _token(client), "unit": "QNG-03", "back": "/bao-cao"})
    r = client.post("/bao-cao", data={"csrf": _token(client)})
    assert r.status_code == 200, r.text
    notice = r.text.split('id="report-date-notice">')[1].split("</p>")[0]
    assert notice.startswith(
        "Báo cáo đề ngày 29/11/2025, sớm hơn ngày 20/12/2025 của kế hoạch: cấp xã phải gửi báo "
        "cáo cuối năm trước ngày 30/11/2025 (hạn ghi trong kế hoạch)"
    )
    report = r.text.split('id="download-report" href="')[1].split('"')[0]
    assert "ngày 29 tháng 11 năm 2025" in docx_text(io.BytesIO(client.get(report).content))
    # Targets no unit of the commune is counted in (the districts') are left out, as in the
    # report itself.
    table = r.text.split('id="report-indicators"')[1].split("</table>")[0]
    assert ">0/0<" not in table and "cấp huyện" not in table
    # The root reports on the plan's own day: nothing to say.
    client.post("/don-vi", data={"csrf": _token(client), "unit": "", "back": "/bao-cao"})
    assert (
        'id="report-date-notice"' not in client.post("/bao-cao", data={"csrf": _token(client)}).text
    )
