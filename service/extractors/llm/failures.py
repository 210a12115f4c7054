"""Turn whatever the openai / instructor / tenacity stack raised into one `ModelError`.

The message says what happened and what the user can change; the error keeps the provider,
the original exception, the requests made, the tokens spent and the last completion, so
nothing learnt before the failure is lost.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import openai
import pydantic
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException, ResponseParsingError

from service.errors import ModelError
from service.extractors.llm.retry import CallLog, DeadlineExceeded, describe, error_detail, is_permanent
from service.extractors.llm.tokens import BudgetExceeded
from service.models import Usage
from service.vocabulary import LLM_CONTEXT_OVERFLOW_MARKERS

if TYPE_CHECKING:
    from service.extractors.llm.calling import CallSpec


def usage_of(raw: Any) -> Usage:
    """Our `Usage` from an openai `CompletionUsage` (or None when the server sent none)."""
    if raw is None:
        return Usage()
    prompt = int(getattr(raw, "prompt_tokens", 0) or 0)
    completion = int(getattr(raw, "completion_tokens", 0) or 0)
    total = int(getattr(raw, "total_tokens", 0) or 0) or prompt + completion
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=total)


def _detail(exc: openai.APIStatusError) -> str:
    return error_detail(exc)[:300]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return " ".join(text[:3])[:300] if text else type(exc).__name__


def _status_message(exc: openai.APIStatusError, spec: CallSpec, log: CallLog) -> str:
    provider, model, calls = spec.provider, spec.model, log.calls
    code = exc.status_code
    detail = _detail(exc)
    if any(marker in detail.lower() for marker in LLM_CONTEXT_OVERFLOW_MARKERS):
        window = f"now {spec.context_tokens}" if spec.context_tokens else "not set"
        return (
            f"{provider}: the request (about {log.request_tokens} tokens by estimate) does not fit the server's "
            f"context window ({code}: {detail}); set PACTCHECK_LLM_CONTEXT_TOKENS to the server's context size "
            f"({window}) so long articles are read in parts that fit, or give the server a larger context"
        )
    if code == 401:
        return f"{provider} refused the API key (401: {detail}); set OPENAI_API_KEY to a valid key"
    if code == 403:
        return f"{provider} denied access to model {model!r} (403: {detail}); check the key's permissions"
    if code == 404:
        return f"{provider} has no model {model!r} or no chat completions route (404: {detail}); check PACTCHECK_MODEL and OPENAI_BASE_URL"
    if code == 429:
        return f"{provider} kept rate-limiting after {calls} request(s) (429: {detail}); wait, or lower PACTCHECK_LLM_CONCURRENCY"
    if code >= 500 and not is_permanent(exc):
        return f"{provider} kept failing after {calls} request(s) ({code}: {detail}); try again later"
    if spec.mode.startswith("tools"):
        hint = "set PACTCHECK_LLM_MODE=json_schema (or json, md_json) for a server without tool calling"
    elif spec.mode == "json_schema":
        hint = (
            "if the server takes no response_format of type json_schema (llama-cpp-python's server does not), "
            "set PACTCHECK_LLM_MODE=json or tools"
        )
    else:
        hint = "check the server's options for this mode, or try another PACTCHECK_LLM_MODE"
    return f"{provider} refused the request ({code}: {detail}); the request itself was refused, so it was not repeated; {hint}"


def _message(cause: BaseException, *, spec: CallSpec, log: CallLog, attempts: int) -> str:
    provider, model, timeout = spec.provider, spec.model, spec.policy.timeout_s
    if isinstance(cause, BudgetExceeded):
        return f"{provider}: {cause}"
    if isinstance(cause, DeadlineExceeded):
        return f"{provider}: {cause} after {log.calls} request(s)"
    if isinstance(cause, openai.APITimeoutError):
        return (
            f"{provider} did not answer within {timeout or 0:g} s ({log.calls} request(s)); "
            "raise PACTCHECK_LLM_TIMEOUT_S (a CPU server needs minutes) or check the server"
        )
    if isinstance(cause, openai.APIConnectionError):
        return f"cannot reach {provider} after {log.calls} request(s) ({_first_line(cause)}); check OPENAI_BASE_URL"
    if isinstance(cause, openai.APIStatusError):
        return _status_message(cause, spec, log)
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


def model_error(exc: BaseException, *, spec: CallSpec, log: CallLog) -> ModelError:
    """A `ModelError` for `exc`, carrying usage over every attempt, requests made and the last completion."""
    last_completion = None
    attempts = 1
    cause: BaseException = exc
    if isinstance(exc, InstructorRetryException):
        last_completion = exc.last_completion
        attempts = exc.n_attempts or 1
        cause = exc.__cause__ or exc
    elif isinstance(exc, IncompleteOutputException):
        last_completion = exc.last_completion
    if log.stopped is not None:
        cause = log.stopped
    message = _message(cause, spec=spec, log=log, attempts=attempts)
    return ModelError(
        message,
        provider=spec.provider,
        original=cause,
        usage=log.usage,
        calls=log.calls,
        last_completion=last_completion,
    )
