"""Extraction jobs: run one claimed job, and the background workers that drain the queue.

A submission is stored (article + queued job) before any work starts. The offline extractor
is fast enough to answer inline: the request claims its own job and runs it. Other backends
(the LLM) are left to `JobRunner`: `settings.workers` asyncio workers claim jobs through the
database, so several server processes share one queue, and a job whose worker died is
taken over once its lease expires. Results are written with the claim value, so nothing is
recorded twice; transient model errors are retried with backoff up to `job_max_attempts`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool

from service.api.redact import describe, settings_secrets
from service.articles import ArticleInput
from service.config import Settings
from service.errors import ModelError, PactCheckError
from service.extract import get_extractor
from service.extractors import Extractor
from service.models import ArticleSummary
from service.schemas import validate_payload
from service.storage import Database
from service.storage import articles as article_store
from service.storage import jobs as job_store
from service.storage.jobs import Claim
from service.storage.tables import ArticleRow

log = logging.getLogger("pactcheck.jobs")

ExtractorFactory = Callable[[str], Extractor]
"""backend name -> extractor; the default is the registry (`service.extract.get_extractor`)."""


def article_input(row: ArticleRow) -> ArticleInput:
    """Rebuild the analysed input from the stored row (the body is stored as analysed)."""
    return ArticleInput(
        id=row.id,
        body=row.body,
        title=row.title,
        outlet=row.outlet,
        url=row.url,
        published=row.published,
        language=row.language,
        truncated=row.truncated,
        source_format=row.source_format,
        notices=[(str(code), str(message)) for code, message in (row.notices or [])],
    )


@dataclass(frozen=True)
class Outcome:
    """What running a job left behind: its state and, when known, what the response needs."""

    state: str  # done, failed, queued (retry later) or lost (another worker owns it now)
    reason: str | None = None
    documents: int | None = None
    event_key: str | None = None


class InlinePool(Protocol):
    """Where inline jobs of one backend run instead of a thread (`service.api.pool.ExtractionPool`).

    A protocol, so this module never imports the pool (the pool builds executors: it imports us).
    """

    backend: str

    async def warm(self) -> None: ...

    async def run(self, claim: Claim, row: ArticleRow) -> Outcome: ...

    def shutdown(self) -> None: ...


def log_outcome(claim: Claim, outcome: Outcome) -> None:
    """One INFO line per job run, whichever path ran it (shown by `pactcheck serve --log-level info`)."""
    if outcome.state == "done":
        log.info(
            "job %s (%s): done after attempt %s, %s document(s), event %s",
            claim.job_id,
            claim.article_id,
            claim.attempt,
            outcome.documents,
            outcome.event_key,
        )
    else:
        log.info(
            "job %s (%s): %s after attempt %s%s",
            claim.job_id,
            claim.article_id,
            outcome.state,
            claim.attempt,
            f": {outcome.reason}" if outcome.reason else "",
        )


@dataclass
class Executor:
    """Turns a claim into a recorded outcome; shared by the inline path and the workers."""

    db: Database
    settings: Settings
    factory: ExtractorFactory = get_extractor  # type: ignore[assignment]
    retry_base_s: float = 2.0  # backoff after a model error: base * 2**(attempt - 1), capped at a minute
    pool: InlinePool | None = None  # inline extraction in worker processes (see service.api.pool)
    _extractors: dict[str, Extractor] = field(default_factory=dict)

    def extractor(self, backend: str) -> Extractor:
        """One extractor per backend, created on first use (the LLM one holds a client)."""
        if backend not in self._extractors:
            self._extractors[backend] = self.factory(backend)
        return self._extractors[backend]

    async def awarm(self) -> None:
        """Build the configured backend's extractor before claiming anything.

        Building it imports the model client (a second or more on a loaded machine); done on
        the event loop after a claim, that stall could outlast the job's lease. A failure here
        is left for the jobs to report.
        """
        backend = self.settings.resolve_backend()
        if self.pool is not None and self.pool.backend == backend:
            return  # the pool's children hold that extractor; this process never builds it
        with contextlib.suppress(Exception):
            await asyncio.to_thread(self.extractor, backend)

    def load(self, claim: Claim) -> tuple[ArticleRow, ArticleInput]:
        found = article_store.get(self.db, claim.article_id)
        if found is None:
            raise PactCheckError(f"article {claim.article_id} disappeared")
        return found[0], article_input(found[0])

    def record(self, claim: Claim, row: ArticleRow, summary: ArticleSummary) -> Outcome:
        payload = validate_payload("article_summary", summary.model_dump(mode="json"))  # dumped once
        key = article_store.event_key(summary, row)
        done = job_store.complete(
            self.db, claim, payload=payload, extractor=summary.provenance.extractor, event_key=key
        )
        if not done:
            log.warning("job %s: claim lost before completion; the result was discarded", claim.job_id)
            return Outcome("lost")
        return Outcome("done", documents=len(summary.documents), event_key=key)

    def record_failure(self, claim: Claim, exc: BaseException) -> Outcome:
        """Fail or re-queue the job; the outcome says which, with the reason recorded."""
        secrets = settings_secrets(self.settings)
        if isinstance(exc, ModelError) and claim.attempt < self.settings.job_max_attempts:
            delay = min(60.0, self.retry_base_s * 2 ** (claim.attempt - 1))
            reason = f"attempt {claim.attempt} failed: {describe(exc, secrets)}"
            job_store.retry_later(self.db, claim, reason, delay_s=delay)
            log.info(
                "job %s: attempt %s failed (%s); retrying in %.0fs",
                claim.job_id,
                claim.attempt,
                type(exc).__name__,
                delay,
            )
            return Outcome("queued", reason=reason)
        if isinstance(exc, PactCheckError):
            reason = describe(exc, secrets).split(": ", 1)[-1] or type(exc).__name__
        else:
            reason = f"internal error while extracting ({type(exc).__name__}); see the server log"
            log.error("job %s: unexpected %s", claim.job_id, describe(exc, secrets))
        job_store.fail(self.db, claim, reason)
        return Outcome("failed", reason=reason[:2000])

    def run(self, claim: Claim, row: ArticleRow | None = None) -> Outcome:
        """Run a claimed job synchronously (the inline offline path, which already has the row)."""
        try:
            if row is None:
                row, article = self.load(claim)
            else:
                article = article_input(row)
            summary = self.extractor(claim.backend).extract(article)
            return self.record(claim, row, summary)
        except Exception as exc:  # every failure is recorded on the job, none escapes
            return self.record_failure(claim, exc)

    async def run_inline(self, claim: Claim, row: ArticleRow) -> Outcome:
        """The inline path of a submission: in the process pool when there is one, else in a thread."""
        outcome = await self._run_inline(claim, row)
        log_outcome(claim, outcome)
        return outcome

    async def _run_inline(self, claim: Claim, row: ArticleRow) -> Outcome:
        if self.pool is None or claim.backend != self.pool.backend:
            return await run_in_threadpool(self.run, claim, row)
        try:
            return await self.pool.run(claim, row)
        except BrokenProcessPool:  # a child died on this job twice: the article is the likely cause
            reason = "the extraction process died on this article (twice); see the server log"
            log.error("job %s: %s", claim.job_id, reason)
            failed = await run_in_threadpool(job_store.fail, self.db, claim, reason)
            return Outcome("failed", reason=reason) if failed else Outcome("lost")
        except Exception as exc:  # storage failed in the child: what happened is in the database
            log.error("job %s: %s", claim.job_id, describe(exc))
            return Outcome("lost")

    async def arun(self, claim: Claim) -> Outcome:
        """Run a claimed job without blocking the event loop (the worker path)."""
        try:
            row, article = await asyncio.to_thread(self.load, claim)
            summary = await self.extractor(claim.backend).aextract(article)
            return await asyncio.to_thread(self.record, claim, row, summary)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return await asyncio.to_thread(self.record_failure, claim, exc)


class JobRunner:
    """Background workers with bounded concurrency that claim jobs from the database."""

    def __init__(self, executor: Executor, *, workers: int, lease_s: float, poll_s: float = 1.0) -> None:
        self.executor = executor
        self.workers = workers
        self.lease_s = lease_s
        self.poll_s = poll_s
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._held: dict[int, Claim] = {}
        self._stopping = False
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def db(self) -> Database:
        return self.executor.db

    def notify(self, job_id: int | None = None) -> None:
        """A job was queued in this process: wake an idle worker now instead of at the next poll.

        Called from request threads, so the event is set on the runner's own loop.
        """
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    async def start(self) -> None:
        if self.workers:
            await self.executor.awarm()
        self._stopping = False
        self._loop = asyncio.get_running_loop()
        self._tasks = [asyncio.create_task(self._work(i), name=f"pactcheck-worker-{i}") for i in range(self.workers)]
        self._tasks.append(asyncio.create_task(self._heartbeat(), name="pactcheck-heartbeat"))

    async def stop(self) -> None:
        """Cancel the workers and hand their unfinished jobs straight back to the queue."""
        self._stopping = True
        self._wake.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        held = list(self._held.values())
        self._held.clear()
        for claim in held:
            await asyncio.to_thread(job_store.release, self.db, claim)

    async def _next(self) -> Claim | None:
        max_attempts = self.executor.settings.job_max_attempts
        return await asyncio.to_thread(job_store.claim_next, self.db, lease_s=self.lease_s, max_attempts=max_attempts)

    async def _work(self, index: int) -> None:
        while not self._stopping:
            try:
                claim = await self._next()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database is away: wait and try again, never die
                log.warning("worker %s: cannot claim jobs (%s)", index, describe(exc))
                claim = None
            if claim is None:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.poll_s)
                continue
            self._held[claim.job_id] = claim
            try:
                log_outcome(claim, await self.executor.arun(claim))
            finally:
                self._held.pop(claim.job_id, None)

    async def _heartbeat(self) -> None:
        """Renew the leases this process holds; fail jobs that crashed on every allowed attempt."""
        max_attempts = self.executor.settings.job_max_attempts
        while not self._stopping:
            with contextlib.suppress(Exception):
                await asyncio.to_thread(job_store.give_up_exhausted, self.db, max_attempts)
            await asyncio.sleep(max(0.2, self.lease_s / 3))
            with contextlib.suppress(Exception):
                await asyncio.to_thread(job_store.renew, self.db, list(self._held.values()), lease_s=self.lease_s)
