"""One small job-queue interface, two engines: neither the API nor the extractors know which one runs.

- `JobRunner` (`service.api.jobs`): asyncio workers in the server process claiming jobs from
  the database with leases; the embedded default (SQLite), and what `pactcheck worker` runs
  against SQLite.
- `ProcrastinateQueue` (`service.api.pgqueue`): with PostgreSQL, jobs are delivered by
  procrastinate (`SKIP LOCKED` claims, LISTEN/NOTIFY, worker heartbeats and stalled-job
  recovery), so `pactcheck worker` processes on any number of machines share the work.

Either way the `jobs` table stays the record of each extraction's state, and a result is
written under the job's claim, so a job delivered twice is still recorded once.
"""

from __future__ import annotations

from typing import Literal, Protocol

from service.api.jobs import Executor, JobRunner
from service.config import Settings
from service.storage.db import database_url

Engine = Literal["database", "procrastinate"]


class JobQueue(Protocol):
    """What the service needs from a job queue."""

    async def start(self) -> None:
        """Connect, and start this process's workers (if it runs any)."""

    async def stop(self) -> None:
        """Stop the workers, handing unfinished jobs back."""

    def notify(self, job_id: int | None = None) -> None:
        """A job was queued: deliver it (called on the event loop or from a request thread)."""


def queue_engine(settings: Settings) -> Engine:
    """`PACTCHECK_JOB_QUEUE`: procrastinate on PostgreSQL (when installed) unless told otherwise."""
    if settings.job_queue != "auto":
        return settings.job_queue
    if not database_url(settings).startswith("postgresql"):
        return "database"
    try:
        import procrastinate  # noqa: F401
    except ImportError:
        return "database"
    return "procrastinate"


def make_queue(executor: Executor, settings: Settings, *, workers: int | None = None) -> JobQueue:
    """The configured queue with `workers` workers in this process (default `settings.workers`; 0: none)."""
    count = settings.workers if workers is None else workers
    if queue_engine(settings) == "procrastinate":
        from service.api.pgqueue import ProcrastinateQueue

        return ProcrastinateQueue(executor, settings, workers=count)
    return JobRunner(executor, workers=count, lease_s=settings.job_lease_s)
