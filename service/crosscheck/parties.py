"""When two reports name the same side of a document differently enough to be a contradiction.

Outlets shorten ("Ministry of Public Service" for "... and Administrative Reforms"), translate
("Vietnam National Oil and Gas Group" for Petrovietnam), abbreviate (SOCAR) and generalise
("Azerbaijan" for its Ministry of Energy); none of that is a conflict. A conflict is a different
kind of body (a ministry against a state company, a government against an agency), a different
ministry, or, between reports in one language, two proper names of firms that share nothing
(not a word, not a stem, not an abbreviation): "Pomorska Fabryka Wagonów" against "PolRail Group".
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
            r"|refining|refinery|petrochemical|airlines?|airways|operator|motors|factor(?:y|ies)|industries|enterprises?"
            r"|manufacturers?|makers?|shipyards?|mills|consortium|gmbh|ag|spa|nv|bv|oy|oyj|asa|pte|pty|srl|sarl)\b"
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

# A sub-national body: a province, region or city and its government or departments.
_REGIONAL = re.compile(
    r"\b(?:provinces?|provincial|regions?|regional|municipality|municipal|governorate|prefecture|oblast|county"
    r"|city council|city hall|mayor's office)\b"
)

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
    proper: tuple[str, ...] = ()  # folded capitalised words of its name, a firm's proper name
    grouped: bool = False  # the report calls it a subsidiary, unit or parent of another firm


# Kinds of body whose proper name is what identifies them (a ministry is named by its remit).
_NAMED_KINDS = frozenset({"company", "bank", "fund", "unknown"})
# Words of a firm's name that say what it is, not which one.
_LEGAL_FORMS = frozenset(
    "group company companies corporation corp holding holdings jsc plc ltd llc inc co sa ag gmbh spa nv bv "  # noqa: SIM905
    "oy oyj asa pte pty srl sarl "
    "limited joint stock the of and for de du la le des del y".split()
)
_CAPITALISED = re.compile(r"[^\W\d_][\w'\u2019&.-]*")
_CONNECTORS = frozenset("of and for de du la le des del y & the".split())  # noqa: SIM905


def _proper_words(name: str) -> tuple[str, ...]:
    """The capitalised words of a name ("Polish rolling-stock maker Pomorska Fabryka Wagonów" ->
    polish, pomorska, fabryka, wagonow); empty when it is a description ("the state energy supplier")."""
    out = []
    for m in _CAPITALISED.finditer(name):
        word = m.group(0).rstrip(".")
        if word[0].isupper():
            out.append(re.sub(r"['\u2019]s$", "", fold(word)))
    return tuple(w for w in out if w and w not in _CONNECTORS)


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
    if kind in ("government", "agency", "unknown") and _REGIONAL.search(folded):
        kind = "regional"  # a province's government is not the national one (a ministry's remit may name regions)
    words = frozenset(w for w in content_words(main) if w not in _GENERIC)
    if not alias and re.fullmatch(r"[a-z0-9\-]+", folded):
        aliases.add(folded.replace("-", ""))
    proper = _proper_words(main) + ((fold(alias).replace(" ", ""),) if alias else ())
    return Body(name=name, country=country, kind=kind, words=words, aliases=frozenset(aliases), proper=proper)


def _grams(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 4] for i in range(len(word) - 3))


@lru_cache(maxsize=16384)
def _is_country_word(word: str) -> bool:
    return country_code(word) is not None


def _related_words(x: str, y: str) -> bool:
    """One word, or a shared stem of four letters ("petrovietnam" / "vietnam", "wines" / "wine")."""
    if x == y:
        return not _is_country_word(x)
    return bool(_grams(x) & _grams(y)) and not (_is_country_word(x) and _is_country_word(y))


def _abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """A one-word name made of the other's initials, in any order ("SOCAR", "BGK")."""
    if len(short) != 1 or len(full) < 2:
        return False
    initials = sorted(w[0] for w in full)
    return sorted(short[0]) == initials


def _bare_word(x: Body, own: list[str], other: list[str]) -> bool:
    """A one-word name without a legal form, beside a longer name it may abbreviate."""
    return len(x.proper) == 1 and len(own) == 1 and len(other) >= 2


