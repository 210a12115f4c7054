"""`figure`: one amount given differently ($680 million against $655 million for the same thing).

Amounts are compared only where the thing is known to be the same: the quotes of one aligned
document, two pledges whose wording matches closely, or two figures stated outside any
document that measure one quantity (the trade target for 2030 in both reports), always in the
same currency or unit.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import combinations

from rapidfuzz import fuzz

from service.crosscheck.amounts import Amount, Figure, amounts, figure, show
from service.crosscheck.findings.common import Context, Entry, quoted, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import fold, segments


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
    key = "stated_figures"
    if key not in item.cache:
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
        item.cache[key] = out
    return item.cache[key]  # type: ignore[return-value]


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
            explain=lambda sides, what=what: f"The reports give different amounts for {what}: {tally(sides)}.",
        )
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
    return drafts + _stated(ctx)
