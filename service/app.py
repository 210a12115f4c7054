"""The composition root: the JSON API (`service.api`) with the editor's pages (`service.web`) on top.

It sits above both layers so neither imports the other the wrong way round.
"""

from __future__ import annotations

from fastapi import FastAPI

from service import web
from service.api.app import create_api
from service.api.jobs import ExtractorFactory
from service.config import Settings, get_settings


def create_app(settings: Settings | None = None, *, extractor_factory: ExtractorFactory | None = None) -> FastAPI:
    """The whole PactCheck service (API and pages) for `settings` (default: from the environment)."""
    return create_api(settings, extractor_factory=extractor_factory, pages=web)


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (used by `pactcheck serve`, one call per server process)."""
    return create_app(get_settings())
