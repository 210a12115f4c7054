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


@dataclass(frozen=True)
class EventWeights:
    """Every number of the same-event decision, in one place (points summed into a score).

    Positive points need at least one *strong* signal (same sides, same city, a stated day in
    common, a shared principal, shared documents) before a pair can be one event.
    """

    same_sides: float = 1.0
    overlapping_sides: float = -0.5  # one country in common: one visitor, maybe two visits
    same_city: float = 1.5
    other_city: float = -2.0
    other_city_other_country: float = -3.0
    same_place_country: float = 0.5
    other_place_country: float = -2.0
    near_days: int = 1
    same_day: float = 1.5  # stated dates at most `near_days` apart
    same_day_published: float = 0.25  # only publication dates agree
    close_days: int = 3
    close_day: float = 0.5
    weeks_days: int = 21
    weeks_apart: float = -1.0
    far_apart: float = -3.0
    far_apart_published: float = -1.5
    published_far_days: int = 45
    closed_stated_days: int = 30  # stated dates this far apart: different visits, whatever else agrees
    closed_any_days: int = 60
    documents_only_days: int = 7  # stated dates further apart need more than shared documents
    shared_principals: float = 1.5
    shared_principals_two: float = 2.0
    other_principals: float = -1.5
    shared_document: float = 0.5
    shared_documents: float = 1.5
    documents_alone: int = 2  # shared documents that count as strong evidence on their own
    thin_named: float = 1.0
    thin_named_each: float = 0.75
    different_sides_score: float = 0.018  # the reported confidence of a pair closed by its sides


EVENT_WEIGHTS = EventWeights()


def decide(a: Profile, b: Profile, w: EventWeights = EVENT_WEIGHTS) -> Decision:
    """The decision for one pair, including whether it is closed (never the same event).

    A pair is the same event only with positive evidence beyond the publication dates (same
    sides, place, principals, documents or stated day); it is closed when the sides share no
    country, when stated dates are a month apart, or when the places differ and so do the
    principals or the stated days, or when the talks are placed in different countries between
    different sides (a leader's tour: one visitor, two hosts). Stated days over a week apart need
    the same sides or a shared principal besides shared documents (papers of one kind recur).
    """
    score = 0.0
    reasons: list[str] = []
    closed = False
    strong = False
    place_differs = False
    principals_differ = False
    sides_differ = False
    same_sides = False
    same_day = False
    shared_principals = False
    if a.countries and b.countries:
        if a.countries == b.countries:
            score += w.same_sides
            strong = same_sides = True
            reasons.append(f"same sides ({a.sides})")
        elif not a.countries & b.countries:
            # Visits between different countries: nothing else can make them one event.
            where = f"{a.place_and_day} vs {b.place_and_day}"
            sides = f"different sides ({a.sides} vs {b.sides})"
            return Decision((a.item.id, b.item.id), False, w.different_sides_score, [where, sides], True)
        else:
            score += w.overlapping_sides
            # Each side names a country the other lacks (not one report seeing one side only).
            sides_differ = bool(a.countries - b.countries) and bool(b.countries - a.countries)
            reasons.append(f"sides differ ({a.sides} vs {b.sides})")
    if a.city_key and b.city_key:
        if _same_city(a, b):
            score += w.same_city
            strong = True
        else:
            place_differs = True
            other_country = a.place_country and b.place_country and a.place_country != b.place_country
            score += w.other_city_other_country if other_country else w.other_city
    elif a.place_country and b.place_country:
        if a.place_country == b.place_country:
            score += w.same_place_country
        else:
            place_differs = True
            score += w.other_place_country
    date_gap: int | None = None
    stated_gap: int | None = None
    if a.when and b.when:
        date_gap = abs((a.when - b.when).days)
        if a.date and b.date:
            stated_gap = date_gap
        if date_gap <= w.near_days:
            score += w.same_day if stated_gap is not None else w.same_day_published
            same_day = stated_gap is not None  # supports other evidence; on its own many visits share a day
        elif date_gap <= w.close_days:
            score += w.close_day if stated_gap is not None else 0.0
        elif date_gap <= w.weeks_days:
            score += w.weeks_apart if stated_gap is not None else 0.0
        else:
            score += w.far_apart if stated_gap is not None or date_gap > w.published_far_days else w.far_apart_published
            closed = closed or (stated_gap is not None and stated_gap > w.closed_stated_days)
    if place_differs or (date_gap is not None and date_gap > w.close_days):
        reasons.insert(0, f"{a.place_and_day} vs {b.place_and_day}")
    elif a.city_key and b.city_key:
        reasons.append(f"both in {a.city}")
    if a.principals and b.principals:
        shared = [x for x in a.principals if any(names.same_person(x, y) for y in b.principals)]
        if shared:
            score += w.shared_principals_two if len(shared) >= 2 else w.shared_principals
            strong = shared_principals = True
            reasons.append(f"same principals ({', '.join(shared)})")
        else:
            score += w.other_principals
            principals_differ = True
            reasons.append("different principals")
    shared_docs = _shared_docs(a, b) if a.docs and b.docs else 0
    if shared_docs:
        score += w.shared_documents if shared_docs >= 2 else w.shared_document
        strong = strong or shared_docs >= w.documents_alone  # one paper of a common kind proves little alone
        reasons.append(f"{shared_docs} document{'s' if shared_docs > 1 else ''} in common")
    for thin, other in ((a, b), (b, a)):
        if _thin(thin) and not _thin(other) and (hits := _named_in_text(thin, other)):
            score += w.thin_named + w.thin_named_each * min(len(hits), 2)
            strong = True
            reasons.append(f"{thin.item.id}'s text names {', '.join(hits)}")
    far_apart = (stated_gap is not None and stated_gap > w.close_days) or (
        date_gap is not None and date_gap > w.closed_any_days
    )
    other_place_country = bool(a.place_country and b.place_country and a.place_country != b.place_country)
    if place_differs and (principals_differ or far_apart):
        closed = True
    if sides_differ and (other_place_country or (date_gap is not None and date_gap > w.close_days)):
        closed = True  # one leader, two counterparts, in two countries or days apart: two visits
    if a.city_key and b.city_key and other_place_country and stated_gap is not None and stated_gap > 0:
        closed = True  # talks in two countries on two days: a visit and the return visit, not one event
    if stated_gap is not None and stated_gap > w.documents_only_days and not (same_sides or shared_principals):
        closed = True  # only shared documents over a week apart: papers of one kind recur across visits
    if same_day and strong and a.date:
        reasons.append(f"same day ({a.date.isoformat()})")
    if a.empty or b.empty:
        reasons.append("not enough in the summary to tell (no place, date, sides, principals or documents)")
    return Decision(
        (a.item.id, b.item.id),
        score > 0.0 and strong and not closed,
        round(1.0 / (1.0 + math.exp(-score)), 3),
        reasons,
        closed,
    )
