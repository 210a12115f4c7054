"""Cross-check scorers: findings against gold conflicts, and same-event decisions against gold events.

A finding recovers a gold conflict when the kind is the same, the document is the same
(both none, or the finding's canonical document holds a predicted document that was matched
to a gold mention of the conflict's document) and its articles show the disagreement: at
least two of the conflict's articles with different gold values, or the one article of an
internal contradiction. Findings of severity `info` are notes, neither right nor wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

from service.evaluation.gold import GoldConflict, GoldCorpus, GoldEvent
from service.evaluation.results import (
    ArticleResult,
    ConflictOutcome,
    EventResult,
    FindingOutcome,
    KindScore,
    MissingOutcome,
    PairError,
    Ratio,
    SameEventResult,
    ValueQuote,
)
from service.models import CrossCheckReport, Finding
from service.textnorm import fold

DocKey = tuple[str, str]  # (report event id, canonical document key)


def canonical_keys(
    event: GoldEvent, results: Mapping[str, ArticleResult], report: CrossCheckReport
) -> dict[str, set[DocKey]]:
    """Gold document key -> the report's canonical documents that hold one of its matched mentions."""
    where: dict[tuple[str, int], set[DocKey]] = {}
    for ev in report.events:
        for canonical in ev.documents:
            for article_id, mention in canonical.mentions.items():
                if mention is not None:
                    where.setdefault((article_id, mention.document_index), set()).add((ev.event_id, canonical.key))
    keys: dict[str, set[DocKey]] = {}
    for doc in event.documents:
        found: set[DocKey] = set()
        for article_id, gold_index in doc.mentions.items():
            result = results.get(article_id)
            predicted = result.predicted_for(gold_index) if result else None
            if predicted is not None:
                found |= where.get((article_id, predicted), set())
        keys[doc.key] = found
    return keys


def finding_articles(finding: Finding) -> list[str]:
    """The articles a finding speaks for: those it names and those it quotes."""
    named = list(finding.articles) + [v.article_id for v in finding.values]
    return list(dict.fromkeys(named))


def is_internal(conflict: GoldConflict) -> bool:
    return len(set(conflict.articles)) == 1


def _document_ok(finding: Finding, gold_document: str | None, keys: Mapping[str, set[DocKey]]) -> bool:
    if gold_document is None or finding.document is None:
        return gold_document is None and finding.document is None
    return (finding.event_id, finding.document) in keys.get(gold_document, set())


def _shows_disagreement(conflict: GoldConflict, articles: set[str]) -> bool:
    shared = [a for a in conflict.articles if a in articles]
    if len(set(shared)) < 2:
        return False
    if len(conflict.values) != len(conflict.articles):
        return True
    values = {fold(str(v)) for a, v in zip(conflict.articles, conflict.values, strict=True) if a in articles}
    all_values = {fold(str(v)) for v in conflict.values}
    return len(values) >= 2 or len(all_values) < 2


def matches_conflict(finding: Finding, conflict: GoldConflict, keys: Mapping[str, set[DocKey]]) -> bool:
    if finding.kind != conflict.kind or not _document_ok(finding, conflict.document, keys):
        return False
    articles = set(finding_articles(finding))
    if is_internal(conflict):
        only = conflict.articles[0]
        return articles == {only} or (finding.internal and only in articles)
    return _shows_disagreement(conflict, articles)


def expected_missing(event: GoldEvent, corpus: GoldCorpus) -> list[MissingOutcome]:
    """Derived from `mentions`: one complete list reports a document, another complete list omits it."""
    complete = [a for a in event.articles if a in corpus.articles and corpus.articles[a].gold.list_complete]
    out = []
    for doc in event.documents:
        reporters = [a for a in complete if a in doc.mentions]
        omitters = [a for a in complete if a not in doc.mentions]
        out += [MissingOutcome(document=doc.key, reported_by=r, omitted_by=o) for r in reporters for o in omitters]
    return out


