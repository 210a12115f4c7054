"""What alignment and the same-event decision read from each document, computed once per article.

Folding, tokenising, synonym mapping and classifying the parties happen here, once per document;
the pair scores in `similarity` then only intersect sets. Everything a pair score reads of one
side is also kept as one tuple (`scored`), so mentions an outlet copied word for word are scored
once.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.crosscheck.model import Item
from service.crosscheck.parties import Body, alias_kinds, body
from service.crosscheck.text import canonical_words, content_words, normalise_period
from service.models import Party
from service.vocabulary import REPORTING_WORDS, SIGNING_WORDS, type_family

# Words a quote adds around a document's name (signing and reporting verbs).
_VERBS = SIGNING_WORDS | REPORTING_WORDS


@dataclass(slots=True, eq=False)
class DocFeatures:
    """What alignment compares about one document, computed once (never changed afterwards; not
    frozen only because a frozen dataclass of this size costs more to build than to compare)."""

    article_id: str
    index: int
    type: str
    family: str
    words: frozenset[str]
    canon: frozenset[str]
    subject_words: frozenset[str]
    subject_canon: frozenset[str]
    title: str
    party_words: frozenset[str]
    all_words: frozenset[str]
    who_only: bool
    bodies: tuple[Body, ...]
    weak: bool  # the topic words come from the quote around an unnamed paper, not from its name
    named: tuple[Body, ...]  # the bodies that are more than a country name
    canon_is_words: bool  # no synonym changed a word: scoring `canon` repeats `words`
    subject_is_words: bool  # the title adds no word to the subject
    subject_canon_is_canon: bool
    bag: frozenset[str]  # every word alignment may match on: a pair sharing none scores 0
    scored: tuple[object, ...]  # everything `_parts` reads of this side: equal tuples score alike
    scored_hash: int
    signatories: tuple[str, ...]
    period: str | None
    status: str


def _party_words(bodies: list[Body]) -> frozenset[str]:
    out: set[str] = set()
    for b in bodies:
        if b.kind != "state":
            out |= b.words | b.aliases
    return frozenset(out)


def _name_words(bodies: list[Body]) -> frozenset[str]:
    """Words that name a company, bank or fund (not a ministry's remit, which is a topic)."""
    out: set[str] = set()
    for b in bodies:
        out |= b.aliases
        if b.kind in ("company", "bank", "fund", "unknown"):
            out |= b.words
    return frozenset(out)


def features(item: Item, known_aliases: dict[str, str] | None = None) -> list[DocFeatures]:
    """What alignment compares about each document of `item` (remembered per alias table)."""
    key = ("features", tuple(sorted((known_aliases or {}).items())))
    return item.remember(key, lambda: _features(item, known_aliases))


def _features(item: Item, known_aliases: dict[str, str] | None) -> list[DocFeatures]:
    out = []
    for i, d in enumerate(item.documents):
        bodies = [body(p, known_aliases) for p in d.parties]
        own = _party_words(bodies)
        names_only = _name_words(bodies)
        subject_words = content_words(d.subject or "")
        subject_canon = canonical_words(d.subject or "")
        who_only = bool(subject_words) and subject_words <= names_only
        if who_only:
            # "SOCAR-PetroVietnam cooperation" says who signed, not what it is about.
            subject_words = subject_canon = frozenset()
        title_words = frozenset() if who_only else content_words(d.title) - own - names_only
        title_canon = frozenset() if who_only else canonical_words(d.title) - own - names_only
        words = subject_words | title_words
        canon = subject_canon | title_canon
        weak = not words and not who_only and bool(d.evidence)
        if weak:
            # "an MoU" says nothing: what the sentence around it says is all there is.
            quote = d.evidence[0].quote
            words = content_words(quote) - own - names_only - _VERBS
            canon = canonical_words(quote) - own - names_only - _VERBS
        all_words = content_words(f"{d.subject or ''} {d.title}") | own | names_only
        named = tuple(b for b in bodies if b.kind != "state")
        period = normalise_period(d.period)
        scored = (
            d.type,
            d.status,
            period,
            tuple(d.signatories),
            words,
            canon,
            subject_words,
            subject_canon,
            all_words,
            who_only,
            weak,
            tuple((b.kind, b.words, b.aliases) for b in named),
        )
        out.append(
            DocFeatures(
                article_id=item.id,
                index=i,
                type=d.type,
                family=type_family(d.type),
                words=words,
                canon=canon,
                subject_words=subject_words,
                subject_canon=subject_canon,
                title=d.title,
                party_words=own,
                all_words=all_words,
                who_only=who_only,
                bodies=tuple(bodies),
                weak=weak,
                named=named,
                canon_is_words=canon == words,
                subject_is_words=subject_words == words,
                subject_canon_is_canon=subject_canon == canon,
                bag=all_words | canon | own,
                scored=scored,
                scored_hash=hash(scored),
                signatories=tuple(d.signatories),
                period=period,
                status=d.status,
            )
        )
    return out


def event_aliases(items: list[Item]) -> dict[str, str]:
    parties: list[Party] = [p for it in items for d in it.documents for p in d.parties]
    return alias_kinds(parties)
