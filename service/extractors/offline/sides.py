"""Parties named as the sides of the visit rather than by name: "both countries", "the two Ministries of
Defence" (one per side), a company whose country is the other side's, an international body (no side).
"""

from __future__ import annotations

import re

from service.extractors.offline.context import Context
from service.extractors.offline.geo import codes_in

Party = tuple[str, str | None]

MINISTRIES = re.compile(
    r"^(?i:the\s+)?(?i:two\s+|both\s+|their\s+(?:respective\s+)?|"
    r"respective\s+)?(?:(?P<adj>[A-Za-z]+(?:\s+[a-z]+)?)\s+)?"
    r"(?P<noun>(?i:ministries|agencies|banks|governments|chambers\s+of\s+commerce|companies|airlines|"
    r"parliaments|universities|railways|authorities|services))"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>[A-Z][^.;]*?))?(?i:\s+of\s+(?:both|the\s+two)\s+(?:nations|countries|sides))?$"
)
INTERNATIONAL = re.compile(
    r"\b(?:European\s+Union|EU|United\s+Nations|UN|African\s+Union|ASEAN|NATO|World\s+Bank|IMF|OPEC|WTO|"
    r"International\s+Monetary\s+Fund|Eurasian\s+Economic\s+Union|EAEU|Mercosur|MERCOSUR|Gulf\s+Cooperation\s+Council|"
    r"GCC|OSCE|Commonwealth\s+of\s+Independent\s+States|Shanghai\s+Cooperation\s+Organi[sz]ation|SCO|BRICS|ECOWAS|"
    r"Asian\s+Development\s+Bank|ADB|African\s+Development\s+Bank|Organi[sz]ation\s+of\s+[A-Z][a-z]+\s+States)\b"
)
"""Bodies that are no country's: a party with country null, never given the other side."""


def fill_countries(ctx: Context, parties: list[Party]) -> list[Party]:
    """A party named without a country ("Petrovietnam") gets the side the others are not from."""
    if len(parties) < 2 or len(ctx.sides) != 2:
        return parties
    known = {c for _, c in parties if c}
    if len(known) == 1:
        (code,) = known
        if code in ctx.sides:
            other = ctx.sides[0] if ctx.sides[1] == code else ctx.sides[1]
            return [(n, c or (None if INTERNATIONAL.search(n) else other)) for n, c in parties]
    return parties


def with_body(ctx: Context, found: list[Party], clause_start: int, head_start: int) -> list[Party]:
    """ "Manila's bid for a free trade agreement with the European Union": a body's partner is the side the
    clause names last before the document (a country, its capital or another of its cities)."""
    if not found or not all(c is None and INTERNATIONAL.search(n) for n, c in found):
        return found
    named = [p.code for p in ctx.places_in(clause_start, head_start) if p.code in ctx.sides]
    return [(ctx.side_name(named[-1]), named[-1]), *found] if named else found


def side_parties(ctx: Context) -> list[Party]:
    """The two countries of the visit as parties, named as the article spells them."""
    return [(ctx.side_name(c), c) for c in ctx.sides]


def ministries(ctx: Context, m: re.Match[str]) -> list[Party]:
    noun = m.group("noun").lower()
    singular = {
        "ministries": "Ministry",
        "agencies": "agency",
        "central banks": "Central Bank",
        "governments": "Government",
        "companies": "company",
        "authorities": "authority",
        "universities": "university",
    }
    head = singular.get(noun, noun.removesuffix("s"))
    adj = (m.group("adj") or "").lower()
    if adj in ("two", "both", "respective", "relevant", "their"):
        adj = ""
    of = m.group("of") or ""
    named = codes_in(of)
    if len(named) >= 2:
        label = f"{adj} {head}".strip()
        label = label[:1].upper() + label[1:]
        return [(f"{label} of {ctx.side_name(code) if code in ctx.sides else code}", code) for code in named]
    out: list[tuple[str, str | None]] = []
    for code in ctx.sides:
        if m.group("of"):
            name = f"{head} of {m.group('of').strip()} of {ctx.side_name(code)}"
        elif adj:
            name = f"{ctx.side_name(code)}'s {adj} {head.lower()}"
        else:
            name = f"{head} of {ctx.side_name(code)}"
        out.append((name, code))
    return out
