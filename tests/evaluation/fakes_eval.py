"""An extractor and a cross-checker with known behaviour, so run-level figures are predictable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from service.articles import ArticleInput
from service.errors import ExtractionError
from service.evaluation.gold import load_corpus
from service.extractors import Extractor
from service.models import ArticleSummary, CrossCheckReport, EventReport, PairDecision, Usage

FIXTURES = Path(__file__).resolve().parents[2] / "evals" / "fixtures"


class GoldEchoExtractor(Extractor):
    """Returns the gold itself, minus the last document of `drop_last_of`, failing on `fail_on`."""

    name = "offline"

    def __init__(self, root: Path = FIXTURES, *, drop_last_of: Sequence[str] = (), fail_on: Sequence[str] = ()) -> None:
        from service.evaluation.gold import gold_summary

        corpus = load_corpus(root)
        self._summaries = {a: gold_summary(item) for a, item in corpus.articles.items()}
        self.drop_last_of, self.fail_on = set(drop_last_of), set(fail_on)

    def extract(self, article: ArticleInput) -> ArticleSummary:
        if article.id in self.fail_on:
            raise ExtractionError(f"{article.id}: <script>no summary</script>")
        summary = self._summaries[article.id].model_copy(deep=True)
        summary.provenance.extractor = "offline"
        if article.id in self.drop_last_of:
            summary.documents = summary.documents[:-1]
        return summary


class PrefixChecker:
    """Groups articles by their id prefix (the gold events of the fixtures) and finds nothing."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(
        self, items: Sequence[ArticleSummary], *, backend: str | None = None, bodies: Mapping[str, str] | None = None
    ) -> CrossCheckReport:
        ids = [s.article.id for s in items]
        assert bodies is not None and set(bodies) == set(ids)
        self.calls.append(ids)
        groups: dict[str, list[str]] = {}
        for a in ids:
            groups.setdefault(a.partition("__")[0], []).append(a)
        events = [EventReport(event_id=k, label=k, article_ids=v) for k, v in groups.items()]
        pairs = [
            PairDecision(articles=(a, b), same_event=a.partition("__")[0] == b.partition("__")[0], score=1.0)
            for i, a in enumerate(ids)
            for b in ids[i + 1 :]
        ]
        return CrossCheckReport(articles=[], events=events, pairs=pairs)


class MeteredEchoExtractor(GoldEchoExtractor):
    """The echo extractor dressed as an LLM: every summary reports one call and its tokens."""

    name = "llm"

    def extract(self, article: ArticleInput) -> ArticleSummary:
        summary = super().extract(article)
        p = summary.provenance
        p.extractor, p.model, p.calls, p.latency_ms = "llm", "gpt-4o-mini-2024-07-18", 1, 120.0
        p.prompt_id, p.prompt_version = "extract_summary", "1"
        p.usage = Usage(prompt_tokens=1_000_000, completion_tokens=500_000, total_tokens=1_500_000)
        return summary
