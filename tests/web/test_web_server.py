"""The web page served by a real uvicorn on loopback, probed with raw sockets: connections
bounded in time and per client, a password user never locked out, a ZIP bomb that costs the
server no memory, and any address of 127.0.0.0/8 served as this computer."""

from __future__ import annotations

import io
import json
import os
import resource
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from antq_docs.web import messages as msg
from tests.helpers import FIXTURES, ROOT, SAMPLE_CAMPAIGN

DRIVER = r"""
import json, sys
from pathlib import Path
from antq_docs.web import serve
from antq_docs.web.connections import ConnectionLimits
host, port, data, password, limits = sys.argv[1:]
serve(host, int(port), Path(data), password or None, connections=ConnectionLimits(**json.loads(limits)))
"""
GIVEN = {
    "units": ("units-small.csv", (FIXTURES / "units-small.csv").read_bytes()),
    "campaign": ("campaign.yaml", SAMPLE_CAMPAIGN.read_bytes()),
}
Server = Callable[..., tuple[str, subprocess.Popen]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    """Start `serve` in a child process: (its base URL, the process); stopped at the end."""
    started: list[subprocess.Popen] = []

    def start(host="127.0.0.1", password="", files=0, **limits) -> tuple[str, subprocess.Popen]:
        port = free_port()
        args = [host, str(port), str(tmp_path / "data"), password, json.dumps(limits)]

        def bounded() -> None:
            if files:
                resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))

        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, "-c", DRIVER, *args], env=env, preexec_fn=bounded, cwd=tmp_path
        )
        started.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection((host, port), timeout=1).close()
                return f"http://{host}:{port}", proc
            except OSError:
                assert proc.poll() is None, "the server ended before it listened"
                time.sleep(0.1)
        raise AssertionError("the server did not listen")

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(timeout=10)


def address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def closed_after(sock: socket.socket, limit: float, feed: bytes = b"", every: float = 0.0) -> float:
    """Seconds until the server closes sock (feeding it a byte of feed every `every` seconds)."""
    started = time.monotonic()
    sock.settimeout(every or limit)
    fed = 0
    while time.monotonic() - started < limit:
        try:
            if sock.recv(1 << 16) == b"":
                return time.monotonic() - started
        except TimeoutError:
            if fed < len(feed):
                sock.sendall(feed[fed : fed + 1])
                fed += 1
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - started
    return float("inf")


@pytest.fixture
def sockets() -> Iterator[list[socket.socket]]:
    """Client sockets a test opens, closed at its end."""
    opened: list[socket.socket] = []
    yield opened
    for sock in opened:
        sock.close()


def connect(opened: list[socket.socket], where: tuple[str, int], source: str = "") -> socket.socket:
    """A client socket to where (from the address source), closed with the test."""
    sock = socket.socket()
    opened.append(sock)
    if source:
        sock.bind((source, 0))
    sock.connect(where)
    return sock


@pytest.mark.slow
def test_slow_headers_bodies_and_idle_connections_are_closed(server, sockets):
    url, _ = server(header_timeout=2.0, body_idle=2.0)
    where = address(url)
    silent = connect(sockets, where)
    drip = connect(sockets, where)
    drip.sendall(b"GET / HTTP/1.1\r\n")
    body = connect(sockets, where)
    body.sendall(
        f"POST /api/check HTTP/1.1\r\nHost: {where[0]}\r\nContent-Length: 100000\r\n"
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + b"x" * 100
    )
    # Before: all three were still open after 140 s.
    assert closed_after(silent, 6) < 4
    # A header byte every 0.3 s never pushes its deadline back.
    assert closed_after(drip, 6, feed=b"X-Slow: " + b"a" * 60, every=0.3) < 4
    assert closed_after(body, 6) < 4
    kept = connect(sockets, where)
    kept.sendall(f"GET /static/style.css HTTP/1.1\r\nHost: {where[0]}\r\n\r\n".encode())
    assert kept.recv(1 << 16).startswith(b"HTTP/1.1 200")
    assert closed_after(kept, 10) < 7  # idle between requests: uvicorn's keep-alive (5 s)


@pytest.mark.slow
def test_many_idle_connections_do_not_lock_out_the_right_password(server, sockets):
    """200 connections of one address on a server of 100 file descriptors: the person with
    the password, from another address, is still served, and the address keeps its 8."""
    url, _ = server(password="mat-khau-dung", files=100, per_client=8)
    where = ("127.0.0.1", address(url)[1])
    idle = [connect(sockets, where, "127.0.0.2") for _ in range(200)]
    started = time.monotonic()
    with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.3")) as client:
        r = client.get(url + "/", auth=("", "mat-khau-dung"), timeout=20)
    assert r.status_code == 200
    # Before: every descriptor held by the idle connections, the right password never served.
    assert time.monotonic() - started < 10
    still_open = [s for s in idle if closed_after(s, 0.05) == float("inf")]
    assert len(still_open) <= 8


def vm_hwm(proc: subprocess.Popen) -> int:
    """The peak resident memory of a process, in bytes."""
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) << 10
    raise AssertionError("no VmHWM")


@pytest.mark.slow
def test_a_manifest_bomb_costs_the_server_no_memory(server, tmp_path):
    url, proc = server()
    archive = io.BytesIO()
    with (
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("ho-so/manifest.json", "w") as member,
    ):
        member.write(b'{"documents": [')
        for _ in range(200):
            member.write(b" " * (1 << 20))
        member.write(b"]}")
    assert len(archive.getvalue()) < 1 << 20
    httpx.get(url + "/", timeout=30)
    before = vm_hwm(proc)
    r = httpx.post(
        url + "/api/check", files={"docs": ("ho-so.zip", archive.getvalue()), **GIVEN}, timeout=120
    )
    assert r.status_code == 400
    assert "manifest.json" in r.json()["error"] and "quá lớn khi giải nén" in r.json()["error"]
    # Before: 200 MB unpacked, then parsed whole (2.46 GB for 238 MB).
    assert vm_hwm(proc) - before < 60 << 20
    assert list((tmp_path / "data" / "jobs").iterdir()) == []


def test_any_loopback_address_is_served_without_password(server):
    url, _ = server(host="127.0.0.2")
    r = httpx.get(url + "/static/style.css", timeout=10)
    assert r.status_code == 200
    assert r.headers["x-content-type-options"] == "nosniff"
    assert msg.NO_PAGE in httpx.get(url + "/khong-co", timeout=10).text
