"""`event_location`: the talks placed in different cities (or countries) by reports of one event."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from service.countries import city_country
from service.crosscheck.findings.common import Context, Entry, split, tally
from service.crosscheck.model import Draft
from service.textnorm import fold


def _key(city: str) -> str:
    return re.sub(r"[^a-z]", "", fold(city))


def check(ctx: Context) -> list[Draft]:
    places: list[tuple[str, str | None, str | None, list]] = []
    for it in ctx.items:
        loc = it.summary.event.location
        country = loc.country or city_country(loc.city)
        if loc.city or country:
            places.append((it.id, loc.city, country, list(it.summary.event.evidence[:1])))
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
    drafts = split(
        entries,
        kind="event_location",
        severity="error",
        explain=lambda sides: f"The reports place the talks in different cities: {tally(sides)}.",
    )
    if drafts:
        return drafts
    countries = [Entry(a, c, c, tuple(e)) for a, _city, c, e in places if c]
    return split(
        countries,
        kind="event_location",
        severity="error",
        explain=lambda sides: f"The reports place the talks in different countries: {tally(sides)}.",
    )
