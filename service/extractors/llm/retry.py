"""Transport retries for one model request, bounded in attempts and in time.

openai's own retries are off (`max_retries=0`) so this is the one place that decides:
429 (waiting what Retry-After asks, capped), 408/409/5xx, timeouts and dropped connections
are retried; any other 4xx fails at once. Validation re-asks are instructor's job and sit
above this layer: each re-ask is one more request through here, under the same deadline.
"""

from __future__ import annotations

import asyncio
import email.utils
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)
from tenacity.stop import stop_base

from service.config import Settings
from service.extractors.llm.tokens import BudgetExceeded, TokenBudget, request_tokens
from service.models import Usage
from service.vocabulary import LLM_PERMANENT_ERROR_MARKERS

_RETRY_STATUSES = frozenset({408, 409, 429})


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


async def _asleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


# Tests replace these with no-ops; the waits chosen are still recorded in `CallLog.waits`.
SLEEP: Callable[[float], None] = _sleep
ASLEEP: Callable[[float], Awaitable[None]] = _asleep


class DeadlineExceeded(Exception):
    """The structured call used up `llm_total_deadline_s` before it could send another request."""


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds for one structured call: attempts per request, one deadline, longest single wait."""

    max_attempts: int = 4
    deadline_s: float = 180.0
    max_wait_s: float = 30.0
    timeout_s: float | None = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(
            max_attempts=settings.llm_max_attempts,
            deadline_s=settings.llm_total_deadline_s,
            max_wait_s=settings.llm_max_retry_wait_s,
            timeout_s=settings.llm_timeout_s,
        )


@dataclass
class CallLog:
    """What one structured call spent at the transport level (re-asks included)."""

    calls: int = 0
    waits: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    base_messages: int | None = None
    deadline: float | None = None
    usage: Usage = field(default_factory=Usage)
    budget: TokenBudget = field(default_factory=lambda: TokenBudget(None))
    request_tokens: int = 0
    stopped: BaseException | None = None

    def answered(self, completion: Any) -> None:
        """Count what an answered request cost (the server's figures, else an estimate)."""
        raw = getattr(completion, "usage", None)
        prompt = int(getattr(raw, "prompt_tokens", 0) or 0) if raw else self.request_tokens
        completion_tokens = int(getattr(raw, "completion_tokens", 0) or 0) if raw else 0
        total = int(getattr(raw, "total_tokens", 0) or 0) if raw else 0
        spent = Usage(
            prompt_tokens=prompt,
            completion_tokens=completion_tokens,
            total_tokens=total or prompt + completion_tokens,
            estimated_tokens=0 if raw else prompt,
        )
        self.usage = self.usage.add(spent)
        self.budget.charge(spent.total_tokens)

    def unanswered(self) -> None:
        """A request abandoned at the timeout or dropped: the server may have read the prompt, so count it."""
        tokens = self.request_tokens
        self.usage = self.usage.add(Usage(prompt_tokens=tokens, total_tokens=tokens, estimated_tokens=tokens))
        self.budget.charge(tokens)


def retry_after_s(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, `retry-after` seconds or HTTP date)."""
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            parsed = email.utils.parsedate_tz(value)
            if parsed is None:
                continue
            seconds = email.utils.mktime_tz(parsed) - time.time()
        if math.isfinite(seconds):
            return max(0.0, seconds)
    return None


def error_detail(exc: openai.APIStatusError) -> str:
    """The server's own message for an error answer."""
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if message:
            return str(message)
    return str(exc.message)


def is_permanent(exc: openai.APIStatusError) -> bool:
    """The error body says the request itself is wrong (whatever the status): repeating it cannot help.

    llama.cpp answers a chat template that refuses the conversation with a 500
    ("Conversation roles must alternate"); that is no server hiccup.
    """
    if exc.status_code == 429:
        return False
    detail = error_detail(exc).lower()
    return any(marker in detail for marker in LLM_PERMANENT_ERROR_MARKERS)


def is_retryable(exc: BaseException) -> bool:
    """Transient transport faults; a 400/401/403/404/422 will not get better by asking again."""
    if isinstance(exc, openai.APIConnectionError):  # includes timeouts and connection resets
        return True
    if isinstance(exc, openai.APIStatusError):
        transient = exc.status_code in _RETRY_STATUSES or exc.status_code >= 500
        return transient and not is_permanent(exc)
    return False


def describe(exc: BaseException) -> str:
    """A short label for a transport error: `429`, `timeout`, `connection`..."""
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    if isinstance(exc, openai.APIStatusError):
        return str(exc.status_code)
    return type(exc).__name__


class _Wait:
    """Retry-After when the server gives one (capped), else jittered exponential backoff."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._backoff = wait_random_exponential(multiplier=0.5, max=policy.max_wait_s)
        self._cap = policy.max_wait_s

    def __call__(self, state: RetryCallState) -> float:
        asked = retry_after_s(state.outcome.exception() if state.outcome else None)
        return min(asked, self._cap) if asked is not None else self._backoff(state)


class _StopAtDeadline(stop_base):
    """Like tenacity's stop_before_delay, but the clock is shared by every re-ask of the call."""

    def __init__(self, log: CallLog) -> None:
        self._log = log

    def __call__(self, state: RetryCallState) -> bool:
        return self._log.deadline is not None and time.monotonic() + state.upcoming_sleep >= self._log.deadline


def _retrying_kwargs(policy: RetryPolicy, log: CallLog) -> dict[str, Any]:
    def record(state: RetryCallState) -> None:
        log.waits.append(state.next_action.sleep if state.next_action else 0.0)

    return {
        "stop": stop_after_attempt(policy.max_attempts) | _StopAtDeadline(log),
        "retry": retry_if_exception(is_retryable),
        "wait": _Wait(policy),
        "before_sleep": record,
        "reraise": True,
    }


def _prepare(kwargs: dict[str, Any], policy: RetryPolicy, log: CallLog) -> dict[str, Any]:
    """Start the deadline clock, bound the context, and cap the request timeout by the time left."""
    now = time.monotonic()
    if log.deadline is None:
        log.deadline = now + policy.deadline_s
    remaining = log.deadline - now
    if remaining <= 0:
        raise DeadlineExceeded(
            f"no answer within the {policy.deadline_s:g} s deadline (PACTCHECK_LLM_TOTAL_DEADLINE_S)"
        )
    kwargs = portable(_trim(kwargs, log))
    kwargs.pop("timeout", None)  # ours is set per attempt, from the time left
    log.request_tokens = request_tokens(kwargs)
    return kwargs


def _flatten_tool_calls(message: dict[str, Any]) -> dict[str, Any]:
    calls = message.get("tool_calls") or []
    texts = [str((c.get("function") or {}).get("arguments") or "") for c in calls if isinstance(c, dict)]
    content = message.get("content") or ""
    return {"role": "assistant", "content": "\n".join(t for t in [str(content), *texts] if t)}


def portable(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A re-ask every chat template takes: the failed answer as assistant text, the errors as a user turn.

    instructor's tools-mode re-ask sends an assistant `tool_calls` message and a `role: "tool"`
    message; chat templates without a tool role (llama.cpp's Gemma, many others) refuse it.
    Rewritten here, and consecutive turns of one role joined, the conversation alternates
    user/assistant as every template expects, and the model still sees its answer and the errors.
    """
    messages = kwargs.get("messages")
    if not isinstance(messages, list) or not any(
        isinstance(m, dict) and (m.get("role") == "tool" or m.get("tool_calls")) for m in messages
    ):
        return kwargs
    out: list[dict[str, Any]] = []
    for message in messages:
        if not isinstance(message, dict):
            out.append(message)
            continue
        if message.get("role") == "tool":
            message = {"role": "user", "content": str(message.get("content") or "")}
        elif message.get("role") == "assistant" and message.get("tool_calls"):
            message = _flatten_tool_calls(message)
        if out and out[-1].get("role") == message.get("role") and message.get("role") in ("user", "assistant"):
            out[-1] = {**out[-1], "content": f"{out[-1].get('content') or ''}\n\n{message.get('content') or ''}"}
        else:
            out.append(message)
    return {**kwargs, "messages": out}


def _timeout(policy: RetryPolicy, log: CallLog) -> dict[str, float]:
    """Per-request timeout: the configured one, shortened so no request outlives the deadline."""
    if policy.timeout_s is None or log.deadline is None:
        return {}
    return {"timeout": max(0.01, min(policy.timeout_s, log.deadline - time.monotonic()))}


def _trim(kwargs: dict[str, Any], log: CallLog) -> dict[str, Any]:
    """Keep the first request's messages plus only the latest failed answer and its errors.

    instructor appends each failed answer and its validation errors to the conversation;
    keeping only the last pair bounds the context whatever the number of re-asks.
    """
    messages = kwargs.get("messages")
    if not isinstance(messages, list):
        return dict(kwargs)
    if log.base_messages is None:
        log.base_messages = len(messages)
        return dict(kwargs)
    base = log.base_messages
    answers = [i for i, m in enumerate(messages) if i >= base and m.get("role") == "assistant"]
    if len(answers) <= 1:
        return dict(kwargs)
    return {**kwargs, "messages": messages[:base] + messages[answers[-1] :]}


def with_retries(create: Callable[..., Any], policy: RetryPolicy, log: CallLog) -> Callable[..., Any]:
    """`create` (openai's chat.completions.create) wrapped in bounded transport retries."""

    def call(*args: Any, **kwargs: Any) -> Any:
        kwargs = _prepare(kwargs, policy, log)
        for attempt in Retrying(sleep=lambda s: SLEEP(s), **_retrying_kwargs(policy, log)):
            with attempt:
                try:
                    log.budget.check(log.request_tokens)
                except BudgetExceeded as exc:
                    log.stopped = exc  # instructor may wrap it; the error must still name the budget
                    raise
                log.calls += 1
                try:
                    completion = create(*args, **kwargs, **_timeout(policy, log))
                except openai.APIConnectionError as exc:  # timeouts too: no answer, but the prompt was sent
                    log.unanswered()
                    log.errors.append(describe(exc))
                    raise
                except openai.OpenAIError as exc:
                    log.errors.append(describe(exc))
                    raise
                log.answered(completion)
                return completion
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    return call


def with_async_retries(
    create: Callable[..., Awaitable[Any]], policy: RetryPolicy, log: CallLog
) -> Callable[..., Awaitable[Any]]:
    """The async twin of `with_retries`, for `AsyncOpenAI`."""

    async def call(*args: Any, **kwargs: Any) -> Any:
        kwargs = _prepare(kwargs, policy, log)
        async for attempt in AsyncRetrying(sleep=lambda s: ASLEEP(s), **_retrying_kwargs(policy, log)):
            with attempt:
                try:
                    log.budget.check(log.request_tokens)
                except BudgetExceeded as exc:
                    log.stopped = exc  # instructor may wrap it; the error must still name the budget
                    raise
                log.calls += 1
                try:
                    completion = await create(*args, **kwargs, **_timeout(policy, log))
                except openai.APIConnectionError as exc:  # timeouts too: no answer, but the prompt was sent
                    log.unanswered()
                    log.errors.append(describe(exc))
                    raise
                except openai.OpenAIError as exc:
                    log.errors.append(describe(exc))
                    raise
                log.answered(completion)
                return completion
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    return call
