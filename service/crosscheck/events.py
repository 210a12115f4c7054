"""Whether two articles report the same event, and why: the decision editors must be able to read.

Each pair is scored from what the summaries state: the sides, the place, the date (the
published date counts as a weaker hint), the principals and the documents they share. Some
differences close the question (talks in Hanoi are not talks in Baku; visits months apart
are different visits). `grouping` turns the decisions into events.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from pydantic import TypeAdapter
from rapidfuzz import fuzz

from service.countries import city_country, country_name
from service.crosscheck import names
from service.crosscheck.features import DocFeatures, features
from service.crosscheck.model import Item
from service.crosscheck.text import fold, iso_date, parse_date
from service.models import PairDecision


@dataclass
class Profile:
    """What the same-event decision reads from one summary."""

    item: Item
    countries: frozenset[str]
    city: str | None
    city_key: str | None
    place_country: str | None
    date: dt.date | None
    published: dt.date | None
    principals: tuple[str, ...]
    docs: list[DocFeatures]
    bag: dict[str, frozenset[str]] | None = None

    @property
    def when(self) -> dt.date | None:
        return self.date or self.published

    @cached_property
    def sides(self) -> str:
        """ "EE, KZ": how reasons name the sides (written once, read in every pair)."""
        return ", ".join(sorted(self.countries))

    @cached_property
    def place_and_day(self) -> str:
        """ "Hanoi, 4 Sep 2025": how reasons name where and when."""
        return f"{_where(self)}, {_when(self, True)}"

    @property
    def empty(self) -> bool:
        return not (self.countries or self.city or self.place_country or self.when or self.principals or self.docs)


def trusted_city(item: Item) -> str | None:
    """The summary's city when it is a known city or the body places something in it.

    Extractors sometimes take a page heading ("DIPLOMACY") for a dateline; such a "city" must
    neither split an event nor start a location finding.
    """
    city = (item.summary.event.location.city or "").strip()
    if not city:
        return None
    if city_country(city) or not item.body:
        return city
    name = re.escape(city)
    placed = re.search(rf"\b(?:in|at|to|from|near|visit(?:ed|ing)?)\s+(?:the\s+)?{name}\b", item.body)
    dateline = re.search(rf"(?im)^\s*{name}\s*(?:[,:\u2014\u2013]|-\s)", item.body)
    return city if placed or dateline else None


def profile(item: Item, known: dict[str, str]) -> Profile:
    ev = item.summary.event
    city = trusted_city(item)
    city_key = re.sub(r"[^a-z]", "", fold(city)) if city else None
    return Profile(
        item=item,
        countries=frozenset(ev.countries),
        city=city,
        city_key=city_key or None,
        place_country=ev.location.country or city_country(city),
        date=iso_date(ev.date),
        published=parse_date(item.summary.article.published),
        principals=tuple(ev.principals),
        docs=features(item, known),
    )


def _same_city(a: Profile, b: Profile) -> bool:
    assert a.city_key and b.city_key
    return a.city_key == b.city_key or fuzz.ratio(a.city_key, b.city_key) >= 80


def _where(p: Profile) -> str:
    return p.city or country_name(p.place_country) or "place not stated"


def _when(p: Profile, year: bool) -> str:
    return _day_text(p.when, p.date is not None, year)


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=4096)
def _day_text(d: dt.date | None, stated: bool, year: bool) -> str:
    """ "7 May 2025", or "7 May 2025 (published)" when only the publication date is known."""
    if d is None:
        return "date not stated"
    text = f"{d.day} {_MONTH_ABBR[d.month - 1]}" + (f" {d.year}" if year else "")
    return text if stated else f"{text} (published)"


def _bag(p: Profile) -> dict[str, frozenset[str]]:
    """All topic words of an article's documents, per type family (computed once per article)."""
    if p.bag is None:
        bag: dict[str, set[str]] = {}
        for d in p.docs:
            bag.setdefault(d.family, set()).update(d.canon | d.party_words)
        p.bag = {k: frozenset(v) for k, v in bag.items()}
    return p.bag


def _shared_docs(a: Profile, b: Profile) -> int:
    """Documents of `a` whose topic the other article's documents largely share.

    A cheap stand-in for the full alignment (which runs later, inside each event): it only has
    to say whether two reports speak of the same papers, for every pair of articles.
    """
    bag = _bag(b)
    shared = 0
    for d in a.docs:
        words = d.canon | d.party_words
        other = bag.get(d.family)
        if words and other and len(words & other) * 2 >= len(words):
            shared += 1
    return min(shared, len(b.docs))


def _thin(p: Profile) -> bool:
    return not p.countries and not p.principals and not p.docs


