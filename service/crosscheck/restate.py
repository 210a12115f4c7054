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
from functools import lru_cache

from service.crosscheck.model import Item
from service.crosscheck.text import Segment, canonical_words, content_words, fold, list_items, segments
from service.models import Document, Evidence, Party, Restatement
from service.vocabulary import SIGNED_PARTICIPLES, TYPE_PATTERNS, type_family

# Nouns that name the act itself: "the adoption of a declaration" reports it as done.
_ACT = re.compile(r"\b(?:adoption|signing|signature|conclusion|exchange|inking|sealing)\s+of\b", re.I)
_SIGNED = re.compile(
    r"\b(?:" + "|".join(SIGNED_PARTICIPLES) + r"|shared|swapped)\b|\bput\s+(?:their\s+)?pens?\s+to\s+paper\b", re.I
)
# Said to be signed later: "to be signed at a later date", "set to be inked", "initialled" (agreed, not yet signed).
_PLANNED = re.compile(
    r"\b(?:(?:to|will|would|shall)\s+be\s+(?:formally\s+)?(?:signed|inked|concluded|finali[sz]ed|exchanged|adopted)"
    r"|(?:expected|set|due|scheduled|slated|planned)\s+to\s+(?:be\s+)?(?:sign|ink|conclude|adopt|exchange)\w*"
    r"|at\s+a\s+later\s+(?:date|stage)|initiall?ed)\b",
    re.I,
)
_ADOPTED = re.compile(r"\b(?:adopted|issued|approved|released|endorsed)\b", re.I)
_DISCUSSED = re.compile(r"\b(?:discussed|talked about|considered|explored|mulled|deliberated on)\b", re.I)
_PLURAL = re.compile(r"(?:s|a|ies)$", re.I)
BOTH_MINISTRIES = re.compile(
    r"\bMinistries\s+of\s+([A-Z][\w' ,&-]*?)\s+of\s+(?:both|the\s+two)\s+(?:nations|countries|sides|states)\b"
    r"|\bthe\s+two\s+Ministries\s+of\s+([A-Z][\w' ,&-]*?)(?=\s+(?:have|had|also|[a-z]+ed)\b)",
)
_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*[-\u2013/]\s*((?:19|20)?\d\d)\b")
# "The agreement is expected to ..." refers back to a document; it does not name its type.
_BARE = frozenset({"agreement", "agreements", "deal", "deals", "accord", "pact", "document", "documents"})
_STOP_LEFT = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "its",
        "their",
        "his",
        "her",
        "of",
        "and",
        "to",
        "by",
        "with",
        "for",
        "in",
        "on",
        "at",
    ]
)


@dataclass(frozen=True)
class _Phrase:
    doc_type: str
    start: int
    end: int
    plural: bool


# Any document word at all: most sentences have none, and then the type patterns need not run.
_ANY_TYPE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in TYPE_PATTERNS), re.I)


@lru_cache(maxsize=8192)
def _phrases(text: str) -> tuple[_Phrase, ...]:
    """The document types a passage names, in order; an earlier pattern wins an overlap."""
    if not _ANY_TYPE.search(text):
        return ()
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
    return tuple(sorted(found, key=lambda p: p.start))


def status_of(text: str, anchor: int) -> str | None:
    """What the sentence says happened to the document whose name starts at `anchor`.

    "To be signed" names a signing that has not happened: the verb inside it is not read alone.
    """
    planned = [(m.start(), m.end()) for m in _PLANNED.finditer(text)]
    for m in _ACT.finditer(text):
        if m.start() < anchor and anchor - m.end() < 60 and not any(s <= m.start() < e for s, e in planned):
            return "signed"
    candidates: list[tuple[int, str]] = [(abs(anchor - s) + (0 if s < anchor else 40), "planned") for s, _ in planned]
    for pattern, status in ((_SIGNED, "signed"), (_ADOPTED, "adopted"), (_DISCUSSED, "discussed")):
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, e in planned):
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
    m = BOTH_MINISTRIES.search(text)
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


