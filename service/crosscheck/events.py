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

from service.crosscheck import names
from service.crosscheck.align import ALIGN_MIN, DocFeatures, event_aliases, features, similarity
from service.crosscheck.model import EventGroup, Item
from service.crosscheck.text import iso_date, parse_date, short_date
from service.countries import city_country, country_name
from service.models import PairDecision
from service.textnorm import fold


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

    @property
    def when(self) -> dt.date | None:
        return self.date or self.published

    @property
    def empty(self) -> bool:
        return not (self.countries or self.city or self.place_country or self.when or self.principals or self.docs)


def profile(item: Item, known: dict[str, str]) -> Profile:
    ev = item.summary.event
    city = ev.location.city.strip() if ev.location.city else None
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


def _shared_docs(a: Profile, b: Profile) -> int:
    pairs = sorted(
        ((similarity(x, y), x.index, y.index) for x in a.docs for y in b.docs),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, i, j in pairs:
        if score < ALIGN_MIN:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


def decide(a: Profile, b: Profile) -> tuple[PairDecision, bool]:
    """The decision for one pair, and whether it is closed (never the same event)."""
    score = 0.0
    reasons: list[str] = []
    closed = False
    place_differs = False
    if a.countries and b.countries:
        if a.countries == b.countries:
            score += 1.0
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
    if a.when and b.when:
        date_gap = abs((a.when - b.when).days)
        both_stated = a.date is not None and b.date is not None
        if date_gap <= 1:
            score += 1.5 if both_stated else 0.5
        elif date_gap <= 3:
            score += 0.5 if both_stated else 0.0
        elif date_gap <= 21:
            score -= 1.0 if both_stated else 0.0
        else:
            score -= 3.0 if both_stated or date_gap > 45 else 1.5
            closed = closed or (both_stated and date_gap > 30) or date_gap > 90
    if place_differs or (date_gap is not None and date_gap > 3):
        reasons.insert(0, f"{_where(a)}, {_when(a, True)} vs {_where(b)}, {_when(b, True)}")
    elif a.city_key and b.city_key:
        reasons.append(f"both in {a.city}")
    if a.principals and b.principals:
        shared = [x for x in a.principals if any(names.same_person(x, y) for y in b.principals)]
        if shared:
            score += 2.0 if len(shared) >= 2 else 1.5
            reasons.append(f"same principals ({', '.join(shared)})")
        else:
            score -= 1.5
            reasons.append("different principals")
    shared_docs = _shared_docs(a, b) if a.docs and b.docs else 0
    if shared_docs >= 2:
        score += 1.5
        reasons.append(f"{shared_docs} documents in common")
    elif shared_docs == 1:
        score += 0.5
        reasons.append("1 document in common")
    if place_differs and (closed or (date_gap is not None and date_gap > 3) or "different principals" in reasons):
        closed = True
    if a.empty or b.empty:
        reasons.append("not enough in the summary to tell (no place, date, sides, principals or documents)")
    same = score > 0.0 and not closed
    decision = PairDecision(
        articles=(a.item.id, b.item.id),
        same_event=same,
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

    clusters: dict[str, list[str]] = {}
    for it in items:
        clusters.setdefault(stand_for[it.id], []).append(it.id)
    groups = list(clusters.values())
    while True:
        best: tuple[float, int, int] | None = None
        for i, j in combinations(range(len(groups)), 2):
            pairs = [decisions[frozenset((x, y))] for x in groups[i] for y in groups[j]]
            if any(closed for _, closed in pairs):
                continue
            if not any(d.same_event for d, _ in pairs):
                continue
            mean = sum(d.score for d, _ in pairs) / len(pairs)
            if mean > 0.5 and (best is None or mean > best[0]):
                best = (mean, i, j)
        if best is None:
            break
        _, i, j = best
        groups[i] = groups[i] + groups[j]
        del groups[j]

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


def _separation_notes(events: list[EventGroup], decisions: dict[frozenset[str], tuple[PairDecision, bool]]) -> list[str]:
    notes: list[str] = []
    pairs = list(combinations(events, 2))
    for e1, e2 in pairs[:20]:
        cross = [decisions[frozenset((x.id, y.id))][0] for x in e1.members for y in e2.members]
        best = max(cross, key=lambda d: d.score)
        why = "; ".join(r for r in best.reasons if not r.startswith("same ")) or "too little in common"
        notes.append(
            f"Not compared: {', '.join(m.id for m in e1.members)} and {', '.join(m.id for m in e2.members)} "
            f"report different events ({why})."
        )
    if len(pairs) > 20:
        notes.append(f"{len(pairs) - 20} more pairs of events were kept apart; see `pairs` for every decision.")
    return notes
