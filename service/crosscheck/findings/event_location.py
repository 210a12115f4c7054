"""`event_location`: the talks placed in different cities by reports of one event.

Only cities are compared, and only those the body confirms (a known city, "in X", a dateline):
a country alone is too often the extractor's guess to contradict another report. A report that
names the majority's city anywhere in its body is not counted as placing the talks elsewhere.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from service.countries import city_country
from service.crosscheck.events import trusted_city
from service.crosscheck.findings.common import Context, Entry, camps, split, tally
from service.crosscheck.model import Draft
from service.crosscheck.text import fold


def _key(city: str) -> str:
    return re.sub(r"[^a-z]", "", fold(city))


def _names(body: str, city: str) -> bool:
    return bool(re.search(rf"\b{re.escape(fold(city))}\b", body))


def check(ctx: Context) -> list[Draft]:
    places: list[tuple[str, str | None, str | None, list]] = []
    for it in ctx.items:
        city = trusted_city(it)
        country = it.summary.event.location.country or city_country(city)
        if city or country:
            places.append((it.id, city, country, list(it.summary.event.evidence[:1])))
    keys: list[str] = []
    entries: list[Entry] = []
    for article_id, city, country, evidence in places:
        if not city:
            continue
        k = _key(city)
        match = next((x for x in keys if x == k or fuzz.ratio(x, k) >= 80), None)
        if match is None:
            keys.append(k)
            match = k
        text = f"{city}, {country}" if country else city
        entries.append(Entry(article_id, match, text, tuple(evidence)))
    found = camps(entries)
    if len(found) >= 2:
        # A report whose body names the majority's city does not place the talks elsewhere: its own
        # city is where it was filed (a dateline) or where the visitor came home to.
        majority = {e.text.split(",")[0] for e in found[0]}
        bodies = {it.id: fold(it.body or "") for it in ctx.items}
        keep = [e for e in entries if e in found[0] or not any(_names(bodies[e.article_id], c) for c in majority)]
        entries = keep
    return split(
        entries,
        kind="event_location",
        severity="error",
        explain=lambda sides: f"The reports place the talks in different cities: {tally(sides)}.",
    )
