"""Rate limits counted in the database, so every server process (and machine) shares them.

- `RateLimiter`: requests per token in fixed one-minute windows (`rate_limit_per_minute`).
- `AuthThrottle`: failed authentications per client address (`auth_failures_per_window` in
  `auth_failure_window_s`); once over, that address gets 429 for the rest of the window, even
  with a right token, so guessing cannot go on at full speed.

Fixed windows let a client that times its burst at a window's edge get up to twice the limit
within a few seconds; in exchange a check is one upsert, whatever the number of processes.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from service.storage import Database, limits

WINDOW_S = 60.0


class RateLimiter:
    def __init__(self, db: Database, per_minute: int, *, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.limit = max(1, per_minute)
        self.clock = clock

    def check(self, key: int | str) -> float | None:
        """Count one request of `key`; None when allowed, else seconds until the window ends (blocking)."""
        counted = limits.hit(self.db, f"rate:{key}", window_s=WINDOW_S, now=self.clock())
        return None if counted.count <= self.limit else counted.resets_in_s


class AuthThrottle:
    """Failed authentications per client address; the block itself is remembered in-process too.

    A blocked address is refused without touching the database; only failures are counted
    there, so the cost lands on the clients that fail.
    """

    def __init__(
        self, db: Database, max_failures: int, window_s: float, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.db = db
        self.max_failures = max(1, max_failures)
        self.window_s = window_s
        self.clock = clock
        self._blocked: dict[str, float] = {}  # address -> end of its block (clock time)
        self._lock = threading.Lock()

    def blocked(self, address: str) -> float | None:
        """Seconds the address must still wait, or None; no database access."""
        now = self.clock()
        with self._lock:
            until = self._blocked.get(address)
            if until is None:
                return None
            if until <= now:
                del self._blocked[address]
                return None
            return until - now

    def failed(self, address: str) -> float | None:
        """Count a failure (blocking); returns the wait when this address is now over the limit."""
        now = self.clock()
        counted = limits.hit(self.db, f"authfail:{address}", window_s=self.window_s, now=now)
        if counted.count <= self.max_failures:
            return None
        with self._lock:
            if len(self._blocked) > 100_000:
                self._blocked.clear()
            self._blocked[address] = now + counted.resets_in_s
        return counted.resets_in_s


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
