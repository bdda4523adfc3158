"""Every hostile input of the bounds, once against the command line and once against one real
server: each refused by name, in bounded time, under 300 MB at its peak, writing nothing.

The command line runs in a child process that reports its own peak (VmHWM) and its waited
workers' (getrusage); the server is `antq-docs serve` under uvicorn on loopback, its VmHWM read
from /proc after each request. The inputs are made here, streaming: a gigabyte inside a file
of about a megabyte costs the test no memory either. Run with -s to see the measured table.
"""

from __future__ import annotations

import io
import os
import socket
import struct
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from antq_docs import resources
from tests.helpers import FIXTURES, ROOT, SAMPLE_CAMPAIGN, campaign_text, write_xlsx
from tests.rendering.test_templates import _add_paragraph
from tests.web.test_web_server import closed_after, free_port, vm_hwm

pytestmark = pytest.mark.slow

PEAK_LIMIT = 300 << 20
SMALL = FIXTURES / "units-small.csv"
SMALL_UNITS = ("units-small.csv", SMALL.read_bytes())
BLOCK = 16 << 20
# `antq-docs` in a child process that writes, at exit, its peak and its workers' in bytes.
MEASURE = r"""
import atexit, os, resource, sys
def peak():
    with open("/proc/self/status") as fh:
        own = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["ANTQ_PEAK"], "w") as fh:
        fh.write(str(max(own, workers) << 10))
atexit.register(peak)
from antq_docs.cli import main
sys.argv = ["antq-docs", *sys.argv[1:]]
main()
"""


# --- Files of a gigabyte in a megabyte: deflate blocks made once, repeated ----------------


def _flushed(data: bytes) -> bytes:
    """data deflated as blocks that end byte-aligned with a fresh dictionary: copies of it
    joined are the deflate stream of the data repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def zip_bytes(members: dict[str, list[tuple[bytes, int]]]) -> bytes:
    """A ZIP of members, each given as (piece, times repeated); the pieces deflated once."""
    body, directory = io.BytesIO(), io.BytesIO()
    for name, pieces in members.items():
        crc, size = 0, 0
        for piece, times in pieces:
            for _ in range(times):
                crc = zlib.crc32(piece, crc)
            size += len(piece) * times
        packed = b"".join(_flushed(p) * times for p, times in pieces) + b"\x03\x00"
        encoded, offset = name.encode(), body.tell()
        fields = struct.pack(
            "<HHHHHIIIHH", 20, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded), 0
        )
        body.write(b"PK\x03\x04" + fields + encoded + packed)
        directory.write(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + encoded
        )
    count, start = len(members), body.tell()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, directory.tell(), start, 0)
    return body.getvalue() + directory.getvalue() + end


def xlsx_with_huge_string(source: Path, gigabytes: int = 1) -> bytes:
    """A roster workbook with an unused shared string of `gigabytes` GiB."""
    members: dict[str, list[tuple[bytes, int]]] = {}
    with zipfile.ZipFile(source) as book:
        for name in book.namelist():
            data = book.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            members[name] = [(data, 1)]
    members["xl/sharedStrings.xml"] = [
        (
            b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
            b'/spreadsheetml/2006/main"><si><t>short</t></si><si><t>',
            1,
        ),
        (b"x" * BLOCK, (gigabytes << 30) // BLOCK),
        (b"</t></si></sst>", 1),
    ]
    return zip_bytes(members)


def wide_csv(rows: int, cells: int) -> bytes:
    """A CSV of rows × cells of text, no header anywhere."""
    return "\n".join(
        ",".join(f"Cột {r}-{c} ghi chú" for c in range(cells)) for r in range(rows)
    ).encode()


def hostile_template(folder: Path, tag: str) -> Path:
    """The built-in pledge template with one more paragraph holding tag, in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pledge.docx"
    path.write_bytes(resources.template_path("pledge.docx").read_bytes())
    _add_paragraph(path, tag)
    return path


NESTED = "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}"
PRODUCT = "{{ 'x' * 400000000 }}"


