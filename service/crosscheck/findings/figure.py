"""`figure`: one amount given differently ($680 million against $655 million for the same thing).

Amounts are compared only where the thing is known to be the same: the quotes of one aligned
document, two pledges whose wording matches closely, or two figures stated outside any
document that measure one quantity (the trade target for 2030 in both reports), always in the
same currency or unit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import partial
from itertools import combinations

from rapidfuzz import fuzz

from service.crosscheck.amounts import Amount, Figure, amounts, figure, show
from service.crosscheck.findings.common import Context, Entry, quoted, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import content_words, fold, segments
from service.models import Evidence
from service.vocabulary import MONTHS


def _compare(found: dict[str, list[Amount]], what: str, key: str | None) -> list[Draft]:
    by_unit: dict[tuple[str, str | None], list[Entry]] = {}
    for article_id, found_amounts in found.items():
        for a in found_amounts[:1]:
            by_unit.setdefault((a.unit, a.rate), []).append(
                Entry(article_id, a.value, show(a.unit, a.value, a.rate), (a.evidence,))
            )
    drafts: list[Draft] = []
    for entries in by_unit.values():
        drafts += split(
            entries,
            kind="figure",
            severity="error",
            document=key,
            explain=lambda sides: f"The reports give different amounts for {what}: {tally(sides)}.",
        )
    return drafts


def _doc_amounts(item: Item, index: int) -> list[Amount]:
    out = []
    for ev in item.documents[index].evidence:
        out += amounts(ev.quote, ev.start)
    return out


def _spans(item: Item) -> list[tuple[int, int]]:
    """Where the article's documents and pledges are quoted: their amounts are compared through them."""
    spans = [(e.start, e.end) for d in item.documents for e in d.evidence]
    return spans + [(e.start, e.end) for c in item.summary.commitments for e in c.evidence]


def stated_figures(item: Item) -> list[Figure]:
    """Figures the body states outside its documents and pledges, each with what it measures."""
    return item.remember("stated_figures", lambda: _stated_figures(item))


def _stated_figures(item: Item) -> list[Figure]:
    out: list[Figure] = []
    found = amounts(item.body) if item.body else []
    if found:
        taken = _spans(item)
        sentences = segments(item.body or "")
        starts = [seg.start for seg in sentences]
        for a in found:
            if any(s <= a.evidence.start < e for s, e in taken):
                continue
            seg = sentences[max(0, bisect_right(starts, a.evidence.start) - 1)]
            if a.evidence.end <= seg.end and (f := figure(seg, a)) is not None:
                out.append(f)
    return out


def _what(measure: str, horizon: str, target: bool) -> str:
    """ "the trade target for 2030", "the investment figure for last year" """
    return f"the {measure} {'target' if target else 'figure'} for {horizon}"


Quantity = tuple[str, str, str, bool, str | None]


def _stated(ctx: Context) -> list[Draft]:
    by_quantity: dict[Quantity, list[Entry]] = {}
    for it in ctx.items:
        seen: set[Quantity] = set()
        for f in stated_figures(it):
            if f.quantity in seen:
                continue  # an article's first figure for a quantity is its claim
            seen.add(f.quantity)
            text = show(f.amount.unit, f.amount.value, f.amount.rate)
            by_quantity.setdefault(f.quantity, []).append(Entry(it.id, f.amount.value, text, (f.sentence,)))
    drafts: list[Draft] = []
    for (_unit, measure, horizon, target, _rate), entries in by_quantity.items():
        what = _what(measure, horizon, target)
        drafts += split(
            entries,
            kind="figure",
            severity="error",
            explain=partial(_amounts_differ, what),
        )
    return drafts


def _amounts_differ(what: str, sides: list[list[Entry]]) -> str:
    return f"The reports give different amounts for {what}: {tally(sides)}."


# A background fact told with another year ("established in 1698" / "in 1699"): two sentences of
# different reports sharing this many content words, this many of them capitalised names, each
# with one year (not part of a date) at most this far apart.
FACT_SHARED_WORDS = 3
FACT_SHARED_NAMES = 2
FACT_MAX_YEARS_APART = 10
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_DATE_BEFORE = re.compile(
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + "|".join(MONTHS) + r")\.?,?\s*(?:\d{1,2},?\s*)?$", re.I
)
_NAME = re.compile(r"\b[A-Z][\w'’-]+")


