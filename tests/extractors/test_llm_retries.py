"""Re-asks, transport retries, timeouts and failures of the LLM path, counted at the fake server."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import SimpleNamespace

import pytest

from service.articles import from_text
from service.config import Settings
from service.errors import ModelError
from service.extractors.llm import LLMExtractor
from service.extractors.llm.retry import retry_after_s
from service.models import ArticleSummary, Usage
from tests.extractors.llm_samples import ARTICLE, DRAFT
from tests.fakes.openai_server import Answer, Drop, Error, FakeOpenAI, Raw, Slow

MALFORMED = '{"documents": [{"type": "agreement", "title": '
SCHEMA_INVALID = json.dumps(
    {"documents": [{"type": "agreement", "title": "x", "status": "finished", "quote": "Lithuania and Chile"}]}
)


def run(make: Callable[..., Settings], **overrides: object) -> ArticleSummary:
    return LLMExtractor(settings=make(**overrides)).extract(from_text(ARTICLE))


def feedback(fake: FakeOpenAI, index: int) -> str:
    """The text of the messages instructor added after the first request (the re-ask)."""
    messages = fake.requests[index].messages
    return json.dumps(messages[2:])


@pytest.mark.parametrize(
    "bad, error_word",
    [(MALFORMED, "json"), (SCHEMA_INVALID, "status")],
    ids=["malformed-json", "schema-invalid"],
)
def test_invalid_answer_is_reasked_with_the_error_and_usage_summed(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], bad: str, error_word: str
) -> None:
    fake_openai.script(Raw(bad, usage=(100, 10)), Answer(DRAFT, usage=(150, 20)))
    summary = run(llm_settings)

    assert len(fake_openai.requests) == 2
    assert summary.provenance.calls == 2
    assert summary.provenance.usage == Usage(prompt_tokens=250, completion_tokens=30, total_tokens=280)
    assert len(summary.documents) == 2
    assert len(fake_openai.requests[1].messages) == 4  # the failed answer and its errors, nothing else
    assert error_word in feedback(fake_openai, 1).lower()


def test_reasks_are_bounded_and_the_error_keeps_what_was_spent(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(*(Raw(SCHEMA_INVALID, usage=(100, 10)) for _ in range(5)))
    with pytest.raises(ModelError, match="summary schema in 3 attempt") as caught:
        run(llm_settings, llm_max_reasks=2)

    assert len(fake_openai.requests) == 3
    error = caught.value
    assert error.calls == 3
    assert error.usage == Usage(prompt_tokens=300, completion_tokens=30, total_tokens=330)
    assert error.last_completion is not None
    assert error.provider == fake_openai.url.split("/")[2]


def test_context_does_not_grow_with_the_number_of_reasks(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(*(Raw(SCHEMA_INVALID) for _ in range(4)), Answer(DRAFT))
    summary = run(llm_settings, llm_max_reasks=4)

    assert summary.provenance.calls == 5
    assert [len(r.messages) for r in fake_openai.requests] == [2, 4, 4, 4, 4]


def test_429_waits_what_retry_after_asks(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], no_retry_waits: list[float]
) -> None:
    fake_openai.script(Error(429, {"Retry-After": "7"}), Answer(DRAFT, usage=(80, 8)))
    summary = run(llm_settings)

    assert len(fake_openai.requests) == 2 and summary.provenance.calls == 2
    assert no_retry_waits == [7.0]
    assert summary.provenance.usage.total_tokens == 88  # a refused request costs no tokens


@pytest.mark.parametrize(
    "headers, expected",
    [({"Retry-After": "120"}, 30.0), ({"retry-after-ms": "1500"}, 1.5)],
    ids=["capped", "milliseconds"],
)
def test_retry_after_is_capped_and_read_in_milliseconds(
    fake_openai: FakeOpenAI,
    llm_settings: Callable[..., Settings],
    no_retry_waits: list[float],
    headers: dict[str, str],
    expected: float,
) -> None:
    fake_openai.script(Error(429, headers), Answer(DRAFT))
    run(llm_settings, llm_max_retry_wait_s=30.0, llm_total_deadline_s=60.0)
    assert no_retry_waits == [expected]


def test_retry_after_as_an_http_date() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    exc = SimpleNamespace(response=SimpleNamespace(headers={"retry-after": when}))
    assert 15 <= (retry_after_s(exc) or 0) <= 20  # type: ignore[arg-type]


def test_server_error_is_retried_with_backoff(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], no_retry_waits: list[float]
) -> None:
    fake_openai.script(Error(500), Error(503), Answer(DRAFT))
    summary = run(llm_settings, llm_max_attempts=3)

    assert summary.provenance.calls == 3
    assert len(no_retry_waits) == 2 and all(0 <= w <= 30 for w in no_retry_waits)


def test_persistent_server_error_ends_in_a_model_error(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(*(Error(500, message="upstream exploded") for _ in range(5)))
    with pytest.raises(ModelError, match=r"kept failing after 3 request\(s\) \(500: upstream exploded\)") as caught:
        run(llm_settings, llm_max_attempts=3)
    assert len(fake_openai.requests) == 3 and caught.value.calls == 3


def test_connection_reset_is_retried(fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]) -> None:
    fake_openai.script(Drop(), Answer(DRAFT))
    summary = run(llm_settings)
    assert summary.provenance.calls == 2 and len(summary.documents) == 2


def test_slow_answer_times_out_and_is_retried(fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]) -> None:
    fake_openai.script(Slow(3.0), Answer(DRAFT))
    summary = run(llm_settings, llm_timeout_s=0.2)
    assert summary.provenance.calls == 2 and len(fake_openai.requests) == 2


def test_endpoint_that_never_answers_fails_within_bounds(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(*(Slow(5.0) for _ in range(5)))
    started = time.monotonic()
    with pytest.raises(ModelError, match=r"did not answer within 0.2 s \(3 request\(s\)\)"):
        run(llm_settings, llm_timeout_s=0.2, llm_max_attempts=3)
    assert time.monotonic() - started < 4.0  # three 0.2 s timeouts, not three 5 s answers
    assert len(fake_openai.requests) == 3


def test_total_deadline_stops_retrying(fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]) -> None:
    fake_openai.script(*(Slow(5.0) for _ in range(10)))
    with pytest.raises(ModelError):
        run(llm_settings, llm_timeout_s=0.3, llm_max_attempts=10, llm_total_deadline_s=0.5)
    assert len(fake_openai.requests) <= 2


@pytest.mark.parametrize(
    "status, advice",
    [(401, "OPENAI_API_KEY"), (400, "PACTCHECK_LLM_MODE"), (404, "PACTCHECK_MODEL")],
)
def test_client_errors_fail_fast_with_advice(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], status: int, advice: str
) -> None:
    fake_openai.script(Error(status, message="nope"), Answer(DRAFT))
    with pytest.raises(ModelError, match=advice) as caught:
        run(llm_settings)
    assert len(fake_openai.requests) == 1
    assert f"{status}: nope" in str(caught.value)


def test_unreachable_endpoint_is_a_model_error(llm_settings: Callable[..., Settings]) -> None:
    with FakeOpenAI() as closed:
        url = closed.url
    with pytest.raises(ModelError, match="cannot reach"):
        run(llm_settings, openai_base_url=url, llm_max_attempts=2)


def test_async_path_retries_too(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], no_retry_waits: list[float]
) -> None:
    fake_openai.script(Error(429, {"Retry-After": "2"}), Raw(MALFORMED, usage=(10, 1)), Answer(DRAFT, usage=(20, 2)))
    ex = LLMExtractor(settings=llm_settings())
    summary = asyncio.run(ex.aextract(from_text(ARTICLE)))

    assert summary.provenance.calls == 3
    assert summary.provenance.usage.total_tokens == 33
    assert no_retry_waits == [2.0]


def test_wait_that_would_pass_the_deadline_is_not_taken(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], no_retry_waits: list[float]
) -> None:
    fake_openai.script(Error(429, {"Retry-After": "25"}), Answer(DRAFT))
    with pytest.raises(ModelError, match="429"):
        run(llm_settings, llm_total_deadline_s=10.0)
    assert len(fake_openai.requests) == 1 and no_retry_waits == []


def test_answer_cut_off_at_the_token_limit_is_a_clear_error(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(Raw('{"documents": [{"type": "agree', usage=(90, 4000), finish_reason="length"))
    with pytest.raises(ModelError, match="cut off") as caught:
        run(llm_settings)
    assert caught.value.calls == 1 and caught.value.last_completion is not None
