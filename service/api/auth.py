"""Who is calling, and may they: bearer tokens for the API, bearer or session cookie for pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from starlette.concurrency import run_in_threadpool

from service.api.errors import ApiError
from service.api.ratelimit import retry_after
from service.api.state import ServiceState, get_state
from service.storage.tokens import Principal

bearer_scheme = HTTPBearer(
    auto_error=False, description="An API token configured by the operator (PACTCHECK_API_TOKENS)."
)
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="pactcheck"'}


def _presented(request: Request) -> str | None:
    """The credential of an `Authorization: Bearer` header; None when there is no header at all."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, credential = header.partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer" or not credential:
        raise ApiError(401, "use the header `Authorization: Bearer <token>`", headers=_CHALLENGE)
    return credential


def _valid(found: Principal | None) -> Principal:
    if found is None:
        raise ApiError(401, "the API token is not valid (unknown or revoked)", code="invalid_token", headers=_CHALLENGE)
    return found


def client_address(request: Request) -> str:
    """Whom to throttle: the peer address (uvicorn sets it from X-Forwarded-For behind --proxy-headers)."""
    return request.client.host if request.client else "unknown"


def _throttled(state: ServiceState, wait: float) -> ApiError:
    limit, window = state.settings.auth_failures_per_window, state.settings.auth_failure_window_s
    return ApiError(
        429,
        f"too many failed authentications from this address ({limit} per {window:g} s); retry later",
        code="auth_throttled",
        headers={"Retry-After": retry_after(wait)},
    )


def refuse_if_throttled(state: ServiceState, request: Request) -> None:
    """429 for an address over its failed-authentication limit (in-process check, no database)."""
    wait = state.auth_throttle.blocked(client_address(request))
    if wait is not None:
        raise _throttled(state, wait)


def count_failure(state: ServiceState, request: Request, error: ApiError) -> ApiError:
    """Count a failed authentication (blocking); the error to raise: `error`, or 429 once over the limit."""
    wait = state.auth_throttle.failed(client_address(request))
    return error if wait is None else _throttled(state, wait)


def bearer_principal(state: ServiceState, request: Request) -> Principal | None:
    """The principal of an `Authorization: Bearer` header; None when there is no header at all (blocking)."""
    refuse_if_throttled(state, request)
    try:
        credential = _presented(request)
        return None if credential is None else _valid(state.principal_for_secret(credential))
    except ApiError as exc:
        raise count_failure(state, request, exc) from None


def signin_principal(state: ServiceState, request: Request, token: str) -> Principal | None:
    """The principal of a token typed into the sign-in form, throttled like a bearer header (blocking)."""
    refuse_if_throttled(state, request)
    found = state.principal_for_secret(token) if token else None
    if found is None:
        error = count_failure(state, request, ApiError(401, "the token is not valid"))
        if error.status == 429:
            raise error
    return found


def enforce(state: ServiceState, principal: Principal, scope: str) -> None:
    """Rights first, then the per-token rate limit (decided in memory, shared through the database)."""
    if scope not in principal.scopes:
        raise ApiError(403, f"this token may not {scope}; ask the operator for a token with the {scope!r} right")
    wait = state.limiter.check(principal.token_id)
    if wait is not None:
        raise ApiError(
            429,
            f"too many requests for this token (limit {state.settings.rate_limit_per_minute}/minute); retry later",
            headers={"Retry-After": retry_after(wait)},
        )


def require(scope: str) -> Callable[..., Awaitable[Principal]]:
    """API dependency: a valid bearer token with `scope`, within its rate limit."""

    # async: FastAPI runs a plain `def` dependency in a worker thread, a hop per request that
    # cost more than the check itself; only a token-cache miss needs a thread (for the database).
    async def dependency(request: Request, _credentials: object = Depends(bearer_scheme)) -> Principal:
        state = get_state(request)
        refuse_if_throttled(state, request)
        try:
            credential = _presented(request)
            if credential is None:
                raise ApiError(401, "authentication required: send `Authorization: Bearer <token>`", headers=_CHALLENGE)
            principal = _valid(await state.aprincipal_for_secret(credential))
        except ApiError as exc:
            raise await run_in_threadpool(count_failure, state, request, exc) from None
        enforce(state, principal, scope)  # in memory: no thread needed
        return principal

    return dependency


async def reader_or_session(request: Request) -> Principal | None:
    """A reader by bearer token or by a signed-in session cookie (the docs page in a browser); else None."""
    state = get_state(request)
    if request.headers.get("authorization") is not None:
        return await require("read")(request)
    refuse_if_throttled(state, request)
    session = await run_in_threadpool(state.sessions.read, request)
    if session is None or session.token_id is None:
        return None
    principal = await run_in_threadpool(state.principal_for_id, session.token_id)
    if principal is not None:
        enforce(state, principal, "read")
    return principal
