"""Response declarations shared by the API routes (they feed the OpenAPI document)."""

from __future__ import annotations

from typing import Any

from service.api.models import ErrorBody

_TEXT = {
    400: "Malformed request (e.g. the body is not valid JSON).",
    401: "Missing, malformed or invalid API token.",
    403: "The token lacks the right this route needs.",
    404: "Unknown id.",
    409: "The resource is not in a state that allows this (e.g. summary not ready).",
    413: "The request body is too large.",
    415: "Unsupported Content-Type.",
    422: "The input cannot be used (empty, binary, too long, invalid fields).",
    429: "Rate limit exceeded; see Retry-After.",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given error statuses, all with the JSON error body."""
    return {code: {"model": ErrorBody, "description": _TEXT[code]} for code in codes}


def ok(model: type[Any], description: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entry of a 200 answer; `ok(...) | errors(...)` types as one mapping."""
    return {200: {"model": model, "description": description}}
