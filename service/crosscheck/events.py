"""Which articles report the same event, and why: the decision editors must be able to read.

Each pair is scored from what the summaries state: the sides, the place, the date (the
published date counts as a weaker hint), the principals and the documents they share. Some
differences close the question (talks in Hanoi are not talks in Baku; visits months apart
are different visits). Articles are then grouped by average linkage, never across a closed
pair, so one article cannot chain two events together.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from service.countries import city_country, country_name
from service.crosscheck import names
from service.crosscheck.align import DocFeatures, event_aliases, features
from service.crosscheck.model import EventGroup, Item
from service.crosscheck.text import fold, iso_date, parse_date, short_date
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
    d = p.when
    if d is None:
        return "date not stated"
    text = f"{d.day} {d.strftime('%b')}" + (f" {d.year}" if year else "")
    return text if p.date else f"{text} (published)"


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


def decide(a: Profile, b: Profile) -> tuple[PairDecision, bool]:
    """The decision for one pair, and whether it is closed (never the same event).

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
            reasons.append(f"same sides ({', '.join(sorted(a.countries))})")
        elif not a.countries & b.countries:
            score -= 3.0
            closed = True
            reasons.append(f"different sides ({', '.join(sorted(a.countries))} vs {', '.join(sorted(b.countries))})")
        else:
            score -= 0.5
            reasons.append(f"sides differ ({', '.join(sorted(a.countries))} vs {', '.join(sorted(b.countries))})")
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
        reasons.insert(0, f"{_where(a)}, {_when(a, True)} vs {_where(b)}, {_when(b, True)}")
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
    decision = PairDecision.model_construct(  # plain values; the report is schema-validated as a whole
        articles=(a.item.id, b.item.id),
        same_event=score > 0.0 and strong and not closed,
        score=round(1.0 / (1.0 + math.exp(-score)), 3),
        reasons=reasons,
    )
    return decision, closed


def _label(profiles: list[Profile]) -> tuple[str, str]:
    cities = Counter(p.city for p in profiles if p.city)
    places = Counter(p.place_country for p in profiles if p.place_country)
    dates = Counter(p.date for p in profiles if p.date)
    sides = Counter(tuple(sorted(p.countries)) for p in profiles if p.countries)
    people = Counter(n for p in profiles for n in p.principals)
    city = cities.most_common(1)[0][0] if cities else (country_name(places.most_common(1)[0][0]) if places else None)
    day = min(dates, key=lambda d: (-dates[d], d)) if dates else None
    side = sides.most_common(1)[0][0] if sides else ()
    who = [n for n, _ in people.most_common(2)]
    parts = [x for x in (city, short_date(day) if day else None) if x]
    label = ", ".join(parts) or "event"
    if side:
        label += f": {'-'.join(side)}"
    if who:
        label += f" ({', '.join(who)})"
    slug = "-".join([*(s.lower() for s in side), *(fold(city).split() if city else []), day.isoformat() if day else ""])
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "event"
    return slug, label


def _link(
    items: list[Item], stand_for: dict[str, str], decisions: dict[frozenset[str], tuple[PairDecision, bool]]
) -> list[list[str]]:
    """Average-linkage grouping that never joins two groups holding a closed pair.

    Copies start in one group. Per pair of groups the sums are kept and updated on each merge,
    so fifty articles cost a few thousand additions, not a rescan of every pair per merge.
    """
    start: dict[str, list[str]] = {}
    for it in items:
        start.setdefault(stand_for[it.id], []).append(it.id)
    groups: dict[int, list[str]] = dict(enumerate(start.values()))
    group_of = {x: g for g, members in groups.items() for x in members}
    # (sum of scores, pairs, any closed, any same) per pair of group keys
    agg: dict[tuple[int, int], list[float]] = {}
    for pair, (d, closed) in decisions.items():
        x, y = tuple(pair)
        gx, gy = group_of[x], group_of[y]
        if gx == gy:
            continue
        cell = agg.setdefault((min(gx, gy), max(gx, gy)), [0.0, 0.0, 0.0, 0.0])
        cell[0] += d.score
        cell[1] += 1
        cell[2] = max(cell[2], float(closed))
        cell[3] = max(cell[3], float(d.same_event))
    while True:
        best: tuple[float, int, int] | None = None
        for (i, j), (total, count, closed, same) in agg.items():
            mean = total / count if count else 0.0
            if not closed and same and mean > 0.5 and (best is None or mean > best[0]):
                best = (mean, i, j)
        if best is None:
            break
        _, i, j = best
        groups[i] += groups.pop(j)
        empty = [0.0, 0.0, 0.0, 0.0]
        for k in groups:
            if k == i:
                continue
            a, b = agg.pop((min(i, k), max(i, k)), empty), agg.pop((min(j, k), max(j, k)), empty)
            agg[(min(i, k), max(i, k))] = [a[0] + b[0], a[1] + b[1], max(a[2], b[2]), max(a[3], b[3])]
        agg.pop((min(i, j), max(i, j)), None)
    return list(groups.values())


