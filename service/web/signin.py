"""Sign in with an API token (kept server-side as a session holding the token's row id), sign out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from service.api.auth import signin_principal
from service.api.errors import ApiError
from service.api.sessions import csrf_ok
from service.api.state import get_state
from service.web.access import safe_next
from service.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/signin")
def signin_form(request: Request, next: str = "/") -> Response:
    state = get_state(request)
    session = state.sessions.read(request)
    fresh = session is None
    session = session or state.sessions.start(None)
    response = render(request, "signin.html", next=safe_next(next), csrf=session.csrf, error=None)
    if fresh:
        state.sessions.save(request, response, session)
    return response


@router.post("/signin")
async def signin(request: Request) -> Response:
    state = get_state(request)
    form = await request.form()
    token = str(form.get("token") or "").strip()
    next_path = safe_next(str(form.get("next") or "/"))
    session = state.sessions.read(request)
    if not csrf_ok(session, str(form.get("csrf") or "")):
        raise ApiError(403, "the sign-in form expired; reload the page and try again", code="csrf")
    principal = signin_principal(state, request, token)  # throttled per client address
    if principal is None:
        csrf = session.csrf if session else ""
        return render(request, "signin.html", status=401, next=next_path, csrf=csrf, error="That token is not valid.")
    response = RedirectResponse(next_path, status_code=303)
    state.sessions.save(request, response, state.sessions.start(principal.token_id))  # new CSRF value too
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    state = get_state(request)
    form = await request.form()
    if not csrf_ok(state.sessions.read(request), str(form.get("csrf") or "")):
        raise ApiError(403, "the form expired; reload the page and try again", code="csrf")
    response = RedirectResponse("/signin", status_code=303)
    state.sessions.end(request, response)  # server-side: a saved copy of the cookie is dead too
    return response
