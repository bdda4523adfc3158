"""The web app left running: refused requests leave nothing, a full disk is said and undone,
the register is never downloaded, odd URLs are 404, every answer has its security headers,
and wrong passwords slow down."""

from __future__ import annotations

import base64
import errno
import io
import os
import re
import time
import warnings
import zipfile
from pathlib import Path

import pytest

from antq_docs.errors import DiskFull, OutputError
from antq_docs.messages.documents import WRITING_DOCUMENT
from antq_docs.web import actions, create_app
from antq_docs.web import messages as msg
from antq_docs.web.guard import SECURITY_HEADERS
from antq_docs.web.space import Space
from antq_docs.web.workspace import DataDir, Limits
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SMALL = FIXTURES / "units-small.csv"
GIVEN = {
    "units": ("units-small.csv", SMALL.read_bytes()),
    "campaign": ("campaign.yaml", SAMPLE_CAMPAIGN.read_bytes()),
}


def jobs(data: Path) -> list[Path]:
    """The request folders kept in a data folder."""
    return sorted((data / "jobs").iterdir())


def token(client: TestClient) -> str:
    client.get("/")
    return client.cookies["antq_csrf"]


def bomb(name: str, size: int) -> bytes:
    """A ZIP whose one member inflates to size bytes of zeros."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(name, "w") as member:
        block = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            member.write(block)
    return data.getvalue()


def test_a_zip_bomb_refused_leaves_nothing_unpacked(tmp_path):
    app = create_app(tmp_path / "data", limits=Limits(member_bytes=1 << 20))
    r = TestClient(app).post(
        "/api/check", files={"docs": ("b.zip", bomb("a.docx", 4 << 20)), **GIVEN}
    )
    assert r.status_code == 400 and "quá lớn khi giải nén" in r.json()["error"]
    assert jobs(tmp_path / "data") == []


def test_a_manifest_is_capped_lower_than_other_members(tmp_path):
    limits = Limits(member_bytes=64 << 20, manifest_bytes=2 << 20)
    client = TestClient(create_app(tmp_path / "data", limits=limits))
    archive = bomb("ho-so/manifest.json", 3 << 20)
    r = client.post("/api/check", files={"docs": ("ho-so.zip", archive), **GIVEN})
    assert r.status_code == 400
    assert r.json()["error"] == msg.BAD_ZIP_FILE.format(
        name="ho-so.zip",
        why=msg.ZIP_MEMBER_TOO_LARGE.format(name="ho-so/manifest.json", megabytes=2),
    )
    assert jobs(tmp_path / "data") == []


def test_a_refused_upload_leaves_no_request_folder(tmp_path):
    client = TestClient(create_app(tmp_path / "data", limits=Limits(input_bytes=200)))
    assert client.post("/api/generate", files=GIVEN).status_code == 413
    page = client.post("/soan", data={"csrf": token(client)}, files=GIVEN)
    assert page.status_code == 413
    assert jobs(tmp_path / "data") == []


def test_a_full_disk_refuses_before_the_request_starts_after_pruning_old_ones(
    tmp_path, monkeypatch
):
    data = tmp_path / "data"
    client = TestClient(create_app(data, limits=Limits(free_bytes=1 << 30)))
    old = data / "jobs" / ("o" * 24)
    (old / "out").mkdir(parents=True)
    (old / "out" / "big.docx").write_bytes(b"x")
    # A request of an hour ago, its results still within the day they are kept.
    stamp = time.time() - 3600
    os.utime(old, (stamp, stamp))
    monkeypatch.setattr(DataDir, "free", lambda self: 0 if old.exists() else 2 << 30)
    r = client.post("/api/generate", data={"kinds": ["pledge"]}, files=GIVEN)
    assert r.status_code == 200, r.text
    assert not old.exists()
    monkeypatch.setattr(DataDir, "free", lambda self: 0)
    r = client.post("/api/generate", data={"kinds": ["pledge"]}, files=GIVEN)
    assert r.status_code == 507 and r.json()["error"] == msg.DISK_FULL
    assert len(jobs(data)) == 1  # the request that worked; nothing of the refused one


def test_a_job_running_in_the_background_is_never_pruned_for_space(tmp_path, monkeypatch):
    running, done = "r" * 24, "d" * 24
    store = DataDir(tmp_path / "data", free_bytes=1 << 30, busy=lambda job: job == running)
    stamp = time.time() - 3600
    for name in (running, done):
        (store.jobs / name).mkdir()
        os.utime(store.jobs / name, (stamp, stamp))
    monkeypatch.setattr(DataDir, "free", lambda self: 0)
    store.prune_oldest()
    assert [p.name for p in jobs(tmp_path / "data")] == [running]


def _enospc(job: Path) -> OutputError:
    """What the library raises when the disk fills under a write: an OutputError from ENOSPC."""
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError as e:
        error = OutputError("ổ đĩa đã đầy", path=job / "out")
        error.__cause__ = e
        return error


@pytest.mark.parametrize(
    "full",
    [_enospc, lambda job: DiskFull(WRITING_DOCUMENT, path=job / "out")],
    ids=["enospc", "disk-full"],
)
def test_a_request_the_disk_fills_during_is_undone_and_said(tmp_path, monkeypatch, full):
    def fills(loaded, job, kinds, workspace, unit=None, progress=None):
        (job / "out" / "pledge").mkdir(parents=True)
        (job / "out" / "pledge" / "T.docx").write_bytes(b"half")
        raise full(job)

    monkeypatch.setattr(actions, "generate", fills)
    data = tmp_path / "data"
    client = TestClient(create_app(data))
    r = client.post("/api/generate", data={"kinds": ["pledge"]}, files=GIVEN)
    assert r.status_code == 507 and r.json()["error"] == msg.DISK_FULL
    assert jobs(data) == []
    # On the page the documents are made in the background: the job's result page says the
    # disk is full, and the job keeps nothing but that page.
    page = client.post("/soan", data={"csrf": token(client), "kinds": ["pledge"]}, files=GIVEN)
    assert page.status_code == 507 and "Ổ đĩa của máy chủ đã đầy" in page.text
    [job] = jobs(data)
    assert sorted(p.name for p in job.iterdir()) == ["page.json", "progress.json"]


def test_the_number_register_is_never_downloaded(tmp_path):
    campaign = SAMPLE_CAMPAIGN.read_text("utf-8") + "danh_so:\n  H1: 7\n"
    given = {**GIVEN, "campaign": ("campaign.yaml", campaign.encode())}
    client = TestClient(create_app(tmp_path / "data"), follow_redirects=False)
    r = client.post("/soan", data={"csrf": token(client), "kinds": ["plan"]}, files=given)
    assert r.status_code == 303, r.text
    job = r.headers["location"].rsplit("/", 1)[-1]
    client.app.state.jobs.join(120)  # the documents are made in the background
    assert client.get(f"/ket-qua/{job}").status_code == 200
    assert (tmp_path / "data" / "workspace" / "register.sqlite").is_file()
    for name in ("register.sqlite", "register.sqlite-journal"):
        assert client.get(f"/tai/{job}/out/{name}").status_code == 404
    assert not list((tmp_path / "data" / "jobs" / job).rglob("register.sqlite*"))
    archive = client.post("/api/generate", data={"kinds": ["plan"]}, files=given)
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zf:
        assert not [n for n in zf.namelist() if "register" in n or n.startswith(".")]


@pytest.mark.parametrize(
    "url",
    [
        "/tai/{job}/out/%00",
        "/tai/{job}/%00/x",
        "/tai/{job}/out/" + "a" * 300 + ".docx",
        "/tai/{job}/out/" + "a/" * 1100,
        "/ket-qua/%00",
        "/mau-bieu/%00",
        "/static/%00",
        "/static/" + "b" * 300,
        "/%00",
    ],
    ids=[
        "nul",
        "nul-folder",
        "long-name",
        "long-path",
        "result",
        "blank",
        "static",
        "static-long",
        "root",
    ],
)
def test_an_odd_url_is_404_never_500(tmp_path, url):
    client = TestClient(create_app(tmp_path / "data"), raise_server_exceptions=False)
    job = "j" * 24
    (tmp_path / "data" / "jobs" / job / "out").mkdir(parents=True)
    r = client.get(url.format(job=job))
    assert r.status_code == 404, r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize("url", ["/", "/khong-co", "/static/style.css", "/api/check"])
def test_every_answer_carries_the_security_headers(tmp_path, url):
    client = TestClient(create_app(tmp_path / "data"))
    r = client.get(url)
    for name, value in SECURITY_HEADERS.items():
        assert r.headers[name] == value
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_the_pages_need_no_inline_script_or_style():
    """The CSP allows only the site's own files: a page with inline code would break."""
    templates = Path(actions.__file__).parent / "templates"
    for page in templates.glob("*.html"):
        text = page.read_text("utf-8")
        assert "style=" not in text and "<style" not in text, page.name
        assert all("src=" in tag.split(">", 1)[0] for tag in text.split("<script")[1:]), page.name
        assert not re.search(r"<[^>]*\son[a-z]+=", text), page.name


