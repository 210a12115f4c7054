"""How alike two reported documents are: the score alignment and the same-event decision share.

A pair is scored on what two reports of one paper share: the type family (a leaders'
statement never matches a signed instrument), the subject (with the vocabulary's synonyms),
the named bodies and the signatories. A subject that only names who signed ("SOCAR-PetroVietnam
cooperation") lets the bodies speak instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from service.crosscheck import names
from service.crosscheck.features import DocFeatures
from service.crosscheck.parties import Body, same_body

ALIGN_MIN = 0.4
CLUSTER_SAMPLE = 8  # a canonical document is judged by its first mentions: the most complete reports


def _concluded(status: str) -> bool:
    return status in ("signed", "adopted")


@lru_cache(maxsize=65536)
def _title_ratio(a: str, b: str) -> float:
    return fuzz.token_set_ratio(a, b) / 100.0


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Half Dice, half overlap coefficient: a short subject inside a long one still counts."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return 0.5 * (2 * common / (len(a) + len(b))) + 0.5 * common / min(len(a), len(b))


def _body_score(x: Body, y: Body) -> float:
    if same_body(x, y):
        return 1.0
    if x.kind == y.kind and x.kind != "unknown" and x.words & y.words:
        return 0.5
    return 0.0


def _body_match(ls: tuple[Body, ...], rs: tuple[Body, ...]) -> float | None:
    """Share of the named bodies (not bare country names) the two mentions have in common."""
    if not ls or not rs:
        return None
    hits = sum(max(_body_score(x, y) for y in rs) for x in ls)
    return min(1.0, 2 * hits / (len(ls) + len(rs)))


class _Parts(NamedTuple):
    subject: float | None
    party: float | None
    same_type: float
    signatory: bool
    adjust: float
    who_only: bool = False


def _subject(a: DocFeatures, b: DocFeatures) -> float:
    """The best of the four topic overlaps (raw or with synonyms, whole name or subject alone).

    A pair of sets equal to one already scored is skipped: it cannot score higher.
    """
    best = _overlap(a.words, b.words)
    if not (a.canon_is_words and b.canon_is_words):
        best = max(best, 0.85 * _overlap(a.canon, b.canon))
    if not (a.subject_is_words and b.subject_is_words):
        best = max(best, _overlap(a.subject_words, b.subject_words))
    if not (a.subject_canon_is_canon and b.subject_canon_is_canon):
        best = max(best, 0.85 * _overlap(a.subject_canon, b.subject_canon))
    return best


def _parts(a: DocFeatures, b: DocFeatures) -> _Parts:
    subject: float | None = None
    if a.words and b.words:
        # subject words are within `words` and their synonyms within `canon`: nothing shared, nothing to score
        subject = 0.0 if a.words.isdisjoint(b.words) and a.canon.isdisjoint(b.canon) else _subject(a, b)
    elif a.words or b.words:
        # One side only names who signed: look for the other's topic among those names.
        topic, names_ = (a, b) if a.words else (b, a)
        subject = _overlap(topic.words, names_.all_words)
    party = _body_match(a.named, b.named)
    if subject == 0.0 and (a.weak or b.weak) and party == 1.0:
        # Words read around an unnamed paper say little; the same named bodies on both sides say more.
        subject = None
    if a.type == b.type:
        same_type = 1.0
    elif "other" in (a.type, b.type):
        same_type = 0.6
    else:
        same_type = 0.3
    adjust = 0.0
    if _concluded(a.status) != _concluded(b.status):
        adjust -= 0.08
    if a.period and b.period:
        adjust += 0.05 if a.period == b.period else -0.1
    return _Parts(
        subject=subject,
        party=party,
        same_type=same_type,
        signatory=any(names.same_person(x, y) for x in a.signatories for y in b.signatories),
        adjust=adjust,
        who_only=a.who_only or b.who_only,
    )


def _combine(parts: _Parts, family: str, titles: float) -> float:
    party = parts.party or 0.0
    if parts.subject is None:
        # Nothing says what it is about beyond who signed it: lean on the bodies and the title.
        score = max(0.6 * party + 0.15 * parts.same_type, 0.5 * titles * parts.same_type + 0.25 * party)
    else:
        score = 0.6 * parts.subject + 0.25 * party + 0.15 * parts.same_type
        if parts.who_only:
            score = max(score, 0.6 * party + 0.15 * parts.same_type)
    if parts.signatory:
        score += 0.1
    score += parts.adjust
    if family == "statement":
        # Leaders adopt one joint statement or declaration per visit, whatever its wording.
        score = max(score, 0.35 + 0.3 * (parts.subject or 0.0))
    return max(0.0, min(1.0, score))


def similarity(a: DocFeatures, b: DocFeatures) -> float:
    """How likely two mentions report the same paper, in [0, 1]; 0 across type families."""
    if a.family != b.family:
        return 0.0
    return _combine(_parts(a, b), a.family, _title_ratio(a.title, b.title))


def _each_parts(doc: DocFeatures, members: list[DocFeatures]) -> list[_Parts]:
    """`_parts` of `doc` with each member; members an outlet copied word for word are scored once."""
    out: list[_Parts] = []
    seen: dict[int, tuple[tuple[object, ...], _Parts]] = {}
    for m in members:
        found = seen.get(m.scored_hash)
        if found is not None and found[0] == m.scored:
            out.append(found[1])
            continue
        parts = _parts(doc, m)
        seen[m.scored_hash] = (m.scored, parts)
        out.append(parts)
    return out


def similarities(doc: DocFeatures, others: list[DocFeatures]) -> list[float]:
    """`similarity` of `doc` with each of `others`, scoring identical mentions once."""
    if not others or doc.family != others[0].family or any(o.family != doc.family for o in others):
        return [similarity(doc, o) for o in others]
    parts = _each_parts(doc, others)
    return [_combine(p, doc.family, _title_ratio(doc.title, o.title)) for p, o in zip(parts, others, strict=True)]


def cluster_score(doc: DocFeatures, members: list[DocFeatures]) -> float:
    """Fit of a mention to a canonical document seen so far.

    Subjects are averaged with the best member, so one odd wording cannot drag a mention in;
    bodies count at their best, since any outlet's naming of a party is evidence.
    """
    if members[0].family != doc.family:
        return 0.0
    if doc.family != "statement" and not doc.signatories and all(doc.bag.isdisjoint(m.bag) for m in members):
        return 0.0  # nothing in common: no need to score every member
    members = members[:CLUSTER_SAMPLE]
    parts = _each_parts(doc, members)
    subjects = [p.subject for p in parts if p.subject is not None]
    parties = [p.party for p in parts if p.party is not None]
    subject = (0.5 * max(subjects) + 0.5 * sum(subjects) / len(subjects)) if subjects else None
    topical = [
        p.subject for m, p in zip(members, parts, strict=True) if m.words and doc.words and p.subject is not None
    ]
    # Bodies alone may align a mention that only names who signed, unless its own topic disagrees.
    who_only = doc.who_only or (any(m.who_only for m in members) and (not topical or max(topical) >= 0.3))
    merged = _Parts(
        subject=subject,
        party=max(parties) if parties else None,
        same_type=sum(p.same_type for p in parts) / len(parts),
        signatory=any(p.signatory for p in parts),
        adjust=sum(p.adjust for p in parts) / len(parts),
        who_only=who_only,
    )
    titles = max(_title_ratio(doc.title, m.title) for m in members)
    return _combine(merged, doc.family, titles)