def _named_in_text(thin: Profile, other: Profile) -> list[str]:
    """The other article's principals and city that a thin article's body names (any language)."""
    body = thin.item.body
    if not body:
        return []
    folded = fold(body)
    found = []
    for name in [*other.principals, *([other.city] if other.city else [])]:
        key = fold(name)
        if len(key) >= 4 and re.search(rf"\b{re.escape(key)}\b", folded):
            found.append(name)
    return found


class Decision(NamedTuple):
    """One pair's decision as grouping uses it; the report's `PairDecision`s are made in one batch."""

    articles: tuple[str, str]
    same_event: bool
    score: float
    reasons: list[str]
    closed: bool  # never the same event, whatever the other pairs say

    def as_dict(self) -> dict[str, object]:
        return {"articles": self.articles, "same_event": self.same_event, "score": self.score, "reasons": self.reasons}


_PAIRS = TypeAdapter(list[PairDecision])


def pair_decisions(decisions: list[Decision]) -> list[PairDecision]:
    """The report's pair decisions, validated in one call (a fifth of the cost of one model per pair)."""
    return _PAIRS.validate_python([d.as_dict() for d in decisions])


def decide(a: Profile, b: Profile) -> Decision:
    """The decision for one pair, including whether it is closed (never the same event).

    A pair is the same event only with positive evidence beyond the publication dates (same
    sides, place, principals, documents or stated day); it is closed when the sides share no
    country, when stated dates are a month apart, or when the places differ and so do the
    principals or the stated days.
    """
    score = 0.0
    reasons: list[str] = []
    closed = False
    strong = False
    place_differs = False
    principals_differ = False
    if a.countries and b.countries:
        if a.countries == b.countries:
            score += 1.0
            strong = True
            reasons.append(f"same sides ({a.sides})")
        elif not a.countries & b.countries:
            # Visits between different countries: nothing else can make them one event.
            where = f"{a.place_and_day} vs {b.place_and_day}"
            sides = f"different sides ({a.sides} vs {b.sides})"
            return Decision((a.item.id, b.item.id), False, 0.018, [where, sides], True)
        else:
            score -= 0.5
            reasons.append(f"sides differ ({a.sides} vs {b.sides})")
    if a.city_key and b.city_key:
        if _same_city(a, b):
            score += 1.5
            strong = True
        else:
            place_differs = True
            score -= 3.0 if (a.place_country and b.place_country and a.place_country != b.place_country) else 2.0
    elif a.place_country and b.place_country:
        if a.place_country == b.place_country:
            score += 0.5
        else:
            place_differs = True
            score -= 2.0
    date_gap: int | None = None
    stated_gap: int | None = None
    if a.when and b.when:
        date_gap = abs((a.when - b.when).days)
        if a.date and b.date:
            stated_gap = date_gap
        if date_gap <= 1:
            score += 1.5 if stated_gap is not None else 0.25
            strong = strong or stated_gap is not None
        elif date_gap <= 3:
            score += 0.5 if stated_gap is not None else 0.0
        elif date_gap <= 21:
            score -= 1.0 if stated_gap is not None else 0.0
        else:
            score -= 3.0 if stated_gap is not None or date_gap > 45 else 1.5
            closed = closed or (stated_gap is not None and stated_gap > 30)
    if place_differs or (date_gap is not None and date_gap > 3):
        reasons.insert(0, f"{a.place_and_day} vs {b.place_and_day}")
    elif a.city_key and b.city_key:
        reasons.append(f"both in {a.city}")
    if a.principals and b.principals:
        shared = [x for x in a.principals if any(names.same_person(x, y) for y in b.principals)]
        if shared:
            score += 2.0 if len(shared) >= 2 else 1.5
            strong = True
            reasons.append(f"same principals ({', '.join(shared)})")
        else:
            score -= 1.5
            principals_differ = True
            reasons.append("different principals")
    shared_docs = _shared_docs(a, b) if a.docs and b.docs else 0
    if shared_docs:
        score += 1.5 if shared_docs >= 2 else 0.5
        strong = True
        reasons.append(f"{shared_docs} document{'s' if shared_docs > 1 else ''} in common")
    for thin, other in ((a, b), (b, a)):
        if _thin(thin) and not _thin(other) and (hits := _named_in_text(thin, other)):
            score += 1.0 + 0.75 * min(len(hits), 2)
            strong = True
            reasons.append(f"{thin.item.id}'s text names {', '.join(hits)}")
    far_apart = (stated_gap is not None and stated_gap > 3) or (date_gap is not None and date_gap > 60)
    if place_differs and (principals_differ or far_apart):
        closed = True
    if a.empty or b.empty:
        reasons.append("not enough in the summary to tell (no place, date, sides, principals or documents)")
    return Decision(
        (a.item.id, b.item.id),
        score > 0.0 and strong and not closed,
        round(1.0 / (1.0 + math.exp(-score)), 3),
        reasons,
        closed,
    )
