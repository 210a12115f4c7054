"""What the grouping rules share: a group of mentions that report one document, and the words and sums
that tell whether two mentions name the same document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from service.extractors.offline.amounts import amounts
from service.extractors.offline.context import Context
from service.extractors.offline.mentions import STATEMENTS, Mention
from service.vocabulary import GROUPING_STOPWORDS, GROUPING_SYNONYMS

_WORD = re.compile(r"[a-z][a-z-]+")
_GENERIC = GROUPING_STOPWORDS
_SYNONYMS = GROUPING_SYNONYMS
_STATUS_RANK = {"signed": 3.0, "adopted": 3.0, None: 2.5, "planned": 2.0, "discussed": 1.0}


def words(text: str | None) -> set[str]:
    """Content words, folded to one form each ("mines & minerals" -> {"mineral"})."""
    return set(_words(text)) if text else set()


@lru_cache(maxsize=2048)
def _words(text: str) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in _GENERIC or len(w) < 3:
            continue
        w = _SYNONYMS.get(w, w)
        if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
            w = _SYNONYMS.get(w[:-1], w[:-1])
        out.add(w)
    return frozenset(out)


def family(doc_type: str) -> str:
    return "statement" if doc_type in STATEMENTS else "instrument"


@dataclass
class DocGroup:
    """The mentions that report one document."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def primary(self) -> Mention:
        """The evidence: a body sentence, with the firmest status, naming what the document is about."""
        return min(
            self.mentions,
            key=lambda m: (m.place_rank, -_STATUS_RANK.get(m.status, 2.5), not m.subject, m.position),
        )


def sums(ctx: Context, m: Mention) -> frozenset[float]:
    """The money amounts named in the mention's title ("$4.2 billion", "worth €420 million")."""
    return amounts(ctx.text[m.title_span[0] : m.title_span[1]])
