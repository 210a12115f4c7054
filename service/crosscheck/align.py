"""Align the documents of one event's articles into canonical documents (the alignment matrix).

Each article contributes at most one mention per canonical document; the best-scoring
pairs (`similarity.cluster_score`) are taken first, most-documented article first. A paper an
article's summary lists twice (a recap taken for a new document) is folded into the first.
"""

from __future__ import annotations

import re

from service.crosscheck.features import DocFeatures, event_aliases, features
from service.crosscheck.model import CanonDoc, Item
from service.crosscheck.similarity import ALIGN_MIN, cluster_score, similarities, similarity
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


def _candidates(f: DocFeatures, holding: dict[str, set[int]], count: int) -> list[int]:
    """Clusters worth scoring for `f`: those sharing a word with it, unless a statement's or a
    signatory's match may rest on no shared word at all (then every cluster)."""
    if f.family == "statement" or f.signatories:
        return list(range(count))
    found: set[int] = set()
    for word in f.bag:
        found |= holding.get(word, set())
    return sorted(found)


def _join(clusters: list[list[DocFeatures]], holding: dict[str, set[int]], c: int, f: DocFeatures) -> None:
    clusters[c].append(f)
    for word in f.bag:
        holding.setdefault(word, set()).add(c)


def align(items: list[Item], skip: dict[str, set[int]] | None = None) -> list[CanonDoc]:
    """Canonical documents of an event from its compared articles, most-documented article first.

    `skip` holds, per article, documents folded into another of the same article (duplicates).
    """
    known = event_aliases(items)
    skip = skip or {}
    order = sorted(items, key=lambda it: (-len(it.documents), items.index(it)))
    clusters: list[list[DocFeatures]] = []
    holding: dict[str, set[int]] = {}  # word -> clusters a member of which has it (cheap blocking)
    for item in order:
        feats = {f.index: f for f in features(item, known) if f.index not in skip.get(item.id, set())}
        pairs: list[tuple[float, int, int]] = []
        for f in feats.values():
            for c in _candidates(f, holding, len(clusters)):
                score = cluster_score(f, clusters[c])
                if score >= ALIGN_MIN:
                    pairs.append((score, f.index, c))
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        used_docs: set[int] = set()
        used_clusters: set[int] = set()
        for _score, idx, c in pairs:
            if idx in used_docs or c in used_clusters:
                continue
            _join(clusters, holding, c, feats[idx])
            used_docs.add(idx)
            used_clusters.add(c)
        for f in feats.values():
            if f.index not in used_docs:
                clusters.append([])
                _join(clusters, holding, len(clusters) - 1, f)
    by_id = {it.id: it for it in items}
    canon: list[CanonDoc] = []
    seen: dict[str, int] = {}
    clusters.sort(key=lambda ms: (-len(ms), min(items.index(by_id[m.article_id]) for m in ms), ms[0].index))
    for members in clusters:
        docs = [by_id[m.article_id].documents[m.index] for m in members]
        label = _label(docs)
        key = _slug(label.split(": ", 1)[-1])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        doc_type = _type(docs)
        pairwise = similarities(members[0], members[1:])
        canon.append(
            CanonDoc(
                key=key,
                label=label,
                type=doc_type,
                mentions={m.article_id: m.index for m in members},
                confidence=min(1.0, sum(pairwise) / len(pairwise)) if pairwise else 1.0,
            )
        )
    return canon
