"""Rate limits counted in the database, so every server process (and machine) shares them.

- `RateLimiter`: requests per token in fixed one-minute windows (`rate_limit_per_minute`),
  decided from memory and synchronised with the database every `SYNC_S`.
- `AuthThrottle`: failed authentications per client address (`auth_failures_per_window` in
  `auth_failure_window_s`); once over, that address gets 429 for the rest of the window, even
  with a right token, so guessing cannot go on at full speed.

Fixed windows let a client that times its burst at a window's edge get up to twice the limit
within a few seconds; in exchange counting is one upsert per key and sync, whatever the number
of processes.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from service.storage import Database, limits

WINDOW_S = 60.0
SYNC_S = 0.5


class RateLimiter:
    """Requests per token per window, counted here and added to the shared count in the database.

    `check` decides from memory (the shared count at the last sync plus this process's requests
    since), so the request path never waits on the database; `sync` (every `SYNC_S`, from the
    server's background loop) adds this process's requests to the database and reads the total
    back. Several processes may together admit up to one sync interval of their own traffic past
    the limit before they all see it.
    """

    def __init__(self, db: Database, per_minute: int, *, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.limit = max(1, per_minute)
        self.clock = clock
        self._window = limits.window_start(clock(), WINDOW_S)
        self._known: dict[str, int] = {}  # the shared count at the last sync, this window
        self._pending: dict[str, int] = {}  # this process's requests since
        self._lock = threading.Lock()

    def check(self, key: int | str) -> float | None:
        """Count one request of `key`; None when allowed, else seconds until the window ends (no I/O)."""
        now = self.clock()
        name = f"rate:{key}"
        with self._lock:
            self._roll(now)
            used = self._known.get(name, 0) + self._pending.get(name, 0)
            if used >= self.limit:
                return self._window + WINDOW_S - now
            self._pending[name] = self._pending.get(name, 0) + 1
            return None

    def sync(self) -> None:
        """Add this process's requests to the shared counts and read the totals back (blocking)."""
        with self._lock:
            self._roll(self.clock())
            pending, self._pending = self._pending, {}
            window = self._window
            names = set(pending) | set(self._known)
        for name in names:
            amount = pending.get(name, 0)
            if amount:
                counted = limits.hit(self.db, name, window_s=WINDOW_S, now=window, amount=amount)
            else:  # no requests here since: read what the other processes did
                counted = limits.current(self.db, name, window_s=WINDOW_S, now=window)
            with self._lock:
                if self._window == window:
                    self._known[name] = counted.count  # every process's requests, ours included

    def _roll(self, now: float) -> None:
        window = limits.window_start(now, WINDOW_S)
        if window != self._window:
            self._window = window
            self._known.clear()
            self._pending.clear()


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
