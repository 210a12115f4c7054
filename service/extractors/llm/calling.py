"""One structured model call: messages in, a validated `DraftSummary` and its cost out.

instructor validates the answer against `DraftSummary` and re-asks with the errors (at most
`max_reasks` times); tenacity retries the transport underneath. Token usage is instructor's
total over every answered request; requests are counted at the transport, retries included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import openai

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

from service.extractors.llm import client as clients
from service.extractors.llm.failures import model_error, usage_of
from service.extractors.llm.retry import CallLog, RetryPolicy, with_async_retries, with_retries
from service.extractors.llm.schema import RESPONSE_MODEL
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


@dataclass
class Answer:
    """A validated draft and what it cost."""

    draft: DraftSummary
    usage: Usage
    calls: int
    log: CallLog


def _usage(draft: DraftSummary, completion: Any) -> Usage:
    total = getattr(draft, "_total_usage", None)
    return usage_of(total if total is not None else getattr(completion, "usage", None))


def call(client: openai.OpenAI, messages: list[dict[str, str]], spec: CallSpec) -> Answer:
    """Ask the model for a `DraftSummary`; raises `ModelError` when it cannot get one."""
    log = CallLog()
    wrapped = clients.structured(with_retries(client.chat.completions.create, spec.policy, log), spec.mode)
    try:
        draft, completion = wrapped.create_with_completion(
            messages=cast("list[ChatCompletionMessageParam]", messages),  # role/content dicts
            response_model=RESPONSE_MODEL,
            max_retries=spec.max_reasks,
            strict=False,
            model=spec.model,
        )
    except Exception as exc:  # every failure leaves as a ModelError that keeps the original
        raise model_error(
            exc, provider=spec.provider, model=spec.model, log=log, timeout=spec.policy.timeout_s
        ) from exc
    return Answer(draft=draft, usage=_usage(draft, completion), calls=log.calls, log=log)


async def acall(client: openai.AsyncOpenAI, messages: list[dict[str, str]], spec: CallSpec) -> Answer:
    """The async twin of `call`, so a batch waits on many requests at once."""
    log = CallLog()
    wrapped = clients.astructured(with_async_retries(client.chat.completions.create, spec.policy, log), spec.mode)
    try:
        draft, completion = await wrapped.create_with_completion(
            messages=cast("list[ChatCompletionMessageParam]", messages),  # role/content dicts
            response_model=RESPONSE_MODEL,
            max_retries=spec.max_reasks,
            strict=False,
            model=spec.model,
        )
    except Exception as exc:
        raise model_error(
            exc, provider=spec.provider, model=spec.model, log=log, timeout=spec.policy.timeout_s
        ) from exc
    return Answer(draft=draft, usage=_usage(draft, completion), calls=log.calls, log=log)
