"""When two reports name the same side of a document differently enough to be a contradiction.

Outlets shorten ("Ministry of Public Service" for "... and Administrative Reforms"), translate
("Vietnam National Oil and Gas Group" for Petrovietnam) and generalise ("Azerbaijan" for its
Ministry of Energy); none of that is a conflict. A conflict is a different kind of body (a
ministry against a state company, a government against an agency) or a different ministry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from service.countries import country_code
from service.crosscheck.text import content_words, fold
from service.models import Party

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("government", re.compile(r"\b(?:governments?|intergovernmental|cabinet)\b")),
    ("ministry", re.compile(r"\b(?:ministr(?:y|ies)|ministers?)\b")),
    ("bank", re.compile(r"\bbanks?\b")),
    ("fund", re.compile(r"\bfunds?\b")),
    (
        "company",
        re.compile(
            r"\b(?:compan(?:y|ies)|corporations?|corp|group|jsc|plc|ltd|llc|inc|holding|firm|supplier|producer"
            r"|refining|refinery|petrochemical|airlines?|operator)\b"
        ),
    ),
    (
        "agency",
        re.compile(
            r"\b(?:agenc(?:y|ies)|authority|commission|directorate|centre|center|institute|committee|service"
            r"|department|office|bureau|council|navy|army|police|force|forces|academy|university)\b"
        ),
    ),
]

# Words of a body's name that say what it is rather than which one it is.
_GENERIC = frozenset(
    "ministry ministries minister government of the and relevant agency agencies national state federal "  # noqa: SIM905
    "republic socialist people peoples democratic own its their respective".split()
)
_ACRONYM = re.compile(r"^(.*?)\s*\(\s*([^()]{2,40}?)\s*\)\s*$")


@dataclass(frozen=True)
class Body:
    """A party as the checks see it: what kind of body, and which one."""

    name: str
    country: str | None
    kind: str  # state, government, ministry, bank, fund, company, agency or unknown
    words: frozenset[str]
    aliases: frozenset[str]


def _split_alias(name: str) -> tuple[str, str | None]:
    m = _ACRONYM.match(name.strip())
    if m:
        inner = m.group(2).strip(" \"'\u201c\u201d\u201e")
        return m.group(1), inner
    return name, None


@lru_cache(maxsize=4096)
def _kind(folded: str) -> str:
    """The kind named by the head noun: the first kind word of the name.

    "National Centre for Ocean Information Services, Ministry of Earth Sciences" is a centre
    (an agency) that belongs to a ministry, not the ministry itself.
    """
    best: tuple[int, str] | None = None
    for kind, pattern in _KINDS:
        m = pattern.search(folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else "unknown"


def _is_state(name: str) -> bool:
    core = re.sub(
        r"\b(?:the|republic|socialist|federation|of|state|kingdom|islamic|people's|democratic)\b", " ", fold(name)
    )
    core = re.sub(r"[^a-z' ]", " ", core).strip()
    return bool(core) and country_code(core) is not None


def body(party: Party, known: dict[str, str] | None = None) -> Body:
    """Classify a party; `known` maps aliases seen elsewhere in the event ("socar") to a kind."""
    found = _classify(party.name, party.country)
    if found.kind == "unknown" and known:
        kind = known.get(fold(_split_alias(party.name)[0]).replace(" ", ""), "unknown")
        if kind != "unknown":
            return replace(found, kind=kind)
    return found


@lru_cache(maxsize=16384)
def _classify(name: str, country: str | None) -> Body:
    main, alias = _split_alias(name)
    folded = fold(main)
    aliases = {fold(alias).replace(" ", "")} if alias else set()
    kind = "state" if _is_state(main) else _kind(folded)
    words = frozenset(w for w in content_words(main) if w not in _GENERIC)
    if not alias and re.fullmatch(r"[a-z0-9\-]+", folded):
        aliases.add(folded.replace("-", ""))
    return Body(name=name, country=country, kind=kind, words=words, aliases=frozenset(aliases))


def alias_kinds(parties: list[Party]) -> dict[str, str]:
    """Kinds that full names teach about their short forms: "State Oil Company (SOCAR)" makes SOCAR a company."""
    out: dict[str, str] = {}
    for p in parties:
        main, alias = _split_alias(p.name)
        if alias:
            kind = "state" if _is_state(main) else _kind(fold(main))
            if kind != "unknown":
                out[fold(alias).replace(" ", "")] = kind
    return out


def same_body(a: Body, b: Body) -> bool:
    """One body under two names: a shared short form, or one name's words inside the other's."""
    if a.aliases & b.aliases:
        return True
    if a.kind != b.kind and "unknown" not in (a.kind, b.kind):
        return False
    return bool(a.words and b.words and (a.words <= b.words or b.words <= a.words))


def compatible(a: Body, b: Body, *, strict: bool = False) -> bool:
    """Two names of one side could denote the same body (or one is a generalisation of the other).

    `strict` is for two places of one article: its writer named the body once, so a ministry
    whose remit loses or gains words is a contradiction there.
    """
    if a.kind == "state" or b.kind == "state":
        return True
    if same_body(a, b) and not strict:
        return True
    kinds = {a.kind, b.kind}
    if "unknown" in kinds:
        return True
    if kinds == {"ministry", "government"}:
        return True
    if a.kind != b.kind:
        return False
    if a.kind == "ministry":
        if not a.words or not b.words:
            return True
        if strict:
            return a.words == b.words
        return a.words <= b.words or b.words <= a.words
    return True


def side_conflict(left: list[Body], right: list[Body], *, strict: bool = False) -> bool:
    """The two lists name one side differently: each has a body the other list cannot be."""
    if not left or not right:
        return False
    left_odd = any(not any(compatible(a, b, strict=strict) for b in right) for a in left)
    right_odd = any(not any(compatible(a, b, strict=strict) for a in left) for b in right)
    return left_odd and right_odd


def by_side(bodies: list[Body]) -> dict[str | None, list[Body]]:
    sides: dict[str | None, list[Body]] = {}
    for b in bodies:
        sides.setdefault(b.country, []).append(b)
    return sides


def parties_conflict(left: list[Body], right: list[Body], *, strict: bool = False) -> bool:
    """Some side named by both lists is named incompatibly."""
    ls, rs = by_side(left), by_side(right)
    return any(side_conflict(ls[c], rs[c], strict=strict) for c in ls.keys() & rs.keys() if c is not None)


def specific(bodies: list[Body]) -> bool:
    """At least one party is more than a country name, so the list can take a side in a dispute."""
    return any(b.kind != "state" for b in bodies)


def describe(parties: list[Party]) -> str:
    return " + ".join(f"{p.name} ({p.country})" if p.country else p.name for p in parties) or "(none named)"
