"""JSON errors with a clear message, and a guard that keeps stack traces inside the server."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from service.api.models import ErrorBody, ErrorDetail
from service.api.redact import describe

log = logging.getLogger("pactcheck.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error the API answers on purpose: status, stable code, readable message."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.details = details
        self.headers = headers


def error_response(
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code or _CODES.get(status, "error"), message=message, details=details))
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def _validation_message(errors: list[Any]) -> tuple[int, str, list[str]]:
    details = []
    for err in errors[:20]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        details.append(f"{where}: {err.get('msg', 'invalid')}")
    if any(err.get("type") == "json_invalid" for err in errors):
        return 400, "the request body is not valid JSON", details
    return 422, "the request does not match the API: " + (details[0] if details else "invalid input"), details


def install(app: FastAPI, html_handler: Any | None = None) -> None:
    """Register the handlers; `html_handler(request, status, message)` renders errors for pages."""

    def wants_html(request: Request) -> bool:
        return (
            html_handler is not None
            and not request.url.path.startswith("/v1/")
            and "text/html" in request.headers.get("accept", "")
        )

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        if wants_html(request):
            return html_handler(request, exc.status, exc.message)  # type: ignore[misc]
        return error_response(exc.status, exc.message, code=exc.code, details=exc.details, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        status, message, details = _validation_message(list(exc.errors()))
        if wants_html(request):  # a page's bad query (`/?offset=-1`) gets a page, not JSON
            return html_handler(request, status, message)  # type: ignore[misc]
        return error_response(status, message, details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: "no such route or resource", 405: "this method is not allowed on this route"}.get(
            exc.status_code, str(exc.detail)
        )
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        if wants_html(request):
            page = html_handler(request, exc.status_code, message)  # type: ignore[misc]
            page.headers.update(headers)
            return page
        return error_response(exc.status_code, message, headers=headers or None)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts on this path (Starlette names only the first route's).

    Probes each method against the app's routes, so routers nested in any way are covered.
    """
    routes = request.app.router.routes
    return [m for m in _METHODS if any(r.matches({**request.scope, "method": m})[0] == Match.FULL for r in routes)]


def internal_error(exc: BaseException) -> JSONResponse:
    """Log one line with an error id (never a traceback) and answer 500 with that id."""
    error_id = secrets.token_hex(6)
    log.error("error %s: %s", error_id, describe(exc))
    return error_response(500, f"internal error (id {error_id}); the operator can find it in the server log")