def _best_document(
    item: Item, text: str, doc_type: str, doc_words: list[tuple[frozenset[str], frozenset[str]]]
) -> int | None:
    """The one document of the article a passage is about, or None when none or several fit."""
    words, canon = content_words(text), canonical_words(text)
    scored: list[tuple[int, int]] = []
    for i, doc in enumerate(item.documents):
        if type_family(doc.type) != type_family(doc_type):
            continue
        raw, syn = doc_words[i]
        common = max(len(raw & words), len(syn & canon))
        if common >= 2 or (common == 1 and doc.type == doc_type and len(raw) <= 2):
            scored.append((common, i))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def read(text: str, evidence: Evidence, doc: Document, heading_status: str | None = None) -> Restatement | None:
    """What one passage says about a document: its type, name, status, sides and period.

    `heading_status` is what the heading of a list says of all its items ("Documents signed: ..."),
    used when the item itself says nothing.
    """
    phrases = _phrases(text)
    if not phrases or len({p.doc_type for p in phrases}) > 1 or any(p.plural for p in phrases):
        return None
    phrase = phrases[0]
    years = _YEARS.search(text)
    title = _title(text, phrase)
    return Restatement(
        evidence=evidence,
        type=None if title in _BARE else phrase.doc_type,  # type: ignore[arg-type]
        title=title,
        status=status_of(text, phrase.start) or heading_status,  # type: ignore[arg-type]
        parties=_both_parties(text, doc),
        period=years.group(0) if years else None,
    )


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
        if not _phrases(seg.text):
            continue
        heading, parts = list_items(seg)
        heading_status = status_of(heading.text, len(heading.text)) if heading else None
        for part in parts:
            if _covered(part, spans):
                continue
            phrases = _phrases(part.text)
            if not phrases:
                continue
            index = _best_document(item, part.text, phrases[0].doc_type, doc_words)
            if index is None:
                continue
            evidence = Evidence(quote=part.text, start=part.start, end=part.end)
            found = read(part.text, evidence, item.documents[index], heading_status)
            if found is not None:
                out.setdefault(index, []).append(found)
    return out


def _grounded_parties(r: Restatement) -> list[Party]:
    """An extractor's parties for a restatement, kept only when distinct and written in its quote."""
    names = [fold(p.name) for p in r.parties]
    if len(set(names)) != len(names):
        return []
    quote = content_words(r.evidence.quote)
    return [p for p in r.parties if content_words(p.name) <= quote] if r.parties else []


def reread(
    item: Item, index: int, r: Restatement, doc_words: list[tuple[frozenset[str], frozenset[str]]]
) -> Restatement | None:
    """An extractor's restatement checked against the body with the same rules as our own.

    It is dropped when its passage fits another document better; its type and status are the
    ones our reading gives, so two extractors cannot make one article contradict itself
    differently; its parties stay only when the passage names them.
    """
    if not item.body:
        return r
    doc = item.documents[index]
    ours = read(r.evidence.quote, r.evidence, doc)
    if ours is None:
        return r.model_copy(update={"type": None, "status": None, "parties": _grounded_parties(r)})
    if _best_document(item, r.evidence.quote, ours.type or doc.type, doc_words) not in (index, None):
        return None
    parties = ours.parties or _grounded_parties(r)
    return ours.model_copy(update={"parties": parties, "period": ours.period or r.period})


def restatements(item: Item, duplicates: dict[int, int] | None = None) -> dict[int, list[Restatement]]:
    """Every other place that reports each document: the summary's own restatements (checked against
    the body), documents the summary lists twice, and passages read from the body."""
    doc_words = [_words(d) for d in item.documents]
    out: dict[int, list[Restatement]] = {}
    for i, doc in enumerate(item.documents):
        checked = [x for r in doc.restatements if (x := reread(item, i, r, doc_words)) is not None]
        if checked:
            out[i] = checked
    for dup, kept in (duplicates or {}).items():
        other = item.documents[dup]
        ev = other.evidence[0]
        found = read(ev.quote, ev, item.documents[kept]) if item.body else None
        out.setdefault(kept, []).append(
            found
            or Restatement(
                evidence=ev,
                type=other.type,
                title=other.title,
                status=other.status,
                parties=other.parties,
                period=other.period,
            )
        )
    for i, from_body in find_restatements(item).items():
        merged = out.setdefault(i, [])
        for restatement in from_body:
            ev = restatement.evidence
            if not any(ev.start < m.evidence.end and m.evidence.start < ev.end for m in merged):
                merged.append(restatement)
    return {i: rs for i, rs in out.items() if rs}
