"""Conflict matching (kind, document, articles), expected document_missing, and same-event scoring."""

from __future__ import annotations

from pathlib import Path

from evalkit import canonical, finding, gold_article, report

from service.evaluation.conflicts import expected_missing, score_report, score_same_event
from service.evaluation.gold import GoldCorpus, GoldEvent
from service.evaluation.results import ArticleResult, DocMatch

Q1 = "Norway and Ghana signed an agreement on fisheries."
Q2 = "The ministries exchanged a memorandum of understanding on offshore wind."


def _corpus(*, complete: dict[str, bool] | None = None) -> tuple[GoldCorpus, GoldEvent]:
    complete = complete or {}
    docs = [
        {"type": "agreement", "status": "signed", "quote": Q1},
        {"type": "agreement", "status": "signed", "quote": Q2},
    ]
    articles = {
        a: gold_article(docs if a != "c" else docs[:1], id=a, list_complete=complete.get(a, True))
        for a in ("a", "b", "c")
    }
    event = GoldEvent.model_validate(
        {
            "event_id": "gold_e",
            "articles": ["a", "b", "c"],
            "documents": [
                {"key": "fish", "mentions": {"a": 0, "b": 0, "c": 0}},
                {"key": "wind", "mentions": {"a": 1, "b": 1}},
            ],
            "conflicts": [
                {"kind": "document_type", "document": "fish", "articles": ["a", "b", "c"],
                 "values": ["agreement", "agreement", "memorandum_of_understanding"]},
                {"kind": "event_date", "document": None, "articles": ["a", "b"], "values": ["2026-01-01", "2026-01-02"]},
                {"kind": "status", "document": "wind", "articles": ["b", "b"], "values": ["signed", "planned"]},
            ],
        }
    )  # fmt: skip
    return GoldCorpus(root=Path("."), articles=articles, events=[event]), event


def _results(**swaps: dict[int, int]) -> dict[str, ArticleResult]:
    """Article results whose gold document i was matched to predicted document i (or as swapped)."""
    out = {}
    for a, n in (("a", 2), ("b", 2), ("c", 1)):
        mapping = swaps.get(a, {i: i for i in range(n)})
        matches = [DocMatch(gold_index=g, predicted_index=p, by="span", score=2.0) for g, p in mapping.items()]
        out[a] = ArticleResult(id=a, event_id="gold_e", language="en", matches=matches)
    return out


DOCS = [canonical("k_fish", {"a": 0, "b": 0, "c": 0}), canonical("k_wind", {"a": 1, "b": 1, "c": None})]


def _score(findings: list, results: dict[str, ArticleResult] | None = None) -> object:
    corpus, event = _corpus()
    return score_report(
        event, corpus, results or _results(), report([["a", "b", "c"]], findings=findings, documents=DOCS)
    )


def test_finding_recovers_conflict_by_kind_document_and_articles() -> None:
    result = _score([finding("document_type", ["a", "c"], document="k_fish")])
    assert result.conflicts[0].recovered_by == ["f1"]
    assert result.findings[0].correct is True
    assert result.by_kind["document_type"].recall == 1.0 and result.by_kind["document_type"].precision == 1.0


def test_finding_between_articles_that_agree_does_not_recover() -> None:
    # a and b both say "agreement": naming only them does not show the disagreement.
    result = _score([finding("document_type", ["a", "b"], document="k_fish")])
    assert result.conflicts[0].recovered_by == []
    assert result.findings[0].correct is False


def test_wrong_kind_or_wrong_document_does_not_recover() -> None:
    result = _score(
        [
            finding("status", ["a", "c"], document="k_fish", id="f1"),
            finding("document_type", ["a", "c"], document="k_wind", id="f2"),
            finding("document_type", ["a", "c"], document=None, id="f3"),
        ]
    )
    assert result.conflicts[0].recovered_by == []
    assert [f.correct for f in result.findings] == [False, False, False]
    assert result.by_kind["document_type"].precision == 0.0


def test_document_is_mapped_through_the_extraction_matching() -> None:
    # Article c's gold document 0 was extracted as its predicted document 3, which the report
    # aligned under key k_other: the finding on k_other is about the gold document "fish".
    docs = [canonical("k_other", {"a": 0, "c": 3})]
    corpus, event = _corpus()
    results = _results(c={0: 3})
    rep = report([["a", "b", "c"]], findings=[finding("document_type", ["a", "c"], document="k_other")], documents=docs)
    assert score_report(event, corpus, results, rep).conflicts[0].recovered_by == ["f1"]


def test_unmatched_gold_document_cannot_be_recovered() -> None:
    corpus, event = _corpus()
    results = _results(a={}, b={}, c={})  # the extractor found nothing
    rep = report([["a", "b", "c"]], findings=[finding("document_type", ["a", "c"], document="k_fish")], documents=DOCS)
    assert score_report(event, corpus, results, rep).conflicts[0].recovered_by == []


def test_conflict_without_document_needs_a_finding_without_document() -> None:
    result = _score(
        [finding("event_date", ["a", "b"], id="f1"), finding("event_date", ["a", "b"], id="f2", document="k_fish")]
    )
    assert result.conflicts[1].recovered_by == ["f1"]


def test_internal_contradiction_needs_the_same_single_article() -> None:
    ok = _score([finding("status", ["b"], document="k_wind", internal=True)])
    assert ok.conflicts[2].internal and ok.conflicts[2].recovered_by == ["f1"]
    wrong = _score([finding("status", ["a"], document="k_wind", internal=True)])
    assert wrong.conflicts[2].recovered_by == []


def test_info_findings_are_not_scored() -> None:
    result = _score([finding("document_type", ["a", "c"], document="k_fish", severity="info")])
    assert result.conflicts[0].recovered_by == []
    assert result.findings[0].correct is None
    assert result.by_kind["document_type"].findings == 0


def test_expected_document_missing_needs_both_lists_complete() -> None:
    corpus, event = _corpus()
    pairs = {(m.document, m.reported_by, m.omitted_by) for m in expected_missing(event, corpus)}
    assert pairs == {("wind", "a", "c"), ("wind", "b", "c")}
    corpus, event = _corpus(complete={"c": False})
    assert expected_missing(event, corpus) == []


def test_document_missing_finding_matches_expected_pairs() -> None:
    result = _score([finding("document_missing", ["a", "b", "c"], document="k_wind")])
    assert all(m.recovered_by == ["f1"] for m in result.missing)
    assert result.by_kind["document_missing"].recall == 1.0
    partial = _score([finding("document_missing", ["a", "c"], document="k_wind")])
    assert partial.by_kind["document_missing"].recall == 0.5 and partial.findings[0].correct is True


def test_same_event_pairs_from_report_events() -> None:
    gold_event = {"a": "x", "b": "x", "c": "y"}
    perfect = score_same_event(gold_event, report([["a", "b"], ["c"]]), ["a", "b", "c"])
    assert perfect.pairs.value == 1.0 and perfect.errors == []
    merged = score_same_event(gold_event, report([["a", "b", "c"]]), ["a", "b", "c"])
    assert (merged.pairs.correct, merged.pairs.total, merged.false_merges, merged.false_splits) == (1, 3, 2, 0)
    split = score_same_event(gold_event, report([["a"], ["b"], ["c"]]), ["a", "b", "c"])
    assert (split.false_merges, split.false_splits) == (0, 1)
