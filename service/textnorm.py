"""Text folding shared by grounding, alignment and scoring.

Editors read "Phan Văn Giang" and "Phan Van Giang", curly and straight quotes, or a
line break inside a sentence as the same text; so do we. Folding keeps a map back to the
original offsets so tolerant matches still point at the exact characters of the body.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = {
    "đ": "d",
    "Đ": "D",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ß": "ss",
    "þ": "th",
    "ð": "d",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\u00ad": "",
}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch].lower()
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_SPECIAL.get(c, c) for c in base).lower()


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first sight of each character (C-speed folding after that)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD_TABLE = _FoldTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_TABLE[ord(m.group())]


def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify quotes and dashes, collapse white space."""
    # ASCII needs only lower-casing (and the backtick); other characters go through the table.
    folded = _NON_ASCII.sub(_fold_match, text) if not text.isascii() else text
    return " ".join(folded.lower().replace("`", "'").split())


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return, for each folded character, the offset it came from.

    White space runs become one space mapped to the first white space character, so a
    match in the folded text maps back to a span of the original text.
    """
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "\u00a0\u2009\u202f":
            if not in_space and out:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        for f in _fold_char(ch):
            if f.isspace():
                continue
            out.append(f)
            index.append(i)
    return "".join(out), index


def same_name(a: str, b: str) -> bool:
    """True when two names differ only by case, diacritics, quotes, dashes or spacing."""
    return fold(a) == fold(b)
