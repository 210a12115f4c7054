"""What every rule needs to know about the article, computed once per article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from service.articles import ArticleInput
from service.countries import country_name
from service.extractors.offline.geo import Place, places, side_countries
from service.extractors.offline.lexicon import ascii_view, find_heads
from service.extractors.offline.people import People, registry
from service.extractors.offline.sentences import Segment, segments

_ISO_HEADER = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\b(?![^()]*\bor\b)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATED = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s*"
    r"((?:19|20)\d\d)\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December),?\s+((?:19|20)\d\d)\b"
)


@dataclass
class Context:
    """The article seen by the rules: body, its ASCII view (same offsets), segments, sides, people."""

    article: ArticleInput
    body: str
    text: str
    segments: list[Segment]
    sides: list[str]
    side_names: dict[str, str]
    people: People
    heads: list[tuple[int, int, str]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    all_places: list[Place] = field(default_factory=list)  # cities included
    header_date: date | None = None
    year: int | None = None

    def codes(self, start: int, end: int) -> list[str]:
        """Country codes named inside `start:end`, in order, without repeats."""
        i = bisect_left(self._starts, start)
        out: list[str] = []
        while i < len(self.places) and self.places[i].end <= end:
            code = self.places[i].code
            if code not in out:
                out.append(code)
            i += 1
        return out

    def places_in(self, start: int, end: int) -> list[Place]:
        """Countries and cities named inside `start:end`."""
        starts = self.__dict__.get("_all_starts")
        if starts is None:
            starts = self.__dict__["_all_starts"] = [p.start for p in self.all_places]
        i = bisect_left(starts, start)
        out = []
        while i < len(self.all_places) and self.all_places[i].end <= end:
            out.append(self.all_places[i])
            i += 1
        return out

    @property
    def _starts(self) -> list[int]:
        cached = self.__dict__.get("_starts_cache")
        if cached is None:
            cached = self.__dict__["_starts_cache"] = [p.start for p in self.places]
        return cached

    @property
    def low(self) -> str:
        """The lower-case ASCII view (same offsets)."""
        cached = self.__dict__.get("_low")
        if cached is None:
            cached = self.__dict__["_low"] = self.text.lower()
        return cached

    def segments_with(self, keys: tuple[str, ...]) -> list[int]:
        """Indices of the segments whose lower-case text contains one of `keys` (found by `str.find`)."""
        memo = self.__dict__.setdefault("_with", {})
        if keys in memo:
            return memo[keys]
        low = self.low
        starts = self.__dict__.get("_seg_starts")
        if starts is None:
            starts = self.__dict__["_seg_starts"] = [s.start for s in self.segments]
        hit: set[int] = set()
        for key in keys:
            i = low.find(key)
            while i >= 0:
                idx = bisect_right(starts, i) - 1
                if idx >= 0 and i < self.segments[idx].end:
                    hit.add(idx)
                i = low.find(key, i + 1)
        memo[keys] = sorted(hit)
        return memo[keys]

    def heads_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Document heads (start, end, type) that lie inside `start:end`."""
        i = bisect_left(self.heads, (start, -1, ""))
        out = []
        while i < len(self.heads) and self.heads[i][1] <= end:
            out.append(self.heads[i])
            i += 1
        return out

    def quote(self, start: int, end: int) -> str:
        return self.body[start:end]

    def side_name(self, code: str) -> str:
        return self.side_names.get(code) or country_name(code) or code


def _header_date(published: str | None) -> date | None:
    """The header DATE when it is one unambiguous ISO date ("2025-05-07", not "2025-05-07 or -08")."""
    if not published:
        return None
    m = _ISO_HEADER.match(published)
    if not m or " or " in published:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _year(published: str | None, text: str) -> int | None:
    """The year of the article: from its header, else from a full date in the text ("May 8, 2025")."""
    m = _YEAR.search(published or "") or _DATED.search(text)
    return int(m.group(m.lastindex or 0)) if m else None


def build(article: ArticleInput) -> Context:
    body = article.body
    text = ascii_view(body)
    found = places(text, cities=True)
    sides, spelling = side_countries(found)
    names = {code: body[s:e] for code, (s, e) in spelling.items()}
    return Context(
        article=article,
        body=body,
        text=text,
        segments=segments(text),
        sides=sides,
        side_names=names,
        people=registry(text, body),
        heads=find_heads(text, text.lower()),
        places=[p for p in found if not p.city],
        all_places=found,
        header_date=_header_date(article.published),
        year=_year(article.published, text),
    )