# --- The command line in a child, the server started once ---------------------------------


@dataclass
class Measured:
    """One hostile input's row of the table: its peaks, its time, what it said."""

    name: str
    cli_peak: int = 0
    cli_seconds: float = 0.0
    server_peak: int = 0
    server_seconds: float = 0.0
    said: list[str] = field(default_factory=list)


TABLE: list[Measured] = []


def run_cli(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, int, float]:
    """antq-docs args in a child: what it printed, its peak in bytes, its seconds."""
    peak_file = tmp_path / "peak"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "ANTQ_PEAK": str(peak_file)},
        timeout=300,
    )
    return done, int(peak_file.read_text()), time.perf_counter() - started


@dataclass
class Served:
    """The server of the module: its URL, its process, its data folder."""

    url: str
    proc: subprocess.Popen
    data: Path
    # Bytes of the data folder after the last request.
    kept: int = 0

    def post(self, path: str, **kwargs) -> tuple[httpx.Response, int, float]:
        """POST to the server: its answer, the server's peak after it, the seconds it took."""
        started = time.perf_counter()
        answer = httpx.post(self.url + path, timeout=300, **kwargs)
        return answer, vm_hwm(self.proc), time.perf_counter() - started

    def kept_more(self, uploaded: int) -> None:
        """Nothing unpacked kept: the data folder grew by at most the files given (a request
        keeps them in its workspace, where the page shows them), and no request folder."""
        assert list((self.data / "jobs").iterdir()) == []
        kept = sum(p.stat().st_size for p in self.data.rglob("*") if p.is_file())
        assert kept < self.kept + uploaded + (1 << 20)
        self.kept = kept


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    """`antq-docs serve` with its default limits on loopback, for the whole module."""
    data = tmp_path_factory.mktemp("served") / "data"
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "antq_docs", "serve", "--port", str(port), "--data", str(data)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=data.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "no server"
            time.sleep(0.1)
    url = f"http://127.0.0.1:{port}"
    httpx.get(url + "/", timeout=30)
    yield Served(url, proc, data)
    proc.terminate()
    proc.wait(timeout=10)
    for row in TABLE:
        print(
            f"| {row.name} | {row.cli_peak >> 20} MB | {row.server_peak >> 20} MB | "
            f"{row.cli_seconds:.1f} s / {row.server_seconds:.1f} s | {' / '.join(row.said)} |"
        )


def given(units: tuple[str, bytes], campaign: bytes = b"") -> dict[str, tuple[str, bytes]]:
    """The files of a request: a roster, and the sample's campaign unless another is given."""
    return {"units": units, "campaign": ("campaign.yaml", campaign or SAMPLE_CAMPAIGN.read_bytes())}


def refused(answer: httpx.Response) -> str:
    """What the server said when it refused the request."""
    assert answer.status_code in (400, 413, 422), answer.text[:500]
    return answer.json()["error"]


# --- The inputs, in the order of the table ---------------------------------------------------


class SlowHeader(threading.Thread):
    """A client that sends its request line, then one header byte a second: the server's own
    deadline (not a test's shorter one) must close it within 30 s, while the inputs run."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.sock = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
        self.sock.sendall(b"GET / HTTP/1.1\r\n")
        self.seconds = float("inf")

    def run(self) -> None:
        self.seconds = closed_after(self.sock, 40, b"X-Slow: " + b"a" * 60, every=1.0)


@pytest.fixture(scope="module")
def slow_header(served) -> Iterator[SlowHeader]:
    """The slow client, opened with the module's first input, closed with the module."""
    client = SlowHeader(served.url)
    client.start()
    yield client
    client.join(timeout=45)
    client.sock.close()


def done(row: Measured, tmp_path: Path, served: Served, uploaded: int) -> None:
    """The row's peaks under 300 MB, nothing written or unpacked; kept for the table."""
    TABLE.append(row)
    assert row.cli_peak < PEAK_LIMIT, row
    assert row.server_peak < PEAK_LIMIT, row
    served.kept_more(uploaded)
    out = tmp_path / "out"
    assert not out.exists() or not list(out.rglob("*.docx"))


