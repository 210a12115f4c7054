"""Turn whatever the openai / instructor / tenacity stack raised into one `ModelError`.

The message says what happened and what the user can change; the error keeps the provider,
the original exception, the requests made, the tokens spent and the last completion, so
nothing learnt before the failure is lost.
"""

from __future__ import annotations

import json
from typing import Any

import openai
import pydantic
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException, ResponseParsingError

from service.errors import ModelError
from service.extractors.llm.retry import CallLog, DeadlineExceeded, describe
from service.models import Usage


def usage_of(raw: Any) -> Usage:
    """Our `Usage` from an openai `CompletionUsage` (or None when the server sent none)."""
    if raw is None:
        return Usage()
    prompt = int(getattr(raw, "prompt_tokens", 0) or 0)
    completion = int(getattr(raw, "completion_tokens", 0) or 0)
    total = int(getattr(raw, "total_tokens", 0) or 0) or prompt + completion
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=total)


def _detail(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if message:
            return str(message)[:200]
    return str(exc.message)[:200]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return " ".join(text[:3])[:300] if text else type(exc).__name__


def _status_message(exc: openai.APIStatusError, provider: str, model: str, calls: int) -> str:
    code = exc.status_code
    detail = _detail(exc)
    if code == 401:
        return f"{provider} refused the API key (401: {detail}); set OPENAI_API_KEY to a valid key"
    if code == 403:
        return f"{provider} denied access to model {model!r} (403: {detail}); check the key's permissions"
    if code == 404:
        return f"{provider} has no model {model!r} or no chat completions route (404: {detail}); check PACTCHECK_MODEL and OPENAI_BASE_URL"
    if code == 429:
        return f"{provider} kept rate-limiting after {calls} request(s) (429: {detail}); wait, or lower PACTCHECK_LLM_CONCURRENCY"
    if code >= 500:
        return f"{provider} kept failing after {calls} request(s) ({code}: {detail}); try again later"
    return (
        f"{provider} rejected the request ({code}: {detail}); if the server has no tool calling, "
        "set PACTCHECK_LLM_MODE=json or md_json"
    )


def _message(
    cause: BaseException, *, provider: str, model: str, log: CallLog, attempts: int, timeout: float | None
) -> str:
    if isinstance(cause, DeadlineExceeded):
        return f"{provider}: {cause} after {log.calls} request(s)"
    if isinstance(cause, openai.APITimeoutError):
        return (
            f"{provider} did not answer within {timeout:g} s ({log.calls} request(s)); "
            "raise PACTCHECK_LLM_TIMEOUT_S or check the server"
        )
    if isinstance(cause, openai.APIConnectionError):
        return f"cannot reach {provider} after {log.calls} request(s) ({_first_line(cause)}); check OPENAI_BASE_URL"
    if isinstance(cause, openai.APIStatusError):
        return _status_message(cause, provider, model, log.calls)
    if isinstance(cause, IncompleteOutputException):
        return f"{provider}: the answer of model {model!r} was cut off at its output token limit; try a shorter article"
    if isinstance(cause, pydantic.ValidationError | json.JSONDecodeError | ResponseParsingError):
        return (
            f"{provider}: model {model!r} gave no answer matching the summary schema in {attempts} attempt(s) "
            f"(last error: {_first_line(cause)}); try a stronger model or raise PACTCHECK_LLM_MAX_REASKS"
        )
    if isinstance(cause, openai.OpenAIError):
        return f"{provider}: {describe(cause)}: {_first_line(cause)}"
    return f"{provider}: the model call failed ({type(cause).__name__}: {_first_line(cause)})"


def model_error(
    exc: BaseException, *, provider: str, model: str, log: CallLog, timeout: float | None = None
) -> ModelError:
    """A `ModelError` for `exc`, carrying usage so far, requests made and the last completion."""
    usage = Usage()
    last_completion = None
    attempts = 1
    cause: BaseException = exc
    if isinstance(exc, InstructorRetryException):
        usage = usage_of(exc.total_usage)
        last_completion = exc.last_completion
        attempts = exc.n_attempts or 1
        cause = exc.__cause__ or exc
    elif isinstance(exc, IncompleteOutputException):
        last_completion = exc.last_completion
        usage = usage_of(getattr(last_completion, "usage", None))
    message = _message(cause, provider=provider, model=model, log=log, attempts=attempts, timeout=timeout)
    return ModelError(
        message, provider=provider, original=cause, usage=usage, calls=log.calls, last_completion=last_completion
    )
