"""What every rule needs to know about the article, computed once per article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from service.articles import ArticleInput
from service.countries import country_name
from service.extractors.offline.geo import Place, places, side_countries
from service.extractors.offline.lexicon import ascii_view, find_heads, mend_cue_typos, unshout
from service.extractors.offline.people import People, registry
from service.extractors.offline.sentences import Segment, segments

_ISO_HEADER = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\b(?![^()]*\bor\b)")
_REPUBLISHED = re.compile(r"(?i)republi|per\s+url|retrieved|accessed|archived|crawl")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATED = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s*"
    r"((?:19|20)\d\d)\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December),?\s+((?:19|20)\d\d)\b"
)


@dataclass
class Context:
    """The article seen by the rules: body, its ASCII view (same offsets), segments, sides, people.

    Everything here is computed once per article; the rules only look things up (by offset,
    with `bisect`) instead of scanning the text again.
    """

    article: ArticleInput
    body: str
    text: str  # `ascii_view(body)`: same length, so offsets are shared
    segments: list[Segment]
    sides: list[str]
    side_names: dict[str, str]
    people: People
    heads: list[tuple[int, int, str]] = field(default_factory=list)
    all_places: list[Place] = field(default_factory=list)  # countries and cities, in text order
    header_date: date | None = None
    year: int | None = None
    low: str = field(init=False, repr=False)
    places: list[Place] = field(init=False, repr=False)  # countries only
    _place_starts: list[int] = field(init=False, repr=False)
    _all_starts: list[int] = field(init=False, repr=False)
    _segment_starts: list[int] = field(init=False, repr=False)
    _with: dict[tuple[str, ...], list[int]] = field(init=False, repr=False, default_factory=dict)
    cache: dict[str, object] = field(init=False, repr=False, default_factory=dict)  # per-article memo of the rules

    def __post_init__(self) -> None:
        self.low = self.text.lower()
        self.places = [p for p in self.all_places if not p.city]
        self._place_starts = [p.start for p in self.places]
        self._all_starts = [p.start for p in self.all_places]
        self._segment_starts = [s.start for s in self.segments]

    def codes(self, start: int, end: int) -> list[str]:
        """Country codes named inside `start:end`, in order, without repeats."""
        i = bisect_left(self._place_starts, start)
        out: list[str] = []
        while i < len(self.places) and self.places[i].end <= end:
            code = self.places[i].code
            if code not in out:
                out.append(code)
            i += 1
        return out

    def places_in(self, start: int, end: int) -> list[Place]:
        """Countries and cities named inside `start:end`."""
        i = bisect_left(self._all_starts, start)
        out = []
        while i < len(self.all_places) and self.all_places[i].end <= end:
            out.append(self.all_places[i])
            i += 1
        return out

    def segments_with(self, keys: tuple[str, ...]) -> list[int]:
        """Indices of the segments whose lower-case text contains one of `keys` (found by `str.find`)."""
        cached = self._with.get(keys)
        if cached is not None:
            return cached
        hit: set[int] = set()
        for key in keys:
            i = self.low.find(key)
            while i >= 0:
                idx = self.segment_at(i)
                if idx is not None:
                    hit.add(idx)
                i = self.low.find(key, i + 1)
        self._with[keys] = sorted(hit)
        return self._with[keys]

    def segment_at(self, offset: int) -> int | None:
        """Index of the segment containing `offset`, if any."""
        idx = bisect_right(self._segment_starts, offset) - 1
        return idx if idx >= 0 and offset < self.segments[idx].end else None

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
        """A side's name as the body spells it ("Việt Nam"), else its everyday English name."""
        return self.side_names.get(code) or country_name(code) or code


def _header_date(published: str | None) -> date | None:
    """The header DATE when it is one unambiguous ISO date ("2025-05-07", not "2025-05-07 or -08")."""
    if not published:
        return None
    m = _ISO_HEADER.match(published)
    if not m or " or " in published or _REPUBLISHED.search(published):
        return None  # ambiguous, or the day a copy was made, not the day the article speaks of
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _year(published: str | None, text: str) -> int | None:
    """The year of the article: from its header, else from a full date in the text ("May 8, 2025")."""
    m = _YEAR.search(published or "") or _DATED.search(text)
    return int(m.group(m.lastindex or 0)) if m else None


def build(article: ArticleInput) -> Context:
    """Read the article once: ASCII view, segments, places, sides, people and document heads."""
    body = article.body
    text = mend_cue_typos(unshout(ascii_view(body)))
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
        all_places=found,
        header_date=_header_date(article.published),
        year=_year(article.published, text),
    )
