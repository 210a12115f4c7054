"""Splitting long articles into overlapping parts, and merging the parts' drafts."""

from __future__ import annotations

import itertools

import pytest

from service.extractors.llm.chunking import Chunk, merge, split
from service.models.draft import DraftCommitment, DraftDocument, DraftEvent, DraftSummary

PARAGRAPHS = [f"Paragraph {i} says the sides signed accord number {i} in the capital." for i in range(12)]
TEXT = "\n\n".join(PARAGRAPHS)


def test_short_text_is_one_part() -> None:
    assert split("A short article.", 100, 20) == [Chunk(0, 16)]


@pytest.mark.parametrize("size, overlap", [(200, 80), (300, 0), (150, 140)])
def test_parts_cover_the_text_within_budget_and_overlap(size: int, overlap: int) -> None:
    chunks = split(TEXT, size, overlap)

    assert chunks[0].start == 0 and chunks[-1].end == len(TEXT)
    for chunk in chunks:
        assert chunk.end - chunk.start <= size
        assert TEXT[chunk.start : chunk.end].startswith("Paragraph")  # cut at paragraph starts
    for before, after in itertools.pairwise(chunks):
        assert after.start > before.start
        assert not TEXT[before.end : after.start].strip()  # nothing but a paragraph break is skipped
        assert before.end - after.start <= overlap


def test_overlong_paragraph_is_cut_at_sentence_ends() -> None:
    text = " ".join(f"Sentence {i} is here." for i in range(60))
    chunks = split(text, 120, 30)
    assert len(chunks) > 1 and chunks[-1].end == len(text)
    for chunk in chunks[:-1]:
        assert text[chunk.start : chunk.end].rstrip().endswith(".")


def _doc(title: str, quote: str) -> DraftDocument:
    return DraftDocument(type="agreement", title=title, status="signed", quote=quote)


def test_merge_keeps_items_met_in_an_overlap_once() -> None:
    first = DraftSummary(
        event=DraftEvent(city="Quito", countries=["EC"], principals=["A. Ruiz"]),
        documents=[_doc("accord 1", "signed accord 1"), _doc("accord 2", "signed  accord 2")],
        commitments=[DraftCommitment(text="build a port", quote="will build a port")],
        stated_count=3,
    )
    second = DraftSummary(
        event=DraftEvent(date="2025-01-02", countries=["EC", "PE"], principals=["a. ruiz", "B. Soto"]),
        documents=[_doc("Accord 2", "signed accord 2"), _doc("accord 3", "signed accord 3")],
        commitments=[DraftCommitment(text="build a port", quote="will build a port")],
        list_complete=False,
    )
    merged = merge([first, second])

    assert [d.title for d in merged.documents] == ["accord 1", "accord 2", "accord 3"]
    assert len(merged.commitments) == 1
    assert (merged.event.city, merged.event.date) == ("Quito", "2025-01-02")
    assert merged.event.countries == ["EC", "PE"] and merged.event.principals == ["A. Ruiz", "B. Soto"]
    assert merged.stated_count == 3 and merged.list_complete is False


def test_merge_keeps_two_documents_quoted_by_one_sentence() -> None:
    sentence = "They signed an accord on water and an accord on roads"
    draft = DraftSummary(documents=[_doc("accord on water", sentence), _doc("accord on roads", sentence)])
    assert len(merge([draft, DraftSummary()]).documents) == 2
