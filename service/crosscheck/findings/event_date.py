"""`event_date`: the talks or the signing put on different days, including "on Thursday" when the
day the other reports give was a Wednesday.

A weekday counts only in a sentence about the talks, the reception or the signing (not the
arrival, the departure or a later statement), and only against the date most articles give.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache, partial

from service.crosscheck.findings.common import Context, Entry, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import WEEKDAYS, fold, folded_segments, iso_date, short_date, weekday_name
from service.models import Evidence
from service.vocabulary import SIGNING_WORDS

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
_SIGNING_ALT = "|".join(sorted(SIGNING_WORDS, key=len, reverse=True))
_EVENT = re.compile(
    rf"\b(?:received|receives|met|meet|meets|meeting|talks|held|{_SIGNING_ALT}|witnessed"
    r"|ceremony|agreed|unterzeichnet\w*|ausgetauscht|signe\w*|echange\w*|ondertekend|uitgewisseld)\b"
)
_NOT_EVENT = re.compile(
    r"\b(?:arriv\w*|depart\w*|left|leave|leaving|landed|flew|return\w*|concluding|statement|said|stated|told|announced"
    r"|published|reported|will|next|last)\b"
)
_SIGNING = re.compile(rf"\b(?:{_SIGNING_ALT}|ceremony|talks|negotiations|summit)\b")
_HAPPENED = re.compile(rf"\b(?:{_SIGNING_ALT}|talks|held|met)\b")
_MONTHS_EN = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def weekday_mentions(item: Item) -> list[tuple[int, Evidence]]:
    """Weekdays the body gives for the talks or the signing, with the sentence that gives them."""
    if not item.body:
        return []
    out = []
    for seg, folded in folded_segments(item.body):
        m = _WEEKDAY.search(folded)
        if not m or not _EVENT.search(folded) or _NOT_EVENT.search(folded):
            continue
        if _TIMESTAMP.search(folded):
            continue  # a timestamp line, not a report of the day of the talks
        out.append((_WEEKDAY_WORDS[m.group(1)], Evidence(quote=seg.text, start=seg.start, end=seg.end)))
    return out


_TIMESTAMP = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b")


@lru_cache(maxsize=256)
def _day_pattern(day: dt.date) -> re.Pattern[str]:
    """One pattern for every way a body writes `day` (folded text)."""
    month = _MONTHS_EN[day.month - 1]
    return re.compile(
        "|".join(
            [
                re.escape(day.isoformat()),
                rf"\b{day.day}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{month}\b",
                rf"\b{month}\s+{day.day}(?:st|nd|rd|th)?\b",
                rf"\b{day.day}[/.]{day.month}\b",
                rf"\b{day.day}\.?\s+[a-z]{{3,9}}\b",
            ]
        )
    )


def date_sentences(item: Item, day: dt.date) -> list[Evidence]:
    """Every sentence of the body that writes `day` (ISO, "7 May", "May 7", "7/5", "7. Mai")."""
    if not item.body:
        return []
    pattern, number = _day_pattern(day), str(day.day)
    return [
        Evidence(quote=seg.text, start=seg.start, end=seg.end)
        for seg, folded in folded_segments(item.body)
        if number in folded and pattern.search(folded)  # every way of writing the day has its number
    ]


def date_evidence(item: Item, day: dt.date) -> list[Evidence]:
    """The event's own evidence, or the first sentence of the body that writes that day."""
    if item.summary.event.evidence:
        return list(item.summary.event.evidence[:1])
    return date_sentences(item, day)[:1]


def about_the_event(item: Item, day: dt.date, principals: list[str]) -> bool:
    """False when every sentence giving the day is about something else (another meeting, a timestamp).

    A sentence is about the event when it names one of the event's principals or a signing.
    """
    found = date_sentences(item, day)
    if not found:
        return True
    keys = [fold(p) for p in principals] + [fold(p).split()[-1] for p in principals if len(fold(p).split()[-1]) >= 5]
    for ev in found:
        folded = fold(ev.quote)
        if _SIGNING.search(folded) or any(re.search(rf"\b{re.escape(k)}\b", folded) for k in keys if k):
            return True
    return False


def event_principals(items: list[Item]) -> list[str]:
    """The people most reports of the event name: those named by two or more, else all."""
    counts: dict[str, int] = {}
    for it in items:
        for p in dict.fromkeys(it.summary.event.principals):
            counts[p] = counts.get(p, 0) + 1
    shared = [p for p, n in counts.items() if n >= 2]
    return shared or list(counts)


