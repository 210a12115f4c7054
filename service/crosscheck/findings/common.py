"""What every check shares: the event context, splitting values into camps, and wording.

A disagreement is reported once per dissenting camp against the majority, with every
article's value and quote, so an editor sees at once who says what and where.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from service.crosscheck.model import CanonDoc, Draft, EventGroup, Item, value
from service.models import Document, Evidence, FindingValue, Restatement, Severity


@dataclass
class Context:
    """One event as the checks see it: compared articles, alignment, restatements."""

    event: EventGroup
    restated: dict[str, dict[int, list[Restatement]]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    folded: dict[str, dict[int, int]] = field(default_factory=dict)
    """Per article, documents its summary lists twice (later index -> first), compared as restatements."""

    @property
    def items(self) -> list[Item]:
        return self.event.compared

    def mentions(self, canon: CanonDoc) -> list[tuple[Item, Document]]:
        """The compared articles that report `canon`, in article order, with their document."""
        return [(it, it.documents[canon.mentions[it.id]]) for it in self.items if it.id in canon.mentions]

    def restatements_of(self, item: Item, doc: Document) -> list[Restatement]:
        found = self.restated.get(item.id)
        if not found:
            return []
        index = _position(item, doc)
        return found.get(index, []) if index is not None else []


@dataclass(frozen=True)
class Entry:
    """One article's value for a field, with what makes two values equal and the supporting span."""

    article_id: str
    key: Hashable
    text: str
    evidence: tuple[Evidence, ...] = ()


def primary(doc: Document) -> list[Evidence]:
    return list(doc.evidence[:1])


def camps(entries: Sequence[Entry]) -> list[list[Entry]]:
    """Entries grouped by key, largest camp first (ties: the camp whose first article comes first)."""
    groups: dict[Hashable, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.key, []).append(e)
    order = {e.article_id: n for n, e in enumerate(entries)}
    return sorted(groups.values(), key=lambda g: (-len(g), min(order[e.article_id] for e in g)))


def split(
    entries: Sequence[Entry],
    *,
    kind: str,
    severity: Severity,
    explain: Callable[[list[list[Entry]]], str],
    document: str | None = None,
    groups: list[list[Entry]] | None = None,
) -> list[Draft]:
    """One draft per dissenting camp against the largest camp; nothing when all agree."""
    found = groups if groups is not None else camps(entries)
    if len(found) < 2:
        return []
    majority = found[0]
    pairs = [found] if len(found) == 2 else [[dissent, majority] for dissent in found[1:]]
    drafts = []
    for sides in pairs:
        values = [value(e.article_id, e.text, list(e.evidence)) for camp in sides for e in camp]
        drafts.append(Draft(kind=kind, severity=severity, values=values, explanation=explain(sides), document=document))
    return drafts


def tally(sides: list[list[Entry]]) -> str:
    """ "letter of intent (5 articles) vs memorandum of understanding (3 articles)" """
    parts = []
    for camp in sides:
        n = len(camp)
        parts.append(f"{camp[0].text} ({n} article{'s' if n != 1 else ''})")
    return " vs ".join(parts)


def internal(
    item: Item,
    *,
    kind: str,
    severity: Severity,
    first: tuple[str, list[Evidence]],
    second: tuple[str, list[Evidence]],
    explanation: str,
    document: str | None = None,
) -> Draft:
    """A contradiction inside one article: both values and both quotes from that article."""
    values: list[FindingValue] = [value(item.id, first[0], first[1]), value(item.id, second[0], second[1])]
    return Draft(kind=kind, severity=severity, values=values, explanation=explanation, document=document, internal=True)


def quoted(label: str) -> str:
    return f"\u201c{label}\u201d"


def _position(item: Item, doc: Document) -> int | None:
    """Index of `doc` in its article's summary (a table built once per article, not a scan per call)."""
    table = item.remember("positions", lambda: {id(d): i for i, d in enumerate(item.documents)})
    return table.get(id(doc))
