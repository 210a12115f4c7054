"""Editors' decisions on findings: confirm or dismiss, with a comment, who and when.

A decision is keyed by the finding's fingerprint, a hash of what the finding says (kind,
canonical document, articles, values), never by a report or row id: re-running an article
or the cross-check finds the same disagreement again and it keeps its verdict, while a
finding whose values changed is a new finding that nobody has judged yet.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from service.models import Finding
from service.storage.db import Database
from service.storage.tables import DECISIONS, DecisionRow, utcnow

__all__ = ["DECISIONS", "Decision", "decide", "fingerprint", "for_fingerprints", "forget", "listed"]


def fingerprint(finding: Finding) -> str:
    """A stable key for what the finding says; the same disagreement found again has the same key."""
    values = sorted({(v.article_id, v.value) for v in finding.values})
    basis = [finding.kind, finding.document or "", sorted(set(finding.articles)), values]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Decision:
    """A verdict as the pages and the API show it."""

    fingerprint: str
    verdict: str
    comment: str | None
    decided_by: str
    decided_at: datetime
    report_id: str | None
    finding: dict[str, object]


def _out(row: DecisionRow) -> Decision:
    return Decision(
        row.fingerprint, row.verdict, row.comment, row.decided_by, row.decided_at, row.report_id, dict(row.finding)
    )


def decide(
    db: Database,
    finding: Finding,
    *,
    verdict: str,
    comment: str | None,
    decided_by: str,
    token_id: int | None,
    report_id: str | None,
) -> Decision:
    """Record (or replace) the verdict on `finding`; the latest decision is the one that counts."""
    if verdict not in DECISIONS:
        raise ValueError(f"verdict must be one of {', '.join(DECISIONS)}")
    key = fingerprint(finding)
    snapshot = finding.model_dump(mode="json")
    with db.write() as session:
        row = session.get(DecisionRow, key)
        if row is None:
            row = DecisionRow(fingerprint=key)
            session.add(row)
        row.verdict = verdict
        row.comment = comment or None
        row.finding = snapshot
        row.report_id = report_id
        row.token_id = token_id
        row.decided_by = decided_by
        row.decided_at = utcnow()
    return _out(row)


def forget(db: Database, key: str) -> bool:
    """Withdraw a decision; False when there was none."""
    with db.write() as session:
        result = session.execute(sa.delete(DecisionRow).where(DecisionRow.fingerprint == key))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def for_fingerprints(db: Database, keys: Iterable[str]) -> dict[str, Decision]:
    """The decisions among `keys` (a report's findings), by fingerprint."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    with db.read() as session:
        rows = session.scalars(sa.select(DecisionRow).where(DecisionRow.fingerprint.in_(wanted)))
        return {row.fingerprint: _out(row) for row in rows}


def listed(
    db: Database, *, verdict: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[list[Decision], int]:
    """Decisions, newest first, with the total for paging."""
    query = sa.select(DecisionRow)
    if verdict:
        query = query.where(DecisionRow.verdict == verdict)
    with db.read() as session:
        total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
        rows = session.scalars(query.order_by(DecisionRow.decided_at.desc()).limit(limit).offset(offset))
        return [_out(r) for r in rows], int(total or 0)