def different_firms(a: Body, b: Body) -> bool:
    """Two proper names of firms that cannot be one firm: no word, stem or abbreviation in common.

    At least one of the two must be known as a firm (a company, bank or fund): two names of
    unknown kind may be a ministry or an agency in another wording.
    """
    if a.kind not in _NAMED_KINDS or b.kind not in _NAMED_KINDS or (a.kind == b.kind == "unknown"):
        return False
    pa = [w for w in a.proper if w not in _LEGAL_FORMS]
    pb = [w for w in b.proper if w not in _LEGAL_FORMS]
    if not any(not _is_country_word(w) for w in pa) or not any(not _is_country_word(w) for w in pb):
        return False  # a description or a bare nationality, not a name
    if a.aliases & b.aliases or _abbreviates(tuple(pa), b.proper) or _abbreviates(tuple(pb), a.proper):
        return False
    if _bare_word(a, pa, pb) or _bare_word(b, pb, pa):
        return False  # "Aramco", "Petronas": a short form may be built from the other name's syllables
    return not any(_related_words(x, y) for x in pa for y in pb)


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


def compatible(a: Body, b: Body, *, strict: bool = False, by_name: bool = False) -> bool:
    """Two names of one side could denote the same body (or one is a generalisation of the other).

    `strict` is for two places of one article: its writer named the body once, so a ministry
    whose remit loses or gains words is a contradiction there. `by_name` compares firms' proper
    names, which only works between reports in one language (a translated name shares nothing).
    """
    if a.kind == "state" or b.kind == "state":
        return True
    if same_body(a, b) and not strict:
        return True
    if by_name and different_firms(a, b):
        return False
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


def side_conflict(left: list[Body], right: list[Body], *, strict: bool = False, by_name: bool = False) -> bool:
    """The two lists name one side differently: each has a body the other list cannot be."""
    if not left or not right:
        return False
    left_odd = any(not any(compatible(a, b, strict=strict, by_name=by_name) for b in right) for a in left)
    right_odd = any(not any(compatible(a, b, strict=strict, by_name=by_name) for a in left) for b in right)
    return left_odd and right_odd


def by_side(bodies: list[Body]) -> dict[str | None, list[Body]]:
    sides: dict[str | None, list[Body]] = {}
    for b in bodies:
        sides.setdefault(b.country, []).append(b)
    return sides


def _distinct(x: Body) -> set[str]:
    return {w for w in x.proper if w not in _LEGAL_FORMS and not _is_country_word(w)}


def group_members(a: Body, b: Body) -> bool:
    """Two firms of one group: a parent and its subsidiary or local unit ("Hanul Rail" / "Hanul
    Motors"; "Rheinwerk Energy Ghana Ltd" in Ghana / "Rheinwerk Energy" in Germany).

    They share the group's proper name, and either each adds a word the other lacks or they are
    placed in different countries; at least one must be known as a firm.
    """
    if a.kind not in _NAMED_KINDS or b.kind not in _NAMED_KINDS or a.kind == b.kind == "unknown":
        return False
    if a.aliases & b.aliases:
        return False
    da, db = _distinct(a), _distinct(b)
    if not da or not db or not da & db:
        return False
    if a.country and b.country and a.country != b.country:
        return True
    if a.grouped or b.grouped:
        return da != db  # "Kallio Tech, a subsidiary of Kallio Group": the report says they are two firms
    return bool(da - db) and bool(db - da)


def _group_clash(left: list[Body], right: list[Body]) -> bool:
    """A firm in one list whose only counterpart in the other is another member of its group."""
    for a in left:
        partners = [b for b in right if group_members(a, b)]
        if (
            partners
            and not any(same_body(a, b) and a.country == b.country for b in right)
            and not any(same_body(b, x) and b.country == x.country for b in partners for x in left)
        ):
            return True
    return False


def parties_conflict(left: list[Body], right: list[Body], *, strict: bool = False, by_name: bool = False) -> bool:
    """Some side named by both lists is named incompatibly, or a firm is replaced by another of its group."""
    ls, rs = by_side(left), by_side(right)
    if any(side_conflict(ls[c], rs[c], strict=strict, by_name=by_name) for c in ls.keys() & rs.keys() if c is not None):
        return True
    return by_name and _group_clash(left, right)


def specific(bodies: list[Body]) -> bool:
    """At least one party is more than a country name, so the list can take a side in a dispute."""
    return any(b.kind != "state" for b in bodies)


def describe(parties: list[Party]) -> str:
    return " + ".join(f"{p.name} ({p.country})" if p.country else p.name for p in parties) or "(none named)"
