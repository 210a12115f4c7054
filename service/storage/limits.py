"""Counters in fixed time windows, kept in the database so every server process shares them.

One upsert per counted event (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, on SQLite and
PostgreSQL alike) returns the count so far in the current window; old windows are pruned.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from service.storage.db import Database
from service.storage.tables import RateCounterRow, table_of

COUNTERS = table_of(RateCounterRow)
KEY_CHARS = 120


@dataclass(frozen=True)
class Count:
    """How many events `key` has had in the current window, and when that window ends."""

    count: int
    resets_in_s: float


def hit(db: Database, key: str, *, window_s: float, now: float | None = None, amount: int = 1) -> Count:
    """Count `amount` events for `key` in the current window and return the count so far."""
    now = time.time() if now is None else now
    window = window_start(now, window_s)
    insert = postgresql.insert if db.dialect == "postgresql" else sqlite.insert
    statement = (
        insert(COUNTERS)
        .values(key=key[:KEY_CHARS], window=window, count=amount)
        .on_conflict_do_update(index_elements=["key", "window"], set_={"count": COUNTERS.c.count + amount})
        .returning(COUNTERS.c.count)
    )
    with db.write_core() as conn:
        count = int(conn.execute(statement).scalar_one())
    return Count(count, window + window_s - now)


def window_start(now: float, window_s: float) -> int:
    """The window is named by its start, in epoch seconds (so windows of any length prune alike)."""
    return int(now // window_s * window_s)


def current(db: Database, key: str, *, window_s: float, now: float | None = None) -> Count:
    """The count of `key` in the current window, without counting anything."""
    now = time.time() if now is None else now
    window = window_start(now, window_s)
    with db.read() as session:
        count = session.scalar(
            sa.select(COUNTERS.c.count).where(COUNTERS.c.key == key[:KEY_CHARS], COUNTERS.c.window == window)
        )
    return Count(int(count or 0), window + window_s - now)


def prune(db: Database, *, older_than_s: float, now: float | None = None) -> int:
    """Delete counters of windows that started more than `older_than_s` ago."""
    now = time.time() if now is None else now
    with db.write_core() as conn:
        result = conn.execute(sa.delete(COUNTERS).where(COUNTERS.c.window < int(now - older_than_s)))
    return int(result.rowcount or 0)
