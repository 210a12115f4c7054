"""The application factory: database, tokens, job workers, API routes and pages in one ASGI app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service import __version__
from service.api import errors
from service.api.jobs import Executor, ExtractorFactory, JobRunner
from service.api.pool import ExtractionPool
from service.api.protect import ProtectMiddleware
from service.api.ratelimit import RateLimiter
from service.api.routes import articles, crosschecks, editor, health
from service.api.sessions import SessionCodec
from service.api.state import ServiceState
from service.config import Settings, get_settings
from service.storage import open_database
from service.storage import tokens as token_store

log = logging.getLogger("pactcheck.api")

DESCRIPTION = """Submit news articles about official visits, read grounded summaries (every item backed by
an exact quote with offsets) and cross-check several reports of one event.
Every route except `/healthz` needs `Authorization: Bearer <token>`; errors are
`{"error": {"code", "message"}}`."""


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
    runner = JobRunner(executor, workers=settings.workers, lease_s=settings.job_lease_s)
    return ServiceState(
        settings=settings,
        db=db,
        executor=executor,
        runner=runner,
        limiter=RateLimiter(settings.rate_limit_per_minute),
        sessions=SessionCodec(secret),
    )


def create_app(settings: Settings | None = None, *, extractor_factory: ExtractorFactory | None = None) -> FastAPI:
    """The PactCheck service for `settings` (default: from the environment).

    `extractor_factory` (backend name -> extractor) replaces the extractor registry, which is
    how tests put a scripted or deliberately slow extractor behind the real job machinery.
    """
    from service import web  # the pages build on the API's state, auth and operations

    state = build_state(settings or get_settings(), extractor_factory)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool = state.executor.pool
        if pool is not None:
            await pool.warm()  # the first submissions must not wait for processes to start
        await state.runner.start()
        try:
            yield
        finally:
            await state.runner.stop()
            if pool is not None:
                pool.shutdown()
            state.db.dispose()

    # /docs is served by the web layer from packaged Swagger UI assets (no CDN: it works offline).
    app = FastAPI(title="PactCheck", version=__version__, description=DESCRIPTION, lifespan=lifespan, docs_url=None)
    app.state.pactcheck = state
    errors.install(app, html_handler=web.error_page)
    for module in (health, articles, crosschecks, editor):
        app.include_router(module.router)
    web.install(app)
    app.add_middleware(ProtectMiddleware, max_body=state.settings.max_request_bytes)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (used by `pactcheck serve`, one call per server process)."""
    return create_app(get_settings())
