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
import logging
import multiprocessing
import signal
import threading
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


def _start_child(settings: Settings, backend: str) -> None:
    """Child initializer: connect (the server already migrated) and build the extractor.

    Ctrl-C and SIGTERM reach the whole process group; the children leave them to the server,
    which finishes the requests in flight and then shuts the pool down (a child dying first
    would fail jobs that were about to finish).
    """
    global _EXECUTOR
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
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
            initargs=(self.settings, self.backend),
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
        return sorted(self._pool._processes or {})  # type: ignore[attr-defined]

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
