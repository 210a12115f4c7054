"""Browser sessions kept server-side, so signing out (or revoking the token) really ends them.

The cookie carries a random session id; the table keeps only its SHA-256, the token it signs
in as, and when it expires.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa

from service.storage.db import Database
from service.storage.tables import ApiTokenRow, WebSessionRow, utcnow


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def create(db: Database, token_id: int, *, max_age_s: float) -> str:
    """A new session signed in as `token_id`; returns the id to put in the cookie."""
    session_id = secrets.token_urlsafe(32)
    now = utcnow()
    with db.write() as session:
        session.add(
            WebSessionRow(
                id=_digest(session_id), token_id=token_id, created_at=now, expires_at=now + timedelta(seconds=max_age_s)
            )
        )
    return session_id


def token_for(db: Database, session_id: str) -> int | None:
    """The token a live session signs in as; None when it ended, expired or its token was revoked."""
    query = (
        sa.select(WebSessionRow.token_id)
        .join(ApiTokenRow, ApiTokenRow.id == WebSessionRow.token_id)
        .where(
            WebSessionRow.id == _digest(session_id),
            WebSessionRow.expires_at > utcnow(),
            ApiTokenRow.revoked_at.is_(None),
        )
    )
    with db.read() as session:
        return session.scalar(query)


def end(db: Database, session_id: str) -> bool:
    """Sign out: the session is gone for every copy of its cookie."""
    with db.write() as session:
        result = session.execute(sa.delete(WebSessionRow).where(WebSessionRow.id == _digest(session_id)))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def end_for_tokens(db: Database, token_ids: list[int]) -> int:
    """End every session of these tokens (they were revoked or removed from the configuration)."""
    if not token_ids:
        return 0
    with db.write() as session:
        result = session.execute(sa.delete(WebSessionRow).where(WebSessionRow.token_id.in_(token_ids)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def prune(db: Database) -> int:
    """Delete expired sessions."""
    with db.write() as session:
        result = session.execute(sa.delete(WebSessionRow).where(WebSessionRow.expires_at <= utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
