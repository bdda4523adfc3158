"""LibreOffice's processes and profile folders: nothing left running or on disk after a run,
even one killed with `kill -9`.

Each soffice runs in its own process group (it starts helpers of its own). A watchdog, a small
process of its own, holds the reading end of a pipe from the run: when the run ends in any way,
killed included, the pipe closes and the watchdog kills every soffice group still registered.
Profile folders are named with the run's process id, so the next run removes those whose run
is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# The profile folders of LibreOffice under the temporary folder: PREFIX<pid of the run>-<random>.
PROFILE_PREFIX = "antq-docs-soffice-"
_OWNER = re.compile(rf"^{re.escape(PROFILE_PREFIX)}(\d+)-")
# A profile folder from before its name carried the run's id is removed once this old.
_UNOWNED_AGE_S = 24 * 3600
# Below this much free space a failed conversion is put down to a full disk: LibreOffice needs
# room for its profile (about 10 MB) and the PDFs of a batch.
MIN_FREE_BYTES = 64 << 20

# The watchdog: reads "PID" (watch), "-PID" (forget) or "end" (the run ended normally); at the
# end of its input without "end" (the run died) it kills every group still watched.
_WATCHDOG = r"""
import os, signal, sys
groups = set()
for line in sys.stdin:
    line = line.strip()
    if line == "end":
        sys.exit(0)
    if line.startswith("-"):
        groups.discard(int(line[1:]))
    elif line:
        groups.add(int(line))
for group in groups:
    try:
        os.killpg(group, signal.SIGKILL)
    except OSError:
        pass
"""


class Watchdog:
    """The process that kills the registered soffice groups if the run dies (a context manager)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._guard = threading.Lock()

    def __enter__(self) -> Watchdog:
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _WATCHDOG],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return self

    def _send(self, line: str) -> None:
        with self._guard:
            if self._process is not None and self._process.stdin is not None:
                with contextlib.suppress(OSError):
                    self._process.stdin.write(f"{line}\n".encode())
                    self._process.stdin.flush()

    def start(self, command: list[str]) -> subprocess.Popen:
        """Start soffice in its own process group, watched until it is reaped."""
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._send(str(process.pid))
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """Kill a soffice and everything in its process group, then reap it."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def reaped(self, process: subprocess.Popen) -> None:
        """Stop watching a soffice that has ended, its helpers killed with it."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        self._send(f"-{process.pid}")

    def __exit__(self, *exc: object) -> None:
        self._send("end")
        if self._process is not None:
            if self._process.stdin is not None:
                with contextlib.suppress(OSError):
                    self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


def new_profiles() -> Path:
    """A new folder for this run's LibreOffice profiles, once those of ended runs are removed."""
    sweep_profiles(Path(tempfile.gettempdir()))
    return Path(tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{os.getpid()}-"))


def sweep_profiles(where: Path) -> int:
    """Remove the profile folders in `where` whose run has ended; return how many."""
    removed = 0
    for folder in where.glob(f"{PROFILE_PREFIX}*"):
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
            continue
        owner = _OWNER.match(folder.name)
        if owner is not None and _alive(int(owner.group(1))):
            continue
        if owner is None and time.time() - info.st_mtime < _UNOWNED_AGE_S:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    """Whether a process of that id is running (a zombie is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        status = Path(f"/proc/{pid}/status").read_text()
        return "\nState:\tZ" not in status
    return True


def short_of_space(*folders: Path) -> bool:
    """Whether any of the folders has less than MIN_FREE_BYTES free."""
    for folder in folders:
        with contextlib.suppress(OSError):
            if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
                return True
    return False
