"""The cross-checker's working objects: an article with its body, an event group, a draft finding.

The report models in `service.models.crosscheck` are what leaves the package; these are what the
checks pass between them while the report is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from service.models import ArticleSummary, Document, Evidence, FindingValue, Severity

_T = TypeVar("_T")


@dataclass
class Item:
    """One article: its summary and, when known, the body its offsets refer to."""

    id: str
    summary: ArticleSummary
    body: str | None = None
    cache: dict[Hashable, object] = field(default_factory=dict, repr=False, compare=False)

    def remember(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """`build()` once per article and key: several checks read the same derived tables.

        The cache holds values of different types under different keys, so the one `cast`
        lives here; each key is written only by the `build` of its own caller.
        """
        if key not in self.cache:
            self.cache[key] = build()
        return cast(_T, self.cache[key])

    @property
    def documents(self) -> list[Document]:
        return self.summary.documents

    @property
    def language(self) -> str:
        return self.summary.article.language or "en"


@dataclass
class CanonDoc:
    """One document of an event as aligned across its articles: article id -> document index."""

    key: str
    label: str
    type: str
    mentions: dict[str, int] = field(default_factory=dict)
    confidence: float = 1.0
    reasons: list[str] = field(default_factory=list)  # why the mentions were aligned
    uncertain: bool = False  # a join scored under `AlignWeights.certain`
    joins: dict[str, float] = field(default_factory=dict)  # article id -> score it joined at (not the first)


@dataclass
class EventGroup:
    """The articles judged to report one event; `compared` holds one article per copy group."""

    event_id: str
    label: str
    members: list[Item]
    compared: list[Item]
    reasons: list[str] = field(default_factory=list)
    canon: list[CanonDoc] = field(default_factory=list)
    reference_date: dt.date | None = None

    def item(self, article_id: str) -> Item:
        return next(i for i in self.members if i.id == article_id)


@dataclass
class Draft:
    """A finding before it gets its id and event."""

    kind: str
    severity: Severity
    values: list[FindingValue]
    explanation: str
    document: str | None = None
    internal: bool = False


def value(article_id: str, text: str, evidence: list[Evidence] | None = None) -> FindingValue:
    return FindingValue(article_id=article_id, value=text, evidence=list(evidence or []))
