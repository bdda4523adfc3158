"""Long requests in the background: one thread per job, its progress kept in the job's folder.

A POST that makes documents, PDFs or a check starts its work here and redirects at once to the
job's result page. The work reports through the library's own progress callback (done, total);
the Tracker writes that, a few times a second at most, to the job's progress.json, which the
result page and its JSON endpoint only read: a reload shows where the job is and never starts it
again. When the work ends its page data is saved (page.json) before the progress says "done",
so a page that sees "done" always finds the result.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROGRESS = "progress.json"
# States of a job, as progress.json and the JSON endpoint give them.
RUNNING, DONE, FAILED = "running", "done", "failed"
# Least time between two writes of progress.json: a 10,000-document run reports 10,000 times.
WRITE_EVERY_S = 0.25

log = logging.getLogger("antq_docs.web")


class Tracker:
    """The progress of one job: the step it is on and how many of its items are done."""

    def __init__(self, job: Path) -> None:
        self.path = job / PROGRESS
        self.step = ""
        self.done = 0
        self.total = 0
        self._written = 0.0
        self.write(RUNNING)

    def begin(self, step: str, total: int = 0) -> None:
        """Start a step (a key of messages.STEPS), with its number of items when known."""
        self.step, self.done, self.total = step, 0, total
        self.write(RUNNING)

    def __call__(self, done: int, total: int) -> None:
        """The library's progress callback: done of total items of the current step."""
        first = total != self.total
        self.done, self.total = done, total
        now = time.monotonic()
        if first or done >= total or now - self._written >= WRITE_EVERY_S:
            self.write(RUNNING)

    def write(self, state: str) -> None:
        """Replace progress.json atomically with the current state."""
        self._written = time.monotonic()
        data = {"state": state, "step": self.step, "done": self.done, "total": self.total}
        tmp = self.path.with_name(f".{PROGRESS}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(self.path)


def read_progress(job: Path) -> dict[str, Any] | None:
    """What progress.json says of a job, or None for a job that never ran in the background."""
    try:
        data = json.loads((job / PROGRESS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


Work = Callable[[Tracker], None]


class Runner:
    """The background jobs of one app: a thread per job id, never two for the same id."""

    def __init__(self) -> None:
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()

    def start(self, job: Path, work: Work, failed: Callable[[BaseException], None]) -> None:
        """Run work(tracker) in a thread of its own; failed(error) saves what a failure shows."""
        with self._lock:
            if job.name in self._threads:
                return
            tracker = Tracker(job)

            def run() -> None:
                try:
                    work(tracker)
                except BaseException as e:  # every failure must end the job, shown on its page
                    try:
                        failed(e)
                    except Exception:
                        log.exception("không lưu được lỗi của yêu cầu %s", job.name)
                    tracker.write(FAILED)
                else:
                    tracker.write(DONE)
                finally:
                    with self._lock:
                        self._threads.pop(job.name, None)

            thread = threading.Thread(target=run, name=f"antq-job-{job.name}", daemon=True)
            self._threads[job.name] = thread
            thread.start()

    def alive(self, job_id: str) -> bool:
        """Whether a job is still running in this process."""
        with self._lock:
            return job_id in self._threads

    def join(self, timeout: float | None = None) -> None:
        """Wait for every running job (the tests, and a server that stops)."""
        with self._lock:
            threads = list(self._threads.values())
        for thread in threads:
            thread.join(timeout)
