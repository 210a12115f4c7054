"""`/docs`: Swagger UI served from the pinned `fastapi-offline` package's files, so it works offline.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; this one
uses only this server's files (the package's assets and `static/docs.js`), which the strict
content-security policy allows and a newsroom without internet can open.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from service.web.access import page_context
from service.web.render import render

router = APIRouter(include_in_schema=False)
ASSETS = "/docs-assets"


def swagger_assets() -> Path | None:
    """The folder of Swagger UI's files inside the installed package, if it is installed.

    `fastapi-offline` ships Swagger UI 5 (which reads the OpenAPI 3.1 FastAPI writes; the
    `swagger-ui-bundle` package stops at 4.x, which refuses 3.1). Only the files are used.
    """
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


@router.get("/docs")
def docs(request: Request) -> Response:
    """The API reference, for readers only; without the assets, a plain page pointing at the OpenAPI document."""
    page_context(request)  # signed in (or a bearer token), else a redirect to the sign-in page
    return render(request, "docs.html", assets=ASSETS if swagger_assets() else None, openapi_url="/openapi.json")


def mount(app: FastAPI) -> None:
    folder = swagger_assets()
    if folder is not None:
        app.mount(ASSETS, StaticFiles(directory=folder), name="docs-assets")
    app.include_router(router)
