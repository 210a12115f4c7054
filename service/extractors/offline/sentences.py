"""Cut a body into paragraphs, list items, headings, sentences and clauses, keeping offsets.

Gold quotes are usually one sentence or one list item, so these spans are what the rules
quote. Stored pages wrap lines inside sentences ("signed\\nduring the visit"), number their
recap lists, and carry short headline lines; each becomes a segment of its own kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_RE = re.compile(r"[^\n]+")
_ITEM_RE = re.compile(
    r"[ \t]*(?:(\d{1,2})(?:[.)]|(?=\t))|\((?:\d{1,2}|[ivx]{1,5}|[a-h])\)|(?:[ivx]{1,5}|[a-h])[.)]|[-\u2022*\u25aa\u00b7\u2013\u25cf]"
    r"|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?[ \t]+[-\u2013\u2014|])"
    r"[ \t]+(?=\S)"
)
"""A list marker: "1.", "2)", a table row number before a tab, "(iii)", "iv.", "(b)", "b)", a bullet, a dash, or
the time of a schedule line ("11:30 - Signing of ...")."""
_BOUNDARY_RE = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_CLAUSE_RE = re.compile(r";\s+|,\s+(?:while|whereas|whilst)\s+")
_ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "maj", "capt", "sgt", "prof", "jr", "sr", "no", "nos", "vol",
        "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "approx", "gov", "rep", "sen", "h.e", "st."
    ]
)  # fmt: skip
_TERMINAL = ".!?:\"')]"
_RELATED_INLINE = re.compile(r"(?i)(?:read\s+(?:also|more)|also\s+read|see\s+also|related)\s*[:|>\-]\s*\S")
_RELATED = re.compile(
    r"(?i)(?:read\s+(?:also|more)|also\s+read|see\s+also|related(?:\s+(?:news|articles|stories|posts))?|more\s+from|"
    r"most\s+read|latest(?:\s+news)?|recommended|you\s+may\s+also\s+like)\s*:?\s*$"
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence, list item or heading: `body[start:end]`, never with surrounding blanks."""

    start: int
    end: int
    kind: str  # "sentence", "item" or "heading"
    block: int  # paragraph (or list item) number, in body order
    item_no: int | None = None  # the number of a numbered list item
    teaser: bool = False  # a cut-off lead ending with "..." that the page repeats in full later
    related: bool = False  # a headline under "Read also" / "Related": another story, not this one


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if m.group().strip()]


def _soft_wrap(text: str, prev: tuple[int, int], line: tuple[int, int], blank_between: bool) -> bool:
    """A line break inside a sentence: the next line goes on in lower case or after a comma."""
    if blank_between:
        return False
    before = text[prev[0] : prev[1]].rstrip()
    after = text[line[0] : line[1]].lstrip()
    if not before or not after or _ITEM_RE.match(text[line[0] : line[1]]):
        return False
    if before.endswith(","):
        return True
    return after[0].islower() and before[-1] not in ".!?"


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        stop = m.start()
        begin = max(text.rfind(" ", cursor, stop), text.rfind("\n", cursor, stop), cursor - 1) + 1
        word = text[begin:stop].lower().strip("\"'([").rstrip(".")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        spans.append(_strip(text, cursor, m.end()))
        cursor = m.end()
    spans.append(_strip(text, cursor, end))
    return [s for s in spans if s[1] > s[0]]


def _unmarked_item(chunk: str, lines: int) -> bool:
    """A line listed without a bullet (called for lines right under an intro that ends with a colon, or right
    under such a line with no blank line between): one short line that is not itself an intro."""
    return lines == 1 and not chunk.endswith(":") and len(chunk.split()) <= 40


def segments(text: str) -> list[Segment]:
    """Every segment of `text` (the ASCII view of a body) in order."""
    lines = _lines(text)
    blocks: list[list[tuple[int, int]]] = []
    spaced: list[bool] = []  # a blank line before the block
    for line in lines:
        blank = False
        if blocks:
            prev = blocks[-1][-1]
            blank = "\n" in text[prev[1] : line[0]].replace("\n", "", 1)
            if _soft_wrap(text, prev, line, blank):
                blocks[-1].append(line)
                continue
        blocks.append([line])
        spaced.append(blank)
    out: list[Segment] = []
    related = False
    listing = False  # inside lines listed under "The documents signed:" without bullets
    intro = False  # the block before ends with a colon
    for number, block in enumerate(blocks):
        start, end = block[0][0], block[-1][1]
        item = _ITEM_RE.match(text, start, end)
        if item:
            s, e = _strip(text, item.end(), end)
            digits = item.group(1)
            out.append(Segment(s, e, "item", number, int(digits) if digits else None))
            listing = intro = False
            continue
        s, e = _strip(text, start, end)
        chunk = text[s:e]
        is_related = _RELATED.match(chunk) is not None
        listing = (intro or (listing and not spaced[number])) and not is_related and _unmarked_item(chunk, len(block))
        intro = chunk.endswith(":") and not is_related
        if listing:
            out.append(Segment(s, e, "item", number))
            continue
        teaser = chunk.endswith("...") or chunk.endswith("\u2026")
        if is_related:
            related = True
            out.append(Segment(s, e, "heading", number, related=True))
            continue
        if chunk[-1] not in _TERMINAL and len(chunk.split()) <= 24:
            # "ALSO READ | Kenya, Peru sign ...": another story on the same line
            out.append(Segment(s, e, "heading", number, related=related or _RELATED_INLINE.match(chunk) is not None))
            continue
        related = False
        for a, b in _sentences(text, s, e):
            out.append(Segment(a, b, "sentence", number, teaser=teaser))
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence at semicolons and at ", while": each clause reports its own document."""
    spans = []
    cursor = start
    for m in _CLAUSE_RE.finditer(text, start, end):
        spans.append(_strip(text, cursor, m.start()))
        cursor = m.end()
    spans.append(_strip(text, cursor, end))
    return [s for s in spans if s[1] > s[0]]
