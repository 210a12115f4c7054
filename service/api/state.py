"""Everything a request handler needs, built once per application."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from starlette.requests import Request

from service.api.jobs import Executor, JobRunner
from service.api.ratelimit import RateLimiter
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
    runner: JobRunner
    limiter: RateLimiter
    sessions: SessionCodec
    _tokens: dict[str, tuple[Principal | None, float]] = field(default_factory=dict)

    def principal_for_secret(self, secret: str) -> Principal | None:
        """Look a presented token up (cached for a few seconds to keep the hot path cheap)."""
        key = token_store.token_hash(secret)
        now = time.monotonic()
        cached = self._tokens.get(key)
        if cached and cached[1] > now:
            return cached[0]
        found = token_store.find(self.db, secret=secret)
        if len(self._tokens) > 10_000:
            self._tokens.clear()
        self._tokens[key] = (found, now + TOKEN_CACHE_S)
        return found

    def principal_for_id(self, token_id: int) -> Principal | None:
        return token_store.find(self.db, token_id=token_id)

    @property
    def secrets(self) -> tuple[str | None, ...]:
        return (self.settings.openai_api_key, self.settings.api_tokens, self.settings.session_secret)


def get_state(request: Request) -> ServiceState:
    return request.app.state.pactcheck  # type: ignore[no-any-return]
