"""The application factory: database, tokens, job workers, API routes and pages in one ASGI app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from service import __version__
from service.api import errors
from service.api.auth import reader_or_session
from service.api.errors import ApiError
from service.api.jobs import Executor, ExtractorFactory
from service.api.pool import ExtractionPool
from service.api.protect import ProtectMiddleware
from service.api.queue import make_queue
from service.api.ratelimit import SYNC_S, WINDOW_S, AuthThrottle, RateLimiter
from service.api.redact import install_log_redaction
from service.api.routes import articles, crosschecks, editor, health
from service.api.sessions import SessionCodec
from service.api.state import ServiceState
from service.config import Settings, get_settings
from service.storage import limits, open_database, web_sessions
from service.storage import tokens as token_store

log = logging.getLogger("pactcheck.api")

DESCRIPTION = """Submit news articles about official visits, read grounded summaries (every item backed by
an exact quote with offsets) and cross-check several reports of one event.
Every route except `/healthz` needs `Authorization: Bearer <token>`; errors are
`{"error": {"code", "message"}}`."""


def _install_docs(app: FastAPI, *, pages: bool) -> None:
    """`/openapi.json` (and, without pages, `/docs`) for readers only: a bearer token or a signed-in session.

    With pages on top, `/docs` is theirs: Swagger UI from packaged files, so it works without internet.
    """

    async def reader(request: Request) -> bool:
        return await reader_or_session(request) is not None

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> Response:
        if not await reader(request):
            raise ApiError(401, "authentication required: send `Authorization: Bearer <token>`")
        return JSONResponse(app.openapi())

    if pages:
        return

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> Response:
        if not await reader(request):
            raise ApiError(401, "authentication required: send `Authorization: Bearer <token>`")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="PactCheck API")


def build_state(settings: Settings, extractor_factory: ExtractorFactory | None = None) -> ServiceState:
    """Open the database (migrations applied), register the configured tokens, prepare the workers."""
    db = open_database(settings)
    active = token_store.sync_tokens(db, token_store.parse_tokens(settings.api_tokens))
    if not active:
        log.warning("no API tokens configured: every request will be refused; set PACTCHECK_API_TOKENS")
    secret = settings.session_secret or token_store.secret_value(db, "session_key")
    executor = Executor(db, settings, extractor_factory) if extractor_factory else Executor(db, settings)
    if extractor_factory is None and settings.extract_processes and settings.resolve_backend() == "offline":
        executor.pool = ExtractionPool(settings, "offline", settings.extract_processes)  # started by the lifespan
    runner = make_queue(executor, settings)
    return ServiceState(
        settings=settings,
        db=db,
        executor=executor,
        runner=runner,
        limiter=RateLimiter(db, settings.rate_limit_per_minute),
        sessions=SessionCodec(secret, db),
        auth_throttle=AuthThrottle(db, settings.auth_failures_per_window, settings.auth_failure_window_s),
    )


HOUSEKEEPING_S = 60.0


async def _housekeeping(state: ServiceState) -> None:
    """Drop ended browser sessions and rate counters of past windows, once a minute."""
    keep_s = 2 * max(WINDOW_S, state.settings.auth_failure_window_s)
    while True:
        with contextlib.suppress(Exception):  # the database may be away for a while; try again later
            await asyncio.to_thread(web_sessions.prune, state.db)
            await asyncio.to_thread(limits.prune, state.db, older_than_s=keep_s)
        await asyncio.sleep(HOUSEKEEPING_S)


async def _sync_rate_limits(state: ServiceState) -> None:
    """Share this process's request counts through the database (see `RateLimiter`)."""
    while True:
        await asyncio.sleep(SYNC_S)
        with contextlib.suppress(Exception):  # the database may be away; the counts wait for the next round
            await asyncio.to_thread(state.limiter.sync)


class Pages(Protocol):
    """What the API needs from a layer of pages on top of it (`service.web` is one)."""

    def install(self, app: FastAPI) -> None: ...

    def error_page(self, request: Request, status: int, message: str) -> Response: ...


def create_api(
    settings: Settings | None = None,
    *,
    extractor_factory: ExtractorFactory | None = None,
    pages: Pages | None = None,
) -> FastAPI:
    """The PactCheck API for `settings` (default: from the environment), with `pages` on top if given.

    `extractor_factory` (backend name -> extractor) replaces the extractor registry, which is
    how tests put a scripted or deliberately slow extractor behind the real job machinery.
    The pages are handed in rather than imported: they build on the API, never the reverse
    (`service.app` composes the two).
    """
    state = build_state(settings or get_settings(), extractor_factory)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        install_log_redaction(state.secrets)  # the server's handlers exist by now
        pool = state.executor.pool
        if pool is not None:
            await pool.warm()  # the first submissions must not wait for processes to start
        await state.runner.start()
        loops = [
            asyncio.create_task(_housekeeping(state), name="pactcheck-housekeeping"),
            asyncio.create_task(_sync_rate_limits(state), name="pactcheck-rate-sync"),
        ]
        try:
            yield
        finally:
            for task in loops:
                task.cancel()
            for task in loops:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            with contextlib.suppress(Exception):
                await asyncio.to_thread(state.limiter.sync)  # this process's last requests count too
            await state.runner.stop()
            if pool is not None:
                pool.shutdown()
            state.db.dispose()

    app = FastAPI(
        title="PactCheck",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url=None,  # served below, behind a token like every route but /healthz
        docs_url=None,
        redoc_url=None,
    )
    app.state.pactcheck = state
    _install_docs(app, pages=pages is not None)
    errors.install(app, html_handler=pages.error_page if pages is not None else None)
    for module in (health, articles, crosschecks, editor):
        app.include_router(module.router)
    if pages is not None:
        pages.install(app)
    app.add_middleware(
        ProtectMiddleware, max_body=state.settings.max_request_bytes, body_timeout_s=state.settings.body_timeout_s
    )
    return app
