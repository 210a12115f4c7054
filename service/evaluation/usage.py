"""What a run spent: model calls, tokens, cache hits, latency and an estimated cost.

Prices come from `Settings.prices` (USD per million prompt/completion tokens); a model
missing from the table has no cost estimate rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from service.evaluation.results import ArticleUsage, UsageTotals
from service.models import ArticleSummary


def price_for(model: str | None, prices: Mapping[str, tuple[float, float]]) -> tuple[float, float] | None:
    """The price of `model`, or of the longest listed name it starts with (dated snapshots)."""
    if not model:
        return None
    if model in prices:
        return prices[model]
    prefixes = [name for name in prices if model.startswith(name)]
    return prices[max(prefixes, key=len)] if prefixes else None


def article_usage(
    summary: ArticleSummary, *, wall_ms: float, prices: Mapping[str, tuple[float, float]]
) -> ArticleUsage:
    """Usage from the summary's provenance; latency falls back to the measured wall time."""
    p = summary.provenance
    cost: float | None = 0.0
    if p.usage.prompt_tokens or p.usage.completion_tokens:
        price = price_for(p.model, prices)
        cost = (
            None if price is None else (p.usage.prompt_tokens * price[0] + p.usage.completion_tokens * price[1]) / 1e6
        )
    return ArticleUsage(
        calls=p.calls,
        prompt_tokens=p.usage.prompt_tokens,
        completion_tokens=p.usage.completion_tokens,
        cache_hit=p.cache_hit,
        latency_ms=round(p.latency_ms or wall_ms, 1),
        cost_usd=None if cost is None else round(cost, 6),
    )


def total_usage(usages: Iterable[ArticleUsage]) -> UsageTotals:
    """Sum over the articles; the cost is unknown as soon as one article's is."""
    totals = UsageTotals(cost_usd=0.0)
    for u in usages:
        totals.articles += 1
        totals.calls += u.calls
        totals.prompt_tokens += u.prompt_tokens
        totals.completion_tokens += u.completion_tokens
        totals.cache_hits += u.cache_hit
        totals.latency_ms_total = round(totals.latency_ms_total + u.latency_ms, 1)
        totals.cost_usd = (
            None if u.cost_usd is None or totals.cost_usd is None else round(totals.cost_usd + u.cost_usd, 6)
        )
    return totals
