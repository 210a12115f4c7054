"""Find the other places in one article that report a document it lists: recaps, leads, captions.

Extractors may fill `Document.restatements`; when they do not (or a summary came without
them), the body is read again: a sentence that names one document type, shares the
document's topic or bodies, and is not already the evidence of some document is a
restatement. What that sentence says (type, status, period, sides) is compared with the
document by the same checks that compare two articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.crosscheck.model import Item
from service.crosscheck.text import Segment, canonical_words, content_words, segments
from service.models import Document, Evidence, Party, Restatement
from service.vocabulary import TYPE_PATTERNS, type_family

# Nouns that name the act itself: "the adoption of a declaration" reports it as done.
_ACT = re.compile(r"\b(?:adoption|signing|signature|conclusion|exchange|inking|sealing)\s+of\b", re.I)
_SIGNED = re.compile(r"\b(?:signed|inked|exchanged|sealed|concluded|shared|initiall?ed|swapped)\b", re.I)
_ADOPTED = re.compile(r"\b(?:adopted|issued|approved|released|endorsed)\b", re.I)
_DISCUSSED = re.compile(r"\b(?:discussed|talked about|considered|explored|mulled|deliberated on)\b", re.I)
_PLURAL = re.compile(r"(?:s|a|ies)$", re.I)
_BOTH_MINISTRIES = re.compile(
    r"\bMinistries\s+of\s+([A-Z][\w' ,&-]*?)\s+of\s+(?:both|the\s+two)\s+(?:nations|countries|sides|states)\b"
    r"|\bthe\s+two\s+Ministries\s+of\s+([A-Z][\w' ,&-]*?)(?=\s+(?:have|had|also|[a-z]+ed)\b)",
)
_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*[-\u2013/]\s*((?:19|20)?\d\d)\b")
# "The agreement is expected to ..." refers back to a document; it does not name its type.
_BARE = frozenset({"agreement", "agreements", "deal", "deals", "accord", "pact", "document", "documents"})
_STOP_LEFT = frozenset("a an the this that its their his her of and to by with for in on at".split())


@dataclass(frozen=True)
class _Phrase:
    doc_type: str
    start: int
    end: int
    plural: bool


def _phrases(text: str) -> list[_Phrase]:
    found: list[_Phrase] = []
    taken: list[tuple[int, int]] = []
    for pattern, doc_type in TYPE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            word = m.group(0).split()[-1]
            plural = bool(_PLURAL.search(word)) and word.lower() not in ("memorandum", "mou", "moc", "loi")
            found.append(_Phrase(doc_type, m.start(), m.end(), plural))
    return sorted(found, key=lambda p: p.start)


def status_of(text: str, anchor: int) -> str | None:
    """What the sentence says happened to the document whose name starts at `anchor`."""
    for m in _ACT.finditer(text):
        if m.start() < anchor and anchor - m.end() < 60:
            return "signed"
    candidates: list[tuple[int, str]] = []
    for pattern, status in ((_SIGNED, "signed"), (_ADOPTED, "adopted"), (_DISCUSSED, "discussed")):
        for m in pattern.finditer(text):
            candidates.append((abs(anchor - m.start()) + (0 if m.start() < anchor else 40), status))
    return min(candidates)[1] if candidates else None


def _title(text: str, phrase: _Phrase) -> str:
    """The noun phrase around a type word: "a strategic partnership declaration" -> its last three words."""
    left = text[: phrase.start].split()
    words: list[str] = []
    for w in reversed(left[-4:]):
        clean = w.strip(",;:()\"'")
        if not clean or clean.lower() in _STOP_LEFT or clean != w or clean[0].isdigit():
            break
        words.insert(0, clean)
    right = text[phrase.end :]
    tail = re.match(r"\s+(?:on|of|for|regarding|in)\s+[^,.;:()]{1,60}", right)
    return " ".join([*words, text[phrase.start : phrase.end], tail.group(0).strip() if tail else ""]).strip().lower()


def _both_parties(text: str, doc: Document) -> list[Party]:
    m = _BOTH_MINISTRIES.search(text)
    if not m:
        return []
    remit = (m.group(1) or m.group(2) or "").strip(" ,")
    sides = sorted({p.country for p in doc.parties if p.country})
    if not remit or len(sides) != 2:
        return []
    return [Party(name=f"Ministry of {remit}", country=c) for c in sides]


def _words(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    text = " ".join([doc.subject or "", doc.title, *(p.name for p in doc.parties)])
    return content_words(text), canonical_words(text)


def _covered(seg: Segment, spans: list[tuple[int, int]]) -> bool:
    return any(seg.start < e and s < seg.end for s, e in spans)


def find_restatements(item: Item) -> dict[int, list[Restatement]]:
    """Restatements per document index, read from the body; empty without a body."""
    body = item.body
    if not body or not item.documents:
        return {}
    spans = [(e.start, e.end) for d in item.documents for e in d.evidence if e.end > e.start]
    spans += [(r.evidence.start, r.evidence.end) for d in item.documents for r in d.restatements]
    doc_words = [_words(d) for d in item.documents]
    out: dict[int, list[Restatement]] = {}
    for seg in segments(body):
        if _covered(seg, spans):
            continue
        phrases = _phrases(seg.text)
        if not phrases or len({p.doc_type for p in phrases}) > 1 or any(p.plural for p in phrases):
            continue
        phrase = phrases[0]
        words, canon = content_words(seg.text), canonical_words(seg.text)
        scored: list[tuple[int, int]] = []
        for i, doc in enumerate(item.documents):
            if type_family(doc.type) != type_family(phrase.doc_type):
                continue
            raw, syn = doc_words[i]
            common = max(len(raw & words), len(syn & canon))
            if common >= 2 or (common == 1 and doc.type == phrase.doc_type and len(raw) <= 2):
                scored.append((common, i))
        if not scored:
            continue
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            continue
        index = scored[0][1]
        doc = item.documents[index]
        years = _YEARS.search(seg.text)
        title = _title(seg.text, phrase)
        out.setdefault(index, []).append(
            Restatement(
                evidence=Evidence(quote=seg.text, start=seg.start, end=seg.end),
                type=None if title in _BARE else phrase.doc_type,  # type: ignore[arg-type]
                title=title,
                status=status_of(seg.text, phrase.start),  # type: ignore[arg-type]
                parties=_both_parties(seg.text, doc),
                period=years.group(0) if years else None,
            )
        )
    return out


def restatements(item: Item) -> dict[int, list[Restatement]]:
    """The summary's own restatements plus those read from the body, without overlaps."""
    found = find_restatements(item)
    out: dict[int, list[Restatement]] = {}
    for i, doc in enumerate(item.documents):
        merged = list(doc.restatements)
        for r in found.get(i, []):
            if not any(r.evidence.start < m.evidence.end and m.evidence.start < r.evidence.end for m in merged):
                merged.append(r)
        if merged:
            out[i] = merged
    return out
