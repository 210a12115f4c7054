"""Duplicates and syndicated copies: one story must count once, however many outlets carry it.

Two inputs with the same text are duplicates; two texts that share most of their word
shingles are copies of one wire story. Either way one article stands for the group in the
comparison, so five copies never look like five confirmations. Without bodies, summaries whose
evidence quotes are the same are taken as copies.
"""

from __future__ import annotations

import re
from itertools import combinations

from service.crosscheck.model import Item
from service.crosscheck.text import fold
from service.models import CopyGroup

SHINGLE = 5
DUPLICATE_MIN = 0.95
SYNDICATED_MIN = 0.8
MIN_SHINGLES = 30  # below ~35 words two reports of one event share phrases by nature
QUOTES_MIN = 0.8


def masks(sets: list[frozenset[int]]) -> list[int]:
    """Each shingle set as the bits of one integer over the batch's shingles.

    Two articles' shared shingles are then `(a & b).bit_count()`: exact, and without building a
    set for each of the n*(n-1)/2 pairs (the cost that dominated fifty-article batches).
    """
    index: dict[int, int] = {}
    positions = [[index.setdefault(h, len(index)) for h in shingled] for shingled in sets]
    size = (len(index) + 7) // 8
    out = []
    for found in positions:
        raw = bytearray(size)
        for i in found:
            raw[i >> 3] |= 1 << (i & 7)
        out.append(int.from_bytes(raw, "little"))
    return out


def shingles(text: str) -> frozenset[int]:
    """Hashes of every run of SHINGLE words (word tuples hashed in C, not joined strings)."""
    words = re.findall(r"\w+", fold(text))
    if len(words) < SHINGLE:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(map(hash, zip(*(words[i : len(words) - SHINGLE + 1 + i] for i in range(SHINGLE)), strict=True)))


def _quote_overlap(a: Item, b: Item) -> float:
    qa = {fold(e.quote) for d in a.documents for e in d.evidence[:1]}
    qb = {fold(e.quote) for d in b.documents for e in d.evidence[:1]}
    if len(qa) < 2 or len(qb) < 2:
        return 0.0
    return len(qa & qb) / min(len(qa), len(qb))


class _Groups:
    def __init__(self, ids: list[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _weight(item: Item) -> tuple[int, int]:
    return (len(item.body or ""), len(item.documents))


def find_copies(items: list[Item]) -> tuple[list[CopyGroup], dict[str, str]]:
    """Copy groups and, for every article, the article that stands for it in the comparison."""
    order = {it.id: n for n, it in enumerate(items)}
    with_body = [it for it in items if it.body]
    sets = [shingles(it.body or "") for it in with_body]
    bits = dict(zip((it.id for it in with_body), masks(sets), strict=True))
    sizes = {it.id: len(x) for it, x in zip(with_body, sets, strict=True)}
    dup = _Groups([it.id for it in items])
    syn = _Groups([it.id for it in items])
    best: dict[tuple[str, str], float] = {}
    for a, b in combinations(items, 2):
        if a.summary.article.sha256 == b.summary.article.sha256:
            dup.union(a.id, b.id)
            syn.union(a.id, b.id)
            best[(a.id, b.id)] = 1.0
            continue
        if a.id in bits and b.id in bits:
            na, nb = sizes[a.id], sizes[b.id]
            small = min(na, nb)
            if small < 0.3 * max(na, nb):
                continue
            common = (bits[a.id] & bits[b.id]).bit_count()
            jac = common / (na + nb - common)
            if jac >= DUPLICATE_MIN:
                dup.union(a.id, b.id)
                syn.union(a.id, b.id)
                best[(a.id, b.id)] = jac
            elif small >= MIN_SHINGLES and (cont := common / small) >= SYNDICATED_MIN:
                syn.union(a.id, b.id)
                best[(a.id, b.id)] = cont
        elif (q := _quote_overlap(a, b)) >= QUOTES_MIN:
            syn.union(a.id, b.id)
            best[(a.id, b.id)] = q

    groups: list[CopyGroup] = []
    stand_for: dict[str, str] = {it.id: it.id for it in items}
    by_id = {it.id: it for it in items}
    for finder, kind in ((dup, "duplicate"), (syn, "syndicated")):
        members: dict[str, list[str]] = {}
        for it in items:
            members.setdefault(finder.find(it.id), []).append(it.id)
        for ids in members.values():
            reps = sorted({stand_for[i] for i in ids}, key=order.__getitem__)
            if len(reps) < 2:
                continue
            kept = max(reps, key=lambda i: (_weight(by_id[i]), -order[i]))
            sims = [best[p] for p in combinations(sorted(ids, key=order.__getitem__), 2) if p in best]
            groups.append(
                CopyGroup(
                    kind=kind,  # type: ignore[arg-type]
                    article_ids=sorted(ids, key=order.__getitem__),
                    kept=kept,
                    similarity=round(min(1.0, max(sims or [1.0])), 3),
                )
            )
            for i in ids:
                stand_for[i] = kept
    return groups, stand_for
