"""The job queue in the database: claim with compare-and-set, lease, complete exactly once.

Every claim writes a fresh random `claim` value and a lease. A job whose lease ran out (its
worker crashed or the server was killed) can be claimed again; completing or failing needs
the current claim value, so a result is recorded once even if two workers ever ran the same
job. This works the same on SQLite (writes are serialised) and PostgreSQL (row locks).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from service.storage.db import Database
from service.storage.tables import ArticleRow, JobRow, SummaryRow, table_of, utcnow

JOBS = table_of(JobRow)  # Core statements: the ORM's bulk-update machinery costs more than the SQL


@dataclass(frozen=True)
class Claim:
    """A worker's hold on one job until `lease_s` after its last renewal."""

    job_id: int
    article_id: str
    backend: str
    claim: str
    attempt: int


def _runnable(now: Any, max_attempts: int | None = None) -> sa.ColumnElement[bool]:
    """Queued and due, or running with a dead lease (and, if bounded, attempts left)."""
    abandoned = sa.and_(JobRow.state == "running", JobRow.lease_until < now)
    if max_attempts is not None:
        abandoned = sa.and_(abandoned, JobRow.attempts < max_attempts)
    return sa.or_(sa.and_(JobRow.state == "queued", JobRow.available_at <= now), abandoned)


def _take(db: Database, job: JobRow, lease_s: float, max_attempts: int | None = None) -> Claim | None:
    """Compare-and-set one candidate: only the first of concurrent claimers wins."""
    now = utcnow()
    token = secrets.token_hex(16)
    with db.write() as session:
        result = session.execute(
            sa.update(JOBS)
            .where(JobRow.id == job.id, JobRow.state == job.state, _claim_is(job.claim), _runnable(now, max_attempts))
            .values(
                state="running",
                claim=token,
                attempts=JobRow.attempts + 1,
                lease_until=now + timedelta(seconds=lease_s),
                started_at=now,
            )
            .execution_options(synchronize_session=False)
        )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return Claim(job.id, job.article_id, job.backend, token, job.attempts + 1)


def _claim_is(value: str | None) -> sa.ColumnElement[bool]:
    return JobRow.claim.is_(None) if value is None else JobRow.claim == value


def give_up_exhausted(db: Database, max_attempts: int) -> int:
    """Fail jobs whose lease expired after their last allowed attempt (a crash loop)."""
    now = utcnow()
    with db.write() as session:
        result = session.execute(
            sa.update(JOBS)
            .where(JobRow.state == "running", JobRow.lease_until < now, JobRow.attempts >= max_attempts)
            .values(
                state="failed",
                claim=None,
                lease_until=None,
                finished_at=now,
                reason=f"interrupted {max_attempts} times (worker crash or timeout); giving up",
            )
            .execution_options(synchronize_session=False)
        )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def claim_next(
    db: Database,
    *,
    lease_s: float,
    max_attempts: int | None = None,
    backends: tuple[str, ...] | None = None,
    batch: int = 8,
) -> Claim | None:
    """Claim the oldest runnable job (queued, or running with an expired lease and attempts left)."""
    now = utcnow()
    query = sa.select(JobRow).where(_runnable(now, max_attempts)).order_by(JobRow.id).limit(batch)
    if backends:
        query = query.where(JobRow.backend.in_(backends))
    with db.read() as session:
        candidates = list(session.scalars(query))
    for job in candidates:
        claim = _take(db, job, lease_s, max_attempts)
        if claim is not None:
            return claim
    return None


def claim_job(db: Database, job_id: int, *, lease_s: float, max_attempts: int | None = None) -> Claim | None:
    """Claim one particular job if it is runnable (a queue delivering this job by id)."""
    job = get_job(db, job_id)
    if job is None:
        return None
    return _take(db, job, lease_s, max_attempts)


def get_job(db: Database, job_id: int) -> JobRow | None:
    with db.read() as session:
        return session.get(JobRow, job_id)


def runnable_ids(
    db: Database, *, max_attempts: int | None = None, waiting_s: float = 0.0, limit: int = 500
) -> list[int]:
    """Jobs no live worker holds: queued and due for `waiting_s` already, or running with an expired lease."""
    now = utcnow()
    query = (
        sa.select(JobRow.id)
        .where(_runnable(now, max_attempts), JobRow.available_at <= now - timedelta(seconds=waiting_s))
        .order_by(JobRow.id)
        .limit(limit)
    )
    with db.read() as session:
        return list(session.scalars(query))


