"""Long jobs on the web page: run in the background with real progress, never twice; households,
PDFs and hồ sơ from the generate page; the report's chart of every measured indicator."""

from __future__ import annotations

import io
import json
import re
import threading
import warnings
import zipfile

import pytest

from antq_docs.web import actions, create_app
from antq_docs.web import messages as msg
from antq_docs.web.jobs import PROGRESS, Tracker
from tests.helpers import SAMPLE_DIR, full_text, open_docx

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

HOUSEHOLDS = SAMPLE_DIR / "households-kon-tum-2025.csv"
# A commune of the sample with few units: its documents convert to PDF in seconds.
COMMUNE = "KT-02-02"


def _client(tmp_path, settle: float = 0.0) -> TestClient:
    """A client that chose the sample; settle 0: a result page never waits for its job."""
    client = TestClient(create_app(tmp_path / "data", settle=settle))
    client.post("/du-lieu/mau", data={"csrf": _token(client), "on": "1", "back": "/"})
    return client


def _token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


def _post(client: TestClient, path: str, data: dict | None = None, **files) -> str:
    """POST a page form and return the job's result address it redirects to."""
    r = client.post(
        path,
        data={"csrf": _token(client), **(data or {})},
        files=files or None,
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return r.headers["location"]


def _progress(client: TestClient, where: str) -> dict:
    r = client.get(f"{where}/tien-do")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    return r.json()


def _finish(client: TestClient) -> None:
    client.app.state.jobs.join(120)


class Gate:
    """Wraps a library function so its first progress report waits until the test opens it;
    counts the calls."""

    def __init__(self, real) -> None:
        self.real = real
        self.calls = 0
        self.reported = threading.Event()
        self.open = threading.Event()

    def __call__(self, *args, progress=None, **kwargs):
        self.calls += 1

        def held(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total)
            if not self.reported.is_set():
                self.reported.set()
                assert self.open.wait(60)

        return self.real(*args, progress=held, **kwargs)


def test_generate_runs_in_the_background_shows_real_progress_and_runs_once(tmp_path, monkeypatch):
    client = _client(tmp_path)
    gate = Gate(actions.run_generate)
    monkeypatch.setattr(actions, "run_generate", gate)
    where = _post(client, "/soan", {"kinds": ["pledge"]})
    assert gate.reported.wait(60)
    state = _progress(client, where)
    assert state["state"] == "running" and state["step"] == "generate"
    assert state["done"] == 1 and state["total"] > 50
    assert state["label"] == msg.STEPS["generate"]
    running = client.get(where)
    assert running.status_code == 200
    assert 'id="job-progress"' in running.text and 'value="1"' in running.text
    assert f'max="{state["total"]}"' in running.text
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in running.text
    assert 'src="/static/progress.js"' in running.text
    client.get(where)  # a reload while it runs starts nothing
    gate.open.set()
    _finish(client)
    assert _progress(client, where)["state"] == "done"
    for _ in range(2):  # and a reload once it is done reads what was saved
        done = client.get(where)
        assert "Đã soạn xong" in done.text and 'id="job-progress"' not in done.text
    assert gate.calls == 1
    link = done.text.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    names = zipfile.ZipFile(io.BytesIO(client.get(link).content)).namelist()
    documents = [n for n in names if n.endswith(".docx")]
    assert len(documents) == state["total"] and all(n.startswith("cam-ket/") for n in documents)


def test_the_zip_stores_the_documents_without_compressing_them_again(tmp_path):
    client = _client(tmp_path, settle=60)
    page = client.get(_post(client, "/soan", {"kinds": ["pledge"]})).text
    link = page.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    archive = zipfile.ZipFile(io.BytesIO(client.get(link).content))
    documents = [i for i in archive.infolist() if i.filename.endswith(".docx")]
    assert documents and {i.compress_type for i in documents} == {zipfile.ZIP_STORED}


def test_a_check_reports_its_files_as_it_inspects_them_and_runs_once(tmp_path, monkeypatch):
    client = _client(tmp_path, settle=60)
    page = client.get(_post(client, "/soan", {"kinds": ["pledge"]})).text
    link = page.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    archive = client.get(link).content
    gate = Gate(actions.run_check)
    monkeypatch.setattr(actions, "run_check", gate)
    client.app.state.settle_s = 0
    where = _post(client, "/kiem-tra", docs=("van-ban.zip", archive))
    assert gate.reported.wait(60)
    state = _progress(client, where)
    assert state["step"] == "check" and state["label"] == msg.STEPS["check"]
    assert 0 < state["done"] <= state["total"]
    assert msg.STEPS["check"] in client.get(where).text
    gate.open.set()
    _finish(client)
    for _ in range(2):
        assert 'id="matrix"' in client.get(where).text
    assert gate.calls == 1


def test_a_job_that_fails_in_the_background_shows_its_form_with_the_message(tmp_path):
    client = _client(tmp_path, settle=60)
    where = _post(client, "/kiem-tra", docs=("hong.zip", b"not a zip"))
    r = client.get(where)
    assert r.status_code == 400
    assert 'id="check-form"' in r.text
    assert "Tệp ZIP “hong.zip”: không phải tệp ZIP" in r.text
    assert _progress(client, where)["state"] == "failed"


def test_a_job_whose_server_stopped_says_so_and_runs_nothing(tmp_path):
    client = _client(tmp_path)
    job = client.app.state.settings.store.new_job()
    Tracker(job)  # a job that was running when its server stopped
    assert _progress(client, f"/ket-qua/{job.name}")["state"] == "failed"
    r = client.get(f"/ket-qua/{job.name}")
    assert r.status_code == 500 and msg.JOB_INTERRUPTED in r.text
    assert json.loads((job / PROGRESS).read_text())["state"] == "running"


def test_progress_of_an_unknown_job_is_not_found_in_vietnamese(tmp_path):
    r = _client(tmp_path).get("/ket-qua/khong-co-viec-nay-xyz/tien-do")
    assert r.status_code == 404 and msg.NO_RESULT in r.text


def test_households_give_the_list_in_the_village_pledge_and_one_pledge_per_household(tmp_path):
    client = _client(tmp_path, settle=60)
    where = _post(
        client,
        "/soan",
        {"kinds": ["pledge"], "per_household": "1"},
        households=(HOUSEHOLDS.name, HOUSEHOLDS.read_bytes()),
    )
    page = client.get(where).text
    assert msg.HOUSEHOLD_PLEDGE in page
    link = page.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    archive = zipfile.ZipFile(io.BytesIO(client.get(link).content))
    own = [n for n in archive.namelist() if n.startswith("cam-ket-ho/")]
    assert "cam-ket-ho/KT-01-03-01/KJD-001-cam-ket-ho.docx" in own
    village = tmp_path / "village.docx"
    village.write_bytes(archive.read("cam-ket/KT-01-03-01-cam-ket.docx"))
    assert "A Dũng" in full_text(open_docx(village))
    panel = client.get("/").text.split('id="given-households"')[1].split("</tr>")[0]
    assert HOUSEHOLDS.name in panel  # kept for the next request, as every file given


def test_a_pledge_per_household_without_the_household_list_names_the_field(tmp_path):
    client = _client(tmp_path)
    r = client.post(
        "/soan", data={"csrf": _token(client), "kinds": ["pledge"], "per_household": "1"}
    )
    assert r.status_code == 400
    error = re.sub(r"<[^>]+>", "", r.text.split('id="error"')[1].split("</div>")[0])
    assert "bản cam kết của từng hộ" in error and "Danh sách hộ gia đình" in error
    assert "--" not in error


def test_without_libreoffice_pdfs_are_refused_in_words_and_nothing_is_made(tmp_path, monkeypatch):
    monkeypatch.setattr("antq_docs.pdf.shutil.which", lambda _name: None)
    client = _client(tmp_path)
    home = client.get("/").text
    assert 'id="no-soffice"' in home
    assert re.search(r'<input type="checkbox" id="pdf" name="pdf" value="1" disabled', home)
    for field in ("pdf", "ho_so"):
        r = client.post("/soan", data={"csrf": _token(client), "kinds": ["pledge"], field: "1"})
        assert r.status_code == 400 and msg.NO_LIBREOFFICE in r.text
    assert 'id="jobs"' not in client.get("/").text


@pytest.mark.slow
def test_pdfs_and_hồ_sơ_of_one_commune_come_in_the_zip(tmp_path):
    client = _client(tmp_path, settle=300)
    client.post("/don-vi", data={"csrf": _token(client), "unit": COMMUNE, "back": "/"})
    page = client.get(_post(client, "/soan", {"kinds": ["pledge"], "ho_so": "1"})).text
    assert "PDF: " in page and "Hồ sơ: " in page and "/tmp" not in page
    assert re.search(r'id="pdf-pledge-' + COMMUNE + '" href="[^"]+\\.pdf"', page)
    # A commune's hồ sơ wants its plan too, which was not ticked: named by its page name.
    assert f"Hồ sơ thiếu ke-hoach/{COMMUNE}-ke-hoach.docx" in page
    packs = page.split('id="packs"')[1].split("</ul>")[0]
    assert f"ho-so/{COMMUNE}.pdf" in packs
    # The chosen commune's subtree only: its district gets no hồ sơ of this one commune.
    assert "ho-so/KT-02-cap-duoi.pdf" not in page and "Huyện Đăk Hà" not in packs
    link = page.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
    names = zipfile.ZipFile(io.BytesIO(client.get(link).content)).namelist()
    assert f"cam-ket/{COMMUNE}-cam-ket.pdf" in names and f"ho-so/{COMMUNE}.pdf" in names


def test_the_report_charts_every_indicator_that_counted_something(tmp_path, monkeypatch):
    charted = []

    def chart(rows, title):
        charted.extend(rows)
        return b"\x89PNG fake"

    monkeypatch.setattr(actions, "bar_chart", chart)
    client = _client(tmp_path, settle=60)
    page = client.post("/bao-cao", data={"csrf": _token(client)}).text
    rows = page.split('id="report-indicators"')[1].split("</table>")[0].count("<tr>") - 1
    measured = [i for i in charted if i.denominator]
    assert len(charted) == len(measured) == rows - page.count(">0/0</td>")
    assert 'id="report-chart"' in page
