"""One structured model call: messages in, a validated `DraftSummary` and its cost out.

instructor validates the answer against the response model and re-asks with the errors (at
most `max_reasks` times); tenacity retries the transport underneath. Every request sends
`max_tokens` and temperature 0. Usage and requests are counted at the transport, so every
attempt is in the totals: answered ones with the server's figures, abandoned ones estimated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import openai

from service.extractors.llm import client as clients
from service.extractors.llm.failures import model_error
from service.extractors.llm.retry import CallLog, RetryPolicy, with_async_retries, with_retries
from service.extractors.llm.schema import STRICT_MODES, response_model
from service.extractors.llm.tokens import TokenBudget
from service.models import Usage
from service.models.draft import DraftSummary


@dataclass(frozen=True)
class CallSpec:
    """Everything one call needs besides the messages."""

    model: str
    mode: str
    max_reasks: int
    policy: RetryPolicy
    provider: str
    endpoint: str | None = None
    context_tokens: int | None = None


@dataclass
class Answer:
    """A validated draft and what it cost."""

    draft: DraftSummary
    usage: Usage
    calls: int
    log: CallLog


Tap = Callable[[Callable[..., Any]], Callable[..., Any]]


def _arguments(messages: list[dict[str, str]], spec: CallSpec, max_tokens: int) -> dict[str, Any]:
    return {
        "messages": messages,
        "response_model": response_model(spec.mode),
        "max_retries": spec.max_reasks,
        "strict": False,  # instructor's flag for pydantic's strict validation, not the tool's
        "model": spec.model,
        "max_tokens": max_tokens,
        "temperature": 0,
    }


def _strict_tools(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Mark the offered function `strict` (OpenAI structured outputs); its schema is already in strict form."""
    tools = kwargs.get("tools")
    if not isinstance(tools, list):
        return kwargs
    marked = [{**t, "function": {**t["function"], "strict": True}} if "function" in t else t for t in tools]
    return {**kwargs, "tools": marked}


def _shaped(create: Callable[..., Any], spec: CallSpec) -> Callable[..., Any]:
    if spec.mode not in STRICT_MODES:
        return create
    return lambda *args, **kwargs: create(*args, **_strict_tools(kwargs))


def _log(budget: TokenBudget | None) -> CallLog:
    return CallLog(budget=budget) if budget is not None else CallLog()


def call(
    client: openai.OpenAI,
    messages: list[dict[str, str]],
    spec: CallSpec,
    *,
    max_tokens: int,
    tap: Tap | None = None,
    budget: TokenBudget | None = None,
) -> Answer:
    """Ask the model for a `DraftSummary`; raises `ModelError` when it cannot get one.

    `tap` wraps the raw `create` (inside the retries), so a recorder sees every answer received;
    `budget` is shared by every call of one article.
    """
    log = _log(budget)
    create = _shaped(client.chat.completions.create, spec)
    wrapped = clients.structured(with_retries(tap(create) if tap else create, spec.policy, log), spec.mode)
    try:
        draft = wrapped.create(**_arguments(messages, spec, max_tokens))
    except Exception as exc:  # every failure leaves as a ModelError that keeps the original
        raise model_error(exc, spec=spec, log=log) from exc
    return Answer(draft=draft, usage=log.usage, calls=log.calls, log=log)


async def acall(
    client: openai.AsyncOpenAI,
    messages: list[dict[str, str]],
    spec: CallSpec,
    *,
    max_tokens: int,
    tap: Tap | None = None,
    budget: TokenBudget | None = None,
) -> Answer:
    """The async twin of `call`, so a batch waits on many requests at once."""
    log = _log(budget)
    create = _shaped(client.chat.completions.create, spec)
    wrapped = clients.astructured(with_async_retries(tap(create) if tap else create, spec.policy, log), spec.mode)
    try:
        draft = await wrapped.create(**_arguments(messages, spec, max_tokens))
    except Exception as exc:
        raise model_error(exc, spec=spec, log=log) from exc
    return Answer(draft=draft, usage=log.usage, calls=log.calls, log=log)