def reference_date(profiles: list[Profile]) -> dt.date | None:
    """The date most articles of the event give for the talks or the signing."""
    dates = Counter(p.date for p in profiles if p.date)
    return min(dates, key=lambda d: (-dates[d], d)) if dates else None


def group_events(
    items: list[Item], stand_for: dict[str, str]
) -> tuple[list[EventGroup], list[PairDecision], list[str]]:
    """Events (in input order of their first article), every pair's decision, and notes."""
    known = event_aliases(items)
    profiles = {it.id: profile(it, known) for it in items}
    order = {it.id: n for n, it in enumerate(items)}
    decisions: dict[frozenset[str], tuple[PairDecision, bool]] = {}
    for a, b in combinations(items, 2):
        if stand_for[a.id] == stand_for[b.id]:
            decisions[frozenset((a.id, b.id))] = (
                PairDecision(articles=(a.id, b.id), same_event=True, score=1.0, reasons=["copies of one text"]),
                False,
            )
        else:
            decisions[frozenset((a.id, b.id))] = decide(profiles[a.id], profiles[b.id])

    groups = _link(items, stand_for, decisions)
    events: list[EventGroup] = []
    slugs: Counter[str] = Counter()
    for ids in sorted(groups, key=lambda g: min(order[x] for x in g)):
        ids.sort(key=order.__getitem__)
        members = [profiles[x].item for x in ids]
        compared = [m for m in members if stand_for[m.id] == m.id]
        slug, label = _label([profiles[x] for x in ids])
        slugs[slug] += 1
        event_id = slug if slugs[slug] == 1 else f"{slug}-{slugs[slug]}"
        events.append(
            EventGroup(
                event_id=event_id,
                label=label,
                members=members,
                compared=compared,
                reasons=_event_reasons([profiles[m.id] for m in compared], decisions),
                reference_date=reference_date([profiles[m.id] for m in compared]),
            )
        )
    notes = _separation_notes(events, decisions)
    for p in profiles.values():
        if p.empty:
            notes.append(
                f"{p.item.id}: its summary states no place, date, sides, principals or documents, "
                "so it was not matched to any event"
            )
    pair_list = [decisions[frozenset((a.id, b.id))][0] for a, b in combinations(items, 2)]
    return events, pair_list, notes


def _event_reasons(profiles: list[Profile], decisions: dict[frozenset[str], tuple[PairDecision, bool]]) -> list[str]:
    if len(profiles) == 1:
        return ["the only article of this event"]
    n = len(profiles)
    out: list[str] = []
    sides = Counter(tuple(sorted(p.countries)) for p in profiles if p.countries)
    if sides:
        side, count = sides.most_common(1)[0]
        out.append(f"sides {', '.join(side)} in {count} of {n} articles")
    cities = Counter(p.city for p in profiles if p.city)
    if cities:
        city, count = cities.most_common(1)[0]
        out.append(f"place {city} in {count} of {n}")
    dates = Counter(p.date for p in profiles if p.date)
    if dates:
        day, count = dates.most_common(1)[0]
        out.append(f"date {short_date(day)} in {count} of {n}")
    people = Counter(x for p in profiles for x in dict.fromkeys(p.principals))
    if people:
        out.append("principals " + ", ".join(f"{x} ({c})" for x, c in people.most_common(3)))
    return out


def _names(event: EventGroup) -> str:
    ids = [m.id for m in event.members]
    shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    return f"{shown} ({event.label})"


def _separation_notes(
    events: list[EventGroup], decisions: dict[frozenset[str], tuple[PairDecision, bool]]
) -> list[str]:
    """Why each pair of events was kept apart, read from their closest pair of articles."""
    notes: list[str] = []
    pairs = list(combinations(events, 2))
    for e1, e2 in pairs[:20]:
        cross = [decisions[frozenset((x.id, y.id))][0] for x in e1.members for y in e2.members]
        best = max(cross, key=lambda d: d.score)
        why = "; ".join(r for r in best.reasons if not r.startswith("same ")) or "too little in common"
        notes.append(f"Not compared: {_names(e1)} and {_names(e2)} report different events ({why}).")
    if len(pairs) > 20:
        notes.append(f"{len(pairs) - 20} more pairs of events were kept apart; see `pairs` for every decision.")
    return notes