def basic(password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"x:{password}".encode()).decode()}


@pytest.mark.slow
def test_wrong_passwords_slow_down_until_the_right_one(tmp_path):
    client = TestClient(create_app(tmp_path / "data", password="dung-mat-khau"))
    assert client.get("/").status_code == 401  # a browser's first try: no wait
    started = time.monotonic()
    for _ in range(4):
        assert client.get("/", headers=basic("sai")).status_code == 401
    # 0.1 + 0.2 + 0.4 + 0.8 s: 200 wrong passwords took 0.19 s before.
    assert time.monotonic() - started >= 1.5
    started = time.monotonic()
    assert client.get("/", headers=basic("dung-mat-khau")).status_code == 200
    assert client.get("/", headers=basic("sai")).status_code == 401
    assert time.monotonic() - started < 1.0  # the right one answered at once, and forgave


def test_a_full_disk_outside_a_request_folder_is_507_not_500(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Space, "keep", full)
    client = TestClient(create_app(tmp_path / "data"), raise_server_exceptions=False)
    r = client.post(
        "/du-lieu",
        data={"csrf": token(client), "role": "campaign", "back": "/"},
        files={"file": GIVEN["campaign"]},
    )
    assert r.status_code == 507 and "Ổ đĩa của máy chủ đã đầy" in r.text
