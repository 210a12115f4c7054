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


SKETCH = 64


def sketch(shingled: frozenset[int]) -> frozenset[int]:
    """The smallest hashes of a text's shingles: two texts sharing few of them share little else."""
    return frozenset(sorted(shingled)[:SKETCH])


def shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", fold(text))
    if len(words) < SHINGLE:
        return frozenset([hash(" ".join(words))]) if words else frozenset()
    return frozenset(hash(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


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
    sets = {it.id: shingles(it.body) for it in items if it.body}
    sketches = {k: sketch(v) for k, v in sets.items()}
    dup = _Groups([it.id for it in items])
    syn = _Groups([it.id for it in items])
    best: dict[tuple[str, str], float] = {}
    for a, b in combinations(items, 2):
        if a.summary.article.sha256 == b.summary.article.sha256:
            dup.union(a.id, b.id)
            syn.union(a.id, b.id)
            best[(a.id, b.id)] = 1.0
            continue
        if a.id in sets and b.id in sets:
            sa, sb = sets[a.id], sets[b.id]
            if min(len(sa), len(sb)) < 0.3 * max(len(sa), len(sb)):
                continue
            ka, kb = sketches[a.id], sketches[b.id]
            if len(ka & kb) < 0.25 * min(len(ka), len(kb)):
                continue  # the sketches share too little for a copy: skip the full comparison
            common = len(sa & sb)
            jac = common / (len(sa) + len(sb) - common)
            if jac >= DUPLICATE_MIN:
                dup.union(a.id, b.id)
                syn.union(a.id, b.id)
                best[(a.id, b.id)] = jac
            elif min(len(sa), len(sb)) >= MIN_SHINGLES and (cont := common / min(len(sa), len(sb))) >= SYNDICATED_MIN:
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
