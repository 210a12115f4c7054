"""Everything a request handler needs, built once per application."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from service.api.jobs import Executor
from service.api.queue import JobQueue
from service.api.ratelimit import AuthThrottle, RateLimiter
from service.api.redact import settings_secrets
from service.api.sessions import SessionCodec
from service.config import Settings
from service.storage import Database
from service.storage import tokens as token_store
from service.storage.tokens import Principal

TOKEN_CACHE_S = 5.0


@dataclass
class ServiceState:
    settings: Settings
    db: Database
    executor: Executor
    runner: JobQueue  # the job queue (in-process workers or procrastinate)
    limiter: RateLimiter
    sessions: SessionCodec
    auth_throttle: AuthThrottle
    _tokens: dict[str, tuple[Principal | None, float]] = field(default_factory=dict)

    def cached_principal(self, secret: str) -> tuple[bool, Principal | None]:
        """(True, principal or None) when a lookup of this token from the last few seconds is at hand."""
        cached = self._tokens.get(token_store.token_hash(secret))
        if cached and cached[1] > time.monotonic():
            return True, cached[0]
        return False, None

    def principal_for_secret(self, secret: str) -> Principal | None:
        """Look a presented token up (cached for a few seconds to keep the hot path cheap)."""
        hit, found = self.cached_principal(secret)
        if hit:
            return found
        found = token_store.find(self.db, secret=secret)
        if len(self._tokens) > 10_000:
            self._tokens.clear()
        self._tokens[token_store.token_hash(secret)] = (found, time.monotonic() + TOKEN_CACHE_S)
        return found

    async def aprincipal_for_secret(self, secret: str) -> Principal | None:
        """The same lookup from the event loop: only a cache miss goes to a worker thread."""
        hit, found = self.cached_principal(secret)
        if hit:
            return found
        return await run_in_threadpool(self.principal_for_secret, secret)

    def principal_for_id(self, token_id: int) -> Principal | None:
        return token_store.find(self.db, token_id=token_id)

    @property
    def secrets(self) -> tuple[str, ...]:
        return settings_secrets(self.settings)


def get_state(request: Request) -> ServiceState:
    return request.app.state.pactcheck
