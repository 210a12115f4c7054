"""`figure`: one amount given differently ($680 million against $655 million for the same thing).

Amounts are compared only where the thing is known to be the same: the quotes of one aligned
document, or two pledges whose wording matches closely, in the same currency.
"""

from __future__ import annotations

import re
from itertools import combinations

from rapidfuzz import fuzz

from service.crosscheck.findings.common import Context, Entry, quoted, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import fold
from service.models import Evidence

_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "crore": 1e7, "lakh": 1e5}  # fmt: skip
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "€": "EUR", "eur": "EUR",
             "euros": "EUR", "euro": "EUR", "£": "GBP", "gbp": "GBP", "pounds": "GBP", "rs": "INR", "rs.": "INR",
             "inr": "INR", "₹": "INR", "rupees": "INR", "manat": "AZN", "manats": "AZN", "azn": "AZN",
             "rubles": "RUB", "roubles": "RUB", "rub": "RUB", "yuan": "CNY", "cny": "CNY", "vnd": "VND", "dong": "VND"}  # fmt: skip
_SCALES = r"(?:(thousand|million|billion|trillion|crore|lakh|mn|bn|k|m|b)\b)"
_BEFORE = re.compile(r"(us\$|\$|€|£|₹|usd|eur|gbp|inr|azn|rs\.?)\s?(\d[\d,]*(?:\.\d+)?)\s*" + _SCALES + "?", re.I)
_AFTER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*" + _SCALES + r"?\s*(dollars?|euros?|pounds|rupees|manats?|rubles|roubles|yuan|dong)\b",
    re.I,
)


def amounts(text: str, offset: int = 0) -> list[tuple[tuple[str, float], Evidence]]:
    """(currency, value) pairs written in `text`, each with its span (shifted by `offset`)."""
    out = []
    for m in _BEFORE.finditer(text):
        cur, num, scale = m.group(1), m.group(2), m.group(3)
        out.append(((_CURRENCY[cur.lower()], _value(num, scale)), _ev(text, m, offset)))
    for m in _AFTER.finditer(text):
        num, scale, cur = m.group(1), m.group(2), m.group(3)
        out.append(((_CURRENCY[cur.lower()], _value(num, scale)), _ev(text, m, offset)))
    return out


def _value(num: str, scale: str | None) -> float:
    return float(num.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)


def _ev(text: str, m: re.Match[str], offset: int) -> Evidence:
    return Evidence(quote=text[m.start() : m.end()].strip(), start=offset + m.start(), end=offset + m.end())


def _show(key: tuple[str, float]) -> str:
    cur, v = key
    for name, scale in (("billion", 1e9), ("million", 1e6)):
        if v >= scale:
            return f"{cur} {v / scale:g} {name}"
    return f"{cur} {v:g}"


def _compare(found: dict[str, list[tuple[tuple[str, float], Evidence]]], what: str, key: str | None) -> list[Draft]:
    by_currency: dict[str, list[Entry]] = {}
    for article_id, pairs in found.items():
        for (cur, v), ev in pairs[:1]:
            by_currency.setdefault(cur, []).append(Entry(article_id, v, _show((cur, v)), (ev,)))
    drafts: list[Draft] = []
    for entries in by_currency.values():
        drafts += split(
            entries,
            kind="figure",
            severity="error",
            document=key,
            explain=lambda sides: f"The reports give different amounts for {what}: {tally(sides)}.",
        )
    return drafts


def _doc_amounts(item: Item, index: int) -> list[tuple[tuple[str, float], Evidence]]:
    doc = item.documents[index]
    out = []
    for ev in doc.evidence:
        out += amounts(ev.quote, ev.start)
    return out


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
    return drafts
