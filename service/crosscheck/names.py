"""When two written names are one person, and when they are spelt differently beyond paraphrase.

Editors read "Phan Văn Giang" and "Phan Van Giang", "Navinchandra" and "Navin Chandra", the
German "Schahbazov" and French "Chahbazov", or "Mohammed" and "Muhammad" as the same spelling of
one name: diacritics, spacing and ordinary transliteration (which varies the vowels) are
paraphrase. "Paviz" against "Perviz", or "Catherine McAllister" against "Katherine MacAllister",
is not: a letter of a name written in Latin script differs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from service.crosscheck.text import fold

_TITLES = frozenset(
    "mr mrs ms dr prof sir president prime minister pm general gen colonel col secretary deputy chairman "  # noqa: SIM905
    "chairwoman speaker his her excellency h.e. he ambassador party chief leader king queen premier".split()
)

# Applied in order to a folded name: spellings that transliteration produces for one sound.
_TRANSLIT: list[tuple[str, str]] = [
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("ch", "sh"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("ou", "u"),
    ("ee", "i"),
    # Vowels that transliteration from Arabic, Persian, Turkic or Cyrillic writes either way.
    ("o", "u"),
    ("e", "a"),
]
CLOSE_WORD = 80  # rapidfuzz ratio of two words of one name misspelt ("katherine" / "catherine")


@lru_cache(maxsize=8192)
def tokens(name: str) -> tuple[str, ...]:
    """Folded name words without honorifics and titles."""
    words = re.findall(r"[a-z]+", re.sub(r"'s\b", "", fold(name)).replace("'", ""))
    return tuple(w for w in words if w not in _TITLES)


@lru_cache(maxsize=8192)
def translit(word: str) -> str:
    """One key for the usual transliterations of a name word (sch/sh/ch, dj/j, y/i, doubled letters)."""
    out = word
    for a, b in _TRANSLIT:
        out = out.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", out)


def key(name: str) -> str:
    """The spelling key: two names with the same key are the same spelling for an editor."""
    return "".join(translit(t) for t in tokens(name))


def same_spelling(a: str, b: str) -> bool:
    return key(a) == key(b)


def _cut(x: str, y: str) -> bool:
    """One word is the other, an initial of it, or the other cut short ("V" / "Vlad" / "adimir" for "Vladimir").

    A cut keeps at least four letters and drops at least two, so "Jan" and "Jana" stay two names.
    """
    if x == y:
        return True
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) == 1:
        return long_.startswith(short)
    return len(short) >= 4 and len(long_) - len(short) >= 2 and (long_.startswith(short) or long_.endswith(short))


def _subsumes(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every word of the shorter name is a word of the longer one ("Lam" in "To Lam"), perhaps cut short."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    keys = {translit(t) for t in long_}
    return bool(short) and all(any(_cut(translit(t), k) for k in keys) for t in short)


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """The two names plausibly denote one person (same spelling, a shortened form, or a variant)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if key(a) == key(b) or _subsumes(ta, tb):
        return True
    return spelling_variant(a, b)


@lru_cache(maxsize=65536)
def spelling_variant(a: str, b: str) -> bool:
    """Same person, spelt differently beyond diacritics, spacing and transliteration.

    The family names (last words) must agree after transliteration and the given names must be
    close (one or two letters apart), so "Heydar Aliyev" and "Ilham Aliyev" stay two people.
    """
    ta, tb = tokens(a), tokens(b)
    if len(ta) < 2 or len(tb) < 2 or key(a) == key(b) or _subsumes(ta, tb):
        return False
    ka, kb = [translit(t) for t in ta], [translit(t) for t in tb]
    if ka[-1] != kb[-1]:
        if not (len(ka) == len(kb) and ka[0] == kb[0]):
            return _every_word_close(ka, kb)
        first_a, first_b = ka[-1], kb[-1]
    else:
        first_a, first_b = "".join(ka[:-1]), "".join(kb[:-1])
    if first_a == first_b:
        return False
    return fuzz.ratio(first_a, first_b) >= 60 and min(len(first_a), len(first_b)) >= 3


def _every_word_close(ka: list[str], kb: list[str]) -> bool:
    """Each word of one name is the same word of the other or a near miss of it, in order.

    "Katherine MacAllister" for "Catherine McAllister"; two people who share no word, or whose
    given names are different names ("Heydar" / "Ilham"), stay apart.
    """
    if len(ka) != len(kb):
        return False
    return all(
        x == y or (min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= CLOSE_WORD) for x, y in zip(ka, kb, strict=True)
    )


def _marks(ch: str) -> frozenset[str]:
    return frozenset(c for c in unicodedata.normalize("NFD", ch) if unicodedata.combining(c))


def diacritic_variant(a: str, b: str) -> bool:
    """Both spellings fold to the same letters but mark one letter differently, not just less.

    "Thòng Nhất" against "Thống Nhất" (a grave where a circumflex and acute belong) is a
    misspelling; "Phan Van Giang" or "Tô Lam" against "Phan Văn Giang" or "Tô Lâm" only lack
    some diacritics, which is paraphrase.
    """
    a, b = unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)
    if a == b or fold(a) != fold(b) or len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x.casefold() == y.casefold():
            continue
        mx, my = _marks(x), _marks(y)
        if not (mx <= my or my <= mx):
            return True
    return False
