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
from urllib.parse import urlsplit

import instructor
import openai

from service.config import Settings
from service.errors import ConfigurationError

# instructor logs every failure it sees at ERROR; we turn each into a ModelError with a clear
# message, so keep its log lines out of the user's terminal unless logging is configured.
logging.getLogger("instructor").addHandler(logging.NullHandler())

MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}


def provider_name(base_url: str | None) -> str:
    """How errors name the endpoint: `openai`, or the host of a custom base URL."""
    parts = urlsplit(base_url) if base_url else None
    host = parts.netloc.rpartition("@")[2] if parts else ""  # never the user name or password
    return host if host and host != "api.openai.com" else "openai"


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
