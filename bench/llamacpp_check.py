"""Compatibility check of the LLM client against a real llama.cpp server (see `llamacpp_check.sh`).

The model (Gemma-3-270M, a tiny base model) cannot be expected to summarise; what is checked
is the protocol, each case ending as expected:

1. one extraction per mode (tools, tools_strict, json, json_schema, md_json) ends either in a
   summary or in a `ModelError` that names the model's answer as the problem ("no answer
   matching the summary schema", "cut off") -- never a refused request, a retry storm of a
   permanent error, or a hang: every request carries max_tokens;
2. one re-ask round trip: the conversation PactCheck sends for a re-ask (the failed answer as
   assistant text, the errors as a user turn) is accepted by the server's chat template,
   while the tools-style re-ask instructor would send (assistant tool_calls + role "tool") is
   refused with "roles must alternate" -- and PactCheck classes that refusal as permanent;
3. one context overflow: a long article without PACTCHECK_LLM_CONTEXT_TOKENS fails after one
   request with a message naming that setting; with the setting, every part fits the window.

Run with the project's virtualenv: `python bench/llamacpp_check.py --base-url URL --n-ctx N`.
Prints one line per case and a summary; exits 1 when a case did not end as expected.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openai

from service.articles import ArticleInput, from_text
from service.config import Settings
from service.errors import ModelError
from service.extractors.llm import LLMExtractor
from service.extractors.llm.retry import is_permanent

ARTICLE = (
    "TALLINN, 4 March 2025. Estonia and Chile signed a memorandum of understanding on digital government "
    "during the visit of the Chilean foreign minister to Tallinn.\n\n"
    "The two ministers also agreed to sign an agreement on air services later this year."
)
PARAGRAPH = (
    "In Tallinn, officials of Estonia and Chile discussed cooperation in research, education, customs, "
    "maritime transport and culture, and said further documents would follow in the coming months. "
)
MODEL_ANSWER_PROBLEMS = ("no answer matching the summary schema", "cut off at its output token limit")


@dataclass
class Case:
    name: str
    ok: bool
    detail: str
    seconds: float


def settings(base_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "openai_base_url": base_url,
        "openai_api_key": "not-needed",
        "model": "gemma-3-270m",
        "llm_timeout_s": 900.0,
        "llm_total_deadline_s": 1800.0,
        "llm_max_reasks": 1,
        "llm_max_output_tokens": 256,
        "cache_enabled": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def timed(name: str, run: Callable[[], tuple[bool, str]]) -> Case:
    started = time.monotonic()
    try:
        ok, detail = run()
    except Exception as exc:  # a check that crashes is a failed case, reported with its error
        ok, detail = False, f"{type(exc).__name__}: {exc}"
    case = Case(name, ok, detail, round(time.monotonic() - started, 1))
    print(f"[{'ok' if case.ok else 'FAIL'}] {case.name} ({case.seconds} s): {case.detail}", flush=True)
    return case


def mode_case(base_url: str, mode: str) -> tuple[bool, str]:
    extractor = LLMExtractor(settings=settings(base_url, llm_mode=mode))
    try:
        summary = extractor.extract(from_text(ARTICLE, id=f"check-{mode}"))
    except ModelError as error:
        message = str(error)
        expected = any(p in message for p in MODEL_ANSWER_PROBLEMS)
        # A server without this mode (llama-cpp-python takes no json_schema response_format) must
        # refuse it once, with a message naming the setting to change -- not be retried.
        refused_once = error.calls == 1 and "not repeated" in message and "PACTCHECK_LLM_MODE" in message
        return expected or refused_once, f"{error.calls} request(s): {' '.join(message.split())[:300]}"
    p = summary.provenance
    return (
        True,
        f"summary with {len(summary.documents)} document(s), {p.calls} request(s), {p.usage.total_tokens} tokens",
    )


def reask_case(base_url: str) -> tuple[bool, str]:
    client = openai.OpenAI(base_url=base_url, api_key="not-needed", max_retries=0, timeout=900)
    base = [
        {"role": "system", "content": "Answer with a JSON object."},
        {"role": "user", "content": "Give the number of documents in: 'Two agreements were signed.'"},
    ]
    portable = [
        *base,
        {"role": "assistant", "content": '{"count": "two"}'},
        {"role": "user", "content": "Validation error: count must be an integer. Correct your JSON."},
    ]
    answer = client.chat.completions.create(model="gemma-3-270m", messages=portable, max_tokens=32, temperature=0)  # type: ignore[arg-type]
    call = {"id": "call_1", "type": "function", "function": {"name": "Count", "arguments": '{"count": "two"}'}}
    tool_style = [
        *base,
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_1", "content": "Validation error: count must be an integer."},
    ]
    try:
        client.chat.completions.create(model="gemma-3-270m", messages=tool_style, max_tokens=32, temperature=0)  # type: ignore[arg-type]
    except openai.APIStatusError as exc:
        detail = " ".join(str(exc.message).split())[:120]
        refused = f"instructor's tool-style re-ask refused ({exc.status_code}, permanent={is_permanent(exc)}: {detail})"
        ok = is_permanent(exc)
    else:
        refused, ok = "tool-style re-ask accepted too (this template has a tool role)", True
    return ok, f"portable re-ask answered ({answer.choices[0].finish_reason}); {refused}"


def _article(chars: int, id: str) -> ArticleInput:
    return from_text(ARTICLE + "\n\n" + (PARAGRAPH * max(1, chars // len(PARAGRAPH))).strip(), id=id)


def overflow_case(base_url: str, n_ctx: int) -> tuple[bool, str]:
    # Sure to overflow: at most 8 characters a token. The server refuses it before any compute.
    article = _article(n_ctx * 8, "check-long")
    try:
        LLMExtractor(settings=settings(base_url, llm_max_attempts=3, llm_chunk_chars=1_000_000)).extract(article)
    except ModelError as error:
        first = str(error)
        if "PACTCHECK_LLM_CONTEXT_TOKENS" not in first or error.calls != 1:
            return False, f"unexpected failure without the setting ({error.calls} request(s)): {first[:300]}"
    else:
        return False, "a request longer than the window was answered (is n_ctx larger than given?)"
    # With the setting, parts are sized to fit; a shorter article keeps the run to a few parts on a CPU.
    fitted = LLMExtractor(settings=settings(base_url, llm_context_tokens=n_ctx, llm_max_reasks=0))
    shorter = _article(n_ctx, "check-parts")
    try:
        summary = fitted.extract(shorter)
        parts = summary.provenance.chunks
        outcome = f"read in {parts} parts"
    except ModelError as error:
        if "PACTCHECK_LLM_CONTEXT_TOKENS" in str(error) or not any(p in str(error) for p in MODEL_ANSWER_PROBLEMS):
            return False, f"with the setting: {str(error)[:300]}"
        outcome = f"were accepted by the server (they fit); the model's answer then failed validation ({error.calls} request(s))"
    return True, (
        f"{len(article.body)} characters: refused after one request, the error naming the setting; "
        f"with the setting, {len(shorter.body)} characters {outcome}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--n-ctx", type=int, required=True)
    parser.add_argument("--json", type=Path, help="also write the cases as JSON")
    args = parser.parse_args()
    cases = [
        timed(f"mode {m}", lambda m=m: mode_case(args.base_url, m))
        for m in ("tools", "tools_strict", "json", "json_schema", "md_json")
    ]  # type: ignore[misc]
    cases.append(timed("re-ask round trip", lambda: reask_case(args.base_url)))
    cases.append(timed("context overflow", lambda: overflow_case(args.base_url, args.n_ctx)))
    failed = [c for c in cases if not c.ok]
    print(f"{len(cases) - len(failed)} passed, {len(failed)} failed")
    if args.json:
        args.json.write_text(json.dumps([c.__dict__ for c in cases], indent=2) + "\n", encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
