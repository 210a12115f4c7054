"""Extraction jobs on procrastinate, the PostgreSQL-native task engine (used when DATABASE_URL is PostgreSQL).

procrastinate delivers each job to one worker among all `pactcheck worker` processes (and
the servers' embedded workers) on any number of machines: `SELECT ... FOR UPDATE SKIP
LOCKED` claims, LISTEN/NOTIFY wake-ups, worker heartbeats. A worker that dies mid-job stops
its heartbeat; the sweeper every worker runs hands such stalled jobs back, so delivery is
at least once.

The `jobs` table stays the record of each extraction (what the API shows): a delivered task
claims its job row with a lease, renews it while the model works, and records the result
under that claim. A second delivery of the same job finds it done (nothing is recorded twice)
or held by a live lease (and leaves it). The sweeper delivers every runnable job again: one
whose lease ran out (its worker died: nothing is lost) or that never got a task (a server that
crashed between storing a submission and deferring its task), so the table, not the
hand-off, is what counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from procrastinate import App, PsycopgConnector
from procrastinate.exceptions import AlreadyEnqueued

from service.api.jobs import Executor, log_outcome
from service.api.redact import describe
from service.config import Settings
from service.storage import Database
from service.storage import jobs as job_store
from service.storage.db import database_url

log = logging.getLogger("pactcheck.jobs")

QUEUE = "pactcheck"
TASK = "pactcheck.extract"
_SCHEMA_LOCK = 0x5AC7C4ED  # advisory lock around applying procrastinate's schema (one process does it)


def conninfo(settings: Settings) -> str:
    """The libpq URI of the configured database (SQLAlchemy's `postgresql+psycopg://` spelled for psycopg)."""
    url = sa.engine.make_url(database_url(settings)).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def ensure_schema(db: Database, app: App) -> None:
    """Create procrastinate's tables once (under an advisory lock: several processes may start together)."""
    with db.engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _SCHEMA_LOCK})
        try:
            present = conn.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar()
            if present is None:
                driver = conn.connection.driver_connection  # the schema holds `%`: no parameter parsing
                driver.execute(app.schema_manager.get_schema())  # type: ignore[union-attr]
                log.info("procrastinate schema created")
            conn.commit()
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _SCHEMA_LOCK})
            conn.commit()


class ProcrastinateQueue:
    """The `JobQueue` on procrastinate: defers one task per queued job, runs `workers` workers here."""

    def __init__(self, executor: Executor, settings: Settings, *, workers: int) -> None:
        self.executor = executor
        self.settings = settings
        self.workers = workers
        self.lease_s = settings.job_lease_s
        self.app = App(connector=PsycopgConnector(conninfo=conninfo(settings), min_size=1, max_size=4 + workers))
        self.task = self.app.task(name=TASK, queue=QUEUE)(self._run_job)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[Any]] = []

    @property
    def db(self) -> Database:
        return self.executor.db

    async def start(self) -> None:
        if self.workers:
            await self.executor.awarm()
        await asyncio.to_thread(ensure_schema, self.db, self.app)
        await self.app.open_async()
        self._loop = asyncio.get_running_loop()
        self._tasks = [asyncio.create_task(self._sweep(), name="pactcheck-sweeper")]
        if self.workers:
            worker = self.app.run_worker_async(
                queues=[QUEUE],
                concurrency=self.workers,
                install_signal_handlers=False,
                update_heartbeat_interval=max(0.5, self.lease_s / 3),
                stalled_worker_timeout=self.lease_s,
                delete_jobs="successful",
            )
            self._tasks.append(asyncio.create_task(worker, name="pactcheck-procrastinate-worker"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        await self.app.close_async()

    def notify(self, job_id: int | None = None) -> None:
        """Defer the job's task (fire and forget: the sweeper delivers it if this is ever lost)."""
        if job_id is None or self._loop is None or self._loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self.defer(job_id), self._loop)

    async def defer(self, job_id: int) -> bool:
        """One waiting task per job (procrastinate's queueing lock); False when one already waits."""
        try:
            await self.task.configure(queueing_lock=f"pactcheck-job-{job_id}").defer_async(job_id=job_id)
        except AlreadyEnqueued:
            return False
        except Exception as exc:  # the sweeper will try again
            log.warning("job %s: cannot defer its task (%s)", job_id, describe(exc))
            return False
        return True

    async def _run_job(self, job_id: int) -> None:
        """The task: claim the job row, run it, record it; or see that another delivery did."""
        max_attempts = self.settings.job_max_attempts
        while True:
            claim = await asyncio.to_thread(
                job_store.claim_job, self.db, job_id, lease_s=self.lease_s, max_attempts=max_attempts
            )
            if claim is not None:
                renewing = asyncio.create_task(self._renew(claim))
                try:
                    outcome = await self.executor.arun(claim)
                except asyncio.CancelledError:  # this worker is stopping: hand the job straight back
                    with contextlib.suppress(Exception):
                        await asyncio.shield(asyncio.to_thread(job_store.release, self.db, claim))
                    raise
                finally:
                    renewing.cancel()
                log_outcome(claim, outcome)
                if outcome.state != "queued":  # queued: a model error, retried after its backoff below
                    return
            job = await asyncio.to_thread(job_store.get_job, self.db, job_id)
            if job is None or job.state in ("done", "failed"):
                return  # recorded (by this delivery or an earlier one): nothing to do twice
            if job.state == "running":
                # Another delivery holds it. If that worker dies, its lease runs out and the sweeper
                # delivers the job again; waiting here would only keep a worker slot busy.
                return
            await asyncio.sleep(_wait_s(job.available_at, cap=self.lease_s))  # queued: due after its backoff

    async def _renew(self, claim: job_store.Claim) -> None:
        while True:
            await asyncio.sleep(max(0.2, self.lease_s / 3))
            with contextlib.suppress(Exception):
                await asyncio.to_thread(job_store.renew, self.db, [claim], lease_s=self.lease_s)

    async def _sweep(self) -> None:
        """Recover what a dead worker or a lost hand-off left behind; every process runs one."""
        max_attempts = self.settings.job_max_attempts
        while True:
            try:
                await asyncio.to_thread(job_store.give_up_exhausted, self.db, max_attempts)
                stalled = await self.app.job_manager.get_stalled_jobs(queue=QUEUE, seconds_since_heartbeat=self.lease_s)
                for job in stalled:
                    await self.app.job_manager.retry_job(job)  # it will find its job row done or take it over
                    log.info("task %s of a dead worker handed back", job.id)
                runnable = await asyncio.to_thread(  # a fresh submission's own task is on its way: not those
                    job_store.runnable_ids, self.db, max_attempts=max_attempts, waiting_s=self.lease_s
                )
                for job_id in runnable:
                    await self.defer(job_id)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database may be away: try again at the next round
                log.warning("job sweeper: %s", describe(exc))
            await asyncio.sleep(max(0.5, self.lease_s / 2))


def _wait_s(until: datetime | None, *, cap: float) -> float:
    """Seconds until `until` (a lease end or a retry time), within [0.2, cap]."""
    if until is None:
        return 0.2
    return min(cap, max(0.2, (until - datetime.now(UTC)).total_seconds() + 0.1))
