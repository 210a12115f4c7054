"""Where and when the talks or the signing took place, who met, and which countries are the sides.

Sources in order of trust: a dateline ("BAKU, May 7 -", "ISLAMABAD:"), a dated sentence
about the talks ("held talks in Baku on May 7"), "on Wednesday" resolved against the
header date, and "visit to <country>" for the host when no city is given.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from service.countries import city_country
from service.extractors.offline.context import Context
from service.extractors.offline.geo import places
from service.extractors.offline.people import principals
from service.models.draft import DraftEvent

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)?)(?:,\s*(?P<country>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?))?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))?(?:,?\s*[A-Z]{{2,}}\b)?\s*(?:[-:.(]|$)"
)
_DATE = re.compile(
    rf"\b(?:on|On)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?!\s*-\s*\d)(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?!\s*-\s*\d)(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
)
_WEEKDAY = re.compile(r"\bon\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_EVENT_CUE = re.compile(
    r"(?i)\b(?:talks|visit|visited|visiting|signed|signing|received|summit|ceremony|arrived|witnessed|held)\b"
)
_PLACE_CUE = re.compile(
    r"(?i)\b(?:talks|visit|visited|visiting|signed|signing|received|summit|ceremony|arrived|witness\w*|watched|"
    r"seal\w*|welcomed|hosted|discussions)\b"
)
_VISIT_TO = re.compile(
    r"\b(?:visit\s+(?:to|in)\s+|visit\b[^.;]{0,90}?\bto\s+|visited\s+|visiting\s+|arrived\s+in\s+|trip\s+to\s+|"
    r"tour\s+of\s+)(?:the\s+)?"
    r"(?P<where>[A-Z][A-Za-z]+(?:\s(?:of\s)?[A-Z][A-Za-z]+){0,3})"
)
_VISIT_OF = re.compile(r"\bvisit\s+of\s+(?:the\s+)?(?P<who>[A-Z][A-Za-z]+)\s+(?:President|Prime\s+Minister|PM|leader)")
_EVENT_KEYS = (
    "talks", "visit", "sign", "received", "summit", "ceremony", "arrived", "witness", "held", "watched", "seal",
    "welcomed", "hosted", "discussions",
)  # fmt: skip
_MONTH_KEYS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_KIND = re.compile(r"(?i)\b(state|official|working|ministerial|private|friendly)\s+visit\b")


def _month_day(m: re.Match[str], year: int | None) -> date | None:
    month = _MONTHS.get((m.group("m1") or m.group("m2") or "").lower().rstrip("."))
    day = int(m.group("d1") or m.group("d2"))
    y = m.group("y1") or m.group("y2")
    year = int(y) if y else year
    if not month or not year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dateline(ctx: Context) -> re.Match[str] | None:
    for seg in ctx.segments[:6]:
        m = _DATELINE.match(ctx.text, seg.start, seg.end)
        if not m:
            continue
        place = m.group("place")
        known = bool(places(place, cities=True) or city_country(place))
        continues = m.end() < seg.end - 10 or bool(m.group("date"))
        if (place.isupper() and continues) or (known and (m.group("date") or continues)):
            return m
    return None


def _weekday_date(ctx: Context) -> date | None:
    if ctx.header_date is None:
        return None
    for idx in ctx.segments_with(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
        seg = ctx.segments[idx]
        chunk = ctx.text[seg.start : seg.end]
        m = _WEEKDAY.search(chunk)
        if m and re.search(r"(?i)\b(?:sign\w*|talks|met|ink\w*|exchang\w*)\b", chunk):
            wd = _WEEKDAYS.index(m.group("wd").lower())
            return ctx.header_date - timedelta(days=(ctx.header_date.weekday() - wd) % 7)
    return None


def _host(ctx: Context) -> tuple[str | None, tuple[int, int] | None]:
    for idx in ctx.segments_with(("visit", "arrived", "trip", "tour")):
        seg = ctx.segments[idx]
        chunk = ctx.text[seg.start : seg.end]
        for m in _VISIT_TO.finditer(chunk):
            found = places(m.group("where"), cities=True)
            if found:
                return found[0].code, (seg.start, seg.end)
        for m in _VISIT_OF.finditer(chunk):
            found = places(m.group("who"))
            if found and len(ctx.sides) == 2 and found[0].code in ctx.sides:
                return next(c for c in ctx.sides if c != found[0].code), (seg.start, seg.end)
    return None, None


def extract_event(ctx: Context) -> DraftEvent:
    """The event as a draft, with the sentence that places it as evidence."""
    city: str | None = None
    country: str | None = None
    when: date | None = None
    quote_span: tuple[int, int] | None = None
    dl = _dateline(ctx)
    if dl:
        m = dl
        place = m.group("place")
        found = places(place, cities=True)
        if found and not found[0].city:
            country = found[0].code
        else:
            city = ctx.body[m.start("place") : m.end("place")]
            if city.isupper():
                city = city.title()
            country = city_country(place)
        if m.group("country") and places(m.group("country")):
            country = places(m.group("country"))[0].code
        stamp = _DATE.search("on " + m.group("date")) if m.group("date") else None
        when = _month_day(stamp, ctx.year) if stamp else None
        quote_span = (m.start(), m.end())
    host, host_span = _host(ctx)
    country = country or host
    explicit: date | None = None
    dated = set(ctx.segments_with(_MONTH_KEYS))
    for idx in ctx.segments_with(_EVENT_KEYS):
        seg = ctx.segments[idx]
        chunk = ctx.text[seg.start : seg.end]
        if explicit is None and idx in dated and _EVENT_CUE.search(chunk):
            d = _DATE.search(chunk)
            if d:
                explicit = _month_day(d, ctx.year)
        cities = [p for p in ctx.places_in(seg.start, seg.end) if p.city] if city is None else []
        if cities and _PLACE_CUE.search(chunk):
            for p in cities:
                if p.city and (country is None or p.code == country) and p.code in ctx.sides:
                    city = ctx.body[p.start : p.end]
                    country = country or p.code
                    quote_span = quote_span or (seg.start, seg.end)
                    break
    when = explicit or when or _weekday_date(ctx)
    kind = _KIND.search(ctx.text)
    quote = ctx.body[quote_span[0] : quote_span[1]] if quote_span else None
    if quote is None and host_span:
        quote = ctx.body[host_span[0] : host_span[1]]
    quote = quote.strip(" (-:,") if quote else None
    return DraftEvent(
        city=city,
        country=country,
        date=when.isoformat() if when else None,
        countries=sorted(ctx.sides),
        principals=[ctx.people.show(n) for n in principals(ctx.people, ctx.sides)],
        kind=f"{kind.group(1).lower()} visit" if kind else None,
        quote=quote or None,
    )