def _label(day: dt.date) -> str:
    return f"{day.isoformat()} ({weekday_name(day)})"


_RELATIVE = re.compile(
    r"\b(yesterday|the previous day|the day before|today|earlier today"
    r"|(?:last|this past|on the previous) (?:" + "|".join(WEEKDAYS) + r"))\b"
)


def _shift(phrase: str, base: dt.date) -> int:
    """Days from the dateline to the day a relative phrase names ("last Tuesday": the Tuesday before)."""
    if "today" in phrase:
        return 0
    weekday = next((i for i, name in enumerate(WEEKDAYS) if phrase.endswith(name)), None)
    if weekday is None:
        return -1
    return -((base.weekday() - weekday) % 7 or 7)


_MONTH_WORDS = {
    **{m: i + 1 for i, m in enumerate(_MONTHS_EN)},
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "januar",
                "februar",
                "marz",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "dezember",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "janvier",
                "fevrier",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "aout",
                "septembre",
                "octobre",
                "novembre",
                "decembre",
            ]
        )
    },
}
_DATELINE = re.compile(
    r"\b(?:(\d{1,2})\.?\s+(" + "|".join(_MONTH_WORDS) + r")|(" + "|".join(_MONTH_WORDS) + r")\s+(\d{1,2}))\b"
)


def dateline(item: Item, year: int) -> dt.date | None:
    """The day the article's dateline gives ("Baku, May 7, AZERTAC"), in `year` when it has none."""
    if not item.body:
        return None
    head = fold(item.body[:300])
    m = _DATELINE.search(head)
    if not m:
        return None
    day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    try:
        return dt.date(year, _MONTH_WORDS[month], int(day))
    except ValueError:
        return None


def relative_mentions(item: Item, year: int) -> list[tuple[dt.date, Evidence]]:
    """Days the body gives relative to its dateline ("signed the previous day", "last Tuesday"), resolved."""
    base = dateline(item, year)
    if base is None or not item.body:
        return []
    out = []
    for seg, folded in folded_segments(item.body):
        m = _RELATIVE.search(folded)
        if not m or not _HAPPENED.search(folded):
            continue
        shift = _shift(m.group(1), base)
        out.append((base + dt.timedelta(days=shift), Evidence(quote=seg.text, start=seg.start, end=seg.end)))
    return out


def _supporters(ctx: Context, entries: list[Entry], ref: dt.date, skip: str) -> list[Entry]:
    return [e for e in entries if e.key == ref and e.article_id != skip]


def check(ctx: Context) -> list[Draft]:
    items = ctx.items
    principals = event_principals(items)
    dated = [(it, d) for it in items if (d := iso_date(it.summary.event.date)) and about_the_event(it, d, principals)]
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
    said = {it.id: weekday_mentions(it) for it in items}
    for it in items:
        own = iso_date(it.summary.event.date)
        claim: Entry | None = None
        for day, ev in said[it.id]:
            if day != ref.weekday() and not (own is not None and own != ref and own.weekday() == day):
                claim = Entry(it.id, day, WEEKDAYS[day].capitalize(), (ev,))
                break
        if claim is None:
            for resolved, ev in relative_mentions(it, ref.year):
                if resolved != ref and resolved != own:
                    claim = Entry(it.id, resolved, _label(resolved), (ev,))
                    break
        if claim is None:
            continue
        also = [
            Entry(o.id, ref, weekday_name(ref), (ev,))
            for o in items
            if o.id != it.id and all(e.article_id != o.id for e in entries if e.key == ref)
            for day, ev in said[o.id][:1]
            if day == ref.weekday()
        ]
        others = _supporters(ctx, entries, ref, it.id) + also
        if not others:
            continue
        what = claim.text if isinstance(claim.key, int) else short_date(claim.key)  # type: ignore[arg-type]
        drafts += split(
            [claim, *others],
            kind="event_date",
            severity="error",
            groups=[[claim], others],
            explain=partial(_date_differs, what, ref),
        )
    return drafts


def _date_differs(what: str, ref: dt.date, sides: list[list[Entry]]) -> str:
    return (
        f"{sides[0][0].article_id} puts the talks or signing on {what}, but the other reports give "
        f"{short_date(ref)}, a {weekday_name(ref)}."
    )
