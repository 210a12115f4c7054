"""Who is looking at a page: the bearer token or the session cookie; CSRF for cookie-borne forms."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from starlette.requests import Request

from service.api.auth import bearer_principal, enforce
from service.api.errors import ApiError
from service.api.sessions import SessionData, csrf_ok
from service.api.state import ServiceState, get_state
from service.storage.tokens import Principal


class SignInRequired(Exception):
    """Raised by a page that needs a signed-in editor; answered with a redirect to /signin."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


@dataclass
class PageContext:
    state: ServiceState
    principal: Principal
    session: SessionData | None
    via_bearer: bool

    @property
    def csrf(self) -> str:
        return self.session.csrf if self.session else ""

    @property
    def can_write(self) -> bool:
        return "write" in self.principal.scopes


def safe_next(value: str | None) -> str:
    """Only same-site relative paths: never an open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or "\n" in value:
        return "/"
    return value


def signin_url(request: Request) -> str:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/signin?next=" + quote(path, safe="")


def page_context(request: Request, scope: str = "read") -> PageContext:
    state = get_state(request)
    principal = bearer_principal(state, request)
    session = state.sessions.read(request)
    via_bearer = principal is not None
    if principal is None and session is not None and session.token_id is not None:
        principal = state.principal_for_id(session.token_id)
    if principal is None:
        raise SignInRequired(signin_url(request))
    enforce(state, principal, scope)
    return PageContext(state, principal, session, via_bearer)


async def form_context(request: Request, scope: str = "write") -> tuple[PageContext, dict[str, str | list[str]]]:
    """For a form post: the page context plus the form fields, after the CSRF check."""
    ctx = page_context(request, scope)
    form = await request.form()
    fields: dict[str, str | list[str]] = {}
    for key in form:
        values = [v for v in form.getlist(key) if isinstance(v, str)]
        fields[key] = values if key == "article_ids" else (values[0] if values else "")
    if not ctx.via_bearer and not csrf_ok(ctx.session, str(fields.get("csrf") or "")):
        raise ApiError(
            403, "the form expired or did not come from this site; reload the page and try again", code="csrf"
        )
    return ctx, fields
