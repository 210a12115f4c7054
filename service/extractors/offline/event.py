"""Where and when the talks or the signing took place, who met, and which countries are the sides.

Sources: a dateline ("BAKU, May 7 -", "ISLAMABAD:", "Dhaka, 2 December 2026:"); a dated
sentence about the talks ("held talks in Baku on May 7"), else the weekday or relative day of
the talks ("on Tuesday", "the previous day", see `dates`), else the dateline's date; "visit to
<country>" for the host when no city is given, and for a story that only says "here", the side
that is not the guest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from service.countries import city_country
from service.extractors.offline.context import Context
from service.extractors.offline.dates import DATE, MONTH, MONTH_KEYS, month_day, published_date, relative_date
from service.extractors.offline.geo import places
from service.extractors.offline.principals import principals
from service.extractors.offline.sentences import Segment
from service.models.draft import DraftEvent
from service.vocabulary import (
    ARRIVAL_WORDS,
    EVENT_PRESENCE_WORDS,
    LANDMARKS,
    LIVE_BLOG_MIN_STAMPS,
    NOT_VENUE_WORDS,
    SIGNED_PARTICIPLES,
    SIGNING_STEMS_RE,
    STRONG_VENUE_PREPOSITIONS,
    VENUE_PREPOSITIONS,
    VENUE_WINDOW,
    alternation,
)

_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2})(?:\s*/\s*[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2})?"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?))?"
    rf"(?:,\s*(?P<date>(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d-\d\d-\d\d))?"
    r"(?:,?\s*[A-Z]{2,}\b)?"
    r"\s*(?:[-:.(/]|a\u20ac|$)"  # "a\u20ac" is what the ASCII view leaves of a mojibake dash ("\u00e2\u20ac\u201d")
)
_PLACE_DATE = re.compile(
    r"[(,]\s*(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2}),\s*"
    rf"(?P<date>\d{{1,2}}\s+{MONTH},?\s+(?:19|20)\d\d|{MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d)\)?\s*$"
)
"""A title line that ends with where and when ("Press statements by ..., Hanoi, 12 November 2026",
"Joint Declaration of the ... Meeting (Rabat, 16 June 2026)"): a dateline at the end of the line."""
_NOT_PLACES = frozenset(
    [
        "LIVE", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "COMMENT", "FEATURE",
        "TRANSCRIPT", "INTERVIEW", "EXPLAINER", "FACTBOX", "WATCH", "VIDEO", "PHOTOS", "PRESS RELEASE", "NEWS RELEASE",
        "STATEMENT", "READOUT", "DIPLOMACY", "POLITICS", "WORLD", "BUSINESS", "ECONOMY", "NEWS",
    ]
)  # fmt: skip
"""Labels that open a page the way a dateline does ("LIVE:", "TRANSCRIPT -"), not places."""
_PRESENCE = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in EVENT_PRESENCE_WORDS)
_ARRIVAL = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ARRIVAL_WORDS)
_EVENT_CUE = re.compile(  # on `ctx.low`: a lower-case pattern is several times faster than (?i)
    r"\b(?:talks|visit|visited|visiting|signed|signing|received|summit|ceremony|arrived|witnessed|held|"
    + _PRESENCE
    + r")\b"
)
_PLACE_CUE = re.compile(
    r"\b(?:talks|visit|visited|visiting|signed|signing|received|summit|ceremony|arrived|witness\w*|watched|is\s+in|stay|"
    r"seal\w*|welcomed|hosted|discussions|" + _PRESENCE + "|" + _ARRIVAL + r")\b"
)
_VENUE_CUE = re.compile(
    r"\b(?:"
    + SIGNING_STEMS_RE
    + r"|witness\w*|held|visit\w*|tour|trip|ceremony|"
    + _PRESENCE
    + "|"
    + _ARRIVAL
    + r"|left|leaves|departed|returned|back|issued|adopted)\b"
)
"""A sentence that can say where the talks were: one about signing, meeting, visiting or travelling."""
_VENUE_BEFORE = re.compile(r"(?:^|\W)(?:" + alternation(VENUE_PREPOSITIONS) + r")\s+(?:the\s+)?$")
_STRONG_BEFORE = re.compile(r"(?:^|\W)(?:" + alternation(STRONG_VENUE_PREPOSITIONS) + r")\s+(?:the\s+)?$")
_NOT_VENUE = re.compile(r"\b(?:" + alternation(NOT_VENUE_WORDS) + r")\b")
_OTHER_TIME = re.compile(r"\s*(?:,\s*)?(?:in\s+(?P<year>(?:19|20)\d\d)|last\s+(?:year|month|week)|next\s+\w+|ago)\b")
_VISIT_TO = re.compile(
    r"\b(?:visit\s+(?:to|in)\s+|visit\b[^.;]{0,90}?\bto\s+|visited\s+|visiting\s+|arrived\s+in\s+|trip\s+to\s+|"
    r"tour\s+of\s+)(?:the\s+)?"
    r"(?P<where>[A-Z][A-Za-z]+(?:\s(?:of\s)?[A-Z][A-Za-z]+){0,3})"
)
_VISIT_OF = re.compile(r"\bvisit\s+of\s+(?:the\s+)?(?P<who>[A-Z][A-Za-z]+)\s+(?:President|Prime\s+Minister|PM|leader)")
_EVENT_KEYS = (
    "talks", "visit", "sign", "received", "summit", "ceremony", "arrived", "witness", "held", "watched", "seal",
    "welcomed", "hosted", "discussions", " is in ", "stay",
)  # fmt: skip
_HERE = re.compile(
    r"(?i)\b(?:held|"
    + "|".join(SIGNED_PARTICIPLES)
    + r"|arrived|talks|met|ceremony|received|welcomed|hosted|visit\w*)\b"
    r"[^.;]{0,60}?\bhere\b"
)
_VISITING = re.compile(r"\bvisiting\s+(?P<nat>[A-Z][a-z]+)\b")
_KIND = re.compile(r"\b(state|official|working|ministerial|private|friendly)\s+visit\b")


_DATE_LINE = re.compile(
    rf"\s*(?P<date>(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}),?\s*(?:19|20)\d\d)(?:,?\s+\d{{1,2}}:\d\d(?:\s*[AaPp][Mm])?)?\s*$"
)
"""A line that is only a date and a time ("August 19, 2026 20:15") above the story: the date it was filed."""


def _date_line(ctx: Context) -> date | None:
    for seg in ctx.segments[:4]:
        m = _DATE_LINE.match(ctx.text, seg.start, seg.end)
        if m:
            stamp = DATE.search("on " + m.group("date").replace(",", ", "))
            return month_day(stamp, ctx.year) if stamp else None
    return None


_STAMP = re.compile(r"\s*\d{1,2}[:.]\d\d\b")


def _live_blog(ctx: Context) -> bool:
    """Whether the story is a live blog: several lines open with a time of day."""
    stamps = 0
    for seg in ctx.segments:
        if _STAMP.match(ctx.text, seg.start, seg.end):
            stamps += 1
            if stamps >= LIVE_BLOG_MIN_STAMPS:
                return True
    return False


def _about_sides(ctx: Context, seg: Segment) -> bool:
    """Whether a sentence can date the visit: it does not put its meeting in a third country ("attended
    the G7 summit in Italy on 14 June" dates another meeting), unless it also puts it at a side's place."""
    venues = [
        p.code
        for p in ctx.places_in(seg.start, seg.end)
        if _VENUE_BEFORE.search(ctx.low, max(seg.start, p.start - VENUE_WINDOW), p.start)
    ]
    return not venues or any(code in ctx.sides for code in venues)


def _iso_date(text: str) -> date | None:
    """A dateline written as an ISO date ("TALLINN, 2026-05-14 -"), when it is a real day."""
    try:
        return date.fromisoformat(text) if len(text) == 10 and text[4] == "-" else None
    except ValueError:
        return None


def _dateline(ctx: Context) -> re.Match[str] | None:
    for seg in ctx.segments[:6]:
        m = _DATELINE.match(ctx.text, seg.start, seg.end)
        if not m:
            continue
        place = m.group("place")
        if place.upper() in _NOT_PLACES:
            continue
        known = bool(places(place, cities=True) or city_country(place))
        continues = m.end() < seg.end - 10 or bool(m.group("date"))
        # "ISLAMABAD:" opens a story, "PRESENTER:" a line of a transcript: a known place or a date tells them apart
        label = ctx.text[m.end() - 1 : m.end()] == ":" and not m.group("date")
        if (place.isupper() and continues and not label) or (known and (m.group("date") or continues)):
            return m
    for seg in ctx.segments[:3]:
        m = _PLACE_DATE.search(ctx.text, seg.start, seg.end)
        if m and (places(m.group("place"), cities=True) or city_country(m.group("place"))):
            return m
    return None


@dataclass(frozen=True, slots=True)
class _Venue:
    """A place the text gives as where the talks were: a side's city or country, or a landmark."""

    code: str
    city: str | None
    span: tuple[int, int]  # the sentence
    strong: bool  # a city, a landmark, or a country after "visit to"
    position: int


def _venue_at(ctx: Context, seg_start: int, seg_end: int, start: int, end: int) -> bool | None:
    """Whether `text[start:end]` is given as the venue: None when it is not, else whether strongly."""
    low = ctx.low
    before = max(seg_start, start - VENUE_WINDOW)
    if not _VENUE_BEFORE.search(low, before, start):
        return None
    clause = low[seg_start:start]
    cut = max(clause.rfind(","), clause.rfind(";"), clause.rfind("("), clause.rfind(":"))
    if _NOT_VENUE.search(clause, cut + 1):
        return None
    after = _OTHER_TIME.match(low, end, min(seg_end, end + 24))
    if after and (not after.group("year") or int(after.group("year")) != ctx.year):
        return None
    return _STRONG_BEFORE.search(low, before, start) is not None


def _venues(ctx: Context) -> list[_Venue]:
    """Places (of a side) the text gives as where the talks were, in text order.

    "talks at the presidential office in Seoul", "on an official visit to Finland", "left Hanoi for
    Jakarta", "is in Tokyo", "at the Kremlin": a side's country, city or seat of government right
    after a venue preposition, in a sentence about signing, meeting or visiting. Not a venue: a place
    in a clause about the future or about speech ("is due to visit a shipyard in Busan", "invited him
    to visit Tashkent", "told reporters in Gaborone") or dated to another year ("signed in Warsaw in
    2023"). A country after "in" is weak evidence ("a letter of intent on the production of vehicles
    in Ukraine"): it does not overrule a dateline, a city or a "visit to" does.
    """
    out: list[_Venue] = []
    if not ctx.sides:
        return out
    low = ctx.low
    # one scan of the whole text: most articles name no landmark of a side
    landmarks = [(k, v) for k, v in LANDMARKS.items() if v[1] in ctx.sides and k in low]
    for seg in ctx.segments:
        if not _VENUE_CUE.search(low, seg.start, seg.end):
            continue
        for p in ctx.places_in(seg.start, seg.end):
            if p.code not in ctx.sides or not (p.noun or p.city):
                continue
            strong = _venue_at(ctx, seg.start, seg.end, p.start, p.end)
            if strong is None:
                continue
            # a city state ("the Leaders' Retreat in Singapore") names its city too
            city = ctx.body[p.start : p.end] if p.city or city_country(ctx.text[p.start : p.end]) == p.code else None
            out.append(_Venue(p.code, city, (seg.start, seg.end), bool(p.city or strong), p.start))
        for key, (city, code) in landmarks:
            i = low.find(key, seg.start, seg.end)
            if i < 0:
                continue
            strong = _venue_at(ctx, seg.start, seg.end, i, i + len(key))
            if strong is not None:
                out.append(_Venue(code, city, (seg.start, seg.end), True, i))
    out.sort(key=lambda v: v.position)
    return out


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


def _here_host(ctx: Context) -> tuple[str | None, tuple[int, int] | None]:
    """ "the signing ceremony held here": the outlet's own country, i.e. the side that is not the guest.

    The guest is the "visiting" side, else the only side whose leaders the text labels with their
    country ("Azerbaijan President Ilham Aliyev" next to an unlabelled "Prime Minister Shehbaz Sharif").
    """
    if len(ctx.sides) != 2:
        return None, None
    for idx in ctx.segments_with(("here",)):
        seg = ctx.segments[idx]
        if not _HERE.search(ctx.text, seg.start, seg.end):
            continue
        guests = {p.code for m in _VISITING.finditer(ctx.text) for p in places(m.group("nat")) if p.code in ctx.sides}
        if not guests:
            guests = {ctx.people.country[n] for n in ctx.people.leaders if n in ctx.people.country}
        if len(guests) == 1 and guests <= set(ctx.sides):
            return next(c for c in ctx.sides if c not in guests), (seg.start, seg.end)
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
        if "country" in m.re.groupindex and m.group("country") and places(m.group("country")):
            country = places(m.group("country"))[0].code
        when = _iso_date(m.group("date")) if m.group("date") else None
        stamp = DATE.search("on " + m.group("date")) if m.group("date") and when is None else None
        when = when or (month_day(stamp, ctx.year) if stamp else None)
        quote_span = (m.start(), m.end())
    if when is None:
        when = _date_line(ctx)
    venues = [v for v in _venues(ctx) if v.strong or country is None]
    if venues and (venues[0].code != country or (city is None and venues[0].city)):
        # the text says where the talks were, and the dateline is elsewhere (the visitor's capital) or
        # names no city
        country = venues[0].code
        city = next((v.city for v in venues if v.city and v.code == country), None)
        quote_span = venues[0].span
    host, host_span = _host(ctx)
    if host is None and country is None:
        host, host_span = _here_host(ctx)
    country = country or host
    explicit: date | None = None
    dated = set(ctx.segments_with(MONTH_KEYS))
    for idx in ctx.segments_with(_EVENT_KEYS):
        seg = ctx.segments[idx]
        chunk = ctx.text[seg.start : seg.end]
        if (
            explicit is None
            and idx in dated
            and _EVENT_CUE.search(ctx.low, seg.start, seg.end)
            and _about_sides(ctx, seg)
        ):
            for d in DATE.finditer(chunk):
                day = month_day(d, ctx.year)
                # "relations established on January 3, 1992": a date of another era is background
                if day and not (ctx.year and abs(day.year - ctx.year) > 1):
                    explicit = day
                    break
        cities = [p for p in ctx.places_in(seg.start, seg.end) if p.city] if city is None else []
        if cities and _PLACE_CUE.search(ctx.low, seg.start, seg.end):
            for p in cities:
                if p.city and (country is None or p.code == country) and p.code in ctx.sides:
                    city = ctx.body[p.start : p.end]
                    country = country or p.code
                    quote_span = quote_span or (seg.start, seg.end)
                    break
    published = ctx.header_date or published_date(ctx.article.published)
    when = explicit or relative_date(ctx, when or published) or when
    if when is None:  # nothing dates the talks: the day the visitor arrived, said with a weekday
        when = relative_date(ctx, published, arrival=True)
    if when is None and _live_blog(ctx):
        when = published
    kind = _KIND.search(ctx.low)
    quote = ctx.body[quote_span[0] : quote_span[1]] if quote_span else None
    if quote is None and host_span:
        quote = ctx.body[host_span[0] : host_span[1]]
    quote = quote.strip(" (-:,") if quote else None
    return DraftEvent(
        city=city,
        country=country,
        date=when.isoformat() if when else None,
        countries=sorted(ctx.sides),
        principals=[ctx.people.show(n) for n in principals(ctx.people, ctx.sides, ctx.text)],
        kind=f"{kind.group(1).lower()} visit" if kind else None,
        quote=quote or None,
    )