def renew(db: Database, claims: list[Claim], *, lease_s: float) -> int:
    """Extend the leases of jobs this worker still holds."""
    if not claims:
        return 0
    until = utcnow() + timedelta(seconds=lease_s)
    renewed = 0
    with db.write() as session:
        for claim in claims:
            result = session.execute(
                sa.update(JOBS)
                .where(JobRow.id == claim.job_id, JobRow.claim == claim.claim, JobRow.state == "running")
                .values(lease_until=until)
                .execution_options(synchronize_session=False)
            )
            renewed += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return renewed


def _finish(session: sa.orm.Session | sa.Connection, claim: Claim, **values: Any) -> bool:
    result = session.execute(
        sa.update(JOBS)
        .where(JobRow.id == claim.job_id, JobRow.claim == claim.claim, JobRow.state == "running")
        .values(claim=None, lease_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


ARTICLES = table_of(ArticleRow)
SUMMARIES = table_of(SummaryRow)
# The three statements of `complete`, built once (see `articles._INSERT_ARTICLE` for why).
_MARK_DONE = (
    sa.update(JOBS)
    .where(JOBS.c.id == sa.bindparam("job_id_"), JOBS.c.claim == sa.bindparam("claim_"), JOBS.c.state == "running")
    .values(state="done", reason=None, claim=None, lease_until=None)
)
# One summary per article: a second write (a job delivered twice) is a no-op, never an error.
_INSERT_SUMMARY = {
    "postgresql": postgresql.insert(SUMMARIES).on_conflict_do_nothing(index_elements=["article_id"]),
    "sqlite": sqlite.insert(SUMMARIES).on_conflict_do_nothing(index_elements=["article_id"]),
}


def settings_key(payload: dict[str, Any]) -> str:
    """The extraction settings a summary was made with (extractor, model, prompt, schema), hashed."""
    provenance = payload.get("provenance") or {}
    parts = [str(provenance.get(k) or "") for k in ("extractor", "model", "prompt_id", "prompt_version", "prompt_hash")]
    parts.append(str(payload.get("schema_version") or provenance.get("schema_version") or ""))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


_SET_EVENT = sa.update(ARTICLES).where(ARTICLES.c.id == sa.bindparam("article_id_"))


def complete(db: Database, claim: Claim, *, payload: dict[str, Any], extractor: str, event_key: str | None) -> bool:
    """Record the summary and mark the job done, atomically, at most once per article.

    False when the claim was lost and no summary with the same settings is recorded; True when
    this call recorded it, or when another delivery of the same job already did.
    """
    now = utcnow()
    key = settings_key(payload)
    with db.write_core() as conn:
        marked = conn.execute(_MARK_DONE, {"job_id_": claim.job_id, "claim_": claim.claim, "finished_at": now})
        if marked.rowcount != 1:  # another delivery of this job holds it or has finished it
            done = conn.execute(
                sa.select(SUMMARIES.c.settings_key).where(SUMMARIES.c.article_id == claim.article_id)
            ).scalar()
            return done == key  # True: the same result is already recorded (at-least-once delivery)
        conn.execute(
            _INSERT_SUMMARY[db.dialect],
            {
                "article_id": claim.article_id,
                "payload": payload,
                "extractor": extractor,
                "settings_key": key,
                "documents": len(payload.get("documents", [])),
                "created_at": now,
            },
        )
        conn.execute(_SET_EVENT, {"article_id_": claim.article_id, "event_key": event_key})
    return True


def fail(db: Database, claim: Claim, reason: str) -> bool:
    """Mark the job failed with a reason an editor can read."""
    with db.write() as session:
        return _finish(session, claim, state="failed", reason=reason[:2000], finished_at=utcnow())


def retry_later(db: Database, claim: Claim, reason: str, *, delay_s: float) -> bool:
    """Put the job back in the queue after a transient failure."""
    with db.write() as session:
        return _finish(
            session, claim, state="queued", reason=reason[:2000], available_at=utcnow() + timedelta(seconds=delay_s)
        )


def release(db: Database, claim: Claim) -> bool:
    """Hand a job back untouched (graceful shutdown): queued again, the attempt not counted."""
    with db.write() as session:
        return _finish(session, claim, state="queued", attempts=JobRow.attempts - 1, available_at=utcnow())


def counts(db: Database) -> dict[str, int]:
    """Jobs per state (for /healthz and the tests)."""
    with db.read() as session:
        rows = session.execute(sa.select(JobRow.state, sa.func.count()).group_by(JobRow.state)).all()
    found = {state: int(n) for state, n in rows}
    return {state: found.get(state, 0) for state in ("queued", "running", "done", "failed")}
