"""Split long articles into overlapping parts and merge the parts' drafts without duplicates.

Parts are contiguous spans of the body cut at paragraph breaks (then sentence ends, then
spaces for a paragraph longer than the budget), so every quote a part yields is still a
substring of the whole body and the resolver grounds it against the body as usual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.models.draft import DraftEvent, DraftSummary
from service.textnorm import fold

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+")


@dataclass(frozen=True)
class Chunk:
    """One part of the body: `body[start:end]`."""

    start: int
    end: int


def _split_long(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Cut one over-long paragraph at the last sentence end (else space) that fits the budget."""
    pieces = []
    while end - start > size:
        window = text[start : start + size]
        cuts = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = cuts[-1] if cuts and cuts[-1] > size // 2 else window.rfind(" ") + 1
        if cut <= size // 2:
            cut = size
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _units(text: str, size: int) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    units: list[tuple[int, int]] = []
    for start, end in spans:
        if end <= start:
            continue
        units.extend([(start, end)] if end - start <= size else _split_long(text, start, end, size))
    return units


def split(text: str, size: int, overlap: int) -> list[Chunk]:
    """Parts of at most `size` characters; consecutive parts share up to `overlap` characters."""
    if len(text) <= size:
        return [Chunk(0, len(text))]
    units = _units(text, size)
    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        start = units[i][0]
        j = i
        while j + 1 < len(units) and units[j + 1][1] - start <= size:
            j += 1
        end = units[j][1]
        chunks.append(Chunk(start, end))
        if j == len(units) - 1:
            break
        nxt = j + 1
        for k in range(i + 1, j + 1):
            if end - units[k][0] <= overlap and units[j + 1][1] - units[k][0] <= size:
                nxt = k
                break
        i = nxt
    return chunks


def _key(*parts: str | None) -> tuple[str, ...]:
    return tuple(fold(p or "") for p in parts)


def _first(values: Sequence[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _union(lists: Sequence[list[str]]) -> list[str]:
    seen: dict[str, str] = {}
    for values in lists:
        for v in values:
            seen.setdefault(fold(v), v)
    return list(seen.values())


def merge(drafts: Sequence[DraftSummary]) -> DraftSummary:
    """One draft from the parts' drafts: items met in an overlap are kept once, in text order."""
    if len(drafts) == 1:
        return drafts[0]
    events = [d.event for d in drafts]
    event = DraftEvent(
        city=_first([e.city for e in events]),
        country=_first([e.country for e in events]),
        date=_first([e.date for e in events]),
        countries=_union([e.countries for e in events]),
        principals=_union([e.principals for e in events]),
        kind=_first([e.kind for e in events]),
        quote=_first([e.quote for e in events]),
    )
    documents, seen_docs = [], set()
    for doc in (d for draft in drafts for d in draft.documents):
        key = _key(doc.type, doc.title, doc.quote)
        if key not in seen_docs:
            seen_docs.add(key)
            documents.append(doc)
    commitments, seen_pledges = [], set()
    for pledge in (c for draft in drafts for c in draft.commitments):
        key = _key(pledge.text, pledge.quote)
        if key not in seen_pledges:
            seen_pledges.add(key)
            commitments.append(pledge)
    counts = [d.stated_count for d in drafts if d.stated_count is not None]
    return DraftSummary(
        event=event,
        documents=documents,
        commitments=commitments,
        stated_count=counts[0] if counts else None,
        list_complete=all(d.list_complete for d in drafts),
    )
