"""Worker processes for CPU-bound work (rendering, checking): --jobs, order kept, bounded memory.

`--jobs N` is the number of processes doing the work; 1 does it in the run's own process. A run
never starts more workers than it has batches of work, so a handful of documents costs no
process start-up. Items go to the workers a batch at a time, with one batch in flight ahead, so
memory stays flat however long the list. A worker ends when the run that started it dies, even
by `kill -9`: nothing is left running after a crash.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from antq_docs.errors import AntqError
from antq_docs.messages import files as msg

T = TypeVar("T")
R = TypeVar("R")

# Items handed to the workers at a time; also the least work that justifies one more worker.
BATCH = 256
# Items a worker takes from the queue at once (fewer round trips, still balanced).
CHUNK = 8
# PR_SET_PDEATHSIG of prctl(2): the signal a Linux process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    """The number of processes a run uses unless told: one per core it may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def workers_for(jobs: int | None, items: int) -> int:
    """How many processes to use for items: at most jobs, at most one per batch of work."""
    wanted = default_jobs() if jobs is None else jobs
    return max(1, min(wanted, -(-items // BATCH)))


def _die_with_parent(parent: int) -> None:
    """Worker start-up: end this process when the run that started it ends, however it ends."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the watch below still ends the worker within a second
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request above took effect

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def ordered_map(function: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """function(item) for every item, in order; on `workers` processes when more than one.

    items is consumed a batch at a time. Where worker processes cannot start (some sandboxes
    forbid them), the work is done in this process.
    """
    iterator = iter(items)
    first: list[T] = []
    if workers > 1:
        try:
            pool = ProcessPoolExecutor(
                max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)
            )
            first = list(itertools.islice(iterator, BATCH))
            pending = pool.map(function, first, chunksize=CHUNK)
        except (OSError, NotImplementedError):
            pool = None
        if pool is not None:
            with pool:
                yield from _pipeline(pool, function, iterator, pending)
            return
        iterator = itertools.chain(first, iterator)
    for item in iterator:
        yield function(item)


def _pipeline(
    pool: ProcessPoolExecutor,
    function: Callable[[T], R],
    iterator: Iterator[T],
    pending: Iterator[R] | None,
) -> Iterator[R]:
    """Yield one batch's results while the workers work on the next."""
    while pending is not None:
        batch = list(itertools.islice(iterator, BATCH))
        upcoming = pool.map(function, batch, chunksize=CHUNK) if batch else None
        try:
            yield from pending
        except BrokenProcessPool as e:
            raise AntqError(msg.WORKER_DIED) from e
        pending = upcoming
