"""What every rule needs to know about the article, computed once per article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from service.articles import ArticleInput
from service.countries import country_name
from service.extractors.offline.geo import side_countries
from service.extractors.offline.lexicon import ascii_view
from service.extractors.offline.people import People, registry
from service.extractors.offline.sentences import Segment, segments

_ISO_HEADER = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\b(?![^()]*\bor\b)")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


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
    header_date: date | None = None
    year: int | None = None
    notes: list[str] = field(default_factory=list)

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
    for source in (published or "", text[:400]):
        m = _YEAR.search(source)
        if m:
            return int(m.group(0))
    return None


def build(article: ArticleInput) -> Context:
    body = article.body
    text = ascii_view(body)
    sides, spelling = side_countries(text)
    names = {code: body[s:e] for code, (s, e) in spelling.items()}
    return Context(
        article=article,
        body=body,
        text=text,
        segments=segments(text),
        sides=sides,
        side_names=names,
        people=registry(text, body),
        header_date=_header_date(article.published),
        year=_year(article.published, text),
    )
