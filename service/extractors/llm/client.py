"""Build the openai clients (sync and async) and the instructor wrappers around them.

openai's own retries are switched off (`max_retries=0`): tenacity in `retry.py` owns the
transport retries and instructor owns the validation re-asks, so each fault is retried by
exactly one layer and every request is counted.
"""

from __future__ import annotations

import functools
import importlib
import logging
import ssl
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import instructor
import openai

from service.config import Settings
from service.errors import ConfigurationError

# instructor logs every failure it sees at ERROR; we turn each into a ModelError with a clear
# message, so keep its log lines out of the user's terminal unless logging is configured.
logging.getLogger("instructor").addHandler(logging.NullHandler())

MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "tools_strict": instructor.Mode.TOOLS,  # the same tool call, its schema in strict form with `strict: true`
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,  # response_format {"type": "json_schema", ...}
    "md_json": instructor.Mode.MD_JSON,
}

OPENAI_URL = "https://api.openai.com/v1"


def provider_name(base_url: str | None) -> str:
    """How errors name the endpoint: `openai`, or the host of a custom base URL."""
    host = urlsplit(base_url).hostname or "" if base_url else ""
    port = urlsplit(base_url).port if base_url else None
    host = f"{host}:{port}" if host and port else host
    return host if host and host != "api.openai.com" else "openai"


def redact_url(url: str | None) -> str:
    """`url` without credentials (user:password@, key-like query values), for provenance and logs."""
    if not url:
        return OPENAI_URL
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    query = "&".join(f"{item.split('=', 1)[0]}=***" if "=" in item else item for item in parts.query.split("&") if item)
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), query, ""))


def _client_options(settings: Settings) -> dict[str, Any]:
    if not settings.llm_configured:
        raise ConfigurationError(
            "the llm backend needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)"
        )
    return {
        # Local servers (llama.cpp, Ollama, vLLM) accept any key; openai's client insists on one.
        "api_key": settings.openai_api_key or "not-needed",
        "base_url": settings.openai_base_url or None,
        "timeout": settings.llm_timeout_s,
        "max_retries": 0,
    }


def preload() -> None:
    """Import what openai otherwise imports on first use (~1 s), so it never stalls an event loop."""
    importlib.import_module("openai.resources.chat")


@functools.cache
def _tls() -> ssl.SSLContext:
    """Building a TLS context reads the CA bundle (~40 ms); every client of the process shares one."""
    return ssl.create_default_context()


def openai_client(settings: Settings) -> openai.OpenAI:
    """A synchronous client for the configured endpoint."""
    return openai.OpenAI(**_client_options(settings), http_client=openai.DefaultHttpxClient(verify=_tls()))


def async_openai_client(settings: Settings) -> openai.AsyncOpenAI:
    """An asynchronous client for the configured endpoint; cheap, so one per call or batch."""
    return openai.AsyncOpenAI(**_client_options(settings), http_client=openai.DefaultAsyncHttpxClient(verify=_tls()))


def structured(create: Callable[..., Any], mode: str) -> instructor.Instructor:
    """instructor over a (retrying) `chat.completions.create`: response_model, re-asks, usage."""
    return instructor.Instructor(
        client=None, create=instructor.patch(create=create, mode=MODES[mode]), mode=MODES[mode]
    )


def astructured(create: Callable[..., Awaitable[Any]], mode: str) -> instructor.AsyncInstructor:
    """The async twin of `structured`."""
    patched = instructor.patch(create=create, mode=MODES[mode])
    return instructor.AsyncInstructor(client=None, create=patched, mode=MODES[mode])