def matches_missing(finding: Finding, expected: MissingOutcome, keys: Mapping[str, set[DocKey]]) -> bool:
    if finding.kind != "document_missing" or not _document_ok(finding, expected.document, keys):
        return False
    return {expected.reported_by, expected.omitted_by} <= set(finding_articles(finding))


def _outcome(finding: Finding) -> FindingOutcome:
    return FindingOutcome(
        id=finding.id,
        kind=finding.kind,
        severity=finding.severity,
        document=finding.document,
        articles=finding.articles,
        explanation=finding.explanation,
        internal=finding.internal,
        values=[
            ValueQuote(article_id=v.article_id, value=v.value, quote=v.evidence[0].quote if v.evidence else None)
            for v in finding.values
        ],
    )


def score_report(
    event: GoldEvent, corpus: GoldCorpus, results: Mapping[str, ArticleResult], report: CrossCheckReport
) -> EventResult:
    """Conflict recall and precision by kind for one gold event's cross-check report."""
    keys = canonical_keys(event, results, report)
    findings = [f for ev in report.events for f in ev.findings]
    scored = [f for f in findings if f.severity != "info"]
    conflicts = [
        ConflictOutcome(
            kind=c.kind,
            document=c.document,
            articles=c.articles,
            values=c.values,
            detail=c.detail,
            internal=is_internal(c),
            recovered_by=[f.id for f in scored if matches_conflict(f, c, keys)],
        )
        for c in event.conflicts
    ]
    missing = expected_missing(event, corpus)
    for m in missing:
        m.recovered_by = [f.id for f in scored if matches_missing(f, m, keys)]
    expected: list[ConflictOutcome | MissingOutcome] = [*conflicts, *missing]
    support = {fid for item in expected for fid in item.recovered_by}
    outcomes = []
    for f in findings:
        outcome = _outcome(f)
        outcome.correct = None if f.severity == "info" else f.id in support
        outcomes.append(outcome)
    by_kind: dict[str, KindScore] = {}
    for item in expected:
        kind = item.kind if isinstance(item, ConflictOutcome) else "document_missing"
        score = by_kind.setdefault(kind, KindScore())
        score.gold += 1
        score.recovered += bool(item.recovered_by)
    for o in outcomes:
        if o.correct is not None:
            score = by_kind.setdefault(o.kind, KindScore())
            score.findings += 1
            score.correct += o.correct
    return EventResult(
        event_id=event.event_id,
        articles=event.articles,
        checked=True,
        conflicts=conflicts,
        missing=missing,
        findings=outcomes,
        by_kind=dict(sorted(by_kind.items())),
    )


def predicted_groups(report: CrossCheckReport) -> dict[str, set[int]]:
    """Article id -> the indexes of the report events it was placed in."""
    groups: dict[str, set[int]] = {}
    for i, ev in enumerate(report.events):
        for a in ev.article_ids:
            groups.setdefault(a, set()).add(i)
    return groups


def score_same_event(gold_event_of: Mapping[str, str], report: CrossCheckReport, ids: list[str]) -> SameEventResult:
    """Every pair of articles: same gold event vs. placed in one report event (else the pair decision)."""
    groups = predicted_groups(report)
    decisions = {frozenset(p.articles): p for p in report.pairs}
    result = SameEventResult()
    for a, b in combinations(sorted(ids), 2):
        gold_same = gold_event_of[a] == gold_event_of[b]
        decision = decisions.get(frozenset((a, b)))
        if a in groups and b in groups:
            predicted = bool(groups[a] & groups[b])
        else:
            predicted = bool(decision and decision.same_event)
        result.pairs += Ratio.of(predicted == gold_same)
        if predicted != gold_same:
            result.false_merges += predicted
            result.false_splits += gold_same
            reasons = decision.reasons if decision else []
            result.errors.append(
                PairError(articles=(a, b), gold_same=gold_same, predicted_same=predicted, reasons=reasons)
            )
    return result