@dataclass(frozen=True)
class _Fact:
    year: int
    words: frozenset[str]
    names: frozenset[str]
    evidence: Evidence


def _facts(item: Item) -> list[_Fact]:
    """Sentences of the body that state one year outside a date, with their words and names."""
    return item.remember("year_facts", lambda: _read_facts(item))


def _read_facts(item: Item) -> list[_Fact]:
    out: list[_Fact] = []
    for seg in segments(item.body or ""):
        years = [m for m in _YEAR.finditer(seg.text) if not _DATE_BEFORE.search(seg.text[: m.start()][-24:])]
        if len(years) != 1 or len(_YEAR.findall(seg.text)) != 1:
            continue
        text = seg.text[: years[0].start()] + " " + seg.text[years[0].end() :]
        names = frozenset(fold(n) for n in _NAME.findall(text)) & content_words(text)
        evidence = Evidence(quote=seg.text, start=seg.start, end=seg.end)
        out.append(_Fact(int(years[0].group(1)), content_words(text), frozenset(names), evidence))
    return out


def _dated(about: str, sides: list[list[Entry]]) -> str:
    return f"The reports date one fact about {about} differently: {tally(sides)}."


def _years(ctx: Context) -> list[Draft]:
    """One background fact dated differently by two reports."""
    facts = {it.id: _facts(it) for it in ctx.items}
    reference = ctx.event.reference_date.year if ctx.event.reference_date else None
    drafts: list[Draft] = []
    used: set[tuple[str, int]] = set()
    for ia, ib in combinations([it.id for it in ctx.items], 2):
        for n, fa in enumerate(facts[ia]):
            for m, fb in enumerate(facts[ib]):
                if (
                    fa.year == fb.year
                    or reference in (fa.year, fb.year)
                    or abs(fa.year - fb.year) > FACT_MAX_YEARS_APART
                    or len(fa.names & fb.names) < FACT_SHARED_NAMES
                    or len(fa.words & fb.words) < FACT_SHARED_WORDS
                    or (ia, n) in used
                    or (ib, m) in used
                ):
                    continue
                used |= {(ia, n), (ib, m)}
                entries = [
                    Entry(ia, fa.year, str(fa.year), (fa.evidence,)),
                    Entry(ib, fb.year, str(fb.year), (fb.evidence,)),
                ]
                # every other report telling the same fact joins its camp
                for other in ctx.items:
                    if other.id in (ia, ib):
                        continue
                    for k, fc in enumerate(facts[other.id]):
                        if (
                            (other.id, k) not in used
                            and len(fc.names & fa.names) >= FACT_SHARED_NAMES
                            and len(fc.words & fa.words) >= FACT_SHARED_WORDS
                        ):
                            used.add((other.id, k))
                            entries.append(Entry(other.id, fc.year, str(fc.year), (fc.evidence,)))
                            break
                about = ", ".join(sorted(fa.names & fb.names))
                drafts += split(entries, kind="figure", severity="warning", explain=partial(_dated, about))
    return drafts


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        found = {
            it.id: a for it in ctx.items if it.id in canon.mentions if (a := _doc_amounts(it, canon.mentions[it.id]))
        }
        if len(found) >= 2:
            drafts += _compare(found, quoted(canon.label), canon.key)
    pledges = [
        (it.id, c.text, a)
        for it in ctx.items
        for c in it.summary.commitments
        if (a := [x for ev in c.evidence[:1] for x in amounts(ev.quote, ev.start)])
    ]
    seen: set[tuple[str, str]] = set()
    for (ia, ta, aa), (ib, tb, ab) in combinations(pledges, 2):
        if ia == ib or (ia, ib) in seen or fuzz.token_set_ratio(fold(ta), fold(tb)) < 80:
            continue
        seen.add((ia, ib))
        drafts += _compare({ia: aa, ib: ab}, quoted(ta), None)
    return drafts + _stated(ctx) + _years(ctx)
