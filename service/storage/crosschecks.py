"""Stored cross-check reports."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from service.storage.db import Database
from service.storage.tables import CrossCheckRow


def save(
    db: Database,
    report_id: str,
    *,
    article_ids: list[str],
    report: dict[str, Any],
    event_key: str | None,
    token_id: int | None,
) -> CrossCheckRow:
    """Store a report; saving the same id twice keeps the first (ids derive from the inputs)."""
    row = CrossCheckRow(id=report_id, article_ids=article_ids, report=report, event_key=event_key, token_id=token_id)
    try:
        with db.write() as session:
            session.add(row)
    except IntegrityError:
        existing = get(db, report_id)
        if existing is None:  # pragma: no cover - the conflicting row vanished
            raise
        return existing
    return row


def get(db: Database, report_id: str) -> CrossCheckRow | None:
    with db.read() as session:
        return session.get(CrossCheckRow, report_id)


def for_event(db: Database, event_key: str, limit: int = 20) -> list[CrossCheckRow]:
    """Recent reports run from an event page, newest first."""
    with db.read() as session:
        query = (
            sa.select(CrossCheckRow)
            .where(CrossCheckRow.event_key == event_key)
            .order_by(CrossCheckRow.created_at.desc())
            .limit(limit)
        )
        return list(session.scalars(query))
