"""The relational schema: articles, their extraction jobs and summaries, cross-checks, decisions, API tokens.

Alembic migrations in `migrations/versions/` create exactly these tables; a test compares the
two so a model change without a migration fails. Times are stored as naive UTC and read back
as aware UTC, so SQLite and PostgreSQL compare them the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from service.articles import FIELD_LIMITS

JOB_STATES = ("queued", "running", "done", "failed")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always UTC in Python and naive UTC in the database."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


def table_of(row: type[Base]) -> sa.Table:
    """The `Table` behind a mapped class, for Core statements.

    SQLAlchemy types `__table__` as a `FromClause` (a class may map a join or a select);
    ours all map one table, which this checks once instead of casting at every use.
    """
    table = row.__table__
    if not isinstance(table, sa.Table):
        raise TypeError(f"{row.__name__} is not mapped to a single table")
    return table


class ArticleRow(Base):
    """A submitted article: stored before any work starts, unique on the hash of its analysed body."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    body: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str | None] = mapped_column(sa.String(FIELD_LIMITS["title"]))
    outlet: Mapped[str | None] = mapped_column(sa.String(FIELD_LIMITS["outlet"]), index=True)
    url: Mapped[str | None] = mapped_column(sa.String(FIELD_LIMITS["url"]))
    published: Mapped[str | None] = mapped_column(sa.String(FIELD_LIMITS["published"]))
    language: Mapped[str | None] = mapped_column(sa.String(10))
    source_format: Mapped[str] = mapped_column(sa.String(10), default="text")
    truncated: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    notices: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    length: Mapped[int] = mapped_column(sa.Integer)
    event_key: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    token_id: Mapped[int | None] = mapped_column(sa.ForeignKey("api_tokens.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class JobRow(Base):
    """One extraction of one article. A worker owns it only while its lease is valid.

    `claim` is a fresh random value on every claim: completing requires the same value, so
    a worker whose lease expired and was re-claimed can never write a second result.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        sa.CheckConstraint(f"state IN {JOB_STATES!r}", name="ck_jobs_state"),
        sa.Index("ix_jobs_state_available", "state", "available_at"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), unique=True)
    backend: Mapped[str] = mapped_column(sa.String(20))
    state: Mapped[str] = mapped_column(sa.String(10), default="queued")
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    reason: Mapped[str | None] = mapped_column(sa.Text)
    claim: Mapped[str | None] = mapped_column(sa.String(40))
    lease_until: Mapped[datetime | None] = mapped_column()
    available_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()


class SummaryRow(Base):
    """The validated `ArticleSummary` of an article: one per article, written at most once (see `jobs.complete`)."""

    __tablename__ = "summaries"

    article_id: Mapped[str] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    extractor: Mapped[str] = mapped_column(sa.String(20))
    # Which extraction settings made it (extractor, model, prompt, schema): a repeated delivery of
    # the same job with the same settings finds its result already recorded.
    settings_key: Mapped[str | None] = mapped_column(sa.String(64))
    documents: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrossCheckRow(Base):
    """A stored cross-check report of an ordered list of articles."""

    __tablename__ = "crosschecks"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    article_ids: Mapped[list[str]] = mapped_column(sa.JSON)
    report: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    event_key: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    token_id: Mapped[int | None] = mapped_column(sa.ForeignKey("api_tokens.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


DECISIONS = ("confirmed", "dismissed")


class DecisionRow(Base):
    """An editor's verdict on a finding, keyed by the finding's fingerprint (not a report or row id).

    The fingerprint hashes what the finding says (kind, canonical document, articles, values),
    so the same disagreement found again by a later run of the cross-check keeps its verdict.
    `finding` is a snapshot of the finding when it was decided, for the gold export.
    """

    __tablename__ = "finding_decisions"
    __table_args__ = (sa.CheckConstraint(f"verdict IN {DECISIONS!r}", name="ck_finding_decisions_verdict"),)

    fingerprint: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    verdict: Mapped[str] = mapped_column(sa.String(10))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    finding: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    report_id: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    token_id: Mapped[int | None] = mapped_column(sa.ForeignKey("api_tokens.id"))
    decided_by: Mapped[str] = mapped_column(sa.String(100))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiTokenRow(Base):
    """An operator-issued API token, kept only as its SHA-256."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    scopes: Mapped[str] = mapped_column(sa.String(100), default="read write")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()


class SecretRow(Base):
    """Server-generated secrets (the session signing key) shared by every process of a deployment."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(sa.String(50), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebSessionRow(Base):
    """A signed-in browser session; the cookie carries its random id, the table only its SHA-256.

    Signing out deletes the row, and a session whose token was revoked is refused, so a cookie
    copied before either no longer opens anything.
    """

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    token_id: Mapped[int] = mapped_column(sa.ForeignKey("api_tokens.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class RateCounterRow(Base):
    """Requests (or failed sign-ins) per key in one fixed time window, shared by every server process."""

    __tablename__ = "rate_counters"

    key: Mapped[str] = mapped_column(sa.String(120), primary_key=True)
    window: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
    count: Mapped[int] = mapped_column(sa.Integer, default=0)
