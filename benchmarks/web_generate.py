"""Time the web page against the command line on the same large roster: pledges as one ZIP.

    python -m benchmarks.web_generate [N]      (default: 10250 units, about 10,000 pledges)

The page is served by a real `antq-docs serve` (uvicorn, its own process) on loopback; the
measure runs from the POST of the generate form (campaign and roster uploaded, pledges ticked)
through the progress endpoint to the last byte of the ZIP downloaded. The command line is
`antq-docs generate pledge` on the same files, in its own process, start-up included. Each side
runs twice into a fresh folder; the best run of each is reported, as a row of the table in
benchmarks/README.md.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import httpx

from antq_docs import resources
from benchmarks.make_roster import write

ROOT = Path(__file__).resolve().parent.parent
# The page may take this many times as long as the command line (the target of the table).
TARGET_RATIO = 1.5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def cli_seconds(campaign: Path, roster: Path, out: Path) -> tuple[float, int]:
    """Wall seconds of `antq-docs generate pledge` and the documents it wrote."""
    command = [sys.executable, "-m", "antq_docs", "generate", "pledge"]
    command += ["--campaign", str(campaign), "--units", str(roster), "--out", str(out)]
    os.sync()
    started = time.perf_counter()
    subprocess.run(
        command,
        check=True,
        capture_output=True,
        env=_env(),
    )
    seconds = time.perf_counter() - started
    return seconds, len(list((out / "pledge").glob("*.docx")))


def page_seconds(base: str, campaign: Path, roster: Path, target: Path) -> tuple[float, int]:
    """Wall seconds from the POST of the form to the ZIP downloaded, and the documents in it."""
    with httpx.Client(base_url=base, timeout=600) as client:
        client.get("/")
        os.sync()
        started = time.perf_counter()
        with campaign.open("rb") as c, roster.open("rb") as u:
            posted = client.post(
                "/soan",
                data={"csrf": client.cookies["antq_csrf"], "kinds": "pledge"},
                files={"campaign": (campaign.name, c), "units": (roster.name, u)},
            )
        if posted.status_code != 303:
            raise RuntimeError(f"the page refused the form: {posted.status_code}")
        where = posted.headers["location"]
        while client.get(f"{where}/tien-do").json()["state"] == "running":
            time.sleep(0.2)
        shown = client.get(where).text
        link = shown.split('id="download-zip" href="')[1].split('"')[0].replace("&amp;", "&")
        with client.stream("GET", link) as answer, target.open("wb") as fh:
            for chunk in answer.iter_bytes(1 << 20):
                fh.write(chunk)
        seconds = time.perf_counter() - started
    with zipfile.ZipFile(target) as archive:
        return seconds, sum(n.endswith(".docx") for n in archive.namelist())


def served(data: Path) -> tuple[subprocess.Popen, str]:
    """`antq-docs serve` on a free loopback port, answering; its process and address."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "antq_docs", "serve", "--port", str(port), "--data", str(data)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(base + "/", timeout=2)
            return process, base
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("antq-docs serve did not start") from None
            time.sleep(0.2)


def row(units: int) -> str:
    """Measure both sides on a roster of about `units` units; the table's row."""
    campaign = resources.sample(resources.SAMPLE_CAMPAIGN)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        roster, _ = write(units, work / "data")
        cli = min(cli_seconds(campaign, roster, work / f"out{n}") for n in range(2))
        process, base = served(work / "web")
        try:
            runs = [page_seconds(base, campaign, roster, work / f"page{n}.zip") for n in range(2)]
            page = min(runs)
        finally:
            process.terminate()
            process.wait(10)
    ratio = page[0] / cli[0]
    verdict = "đạt" if ratio <= TARGET_RATIO else "chưa đạt"
    return (
        f"| Trang web (`serve`): {_count(page[1])} bản cam kết, từ lúc gửi biểu mẫu đến khi tải "
        f"xong ZIP | {_decimal(page[0])} s, gấp {_decimal(ratio, 2)} lần dòng lệnh "
        f"({_decimal(cli[0])} s, {_count(cli[1])} bản) | ≤ {_decimal(TARGET_RATIO)} lần dòng "
        f"lệnh | {verdict} |"
    )


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _decimal(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}".replace(".", ",")


if __name__ == "__main__":
    print(row(int(sys.argv[1]) if len(sys.argv) > 1 else 10_250), flush=True)
