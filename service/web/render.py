"""The template environment: autoescaping always on, so article text can never become markup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from service import __version__
from service.web.access import PageContext

HERE = Path(__file__).resolve().parent
env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
STATUS_LABEL = {"queued": "queued", "running": "running", "done": "done", "failed": "failed"}


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("principal", None)
    context.setdefault("csrf", "")
    html = env.get_template(template).render(request_path=request.url.path, version=__version__, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def render_page(request: Request, ctx: PageContext, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page for a signed-in reader: who they are, their form token and whether they may write."""
    return render(request, template, status, principal=ctx.principal, csrf=ctx.csrf, can_write=ctx.can_write, **context)
