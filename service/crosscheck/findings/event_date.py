"""`event_date`: the talks or the signing put on different days, including "on Thursday" when the
day the other reports give was a Wednesday.

A weekday counts only in a sentence about the talks, the reception or the signing (not the
arrival, the departure or a later statement), and only against the date most articles give.
"""

from __future__ import annotations

import datetime as dt
import re

from service.crosscheck.findings.common import Context, Entry, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import WEEKDAYS, iso_date, segments, short_date, weekday_name
from service.models import Evidence
from service.textnorm import fold

# Weekday names in the languages the corpus and the newsrooms use most, folded.
_WEEKDAY_WORDS: dict[str, int] = {}
for _names in (
    WEEKDAYS,
    ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"),
    ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"),
):
    for _i, _n in enumerate(_names):
        _WEEKDAY_WORDS[_n] = _i
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(_WEEKDAY_WORDS, key=len, reverse=True)) + r")\b")
_EVENT = re.compile(
    r"\b(?:received|receives|met|meet|meets|meeting|talks|held|signed|sign|inked|exchanged|witnessed|adopted"
    r"|ceremony|agreed|unterzeichnet\w*|ausgetauscht|signe\w*|echange\w*|ondertekend|uitgewisseld)\b"
)
_NOT_EVENT = re.compile(
    r"\b(?:arriv\w*|depart\w*|left|leave|leaving|landed|flew|concluding|statement|said|stated|told|announced"
    r"|published|reported|will|next|last)\b"
)
_MONTHS_EN = "january february march april may june july august september october november december".split()


def weekday_mentions(item: Item) -> list[tuple[int, Evidence]]:
    """Weekdays the body gives for the talks or the signing, with the sentence that gives them."""
    if not item.body:
        return []
    out = []
    for seg in segments(item.body):
        folded = fold(seg.text)
        m = _WEEKDAY.search(folded)
        if not m or not _EVENT.search(folded) or _NOT_EVENT.search(folded):
            continue
        if re.search(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b", folded):
            continue  # a timestamp line, not a report of the day of the talks
        out.append((_WEEKDAY_WORDS[m.group(1)], Evidence(quote=seg.text, start=seg.start, end=seg.end)))
    return out


def date_evidence(item: Item, day: dt.date) -> list[Evidence]:
    """The event's own evidence, or the first place the body writes that day."""
    if item.summary.event.evidence:
        return list(item.summary.event.evidence[:1])
    if not item.body:
        return []
    month = _MONTHS_EN[day.month - 1]
    patterns = [
        day.isoformat(),
        rf"\b{day.day}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{month}\b",
        rf"\b{month}\s+{day.day}(?:st|nd|rd|th)?\b",
        rf"\b{day.day}[/.]{day.month}\b",
        rf"\b{day.day}\.?\s+[a-z]{{3,9}}\b",
    ]
    folded = fold(item.body)
    if len(folded) != len(item.body):
        return []
    for pattern in patterns:
        m = re.search(pattern, folded)
        if m:
            return [Evidence(quote=item.body[m.start() : m.end()], start=m.start(), end=m.end())]
    return []


def _label(day: dt.date) -> str:
    return f"{day.isoformat()} ({weekday_name(day)})"


def check(ctx: Context) -> list[Draft]:
    items = ctx.items
    dated = [(it, d) for it in items if (d := iso_date(it.summary.event.date))]
    entries = [Entry(it.id, d, _label(d), tuple(date_evidence(it, d))) for it, d in dated]
    drafts = split(
        entries,
        kind="event_date",
        severity="error",
        explain=lambda sides: f"The reports put the talks or signing on different days: {tally(sides)}.",
    )
    ref = ctx.event.reference_date
    if ref is None:
        return drafts
    ref_day = ref.weekday()
    support = [e for e in entries if e.key == ref]
    said: dict[str, list[tuple[int, Evidence]]] = {it.id: weekday_mentions(it) for it in items}
    for it in items:
        own = iso_date(it.summary.event.date)
        for day, ev in said[it.id]:
            if day == ref_day or (own is not None and own != ref and own.weekday() == day):
                continue
            also = [
                Entry(o.id, ref, weekday_name(ref), (e,))
                for o in items
                if o.id != it.id and all(x.article_id != o.id for x in support)
                for d, e in said[o.id][:1]
                if d == ref_day
            ]
            camp = [Entry(it.id, day, WEEKDAYS[day].capitalize(), (ev,))]
            others = [e for e in support if e.article_id != it.id] + also
            if not others:
                continue
            drafts += split(
                camp + others,
                kind="event_date",
                severity="error",
                groups=[camp, others],
                explain=lambda sides, day=day: (
                    f"{sides[0][0].article_id} puts the talks on a {WEEKDAYS[day].capitalize()}, but the other "
                    f"reports give {short_date(ref)}, a {weekday_name(ref)}."
                ),
            )
            break
    return drafts
