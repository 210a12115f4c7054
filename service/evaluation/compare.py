"""A run against an earlier run (regressions marked) and against floors (CI gates).

Every headline metric is "higher is better"; cost and latency are shown but never gate.
A comparison across different corpora or extractors is still made, and says so.
"""

from __future__ import annotations

from typing import Literal

from service.evaluation.results import Comparison, EvalRun, MetricDelta

TOLERANCE = 0.0005
"""Drops smaller than this are noise from rounding, not regressions."""


def headline(run: EvalRun) -> dict[str, float | None]:
    """The run's figures by stable name, the vocabulary of baselines and floors."""
    t = run.totals
    cc = t.crosscheck
    figures: dict[str, float | None] = {
        "documents.precision": t.documents.precision,
        "documents.recall": t.documents.recall,
        "documents.f1": t.documents.f1,
        "documents.strict_f1": t.strict.f1,
    }
    figures |= {f"field.{name}": r.value for name, r in t.fields.items()}
    figures |= {f"event.{name}": r.value for name, r in t.event.items()}
    figures["stated_count"] = t.stated_count.value
    figures["commitments.recall"] = t.commitments.recall
    figures["commitments.precision"] = t.commitments.precision
    if cc.available:
        figures["conflicts.recall"] = cc.conflicts.recall
        figures["conflicts.precision"] = cc.conflicts.precision
        figures["document_missing.recall"] = cc.document_missing.recall
        figures["document_missing.precision"] = cc.document_missing.precision
        figures["same_event.accuracy"] = cc.same_event.pairs.value
        figures |= {f"kind.{kind}.recall": s.recall for kind, s in cc.by_kind.items() if kind != "document_missing"}
    return figures


def _delta(name: str, baseline: float | None, current: float | None) -> MetricDelta:
    if baseline is None or current is None:
        return MetricDelta(name=name, baseline=baseline, current=current)
    delta = round(current - baseline, 4)
    status: Literal["regression", "improvement", "same"]
    status = "regression" if delta < -TOLERANCE else "improvement" if delta > TOLERANCE else "same"
    return MetricDelta(name=name, baseline=baseline, current=current, delta=delta, status=status)


def compare(run: EvalRun, baseline: EvalRun) -> Comparison:
    """Every headline metric of both runs, and the articles whose document F1 dropped."""
    now, before = headline(run), headline(baseline)
    deltas = [_delta(name, before.get(name), now.get(name)) for name in dict.fromkeys([*now, *before])]
    previous = {a.id: a.documents.f1 for a in baseline.articles}
    per_article = [_delta(a.id, previous.get(a.id), a.documents.f1) for a in run.articles if a.id in previous]
    return Comparison(
        baseline_created_at=baseline.provenance.created_at,
        baseline_commit=baseline.provenance.git_commit,
        same_corpus=(run.provenance.corpus_sha256, run.provenance.lang)
        == (baseline.provenance.corpus_sha256, baseline.provenance.lang),
        same_extractor=(run.provenance.extractor, run.provenance.model)
        == (baseline.provenance.extractor, baseline.provenance.model),
        deltas=deltas,
        article_regressions=[d for d in per_article if d.status == "regression"],
    )


def below_floors(run: EvalRun, floors: dict[str, float | None]) -> list[str]:
    """One line per floor the run misses; a metric without data (None) cannot pass a positive floor."""
    figures = headline(run)
    failures = []
    for name, floor in floors.items():
        if floor is None or floor <= 0:
            continue
        value = figures.get(name)
        if value is None:
            failures.append(f"{name}: no data (floor {floor:.3f})")
        elif value < floor:
            failures.append(f"{name} {value:.3f} is below the floor {floor:.3f}")
    return failures
