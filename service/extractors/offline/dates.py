"""When the talks or the signing took place: dates in the text, weekdays and "the previous day".

A dateline gives the day the story was filed, which is often, not always, the day of the talks:
"ASTANA, June 10 - ... said on Wednesday ... held talks on Tuesday" and "the agreements signed
here the previous day" both put the signing on June 9. A weekday or a relative day is resolved
against the dateline's date when there is one, else against the header date; a weekday attached
to another verb ("said on Wednesday", "the visit, which ended on Friday") or to a future event
("will sign on Friday") is not the day of the talks.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser

from service.extractors.offline.context import Context
from service.vocabulary import (
    ARRIVAL_WORDS,
    EVENT_PRESENCE_WORDS,
    MONTH_NAMES,
    SIGNING_STEMS_RE,
    WEEKDAYS,
    alternation,
)
from service.vocabulary import MONTHS as _MONTHS

MONTH = alternation(MONTH_NAMES) + r"\.?"
MONTH_KEYS = tuple(name[:3] for name in _MONTHS if len(name) <= 3 or name == "may")
_WEEKDAYS = tuple(day.lower() for day in WEEKDAYS)
_WEEKDAY = alternation(WEEKDAYS)
DATE = re.compile(
    rf"\b(?:on|On)\s+(?:{_WEEKDAY},?\s+)?"
    rf"(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?!\s*-\s*\d)(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?\s+(?P<m2>{MONTH})(?!\s*-\s*\d)(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
)
_WHEN = re.compile(
    r"\b(?:[Oo]n\s+(?P<wd>" + _WEEKDAY + r")"
    r"|(?P<back>the\s+(?:previous|preceding)\s+day|the\s+day\s+before|yesterday)|(?P<today>[Tt]oday(?!'s)|[Tt]his\s+morning))\b"
)
_WHEN_KEYS = (*_WEEKDAYS, "previous day", "preceding day", "day before", "yesterday", "today", "this morning")
_PRESENCE = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in EVENT_PRESENCE_WORDS)
_EVENT_VERB = re.compile(
    r"(?i)\b(?:" + SIGNING_STEMS_RE + r"|talks|met|meet|meets|meeting|agreed|held|adopt\w*|"
    r"issued|witness\w*|pen\s+to\s+paper|struck|clinched|initial+ed|ceremony|visit|visits|visited|visiting|is\s+in|"
    + _PRESENCE
    + r")\b"
)
_ARRIVAL_VERB = re.compile(r"(?i)\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ARRIVAL_WORDS) + r")\b")
_PUBLISHED_NOISE = re.compile(r"(?i)republi|per\s+url|retrieved|accessed|archived|crawl|\bor\b")
_NUMERIC_DATE = re.compile(r"^\s*(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)\d{4}\b")
_OTHER_VERB = re.compile(
    r"(?i)\b(?:said|says|told|added|stated|announced|reported|ended|ends|arrived|arrives|left|leaves|departed|began|"
    r"begins|started|starts|returned|returns|landed|flew|flies|fly|flying|heads|headed|wrapped\s+up|concluded\s+(?:his|her|their|the)\s+(?:\w+\s+)?"
    r"visit|will|would|shall|is\s+to|are\s+to|expected|due|scheduled|set\s+to|plans?\s+to|next)\b"
)
"""Verbs a weekday may belong to instead of the talks: speech, travel, and anything still to come."""


def published_date(published: str | None) -> date | None:
    """The header DATE in any everyday form ("January 28, 2026", "03 MAR 2026 6:40PM", "10.02.2026"),
    when it names one day. Dotted numeric dates are day first ("10.02.2026"); a slashed one is read only
    when it cannot be month first ("16/06/2026"). None for a range, an alternative or the day a copy
    was made ("accessed 2026-05-02")."""
    if not published or _PUBLISHED_NOISE.search(published):
        return None
    numeric = _NUMERIC_DATE.match(published)
    if numeric and numeric.group("sep") == "/" and int(numeric.group("a")) <= 12 and int(numeric.group("b")) <= 12:
        return None  # "04/06/2026" is April 6 in one country and June 4 in another
    try:
        parsed = date_parser.parse(published, dayfirst=numeric is not None, default=datetime(1900, 1, 1), fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed.year > 1900 else None


def _about_the_talks(chunk: str, start: int, end: int, verbs: re.Pattern[str] = _EVENT_VERB) -> bool:
    """Whether the weekday at `chunk[start:end]` dates the talks: the nearest verb before it is one of
    signing or meeting, not of speech or travel; with no verb before it ("On Tuesday, in the presence of
    ..., the ministers signed", "Today in Dodoma, the two presidents signed"), the first verb after it."""
    window = max(0, start - 120)
    events = [m.end() for m in verbs.finditer(chunk, window, start)]
    others = [m.end() for m in _OTHER_VERB.finditer(chunk, window, start)]
    if others and (not events or others[-1] > events[-1]):
        return False
    if events:
        return True
    if verbs.match(chunk, end + 1) is not None:
        return True
    if others:
        return False
    following = verbs.search(chunk, end)
    other = _OTHER_VERB.search(chunk, end)
    return following is not None and (other is None or other.start() > following.start())


def month_day(m: re.Match[str], year: int | None) -> date | None:
    """The date a `DATE` match names; the year from the match, else `year`."""
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


def relative_date(ctx: Context, anchor: date | None, *, arrival: bool = False) -> date | None:
    """The day of the talks from "on Tuesday" or "the previous day", counted back from `anchor`; with
    `arrival`, the day of the visitor's arrival ("landed in Cairo on Sunday") instead."""
    if anchor is None:
        return None
    verbs = _ARRIVAL_VERB if arrival else _EVENT_VERB
    for idx in ctx.segments_with(_WHEN_KEYS):
        seg = ctx.segments[idx]
        chunk = ctx.text[seg.start : seg.end]
        for m in _WHEN.finditer(chunk):
            if not _about_the_talks(chunk, m.start(), m.end(), verbs):
                continue
            if m.group("back"):
                return anchor - timedelta(days=1)
            if m.group("today"):
                return anchor
            wd = _WEEKDAYS.index(m.group("wd").lower())
            return anchor - timedelta(days=(anchor.weekday() - wd) % 7)
    return None
