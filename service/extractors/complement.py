"""Batches of documents named only by their fields, which a model reading tends to leave out.

Outlets often report a batch of papers by their fields alone ("documents on trade, energy and
culture were exchanged"), and the gold convention is one entry per field. Models skip such
batches or fold them into one vague entry (the recorded strong model did so in every such
sentence of the dev corpus), while the offline rules read exactly this shape. So the LLM
extractor adds the offline rules' batches for the sentences its model left uncovered: a sentence
in which the rules find at least `COMPLEMENT_MIN_BATCH` documents and no model document has
evidence. A sentence the model did read is never second-guessed, and every addition is said in a
notice, so an editor can tell the model's facts from the rules'.
"""

from __future__ import annotations

from service.articles import ArticleInput
from service.models import ArticleSummary, Document, Notice
from service.summarize import write_summary
from service.vocabulary import COMPLEMENT_MIN_BATCH


def uncovered_batches(summary: ArticleSummary, rules: ArticleSummary) -> list[Document]:
    """The rules' documents of multi-document sentences that none of `summary`'s documents touches."""
    batches: dict[tuple[int, int], list[Document]] = {}
    for doc in rules.documents:
        primary = doc.evidence[0]
        batches.setdefault((primary.start, primary.end), []).append(doc)
    added: list[Document] = []
    for (start, end), docs in batches.items():
        if len(docs) < COMPLEMENT_MIN_BATCH:
            continue
        if any(e.start < end and start < e.end for d in summary.documents for e in d.evidence):
            continue
        added.extend(docs)
    return added


def complement(article: ArticleInput, summary: ArticleSummary) -> ArticleSummary:
    """`summary` with the offline rules' field batches its model left out (English text only)."""
    from service.extractors.offline.extractor import OfflineExtractor  # the rules, only when asked

    if summary.article.language != "en":
        return summary
    added = uncovered_batches(summary, OfflineExtractor().extract(article))
    if not added:
        return summary
    documents = sorted([*summary.documents, *added], key=lambda d: d.evidence[0].start)
    notice = Notice(
        code="complemented",
        message=(
            f"{len(added)} document(s) named only by their fields were added from the offline rules: "
            "the model left those sentences out"
        ),
    )
    completed = summary.model_copy(update={"documents": documents, "warnings": [*summary.warnings, notice]})
    completed.summary = write_summary(completed)  # the editor's sentences count the added papers too
    return completed