def cli_refuses(tmp_path: Path, says: str, *args: str) -> tuple[int, float]:
    """Run the command line on args: it refuses with says, without a traceback."""
    result, peak, seconds = run_cli(tmp_path, *args)
    assert result.returncode == 1, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr, result.stderr
    return peak, seconds


def server_refuses(served: Served, says: str, path: str, files: dict, **kinds) -> tuple[int, float]:
    """POST files to the server: refused with says."""
    answer, peak, seconds = served.post(path, files=files, data=kinds or None)
    error = refused(answer)
    assert says in error, error
    return peak, seconds


SAMPLE = ("--campaign", str(SAMPLE_CAMPAIGN))
DRY = ("--out", "out", "--dry-run")


def test_a_gigabyte_shared_string_in_a_megabyte_workbook(tmp_path, served, slow_header):
    source = write_xlsx(
        tmp_path / "nguon.xlsx",
        [["Mã", "Tên đơn vị", "Loại", "Mã cấp trên"], ["T", "Tỉnh Kon Tum", "tinh", ""]],
    )
    book = tmp_path / "ds.xlsx"
    book.write_bytes(xlsx_with_huge_string(source))
    assert book.stat().st_size < 2 << 20
    row = Measured("Excel 1 MB có một chuỗi chữ 1 GiB không ô nào dùng")
    says = "phần xl/sharedStrings.xml của tệp Excel có một chuỗi chữ dài hơn 1 MB"
    row.cli_peak, row.cli_seconds = cli_refuses(
        tmp_path, says, "generate", "plan", *SAMPLE, "--units", str(book), *DRY
    )
    row.server_peak, row.server_seconds = server_refuses(
        served, says, "/api/generate", given(("ds.xlsx", book.read_bytes())), kinds=["plan"]
    )
    row.said.append(says)
    done(row, tmp_path, served, book.stat().st_size)


def test_a_large_manifest(tmp_path, served):
    """240 MB of manifest.json: in a folder a run reads, in a ZIP sent to /api/check."""
    out = tmp_path / "out"
    out.mkdir()
    pieces = [(b'{"documents": [', 1), (b" " * BLOCK, 15), (b"]}", 1)]
    with (out / "manifest.json").open("wb") as fh:
        for piece, times in pieces:
            for _ in range(times):
                fh.write(piece)
    row = Measured("manifest.json 240 MB (trong thư mục; trong ZIP 1 MB gửi lên)")
    says = "tệp manifest.json quá lớn (trên 16 MB)"
    row.cli_peak, row.cli_seconds = cli_refuses(tmp_path, says, "generate", "pledge", *SAMPLE, *DRY)
    (out / "manifest.json").unlink()
    archive = zip_bytes({"ho-so/manifest.json": pieces})
    assert len(archive) < 2 << 20
    server_says = "“ho-so/manifest.json” trong ZIP quá lớn khi giải nén (trên 16 MB)"
    row.server_peak, row.server_seconds = server_refuses(
        served, server_says, "/api/check", {**given(SMALL_UNITS), "docs": ("ho-so.zip", archive)}
    )
    row.said += [says, server_says]
    done(row, tmp_path, served, len(archive) + SMALL.stat().st_size)


