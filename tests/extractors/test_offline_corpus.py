"""The offline extractor against the hand-made gold of the development corpus (English articles).

Targets of the project: document F1 >= 0.85, type and status right on >= 90% of the matched
documents. Skips cleanly when ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from service.evaluation.gold import load_corpus
from service.evaluation.metrics import score_article
from service.extract import validated
from service.extractors.offline import OfflineExtractor

pytestmark = pytest.mark.corpus


def test_document_f1_and_field_accuracy_meet_the_targets(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir, lang="en")
    assert corpus.articles, "the corpus has no English articles: nothing would be scored"
    extractor = OfflineExtractor()
    tp = fp = fn = typed = statused = matched = 0
    for item in corpus.articles.values():
        result = score_article(item, validated(extractor.extract(item.article)), event_id="-")
        tp, fp, fn = tp + result.documents.tp, fp + result.documents.fp, fn + result.documents.fn
        matched += len(result.matches)
        typed += sum(1 for m in result.matches if "type" not in m.diffs)
        statused += sum(1 for m in result.matches if "status" not in m.diffs)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.85, f"document F1 {f1:.3f} (tp={tp} fp={fp} fn={fn})"
    assert typed / matched >= 0.9
    assert statused / matched >= 0.9


def test_every_english_article_is_summarised_and_grounded(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir, lang="en")
    assert corpus.articles, "the corpus has no English articles: nothing would be checked"
    extractor = OfflineExtractor()
    for item in corpus.articles.values():
        summary = validated(extractor.extract(item.article))
        body = item.article.body
        assert not summary.rejected, (item.id, summary.rejected)
        for doc in summary.documents:
            for ev in doc.evidence:
                assert body[ev.start : ev.end] == ev.quote


def test_non_english_corpus_articles_are_refused_with_a_warning(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    extractor = OfflineExtractor()
    others = [item for item in corpus.articles.values() if item.language != "en"]
    assert others
    for item in others:
        summary = extractor.extract(item.article)
        assert summary.documents == []
        assert summary.warnings[0].code == "language_not_supported"
