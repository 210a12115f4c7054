"""Countries and cities named in a text, found by a dictionary walk over capitalised words.

A regex alternation of several hundred names would cost milliseconds per article; looking
up runs of capitalised words in a dict costs microseconds. Names come from
`service.countries` (demonyms, everyday short names) and pycountry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from service.countries import CITY_COUNTRY, country_code, known_country_words
from service.vocabulary import AMERICA_REGIONS, COUNTRY_NAME_HEADS

_CAP_WORD = re.compile(r"[A-Z][A-Za-z]*")  # word starts are checked where the word is found
_ADJECTIVE_SUFFIXES = ("ian", "ese", "ish", "ani", "ean", "ic", "eri", "i")
_ADJECTIVES = frozenset(
    [
        "american", "mexican", "korean", "german", "russian", "cuban", "kenyan", "moroccan", "venezuelan", "angolan",
        "african", "sri", "lankan", "libyan", "kazakh", "uzbek", "tajik", "turkmen", "kyrgyz", "lao", "thai", "dutch",
        "french", "swiss", "greek", "czech", "slovak", "filipino", "saudi", "nepali"
    ]
)  # fmt: skip
_REGION = re.compile(r"(?i)\b(?:" + "|".join(AMERICA_REGIONS) + r")\s+$")
_NOT_COUNTRIES = frozenset({"us", "male", "chad", "jordan", "georgia", "niger", "guinea"})


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    code: str
    noun: bool  # "Azerbaijan" rather than "Azerbaijani"
    city: bool = False


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, bool]]:
    """folded name -> (alpha-2, is a noun)."""
    names: dict[str, tuple[str, bool]] = {}
    pyc: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                key = value.lower()
                names[key] = (c.alpha_2, True)
                pyc.add(key)
    for key in known_country_words():
        code = country_code(key)
        if not code or "." in key:
            continue
        head = key.rsplit(" ", 1)[-1]
        adjective = (
            key not in pyc
            and head not in COUNTRY_NAME_HEADS
            and (key in _ADJECTIVES or key.endswith(_ADJECTIVE_SUFFIXES))
        )
        names[key] = (code, not adjective)
    for key in ("viet nam", "turkiye", "republic of korea"):
        code = country_code(key)
        if code:
            names[key] = (code, True)
    for key in _NOT_COUNTRIES:
        names.pop(key, None)
    return names


@lru_cache(maxsize=2)
def _index(cities: bool) -> dict[str, list[tuple[str, Place]]]:
    """First word -> the names starting with it (longest first), as template places."""
    index: dict[str, list[tuple[str, Place]]] = {}
    entries = [(k, Place(0, 0, code, noun)) for k, (code, noun) in _names().items()]
    if cities:
        entries += [(k, Place(0, 0, code, True, city=True)) for k, code in CITY_COUNTRY.items() if k not in _names()]
    for key, template in entries:
        index.setdefault(key.split(" ")[0].split("-")[0], []).append((key, template))
    for options in index.values():
        options.sort(key=lambda kv: -len(kv[0]))
    return index


def _region_word(chunk: str, i: int) -> bool:
    """Whether the word before `chunk[i:]` makes "America" a region ("North America", "Latin America")."""
    return _REGION.search(chunk, max(0, i - 10), i) is not None


def places(text: str, start: int = 0, end: int | None = None, *, cities: bool = False) -> list[Place]:
    """Country (and, when asked, city) mentions in `text[start:end]`, longest names first.

    Only the distinct capitalised words are looked up (one C-speed `findall`); the few that
    start a place name are then located with `str.find`.
    """
    index = _index(cities)
    end = len(text) if end is None else end
    chunk = text[start:end] if start or end != len(text) else text
    found: list[Place] = []
    for word in set(_CAP_WORD.findall(chunk)):
        options = index.get(word.lower())
        if options is None and word != "US":
            continue
        i = chunk.find(word)
        while i >= 0:
            after = i + len(word)
            if (i == 0 or not chunk[i - 1].isalpha()) and not chunk[after : after + 1].isalpha():
                if options is None:
                    found.append(Place(start + i, start + after, "US", True))
                else:
                    for key, template in options:
                        e = i + len(key)
                        if key == "america" and _region_word(chunk, i):
                            break
                        if chunk[i:e].lower() == key and not chunk[e : e + 1].isalpha():
                            found.append(Place(start + i, start + e, template.code, template.noun, template.city))
                            break
            i = chunk.find(word, after)
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[Place] = []
    reach = -1
    for p in found:
        if p.start >= reach:
            out.append(p)
            reach = p.end
    return out


def is_place_name(word: str) -> bool:
    """Whether `word` alone names a country or a known city ("Azerbaijani", "Baku")."""
    key = word.lower()
    return key in _names() or key in CITY_COUNTRY


@lru_cache(maxsize=4096)
def _codes_of(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for p in places(text):
        if p.code not in seen:
            seen.append(p.code)
    return tuple(seen)


def codes_in(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Country codes in order of mention, without repeats."""
    return list(_codes_of(text[start:end] if (start or end is not None) else text))


def side_countries(found: list[Place]) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """The two most-named countries (the sides) and, per code, where its name is first spelt as a noun.

    `found` is `places(text, cities=True)` of the whole text.
    """
    counts: dict[str, float] = {}  # a city weighs half a country
    spelling: dict[str, tuple[int, int]] = {}
    first: dict[str, int] = {}
    for p in found:
        weight = 0.5 if p.city else 1.0
        counts[p.code] = counts.get(p.code, 0.0) + weight
        first.setdefault(p.code, p.start)
        if p.noun and not p.city and p.code not in spelling:
            spelling[p.code] = (p.start, p.end)
    ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
    sides = [c for i, c in enumerate(ranked[:2]) if counts[c] >= (1.0 if i == 0 else 0.5)]
    if len(ranked) > 2 and len(sides) == 2 and counts[ranked[2]] == counts[sides[1]]:
        sides = sides[:1] + [c for c in ranked[1:3] if first[c] == min(first[ranked[1]], first[ranked[2]])]
    return sides, spelling
