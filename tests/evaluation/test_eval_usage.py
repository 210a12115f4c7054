"""Model usage and cost estimates, through the concurrent (LLM) extraction path."""

from __future__ import annotations

import pytest
from fakes_eval import FIXTURES, MeteredEchoExtractor, PrefixChecker

from service.config import get_settings
from service.evaluation import run_eval
from service.evaluation.usage import price_for

PRICES = {"gpt-4o-mini": (0.15, 0.60), "gpt-4o": (2.50, 10.00)}


def test_price_for_uses_the_longest_listed_prefix() -> None:
    assert price_for("gpt-4o-mini-2024-07-18", PRICES) == (0.15, 0.60)
    assert price_for("gpt-4o", PRICES) == (2.50, 10.00)
    assert price_for("llama-3", PRICES) is None
    assert price_for(None, PRICES) is None


def test_llm_run_reports_calls_tokens_latency_and_cost_per_article() -> None:
    extractor = MeteredEchoExtractor(fail_on=["ma_pl_rabat_2026__maghreb_daily"])
    run = run_eval(FIXTURES, extractor=extractor, checker=PrefixChecker(), concurrency=2)
    usage = run.totals.usage
    assert (usage.articles, usage.calls, usage.prompt_tokens, usage.completion_tokens) == (5, 5, 5_000_000, 2_500_000)
    assert usage.cost_per_article_usd == 0.45  # 1M prompt tokens at 0.15 + 0.5M completion tokens at 0.60
    assert usage.latency_ms_mean == 120.0
    assert run.provenance.model == "gpt-4o-mini-2024-07-18" and run.provenance.prompt == "extract_summary@1"
    assert [a.id for a in run.articles if a.error] == ["ma_pl_rabat_2026__maghreb_daily"]


def test_unpriced_model_has_no_cost_rather_than_a_wrong_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTCHECK_PRICES", '{"other-model": [1.0, 1.0]}')
    get_settings.cache_clear()
    run = run_eval(FIXTURES, extractor=MeteredEchoExtractor(), checker=PrefixChecker(), concurrency=2)
    assert run.totals.usage.cost_usd is None and run.totals.usage.calls == 6
