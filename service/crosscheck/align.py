"""Align the documents of one event's articles into canonical documents (the alignment matrix).

Each article contributes at most one mention per canonical document, chosen by a maximum-weight
assignment against the canonical documents so far (`alignment_score.score_cluster`: lexical
similarity plus the document's role in the event), most-documented article first. A paper an
article's summary lists twice (a recap taken for a new document) is folded into the first.
"""

from __future__ import annotations

import re

import numpy as np

from service.crosscheck.alignment_score import (
    WEIGHTS,
    AlignWeights,
    ArticleView,
    Join,
    article_view,
    score_cluster,
)
from service.crosscheck.features import DocFeatures, event_aliases, features
from service.crosscheck.model import CanonDoc, Item
from service.crosscheck.similarity import similarity
from service.models import Document
from service.vocabulary import TYPE_LABEL

DUPLICATE_MIN = 0.75


def _label(docs: list[Document]) -> str:
    counts: dict[str, int] = {}
    for d in docs:
        subject = (d.subject or d.title).strip()
        counts[subject] = counts.get(subject, 0) + 1
    subject = max(counts, key=lambda s: (counts[s], -len(s)))
    return f"{TYPE_LABEL.get(_type(docs), 'document')}: {subject}"


def _type(docs: list[Document]) -> str:
    """The type most mentions give; on a tie a named type beats "other" (never the hash order of a set)."""
    return max({d.type for d in docs}, key=lambda t: (sum(1 for d in docs if d.type == t), t != "other", t))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "document"


def duplicates(item: Item, known: dict[str, str] | None = None) -> dict[int, int]:
    """Documents an article's summary lists twice (a recap taken for a new paper): later -> first."""
    feats = features(item, known)
    out: dict[int, int] = {}
    for j, b in enumerate(feats):
        for i, a in enumerate(feats[:j]):
            if i in out:
                continue
            ea, eb = item.documents[i].evidence[0], item.documents[j].evidence[0]
            if ea.start < eb.end and eb.start < ea.end:
                continue  # named in one sentence: two papers listed together
            if a.family != b.family or not (a.all_words | a.canon) & (b.all_words | b.canon):
                continue
            if similarity(a, b) >= DUPLICATE_MIN:
                out[j] = i
                break
    return out


def _candidates(
    f: DocFeatures, view: ArticleView, holding: dict[str, set[int]], leading: set[int], count: int
) -> set[int]:
    """Clusters worth scoring for `f`: those sharing a word with it, the leaders' documents when it
    is its report's one leaders' document, and every cluster when a statement's or a signatory's
    match may rest on no shared word at all."""
    if f.family == "statement" or f.signatories:
        return set(range(count))
    found: set[int] = set()
    for word in f.bag:
        found |= holding.get(word, set())
    if view.leaders == {f.index}:
        found |= leading
    return found


def align(
    items: list[Item], skip: dict[str, set[int]] | None = None, weights: AlignWeights = WEIGHTS
) -> list[CanonDoc]:
    """Canonical documents of an event from its compared articles, most-documented article first.

    Each article in turn is matched to the canonical documents so far by a maximum-weight
    assignment (one mention per canonical document, one canonical document per mention), so a
    mention never takes a document a better-fitting one of the same article needs. `skip` holds,
    per article, documents folded into another of the same article (duplicates).
    """
    from scipy.optimize import linear_sum_assignment  # imported here: the rest of the package never needs it

    known = event_aliases(items)
    skip = skip or {}
    order = sorted(items, key=lambda it: (-len(it.documents), items.index(it)))
    views = {it.id: article_view(it, features(it, known)) for it in items}
    clusters: list[list[DocFeatures]] = []
    joins: list[list[Join]] = []
    holding: dict[str, set[int]] = {}  # word -> clusters a member of which has it (cheap blocking)
    leading: set[int] = set()  # clusters holding a report's one leaders' document
    nothing = Join(0.0, [])

    def join(c: int, f: DocFeatures) -> None:
        for word in f.bag:
            holding.setdefault(word, set()).add(c)
        if views[f.article_id].leaders == {f.index}:
            leading.add(c)

    for item in order:
        feats = [f for f in features(item, known) if f.index not in skip.get(item.id, set())]
        view = views[item.id]
        taken: set[int] = set()
        if clusters and feats:
            table = [
                [
                    score_cluster(f, view, clusters[c], views, weights) if c in worth else nothing
                    for c in range(len(clusters))
                ]
                for f in feats
                for worth in [_candidates(f, view, holding, leading, len(clusters))]
            ]
            matrix = np.array([[j.score if j.score >= weights.minimum else 0.0 for j in row] for row in table])
            rows, cols = linear_sum_assignment(matrix, maximize=True)
            for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
                if matrix[r, c] >= weights.minimum:
                    clusters[c].append(feats[r])
                    joins[c].append(table[r][c])
                    join(c, feats[r])
                    taken.add(r)
        for r, f in enumerate(feats):
            if r not in taken:
                clusters.append([f])
                joins.append([])
                join(len(clusters) - 1, f)
    by_id = {it.id: it for it in items}
    canon: list[CanonDoc] = []
    seen: dict[str, int] = {}
    ranked = sorted(
        zip(clusters, joins, strict=True),
        key=lambda cj: (-len(cj[0]), min(items.index(by_id[m.article_id]) for m in cj[0]), cj[0][0].index),
    )
    for members, joined in ranked:
        docs = [by_id[m.article_id].documents[m.index] for m in members]
        label = _label(docs)
        key = _slug(label.split(": ", 1)[-1])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        doc_type = _type(docs)
        canon.append(
            CanonDoc(
                key=key,
                label=label,
                type=doc_type,
                mentions={m.article_id: m.index for m in members},
                confidence=min((j.score for j in joined), default=1.0),
                reasons=list(dict.fromkeys(r for j in joined for r in j.reasons)),
                uncertain=any(j.score < weights.certain for j in joined),
                joins={m.article_id: j.score for m, j in zip(members[1:], joined, strict=True)},
            )
        )
    return canon


def relabel(canon: CanonDoc, items: list[Item], taken: set[str]) -> CanonDoc:
    """`canon` with its label, key and type recomputed from its mentions (after an adjudicator moved one)."""
    by_id = {it.id: it for it in items}
    docs = [by_id[a].documents[i] for a, i in canon.mentions.items()]
    label = _label(docs)
    key = base = _slug(label.split(": ", 1)[-1])
    n = 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    canon.key, canon.label, canon.type = key, label, _type(docs)
    return canon
