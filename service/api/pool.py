"""Inline jobs run in worker processes, so a submission's CPU-bound extraction uses every core.

The offline extractor answers inline, inside the request. Run in the server process it
shares one interpreter lock with HTTP parsing and storage, and with several uvicorn
processes the kernel hands every connection to whichever process wakes first: measured
on 2 cores with 4 keep-alive clients, one process did 99% of the work while the other
idled. A pool of processes (one per core by default) takes every claimed job whoever
accepted the connection.

A child runs the very same `Executor.run` as the thread path: it loads the stored article,
extracts, and records the result (or the failure) with the claim the request took, so the
lease, the compare-and-set and the single recorded result are unchanged. Only the claim
goes in and the `Outcome` comes back.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from service.api.jobs import Executor, Outcome
from service.api.redact import describe
from service.config import Settings
from service.storage import open_database
from service.storage.jobs import Claim
from service.storage.tables import ArticleRow

log = logging.getLogger("pactcheck.jobs")

_EXECUTOR: Executor | None = None  # one per child process, built by `_start_child`
_COLUMNS = tuple(ArticleRow.__table__.columns)


class ChildError(Exception):
    """An error that escaped `Executor.run` in a child (the database is away), carried back as text.

    Not every exception survives pickling; this one does.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(kind, message)
        self.kind, self.message = kind, message

    def __str__(self) -> str:
        return self.message


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_CHECK_S = 1.0  # the fallback watch where the kernel offers no parent-death signal


def die_with_parent(parent_pid: int) -> None:
    """End this process when `parent_pid` (the server) dies, however it dies (even `kill -9`).

    On Linux the kernel sends SIGKILL at the parent's death (`prctl(PR_SET_PDEATHSIG)`);
    elsewhere a daemon thread watches for the re-parenting. Either way a parent that died
    before this ran is noticed at once.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed (errno %s); watching the parent instead", ctypes.get_errno())
            _watch_parent(parent_pid)
    else:
        _watch_parent(parent_pid)
    if os.getppid() != parent_pid:
        os._exit(0)


def _watch_parent(parent_pid: int) -> None:
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="pactcheck-parent-watch", daemon=True).start()


def _start_child(settings: Settings, backend: str, parent_pid: int) -> None:
    """Child initializer: tie the child to the server's life, connect (already migrated), build the extractor.

    SIGTERM ends a child at once (the default action): a job it held is re-run by the server in
    a fresh pool (see `ExtractionPool.run`) or, if the server is going too, taken over by the
    next one when its lease expires. Ctrl-C reaches the whole process group; the children leave
    it to the server, which finishes the requests in flight and then shuts the pool down.
    """
    global _EXECUTOR
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _EXECUTOR = Executor(open_database(settings, upgrade=False), settings)
    _EXECUTOR.extractor(backend)


def _ready() -> bool:
    return _EXECUTOR is not None


def run_claim(claim: Claim, article: dict[str, Any]) -> Outcome:
    """Runs in a child: the job's whole run, exactly as `Executor.run` does it in a thread.

    `article` holds the stored row's columns (the request has them in hand), which spares
    the child a read of what was just written.
    """
    assert _EXECUTOR is not None, "the pool initializer did not run"
    try:
        return _EXECUTOR.run(claim, ArticleRow(**article))
    except Exception as exc:  # run() records every extraction error; this is storage failing
        raise ChildError(type(exc).__name__, describe(exc)) from None


class ExtractionPool:
    """A spawn-started process pool for one backend's inline jobs, rebuilt if a child dies."""

    def __init__(self, settings: Settings, backend: str, processes: int) -> None:
        self.settings = settings
        self.backend = backend
        self.processes = processes
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, never fork: the server process runs threads and an event loop.
        return ProcessPoolExecutor(
            self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_child,
            initargs=(self.settings, self.backend, os.getpid()),
        )

    async def warm(self) -> None:
        """Start every child before the server takes requests (imports take about a second)."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._pool, _ready) for _ in range(self.processes)))

    async def run(self, claim: Claim, row: ArticleRow) -> Outcome:
        """Run a claimed job in a child; one retry in a fresh pool if a child died meanwhile.

        The retry is safe: the job's claim still holds unless the dead child had recorded
        the result, and then recording again is refused by the claim check.
        """
        loop = asyncio.get_running_loop()
        article = {c.key: getattr(row, c.key) for c in _COLUMNS}
        pool = self._pool
        try:
            return await loop.run_in_executor(pool, run_claim, claim, article)
        except BrokenProcessPool:
            log.warning("job %s: an extraction process died; starting a new pool and trying once more", claim.job_id)
            self._replace(pool)
        return await loop.run_in_executor(self._pool, run_claim, claim, article)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:  # concurrent requests see the same break: rebuild once
                self._pool = self._new_pool()
        broken.shutdown(wait=False, cancel_futures=True)

    def pids(self) -> list[int]:
        """The children's process ids (for monitoring and tests); empty before the first start."""
        return sorted(self._pool._processes or {})

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
