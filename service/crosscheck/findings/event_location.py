"""`event_location`: the talks placed in different cities by reports of one event.

Only cities are compared, and only those the body confirms (a known city, "in X", a dateline):
a country alone is too often the extractor's guess to contradict another report.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from service.countries import city_country
from service.crosscheck.events import trusted_city
from service.crosscheck.findings.common import Context, Entry, split, tally
from service.crosscheck.model import Draft
from service.crosscheck.text import fold


def _key(city: str) -> str:
    return re.sub(r"[^a-z]", "", fold(city))


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
    return split(
        entries,
        kind="event_location",
        severity="error",
        explain=lambda sides: f"The reports place the talks in different cities: {tally(sides)}.",
    )
