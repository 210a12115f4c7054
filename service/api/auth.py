"""Who is calling, and may they: bearer tokens for the API, bearer or session cookie for pages."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

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


def bearer_principal(state: ServiceState, request: Request) -> Principal | None:
    """The principal of an `Authorization: Bearer` header; None when there is no header at all."""
    credential = _presented(request)
    return None if credential is None else _valid(state.principal_for_secret(credential))


def enforce(state: ServiceState, principal: Principal, scope: str) -> None:
    """Rights first, then the per-token rate limit."""
    if scope not in principal.scopes:
        raise ApiError(403, f"this token may not {scope}; ask the operator for a token with the {scope!r} right")
    wait = state.limiter.check(principal.token_id)
    if wait is not None:
        raise ApiError(
            429,
            f"too many requests for this token (limit {state.settings.rate_limit_per_minute}/minute); retry later",
            headers={"Retry-After": retry_after(wait)},
        )


def require(scope: str) -> Callable[..., Principal]:
    """API dependency: a valid bearer token with `scope`, within its rate limit."""

    # async: FastAPI runs a plain `def` dependency in a worker thread, a hop per request that
    # cost more than the check itself; only a token-cache miss needs a thread (for the database).
    async def dependency(request: Request, _credentials: object = Depends(bearer_scheme)) -> Principal:
        state = get_state(request)
        credential = _presented(request)
        if credential is None:
            raise ApiError(401, "authentication required: send `Authorization: Bearer <token>`", headers=_CHALLENGE)
        principal = _valid(await state.aprincipal_for_secret(credential))
        enforce(state, principal, scope)
        return principal

    return dependency
