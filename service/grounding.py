"""Turn quotes into exact offsets in the body: exact first, then tolerant.

The package, never the model, computes offsets. A quote is searched verbatim; failing
that, in a folded image of the body (case, diacritics, quotes, dashes, white space), and
for longer quotes by a strict fuzzy alignment. A quote found nowhere is not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from service.models import Evidence
from service.textnorm import fold, fold_with_map
from service.vocabulary import (
    NAME_CASE_ENDING_MAX,
    NAME_FUZZY_MIN_CHARS,
    NAME_SKELETON_REWRITES,
    NAME_TOKEN_MIN_SCORE,
)

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


# -- names across scripts -----------------------------------------------------------------------

_WORD = re.compile(r"[a-z']+")
_REWRITES = tuple((re.compile(pattern), replacement) for pattern, replacement in NAME_SKELETON_REWRITES)


def _skeleton(word: str) -> str:
    for pattern, replacement in _REWRITES:
        word = pattern.sub(replacement, word)
    return word


def _name_words(text: str) -> list[str]:
    """ASCII skeletons of the words of `text`, whatever its script."""
    return [w for w in (_skeleton(m) for m in _WORD.findall(fold(anyascii(text)).lower())) if len(w) >= 2]


@lru_cache(maxsize=64)
def _text_words(body: str) -> frozenset[str]:
    return frozenset(_name_words(body))


def _word_matches(word: str, candidate: str) -> bool:
    if word == candidate:
        return True
    # A case ending is added ("Putin" -> "Putina") or replaces a final vowel ("Astana" -> "Astane").
    stems = (word, word[:-1]) if word[-1] in "aeiou" else (word,)
    for stem in stems:
        if len(stem) >= 3 and candidate.startswith(stem) and len(candidate) - len(stem) <= NAME_CASE_ENDING_MAX:
            return True
    return (
        min(len(word), len(candidate)) >= NAME_FUZZY_MIN_CHARS and fuzz.ratio(word, candidate) >= NAME_TOKEN_MIN_SCORE
    )


def name_in_text(body: str, name: str) -> bool:
    """Is the person or place `name` named in `body`, in this script or another?

    First verbatim (folded); then the first and last words of the name, transliterated, must
    match words of the transliterated text (case endings and the usual spelling variants allowed), so the
    English form of a name reported in a Russian article ("Ilham Aliyev" for "Ильхам Алиев",
    "Ильхама Алиева") is grounded rather than rejected for its script.
    """
    name = name.strip()
    if not name or not body:
        return False
    if fold(name) in _folded(body)[0]:
        return True
    words = _name_words(name)
    if not words:
        return False
    text = _text_words(body)
    # The first and last words (given name and surname, or surname and given name) must be there;
    # a middle name or patronymic the text leaves out does not make the person another one.
    needed = {words[0], words[-1]}
    return all(any(_word_matches(w, t) for t in text) for w in needed)