def test_a_zip_bomb(tmp_path, served):
    """A gigabyte of zeros in a megabyte: a .docx given to lint, a ZIP sent to /api/check."""
    pledge = resources.template_path("pledge.docx")
    with zipfile.ZipFile(pledge) as docx:
        members = {n: [(docx.read(n), 1)] for n in docx.namelist() if n != "word/document.xml"}
    members["word/document.xml"] = [(b"\0" * BLOCK, 64)]
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(zip_bytes(members))
    row = Measured("ZIP bom: 1 GiB số 0 trong 1 MB (.docx cho lint; ZIP cho /api/check)")
    says = "thấy tệp quá lớn khi giải nén (trên 256 MB)"
    result, row.cli_peak, row.cli_seconds = run_cli(tmp_path, "lint", str(bomb))
    assert result.returncode == 3 and says in result.stdout, result.stdout + result.stderr
    archive = zip_bytes({"ho-so/pledge/KT-01.docx": [(b"\0" * BLOCK, 64)]})
    server_says = "“ho-so/pledge/KT-01.docx” trong ZIP quá lớn khi giải nén (trên 256 MB)"
    row.server_peak, row.server_seconds = server_refuses(
        served, server_says, "/api/check", {**given(SMALL_UNITS), "docs": ("ho-so.zip", archive)}
    )
    row.said += [says, server_says]
    done(row, tmp_path, served, len(archive) + SMALL.stat().st_size)


@pytest.mark.parametrize("cells", [8_000, 20_000])
def test_a_table_of_thousands_of_columns(tmp_path, served, cells):
    table = tmp_path / "rong.csv"
    table.write_bytes(wide_csv(30, cells))
    row = Measured(f"CSV 30 dòng × {cells:,} ô ({table.stat().st_size >> 20} MB)".replace(",", "."))
    says = "không tìm thấy dòng tiêu đề trong 30 dòng đầu"
    row.cli_peak, row.cli_seconds = cli_refuses(
        tmp_path, says, "generate", "plan", *SAMPLE, "--units", str(table), *DRY
    )
    row.server_peak, row.server_seconds = server_refuses(
        served, says, "/api/generate", given(("rong.csv", table.read_bytes())), kinds=["plan"]
    )
    # 39.5 s on the server for 8,000 cells, 200-370 s in the command line for 20,000.
    assert row.cli_seconds < 20 and row.server_seconds < 10
    row.said.append(says)
    done(row, tmp_path, served, table.stat().st_size)


@pytest.mark.parametrize(
    ("tag", "says"),
    [
        (NESTED, "các vòng lặp range() của mẫu đi qua hơn 1.000.000 lượt"),
        (PRODUCT, "tạo ra hơn 100.000 ký tự hoặc phần tử"),
    ],
    ids=["nested-range", "product"],
)
def test_a_template_that_asks_for_unbounded_work(tmp_path, served, tag, says):
    """The command line: `templates check` evaluates nothing, the run refuses the template by
    name before writing. The server: a campaign whose mau names its own request folder, the
    template given as its roster file, is never filled: it is refused as a roster."""
    template = hostile_template(tmp_path / "mau", tag)
    campaign = tmp_path / "ke-hoach.yaml"
    campaign.write_text(campaign_text() + "\nmau: mau\n", encoding="utf-8")
    row = Measured(f"mẫu có {tag[:40]}…" if len(tag) > 40 else f"mẫu có {tag}")
    checked, check_peak, check_seconds = run_cli(
        tmp_path, "templates", "check", str(tmp_path / "mau")
    )
    # Checking compiles and evaluates nothing: the template passes, at no cost.
    assert checked.returncode == 0 and "không có lỗi" in checked.stderr + checked.stdout
    peak, seconds = cli_refuses(
        tmp_path, says, "generate", "pledge", "--campaign", str(campaign), "--out", "out"
    )
    row.cli_peak, row.cli_seconds = max(check_peak, peak), check_seconds + seconds
    visitor = SAMPLE_CAMPAIGN.read_text("utf-8") + "\nmau: .\n"
    answer, row.server_peak, row.server_seconds = served.post(
        "/api/generate",
        data={"kinds": ["pledge"]},
        files=given(("pledge.docx", template.read_bytes()), visitor.encode()),
    )
    error = refused(answer)
    assert "Mẫu" not in error and "không phải UTF-8" in error, error
    row.said += [says, error.split(": ", 1)[-1][:60]]
    done(row, tmp_path, served, template.stat().st_size + len(visitor))


def test_the_slow_header_client_was_closed_within_30_s(slow_header):
    """Closed by the server's default header deadline, while every input above ran."""
    slow_header.join(timeout=45)
    assert slow_header.seconds < 30
