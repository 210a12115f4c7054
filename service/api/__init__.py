"""The HTTP API: `create_app(settings)` builds the FastAPI application (API routes and pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from service.api.app import create_app as create_app


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from service.api.app import create_app

        return create_app
    raise AttributeError(name)


__all__ = ["create_app"]
