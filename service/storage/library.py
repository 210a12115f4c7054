"""The editor's library: find articles, page event groups, delete an article, re-run its extraction.

Kept beside `articles` (the submission hot path) so the two stay small; both work on the
same tables. Deleting or re-running an article also drops the stored cross-checks it was
part of, since their ids derive from the article ids and would otherwise serve old results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa

from service.storage.articles import EventGroup, Page, Submission, _job_values, fetch_page, page_query
from service.storage.db import Database
from service.storage.jobs import Claim
from service.storage.tables import ArticleRow, CrossCheckRow, JobRow, SummaryRow

ArticleSort = Literal["newest", "oldest", "title", "outlet"]
ARTICLE_SORTS: tuple[str, ...] = ArticleSort.__args__  # type: ignore[attr-defined]
_ORDER = {
    "newest": (ArticleRow.created_at.desc(), ArticleRow.id),
    "oldest": (ArticleRow.created_at.asc(), ArticleRow.id),
    "title": (sa.func.lower(sa.func.coalesce(ArticleRow.title, ArticleRow.outlet, "")), ArticleRow.id),
    "outlet": (sa.func.lower(sa.func.coalesce(ArticleRow.outlet, "")), ArticleRow.created_at.desc()),
}


def search(
    db: Database,
    *,
    text: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    event: str | None = None,
    status: str | None = None,
    sort: str = "newest",
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Articles whose body, title or outlet contains `text` (any case), narrowed by the other fields."""
    query = page_query()
    if text:
        query = query.where(
            sa.or_(
                ArticleRow.body.icontains(text, autoescape=True),
                ArticleRow.title.icontains(text, autoescape=True),
                ArticleRow.outlet.icontains(text, autoescape=True),
            )
        )
    if outlet:
        query = query.where(ArticleRow.outlet.icontains(outlet, autoescape=True))
    if title:
        query = query.where(ArticleRow.title.icontains(title, autoescape=True))
    if event:
        query = query.where(ArticleRow.event_key == event)
    if status:
        query = query.where(JobRow.state == status)
    return fetch_page(db, query, _ORDER.get(sort, _ORDER["newest"]), limit=limit, offset=offset)


@dataclass(frozen=True)
class EventPage:
    items: list[EventGroup]
    total: int


def event_groups(db: Database, *, limit: int = 50, offset: int = 0) -> EventPage:
    """Event groups, most recently fed first, with the total for paging (no silent cap)."""
    grouped = (
        sa.select(
            ArticleRow.event_key,
            sa.func.count().label("n"),
            sa.func.sum(sa.case((JobRow.state == "done", 1), else_=0)).label("done"),
            sa.func.max(ArticleRow.created_at).label("latest"),
        )
        .join(JobRow, JobRow.article_id == ArticleRow.id)
        .where(ArticleRow.event_key.is_not(None))
        .group_by(ArticleRow.event_key)
    )
    with db.read() as session:
        total = session.scalar(sa.select(sa.func.count()).select_from(grouped.subquery()))
        rows = session.execute(
            grouped.order_by(sa.func.max(ArticleRow.created_at).desc(), ArticleRow.event_key)
            .limit(limit)
            .offset(offset)
        ).all()
    items = [EventGroup(key, int(n), int(done or 0), latest) for key, n, done, latest in rows]
    return EventPage(items, int(total or 0))


def reports_newest_first(db: Database, limit: int = 1000) -> list[CrossCheckRow]:
    """Stored cross-checks, newest first (for the desk-wide gold export)."""
    with db.read() as session:
        return list(session.scalars(sa.select(CrossCheckRow).order_by(CrossCheckRow.created_at.desc()).limit(limit)))


def _drop_reports(session: sa.orm.Session, article_id: str) -> int:
    """Delete the stored cross-checks that compared `article_id` (their ids would serve stale results)."""
    stale = [
        rid for rid, ids in session.execute(sa.select(CrossCheckRow.id, CrossCheckRow.article_ids)) if article_id in ids
    ]
    if stale:
        session.execute(sa.delete(CrossCheckRow).where(CrossCheckRow.id.in_(stale)))
    return len(stale)


def delete(db: Database, article_id: str) -> bool:
    """Delete an article with its job, summary and the cross-checks it was part of; False if unknown."""
    with db.write() as session:
        if session.get(ArticleRow, article_id) is None:
            return False
        _drop_reports(session, article_id)
        session.execute(sa.delete(SummaryRow).where(SummaryRow.article_id == article_id))
        session.execute(sa.delete(JobRow).where(JobRow.article_id == article_id))
        session.execute(sa.delete(ArticleRow).where(ArticleRow.id == article_id))
    return True


def rerun(db: Database, article_id: str, *, backend: str, claim_lease_s: float | None) -> Submission | None:
    """Queue the article's extraction again (e.g. after the extractor improved); None if unknown.

    The old summary and the cross-checks built on it go; decisions on findings stay, keyed by
    what the findings say. A job still queued or running is left alone. With `claim_lease_s`
    the job is claimed by the caller to run inline, as on submission.
    """
    with db.write() as session:
        row = session.get(ArticleRow, article_id)
        job = session.scalars(sa.select(JobRow).where(JobRow.article_id == article_id)).first()
        if row is None or job is None:
            return None
        if job.state in ("queued", "running"):
            return Submission(row, job, created=False)
        _drop_reports(session, article_id)
        session.execute(sa.delete(SummaryRow).where(SummaryRow.article_id == article_id))
        values, token = _job_values(backend, claim_lease_s)
        for key, value in values.items():
            setattr(job, key, value)
        session.flush()
    claim = Claim(job.id, row.id, backend, token, 1) if token else None
    return Submission(row, job, created=False, requeued=True, claim=claim)
