"""The editor's pages: server-rendered Jinja2 templates, a little JS, strict CSP, escaped article text."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from service.web import docs, events, pages, signin
from service.web.access import SignInRequired
from service.web.render import HERE, error_page


def install(app: FastAPI) -> None:
    """Mount the pages, their static files, and the sign-in redirect."""
    for module in (signin, pages, events):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    docs.mount(app)

    @app.exception_handler(SignInRequired)
    async def _signin(request: Request, exc: SignInRequired) -> Response:
        return RedirectResponse(exc.next_path, status_code=303)


__all__ = ["error_page", "install"]
