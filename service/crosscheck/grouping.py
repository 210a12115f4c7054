"""Group articles into events from the pair decisions, with labels, reasons and notes.

Average linkage, never across a closed pair, so one article cannot chain two events together;
copies start in one group.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import combinations, count

from service.countries import country_name
from service.crosscheck.events import Decision, Profile, decide, pair_decisions, profile
from service.crosscheck.features import event_aliases
from service.crosscheck.model import EventGroup, Item
from service.crosscheck.text import fold, short_date
from service.models import PairDecision


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


def _link(items: list[Item], stand_for: dict[str, str], decisions: list[Decision]) -> list[list[str]]:
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
    for d in decisions:
        gx, gy = group_of[d.articles[0]], group_of[d.articles[1]]
        if gx == gy:
            continue
        cell = agg.setdefault((min(gx, gy), max(gx, gy)), [0.0, 0.0, 0.0, 0.0])
        cell[0] += d.score
        cell[1] += 1
        cell[2] = max(cell[2], float(d.closed))
        cell[3] = max(cell[3], float(d.same_event))
    # Only pairs of groups that may still merge are scanned for the best merge (most are closed);
    # ties go to the pair first recorded, as a scan of `agg` in insertion order would.
    seq = {k: n for n, k in enumerate(agg)}
    counter = count(len(seq))
    open_cells = {k for k, (_, _, closed, same) in agg.items() if not closed and same}
    while True:
        best: tuple[float, int, tuple[int, int]] | None = None
        for key in open_cells:
            total, pairs = agg[key][0], agg[key][1]
            mean = total / pairs if pairs else 0.0
            if mean > 0.5 and (best is None or mean > best[0] or (mean == best[0] and seq[key] < best[1])):
                best = (mean, seq[key], key)
        if best is None:
            break
        i, j = best[2]
        groups[i] += groups.pop(j)
        empty = [0.0, 0.0, 0.0, 0.0]
        for k in groups:
            if k == i:
                continue
            ik, jk = (min(i, k), max(i, k)), (min(j, k), max(j, k))
            a, b = agg.pop(ik, empty), agg.pop(jk, empty)
            open_cells.discard(jk)
            if a[1] + b[1] == 0:
                open_cells.discard(ik)
                continue
            cell = agg[ik] = [a[0] + b[0], a[1] + b[1], max(a[2], b[2]), max(a[3], b[3])]
            seq[ik] = next(counter)
            if not cell[2] and cell[3]:
                open_cells.add(ik)
            else:
                open_cells.discard(ik)
        agg.pop((min(i, j), max(i, j)), None)
        open_cells.discard((min(i, j), max(i, j)))
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
    ordered = [
        Decision((a.id, b.id), True, 1.0, ["copies of one text"], False)
        if stand_for[a.id] == stand_for[b.id]
        else decide(profiles[a.id], profiles[b.id])
        for a, b in combinations(items, 2)
    ]
    decisions = {frozenset(d.articles): d for d in ordered}
    groups = _link(items, stand_for, ordered)
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
    pair_list = pair_decisions(ordered)
    return events, pair_list, notes


def _event_reasons(profiles: list[Profile], decisions: dict[frozenset[str], Decision]) -> list[str]:
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


def _separation_notes(events: list[EventGroup], decisions: dict[frozenset[str], Decision]) -> list[str]:
    """Why each pair of events was kept apart, read from their closest pair of articles."""
    notes: list[str] = []
    pairs = list(combinations(events, 2))
    for e1, e2 in pairs[:20]:
        cross = [decisions[frozenset((x.id, y.id))] for x in e1.members for y in e2.members]
        best = max(cross, key=lambda d: d.score)
        why = "; ".join(r for r in best.reasons if not r.startswith("same ")) or "too little in common"
        notes.append(f"Not compared: {_names(e1)} and {_names(e2)} report different events ({why}).")
    if len(pairs) > 20:
        notes.append(f"{len(pairs) - 20} more pairs of events were kept apart; see `pairs` for every decision.")
    return notes
