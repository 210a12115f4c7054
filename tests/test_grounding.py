"""Quotes become exact offsets: verbatim first, then tolerant of case, diacritics, quotes, spacing."""

from __future__ import annotations

import pytest

from service.grounding import ground, locate
from service.textnorm import fold, fold_with_map, same_name

BODY = (
    "HANOI, June 3 \u2014 Vi\u1ec7t Nam\u2019s Ministry of Finance and the Central Bank of Ruritania "
    "signed a memorandum on \u201cdigital payments\u201d.\n\nThe  two sides also   agreed to sign a "
    "protocol later this year. \u0110\u00e0 N\u1eb5ng hosted the forum."
)


def test_exact_quote_offsets_index_the_body() -> None:
    quote = "Central Bank of Ruritania signed a memorandum"
    ev = ground(BODY, quote)
    assert ev is not None
    assert BODY[ev.start : ev.end] == quote == ev.quote
    assert locate(BODY, quote).method == "exact"  # type: ignore[union-attr]


def test_curly_quotes_and_diacritics_are_tolerated() -> None:
    match = locate(BODY, "Viet Nam's Ministry of Finance")
    assert match is not None and match.method == "folded"
    assert match.evidence.quote == "Vi\u1ec7t Nam\u2019s Ministry of Finance"
    assert BODY[match.evidence.start : match.evidence.end] == match.evidence.quote


def test_whitespace_and_line_breaks_are_tolerated() -> None:
    ev = ground(BODY, "The two sides also agreed to sign a protocol")
    assert ev is not None
    assert ev.quote == "The  two sides also   agreed to sign a protocol"


def test_letters_without_decomposition_are_folded() -> None:
    ev = ground(BODY, "Da Nang hosted the forum")
    assert ev is not None and ev.quote.startswith("\u0110\u00e0 N\u1eb5ng")


def test_surrounding_quote_marks_on_the_quote_are_ignored() -> None:
    ev = ground(BODY, '"digital payments"')
    assert ev is not None
    assert "digital payments" in ev.quote


def test_near_verbatim_long_quote_is_aligned_fuzzily() -> None:
    # One letter differs (a typo a model might make) in a long quote.
    match = locate(BODY, "Ministry of Finance and the Central Bank of Ruritanla signed a memorandum on")
    assert match is not None and match.method == "fuzzy"
    assert "Central Bank of Ruritania" in match.evidence.quote


@pytest.mark.parametrize(
    "quote",
    ["The sides signed a nuclear cooperation treaty", "", "   ", "Ruritania and Vietnam ratified the trade pact"],
)
def test_quotes_not_in_the_text_are_not_evidence(quote: str) -> None:
    assert ground(BODY, quote) is None


def test_fold_map_points_back_into_the_original() -> None:
    text = "A  \u00c9t\u00e9\u2014b"
    folded, index = fold_with_map(text)
    assert folded == "a ete-b"
    assert len(index) == len(folded)
    assert text[index[2]] == "\u00c9"


def test_same_name_ignores_diacritics_but_not_letters() -> None:
    assert same_name("Phan V\u0103n Giang", "Phan Van Giang")
    assert not same_name("Paviz Schahbazov", "Perviz Shahbazov")
    assert fold("  T\u00f4 L\u00e2m ") == "to lam"
