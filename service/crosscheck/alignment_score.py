"""Alignment as data: how strongly a mention belongs to a canonical document, from named features.

The lexical score (`similarity.cluster_score`: type, subject words with synonyms, named bodies,
signatories, period, status) is one signal. Outlets name one paper in ways that share no word
("a joint declaration" / "a treaty"; "a memorandum on a joint working group on lithium" / "a
separate agreement between A and B on lithium research"), so two event-level signals are added:

- **role in the event**: the leaders' own document (a statement or declaration, or a paper the
  principals signed themselves) is, when each report has exactly one, the same paper whatever
  its type is called;
- **exclusive subject word**: a subject word that one document alone holds in each of the two
  reports ("lithium") points at one paper on both sides.

Every weight lives in `AlignWeights`; every join carries the reasons that made it and a
confidence, and joins under `AlignWeights.certain` are marked uncertain (what an adjudicator
would look at).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from service.crosscheck import names
from service.crosscheck.features import DocFeatures
from service.crosscheck.model import Item
from service.crosscheck.parties import same_body
from service.crosscheck.similarity import cluster_score
from service.models import Document
from service.vocabulary import DOCUMENT_NOUNS


@dataclass(frozen=True)
class AlignWeights:
    """Every number alignment uses, in one place."""

    lexical: float = 1.0  # factor on the lexical score (subject, bodies, type, signatories, period)
    exclusive_word: float = 0.3  # a subject word only this document holds in each of the two reports
    leaders: float = 0.5  # both are the one leaders' document of their report
    vague: float = 0.3  # penalty: a mention of a vague umbrella list against a specific one
    minimum: float = 0.4  # below: not the same document
    certain: float = 0.6  # below: the alignment is kept but marked uncertain
    collective_min: int = 3  # documents sharing one quote under the umbrella word: a vague list


WEIGHTS = AlignWeights()


@dataclass
class ArticleView:
    """What the event-level features need to know about one report's whole list."""

    word_docs: Counter[str] = field(default_factory=Counter)  # canonical subject word -> documents holding it
    leaders: frozenset[int] = frozenset()  # the report's leaders' documents
    vague: frozenset[int] = frozenset()  # mentions in a vague umbrella list ("agreements in A, B and C")


def collective(item: Item, doc: Document, minimum: int = WEIGHTS.collective_min) -> bool:
    """The type is the umbrella word "agreements" spread over several documents of one quote.

    "Signed agreements in fields such as A, B, C" names fields, not papers; a specific plural
    ("memorandums of understanding on A, B and C") still says what each paper is.
    """
    if not doc.evidence or doc.type != "agreement":
        return False
    ev = doc.evidence[0]
    sharing = [
        d
        for d in item.documents
        if d.evidence and d.evidence[0].start < ev.end and ev.start < d.evidence[0].end and d.type == doc.type
    ]
    return len(sharing) >= minimum


def _is_leaders(doc: Document, family: str, principals: tuple[str, ...]) -> bool:
    if family == "statement":
        return True
    return any(names.same_person(s, p) for s in doc.signatories for p in principals)


def article_view(item: Item, feats: list[DocFeatures]) -> ArticleView:
    principals = tuple(item.summary.event.principals)
    words: Counter[str] = Counter()
    for f in feats:
        if not f.weak:
            words.update(f.canon)
    leaders = frozenset(f.index for f in feats if _is_leaders(item.documents[f.index], f.family, principals))
    vague = frozenset(f.index for f in feats if collective(item, item.documents[f.index]))
    return ArticleView(word_docs=words, leaders=leaders, vague=vague)


@dataclass
class Join:
    """The score of a mention against a canonical document, and why."""

    score: float
    reasons: list[str]


def _exclusive(a: DocFeatures, va: ArticleView, b: DocFeatures, vb: ArticleView) -> list[str]:
    if a.weak or b.weak or a.index in va.vague or b.index in vb.vague:
        return []
    shared = (a.canon & b.canon) - DOCUMENT_NOUNS
    return sorted(w for w in shared if va.word_docs[w] == 1 and vb.word_docs[w] == 1)


def _one_leaders(f: DocFeatures, view: ArticleView) -> bool:
    return view.leaders == {f.index}


def bonus(a: DocFeatures, va: ArticleView, b: DocFeatures, vb: ArticleView, w: AlignWeights) -> Join:
    """The event-level part of a pair's score (the lexical part is `cluster_score`)."""
    score = 0.0
    reasons: list[str] = []
    leaders = _one_leaders(a, va) and _one_leaders(b, vb)
    if a.family != b.family and not leaders:
        return Join(0.0, [])
    if leaders:
        score += w.leaders
        reasons.append("the one leaders' document of both reports")
    shared = _exclusive(a, va, b, vb)
    if shared:
        score += w.exclusive_word
        reasons.append(f"the only document on {', '.join(shared)} in both reports")
    return Join(score, reasons)


def lexical_reasons(a: DocFeatures, b: DocFeatures) -> list[str]:
    """What the lexical score rested on, in words an editor reads."""
    out: list[str] = []
    if a.type == b.type:
        out.append("same type")
    common = sorted((a.canon & b.canon) - DOCUMENT_NOUNS)
    if common:
        out.append(f"subject: {', '.join(common[:4])}")
    bodies = [x.name for x in a.named if any(same_body(x, y) for y in b.named)]
    if bodies:
        out.append(f"same parties: {', '.join(bodies[:3])}")
    signers = [x for x in a.signatories if any(names.same_person(x, y) for y in b.signatories)]
    if signers:
        out.append(f"signed by {', '.join(signers[:2])} in both")
    if a.period and a.period == b.period:
        out.append(f"same period {a.period}")
    return out


def score_cluster(
    f: DocFeatures,
    view: ArticleView,
    members: list[DocFeatures],
    views: dict[str, ArticleView],
    w: AlignWeights = WEIGHTS,
) -> Join:
    """How well `f` fits a canonical document seen so far: lexical score plus the best event-level bonus."""
    lexical = w.lexical * cluster_score(f, members) if members[0].family == f.family else 0.0
    best = Join(0.0, [])
    partner = members[0]
    for m in members:
        j = bonus(f, view, m, views[m.article_id], w)
        if j.score > best.score:
            best, partner = j, m
    score = min(1.0, lexical + best.score)
    first = members[0]
    mismatch = (f.index in view.vague) != (first.index in views[first.article_id].vague)
    if mismatch:
        # "agreements in energy, health and culture" names fields, not the energy memorandum
        score = max(0.0, score - w.vague)
    if score < w.minimum:
        return Join(score, [])
    reasons = (lexical_reasons(f, partner) if lexical >= w.minimum / 2 else []) + best.reasons
    return Join(score, reasons)
