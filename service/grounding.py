"""Turn quotes into exact offsets in the body: exact first, then tolerant.

The package, never the model, computes offsets. A quote is searched verbatim; failing
that, in a folded image of the body (case, diacritics, quotes, dashes, white space), and
for longer quotes by a strict fuzzy alignment. A quote found nowhere is not evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from service.models import Evidence
from service.textnorm import fold, fold_with_map

FUZZY_MIN_CHARS = 40
FUZZY_MIN_SCORE = 94.0


@dataclass(frozen=True)
class Match:
    """Where a quote was found and how tolerant the search had to be."""

    evidence: Evidence
    method: str  # "exact", "folded" or "fuzzy"


@lru_cache(maxsize=64)
def _folded(body: str) -> tuple[str, tuple[int, ...]]:
    text, index = fold_with_map(body)
    return text, tuple(index)


def _span(body: str, start: int, end: int) -> Evidence:
    return Evidence(quote=body[start:end], start=start, end=end)


def _strip_quote(quote: str) -> str:
    return quote.strip().strip("\"'\u201c\u201d\u2018\u2019").strip()


def locate(body: str, quote: str, *, start_at: int = 0) -> Match | None:
    """Find `quote` in `body`; returns the span in the original body, or None."""
    quote = quote.strip()
    if not quote or not body:
        return None
    pos = body.find(quote, start_at)
    if pos < 0 and start_at:
        pos = body.find(quote)
    if pos >= 0:
        return Match(_span(body, pos, pos + len(quote)), "exact")

    core = _strip_quote(quote)
    folded_quote = fold(core)
    if not folded_quote:
        return None
    folded_body, index = _folded(body)
    pos = folded_body.find(folded_quote)
    if pos >= 0:
        start = index[pos]
        end = index[pos + len(folded_quote) - 1] + 1
        return Match(_span(body, start, end), "folded")

    if len(folded_quote) >= FUZZY_MIN_CHARS:
        hit = fuzz.partial_ratio_alignment(folded_quote, folded_body, score_cutoff=FUZZY_MIN_SCORE)
        if hit is not None and hit.dest_end > hit.dest_start:
            start = index[hit.dest_start]
            end = index[hit.dest_end - 1] + 1
            return Match(_span(body, start, end), "fuzzy")
    return None


def ground(body: str, quote: str) -> Evidence | None:
    """Evidence for `quote` in `body`, or None when the body does not contain it."""
    match = locate(body, quote)
    return match.evidence if match else None
