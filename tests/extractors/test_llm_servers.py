"""The LLM client against the servers users run: one regression test per defect a real server showed.

Each test runs the real openai client, instructor and tenacity over HTTP against the fake
server taught the behaviour (a chat template without a tool role, an answer of `{}` or an
echoed schema, a context window, slow answers).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from service.articles import from_text
from service.config import Settings
from service.errors import ModelError
from service.extractors.llm import LLMExtractor
from service.extractors.llm.retry import is_permanent
from service.prompts import load_prompt
from tests.extractors.llm_samples import ARTICLE, DRAFT
from tests.fakes.openai_server import (
    CONTEXT_EXCEEDED,
    ROLES_MUST_ALTERNATE,
    Answer,
    Error,
    FakeOpenAI,
    Raw,
    Slow,
    template_refusal,
)

SCHEMA_INVALID = json.dumps({**DRAFT, "documents": [{**DRAFT["documents"][0], "status": "finished"}]})


def run(make: Callable[..., Settings], **overrides: object) -> Any:
    return LLMExtractor(settings=make(**overrides)).extract(from_text(ARTICLE, id="vilnius"))


# -- 1. a re-ask every chat template takes; a refused request fails once ---------------------------


@pytest.mark.parametrize("mode", ["tools", "tools_strict", "json", "json_schema", "md_json"])
def test_reask_alternates_roles_so_a_template_without_tool_role_takes_it(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], mode: str
) -> None:
    fake_openai.tool_roles = False
    fake_openai.script(Raw(SCHEMA_INVALID, usage=(100, 10)), Answer(DRAFT, usage=(120, 20)))
    summary = run(llm_settings, llm_mode=mode)

    assert summary.provenance.calls == 2 and len(summary.documents) == 2
    reask = fake_openai.requests[1]
    assert template_refusal(reask.body) is None
    assert [m["role"] for m in reask.messages] == ["system", "user", "assistant", "user"]
    assert "finished" in reask.messages[2]["content"]  # the model sees its own failed answer
    assert "status" in reask.messages[3]["content"].lower()  # and the validation error


def test_server_error_that_says_the_request_is_wrong_fails_once_with_its_message(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(Error(500, message=ROLES_MUST_ALTERNATE), Answer(DRAFT))
    with pytest.raises(ModelError) as caught:
        run(llm_settings, llm_max_attempts=4)
    assert len(fake_openai.requests) == 1 and caught.value.calls == 1
    message = str(caught.value)
    assert ROLES_MUST_ALTERNATE in message and "not repeated" in message and "try again later" not in message
    assert "PACTCHECK_LLM_MODE=json_schema" in message


@pytest.mark.parametrize(
    "status, detail, permanent",
    [
        (500, ROLES_MUST_ALTERNATE, True),
        (500, "Failed to apply chat template", True),
        # llama-cpp-python answers a request it cannot read (an assistant message without content,
        # a response_format type it lacks) with a 500 carrying the validation errors.
        (500, "1 validation error: response_format.type Input should be 'text' or 'json_object'", True),
        (503, "Loading model", False),
        (500, "internal error", False),
        (502, "invalid response from upstream", False),
        (504, "the upstream took too long to answer", False),
        (429, "request too long for the rate limit tier", False),
    ],
)
def test_permanent_and_transient_server_errors_are_told_apart(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], status: int, detail: str, permanent: bool
) -> None:
    fake_openai.script(Error(status, {"Retry-After": "0"}, message=detail), Answer(DRAFT))
    if permanent:
        with pytest.raises(ModelError, match="not repeated"):
            run(llm_settings)
        assert len(fake_openai.requests) == 1
    else:
        assert run(llm_settings).provenance.calls == 2


def test_is_permanent_reads_the_body_not_the_status() -> None:
    import httpx
    import openai

    request = httpx.Request("POST", "http://x/v1/chat/completions")

    def error(status: int, message: str) -> openai.APIStatusError:
        response = httpx.Response(status, request=request)
        return openai.APIStatusError(message, response=response, body={"error": {"message": message}})

    assert is_permanent(error(500, ROLES_MUST_ALTERNATE))
    assert not is_permanent(error(500, "upstream connect error"))


# -- 2. `{}` or an echoed schema is not an empty summary ---------------------------------------------


@pytest.mark.parametrize(
    "empty",
    ["{}", '{"$ref": "#/$defs/DraftDocument"}', json.dumps({**DRAFT, "notes": "extra key"})],
    ids=["empty-object", "schema-echo", "unknown-key"],
)
def test_empty_or_echoed_answer_is_reasked_then_fails_with_the_reason(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], empty: str
) -> None:
    fake_openai.script(*(Raw(empty, usage=(50, 2)) for _ in range(3)))
    with pytest.raises(ModelError, match="no answer matching the summary schema in 3 attempt") as caught:
        run(llm_settings, llm_max_reasks=2)
    assert caught.value.calls == 3
    assert "Field required" in str(caught.value) or "Extra inputs" in str(caught.value)


def test_empty_answer_then_a_real_one_succeeds(fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]) -> None:
    fake_openai.script(Raw("{}"), Answer(DRAFT))
    summary = run(llm_settings)
    assert summary.provenance.calls == 2 and len(summary.documents) == 2


# -- 3. max_tokens and temperature 0 on every request -------------------------------------------------


def test_every_request_sends_max_tokens_and_temperature_zero(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(Raw(SCHEMA_INVALID), Answer(DRAFT))
    run(llm_settings)
    for request in fake_openai.requests:
        assert request.body["temperature"] == 0
        assert 1024 <= request.body["max_tokens"] <= 8192  # sized from the answer's structure and the part

    fake_openai.requests.clear()
    LLMExtractor(settings=llm_settings(llm_max_output_tokens=300)).extract(from_text(ARTICLE + " ", id="other"))
    assert fake_openai.requests[0].body["max_tokens"] == 300


# -- 4. json_schema mode and strict tools ---------------------------------------------------------------


def test_json_schema_mode_sends_the_schema_as_response_format(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    summary = run(llm_settings, llm_mode="json_schema")
    body = fake_openai.requests[0].body
    assert "tools" not in body
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["name"] == "DraftSummary"
    schema = fmt["json_schema"]["schema"]
    assert set(schema["required"]) == {"event", "documents", "commitments", "stated_count", "list_complete"}
    assert schema["additionalProperties"] is False
    assert summary.provenance.mode == "json_schema" and summary.documents


def test_strict_tools_send_a_schema_openai_strict_mode_accepts(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    run(llm_settings, llm_mode="tools_strict")
    function = fake_openai.requests[0].body["tools"][0]["function"]
    assert function["strict"] is True

    def objects(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, dict):
            found = [node] if "properties" in node else []
            return found + [o for value in node.values() for o in objects(value)]
        if isinstance(node, list):
            return [o for item in node for o in objects(item)]
        return []

    for obj in objects(function["parameters"]):
        assert obj["additionalProperties"] is False
        assert set(obj["required"]) == set(obj["properties"])


# -- 5. the cache keys on the endpoint and the mode; provenance names the endpoint --------------------


def test_cache_is_per_endpoint_and_mode_and_provenance_names_the_endpoint(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    first = run(llm_settings)
    assert first.provenance.endpoint == fake_openai.url and first.provenance.mode == "tools"
    assert run(llm_settings).provenance.cache_hit  # same endpoint, same mode: from the cache

    with FakeOpenAI() as other:
        moved = run(llm_settings, openai_base_url=other.url)  # another server answering to the same model name
        assert not moved.provenance.cache_hit and len(other.requests) == 1
        assert moved.provenance.endpoint == other.url
    assert not run(llm_settings, llm_mode="json").provenance.cache_hit

    host, port = fake_openai.url.split("//")[1].split("/")[0].split(":")
    secret = run(llm_settings, openai_base_url=f"http://user:s3cret@{host}:{port}/v1")
    assert secret.provenance.endpoint == fake_openai.url and "s3cret" not in secret.model_dump_json()


def test_closed_port_is_not_answered_from_another_endpoints_cache(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    run(llm_settings)
    with FakeOpenAI() as gone:
        url = gone.url
    with pytest.raises(ModelError, match="cannot reach"):
        run(llm_settings, openai_base_url=url, llm_max_attempts=1)


# -- 6. context overflow: chunks sized from the configured window --------------------------------------


LONG = "\n\n".join(
    f"On day {i} in Vilnius, Lithuania and Chile signed a memorandum of understanding on research project "
    f"number {i}, which the ministers described as a step towards closer scientific ties." * 2
    for i in range(1, 9)
)


def test_context_overflow_says_which_setting_to_change_and_the_setting_fits_the_parts(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.context_tokens = 4096
    with pytest.raises(ModelError) as caught:
        LLMExtractor(settings=llm_settings()).extract(from_text(LONG, id="long"))
    message = str(caught.value)
    assert CONTEXT_EXCEEDED in message and "PACTCHECK_LLM_CONTEXT_TOKENS" in message and "(not set)" in message
    assert len(fake_openai.requests) == 1  # a request too long for the server is not repeated

    fake_openai.requests.clear()
    summary = LLMExtractor(settings=llm_settings(llm_context_tokens=4096)).extract(from_text(LONG, id="long"))
    assert summary.provenance.chunks > 1 and summary.documents
    assert len(fake_openai.requests) == summary.provenance.chunks  # every part fitted the window


# -- 7. every attempt counted; the per-article token budget --------------------------------------------


def test_request_abandoned_at_the_timeout_is_counted_in_usage(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(Slow(5.0), Answer(DRAFT, usage=(300, 40)))
    summary = run(llm_settings, llm_timeout_s=0.3)
    usage = summary.provenance.usage
    assert summary.provenance.calls == 2
    assert usage.estimated_tokens > 0
    assert usage.prompt_tokens == 300 + usage.estimated_tokens
    assert usage.total_tokens == 340 + usage.estimated_tokens


def test_token_budget_stops_an_article_and_is_recorded(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    fake_openai.script(Raw(SCHEMA_INVALID, usage=(3000, 500)))  # without a budget, the re-ask would succeed
    with pytest.raises(ModelError, match="PACTCHECK_LLM_MAX_TOKENS") as caught:
        run(llm_settings, llm_max_tokens=4000, llm_max_reasks=2)
    assert len(fake_openai.requests) == 1 and caught.value.calls == 1

    fake_openai.script(Answer(DRAFT, usage=(300, 40)))
    summary = LLMExtractor(settings=llm_settings(llm_max_tokens=4000)).extract(from_text(ARTICLE, id="ok"))
    assert summary.provenance.token_budget == 4000


# -- prompt version as a setting --------------------------------------------------------------------------


def test_prompt_version_is_a_setting_and_recorded(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    v1 = run(llm_settings, prompt_version="1")
    assert (v1.provenance.prompt_version, v1.provenance.prompt_hash) == (
        "1",
        load_prompt("extract_summary", "1").sha256,
    )
    latest = run(llm_settings)
    assert latest.provenance.prompt_version == load_prompt("extract_summary").version
