"""The two seed articles of the development corpus: different events, and seed_002's own contradictions."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.crosscheck import crosscheck
from service.evaluation.gold import gold_summary, load_corpus

pytestmark = pytest.mark.corpus


def test_seed_verdicts(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    ids = ["seed_000", "seed_002"]
    report = crosscheck(
        [gold_summary(corpus.articles[a]) for a in ids], bodies={a: corpus.articles[a].article.body for a in ids}
    )
    assert [e.article_ids for e in report.events] == [["seed_000"], ["seed_002"]]
    assert not report.pairs[0].same_event
    assert "different principals" in report.pairs[0].reasons
    seed_002 = report.events[1]
    internal = {(f.kind, f.severity) for f in seed_002.findings if f.internal}
    assert ("status", "error") in internal
    assert ("name_spelling", "warning") in internal
    status = next(f for f in seed_002.findings if f.kind == "status")
    assert {v.value for v in status.values} == {"signed", "discussed"}
    assert status.document and "letter of intent" in next(
        d.label for d in seed_002.documents if d.key == status.document
    )
    spelling = next(f for f in seed_002.findings if f.kind == "name_spelling")
    assert {v.value for v in spelling.values} == {"Thòng Nhất", "Thống Nhất"}
    assert not report.events[0].findings
