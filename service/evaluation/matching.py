"""Pair gold items with predicted ones, one-to-one, so every document is counted once.

A gold and a predicted document are the same when their evidence spans overlap; only
when no span is shared do title and subject similarity decide (an extractor may ground a
document at its recap line where the annotator quoted the body). The assignment maximises
the total weight (Hungarian method), so one long quote cannot take two documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from service.textnorm import fold
from service.vocabulary import canonical_subject_words

Span = tuple[int, int]

TITLE_MIN = 0.8
"""Least title/subject similarity for a match without a shared span."""
TEXT_MIN = 0.7
"""Least text similarity for a commitment match without a shared span."""


@dataclass(frozen=True)
class Item:
    """What matching needs to know about a document or a commitment."""

    spans: tuple[Span, ...]
    texts: tuple[str, ...]


MatchedBy = Literal["span", "title"]


@dataclass(frozen=True)
class Pair:
    gold: int
    predicted: int
    by: MatchedBy
    score: float


def assign(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment; only pairs with a positive weight are returned.

    Kuhn-Munkres with potentials on the padded square matrix: O(n^3), exact and
    deterministic (ties go to the lower index), no SciPy needed for our few dozen items.
    """
    rows = len(weights)
    cols = max((len(r) for r in weights), default=0)
    n = max(rows, cols)
    if n == 0:
        return []
    top = max((w for r in weights for w in r), default=0.0)
    cost = [[top - (weights[i][j] if i < rows and j < len(weights[i]) else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    owner = [0] * (n + 1)  # owner[j]: the row assigned to column j (1-based, 0 = free)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = []
    for j in range(1, n + 1):
        i = owner[j] - 1
        if i < rows and j - 1 < len(weights[i]) and weights[i][j - 1] > 0:
            pairs.append((i, j - 1))
    return sorted(pairs)


def span_overlap(a: Sequence[Span], b: Sequence[Span]) -> float:
    """Largest overlap of two span sets, relative to the shorter span (1.0: one inside the other)."""
    best = 0.0
    for s1, e1 in a:
        for s2, e2 in b:
            shared = min(e1, e2) - max(s1, s2)
            shortest = min(e1 - s1, e2 - s2)
            if shared > 0 and shortest > 0:
                best = max(best, shared / shortest)
    return best


def _words(text: str) -> str:
    return " ".join(sorted(canonical_subject_words(text)))


def title_similarity(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """How alike two documents' names are, on content words (type words and synonyms folded away).

    "Memorandum on hydrogen" and "agreement on hydrogen" are alike here on purpose: the type
    is scored separately, and a wrong type must not turn one miss into two.
    """
    best = 0.0
    for g in gold:
        for p in predicted:
            if not g or not p:
                continue
            wg, wp = _words(g), _words(p)
            score = fuzz.token_set_ratio(wg, wp) if wg and wp else fuzz.token_sort_ratio(fold(g), fold(p))
            best = max(best, score / 100)
    return best


def text_similarity(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Similarity of free texts such as pledges (folded, word order ignored)."""
    scores = [fuzz.token_set_ratio(fold(g), fold(p)) / 100 for g in gold for p in predicted if g and p]
    return max(scores, default=0.0)


def _weigh(gold: Item, predicted: Item, similarity: float, minimum: float) -> tuple[float, MatchedBy | None]:
    """A shared span always outweighs any title-only match; similarity breaks ties between spans."""
    overlap = span_overlap(gold.spans, predicted.spans)
    if overlap > 0:
        return 1.0 + overlap + 0.5 * similarity, "span"
    if similarity >= minimum:
        return similarity, "title"
    return 0.0, None


def match(gold: Sequence[Item], predicted: Sequence[Item], *, commitments: bool = False) -> list[Pair]:
    """One-to-one pairs of gold and predicted items (documents, or commitments when asked)."""
    similarity = text_similarity if commitments else title_similarity
    minimum = TEXT_MIN if commitments else TITLE_MIN
    weights: list[list[float]] = []
    how: dict[tuple[int, int], MatchedBy] = {}
    for i, g in enumerate(gold):
        row = []
        for j, p in enumerate(predicted):
            weight, by = _weigh(g, p, similarity(g.texts, p.texts), minimum)
            row.append(weight)
            if by is not None:  # only positive weights are ever assigned
                how[i, j] = by
        weights.append(row)
    return [Pair(i, j, how[i, j], round(weights[i][j], 4)) for i, j in assign(weights)]
