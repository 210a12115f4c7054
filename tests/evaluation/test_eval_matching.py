"""Matching rules: one-to-one assignment, span overlap first, title similarity as the fallback."""

from __future__ import annotations

from service.evaluation.matching import Item, assign, match, span_overlap, title_similarity


def test_assign_finds_the_optimum_where_greedy_would_not() -> None:
    # Greedy would take (0, 0) = 0.9 and leave row 1 unmatched; the optimum pairs both.
    weights = [[0.9, 0.8], [0.85, 0.0]]
    assert assign(weights) == [(0, 1), (1, 0)]


def test_assign_is_one_to_one_on_rectangular_input_and_skips_zero_weights() -> None:
    weights = [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
    pairs = assign(weights)
    assert len(pairs) == 1 and pairs[0][0] == 0
    assert assign([]) == []
    assert assign([[0.0]]) == []


def test_assign_is_deterministic_on_ties() -> None:
    weights = [[1.0, 1.0], [1.0, 1.0]]
    assert assign(weights) == assign(weights) == [(0, 0), (1, 1)]


def test_span_overlap_is_relative_to_the_shorter_span() -> None:
    assert span_overlap([(0, 100)], [(10, 20)]) == 1.0
    assert span_overlap([(0, 10)], [(5, 15)]) == 0.5
    assert span_overlap([(0, 10)], [(10, 20)]) == 0.0


def test_shared_span_wins_over_a_better_title() -> None:
    gold = [Item(spans=((0, 50),), texts=("agreement on fisheries",))]
    predicted = [
        Item(spans=((200, 250),), texts=("agreement on fisheries",)),  # same name, elsewhere
        Item(spans=((10, 40),), texts=("deal",)),  # inside the gold quote
    ]
    [pair] = match(gold, predicted)
    assert (pair.predicted, pair.by) == (1, "span")


def test_title_fallback_when_no_span_is_shared() -> None:
    gold = [Item(spans=((0, 50),), texts=("memorandum on offshore wind", "offshore wind"))]
    predicted = [
        Item(spans=((300, 320),), texts=("mou on offshore wind energy",)),
        Item(spans=((400, 420),), texts=("agreement on fisheries",)),
    ]
    [pair] = match(gold, predicted)
    assert (pair.predicted, pair.by) == (0, "title")


def test_dissimilar_titles_without_shared_span_do_not_match() -> None:
    gold = [Item(spans=((0, 50),), texts=("agreement on fisheries",))]
    predicted = [Item(spans=((300, 320),), texts=("memorandum on offshore wind",))]
    assert match(gold, predicted) == []


def test_one_long_quote_cannot_take_two_documents() -> None:
    # Both gold documents are reported in one sentence; titles decide which prediction is which.
    gold = [
        Item(spans=((0, 100),), texts=("agreement on fisheries",)),
        Item(spans=((0, 100),), texts=("memorandum on offshore wind",)),
    ]
    predicted = [
        Item(spans=((50, 90),), texts=("memorandum on offshore wind",)),
        Item(spans=((0, 40),), texts=("agreement on fisheries",)),
    ]
    pairs = {(p.gold, p.predicted) for p in match(gold, predicted)}
    assert pairs == {(0, 1), (1, 0)}


def test_title_similarity_ignores_type_words_and_uses_synonyms() -> None:
    assert title_similarity(["memorandum on petroleum"], ["agreement on oil"]) >= 0.8
    assert title_similarity(["agreement on fisheries"], ["agreement on culture"]) < 0.8
