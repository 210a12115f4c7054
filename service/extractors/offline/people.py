"""Persons named with a title ("President Ilham Aliyev", "To Lam, General Secretary of ..."),
the registry that expands short mentions ("Lam", "PM Modi") to full names, and the
signatories of a document ("signed by Commerce Minister Jam Kamal Khan and ...").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from service.extractors.offline.geo import places

_NAME_TOKEN = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
_TITLE = (
    r"(?:President|Prime\s+Minister|PM|Premier|Chancellor|King|Queen|Emir|Amir|Sultan|Crown\s+Prince|"
    r"(?:Party\s+)?General\s+Secretary|Secretary[- ]General|Party\s+chief|Chairman|Chairwoman|Vice\s+President|"
    r"Speaker|Deputy\s+Prime\s+Minister|Deputy\s+PM|Deputy\s+Minister|Foreign\s+Minister|FM|Minister|"
    r"Colonel\s+General|General|Ambassador|Governor|Mayor|counterpart|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)"
)
_LEADER = re.compile(
    r"(?<!Deputy )(?<!Vice )\b(?:President|Prime\s+Minister|PM|Premier|Chancellor|King|Queen|Emir|Amir|Sultan|Crown\s+Prince|"
    r"General\s+Secretary|Secretary[- ]General|Party\s+chief|counterpart)\b"
)
_TITLED = re.compile(
    rf"\b{_TITLE}(?P<name>(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'-]*)?(?:,?\s+(?:(?:of|for)\s+(?:the\s+)?)?(?:[A-Z][\w'-]*|\([A-Z]{{2,8}}\))){{1,10}})"
)
_NAME_THEN_TITLE = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+)?{_TITLE}\b")
_PAIR = re.compile(
    rf"\b(?:presidents|leaders|prime\s+ministers|heads\s+of\s+state)\s+of\s+(?:the\s+)?[A-Z][\w ]*?\s+and\s+[A-Z][\w ]*?,\s+"
    rf"(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})"
)
_NON_NAME = frozenset(
    "Ministry Minister Ministers Affairs Foreign Defence Defense Economy Energy Trade Industry Justice Law Culture "
    "Heritage Commerce Privatization Privatisation Petroleum National Republic Central Committee Party Communist State "
    "Government Deputy President Prime General Secretary Colonel Dr Mr Mrs Ms PM FM Speaker Chairman Federation "
    "Development Digital Transport Science Technology Education Health Agriculture Finance Interior Labour Labor "
    "Industries Resources Information Broadcasting Planning Investment Chief Party The His Her Their Azerbaijani "
    "Vietnamese Pakistani Indian Russian Mauritian Emergency Situations Relations International Cooperation Public "
    "Service Services Administration Security Council Assembly Parliament Majlis Milli Socialist Minister-President "
    "Sports Tourism Youth Environment Ecology Water Railways Railway Aviation Civil Head Heads Leader Leaders "
    "Counterpart Senior Vice Crown Prince King Queen Sultan Emir Premier Chancellor Ambassador Governor Mayor "
    "On In At During After Before Following Today Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December Director CEO Chair "
    "Head Executive Officer General-Director Adviser Advisor Spokesman Spokesperson Envoy Commander Admiral Marshal "
    "Colonel Major Captain Lieutenant Professor Prof Academician Sheikh Excellency Honourable Hon".split()
)
_SIGNED_BY = re.compile(r"\b(?:signed|inked|initialled|initialed|exchanged)\s+by\s+(?P<who>[^.;]+)")
_SPLIT_PEOPLE = re.compile(r",\s+and\s+|\s+and\s+|,\s+")


def _clean_name(text: str) -> str | None:
    """Keep the trailing run of name words: "Commerce Minister Jam Kamal Khan" -> "Jam Kamal Khan"."""
    tokens = [t.removesuffix("'s").rstrip("'") for t in re.findall(r"[A-Za-z][A-Za-z'-]*", text)]
    kept: list[str] = []
    for token in reversed(tokens):
        if token in _NON_NAME or not token[0].isupper() or token.isupper() or places(token):
            break
        kept.append(token)
    kept.reverse()
    if not kept or len(kept) > 4:
        return None
    name = " ".join(kept)
    return None if places(name) else name


@dataclass
class People:
    """Everyone named in an article, with how often and whether as a leader."""

    names: Counter[str] = field(default_factory=Counter)
    leaders: set[str] = field(default_factory=set)
    country: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)

    def show(self, name: str) -> str:
        """The name as the body spells it (with its diacritics)."""
        return self.display.get(name, name)

    def full(self, short: str) -> str | None:
        """The full name a short mention stands for ("Lam" -> "To Lam"), if one is known."""
        short = short.strip()
        if short in self.names:
            return short
        last = short.split()[-1] if short else ""
        best = [n for n in self.names if n.split()[-1] == last or n == short]
        if not best:
            best = [n for n in self.names if last and last in n.split()]
        if not best:
            return None
        return max(best, key=lambda n: (len(n.split()), self.names[n]))


def registry(text: str, body: str | None = None) -> People:
    """Titled persons of the whole article (`text` is the ASCII view of `body`), with mention counts."""
    people = People()
    found: list[tuple[str, int, int, bool, str | None]] = []
    for m in _TITLED.finditer(text):
        name = _clean_name(m.group("name"))
        if name and len(name.split()) >= 2:
            start = m.end("name") - len(name)
            title = text[max(0, m.start() - 30) : start]
            leader = bool(_LEADER.search(m.group(0)))
            codes = [p.code for p in places(title)]
            found.append((name, start, m.end("name"), leader, codes[-1] if codes else None))
    for m in _NAME_THEN_TITLE.finditer(text):
        name = _clean_name(m.group("name"))
        if name and len(name.split()) >= 2:
            tail = text[m.end("name") : m.end("name") + 80].split(".")[0]
            codes = [p.code for p in places(tail)]
            start = m.end("name") - len(name)
            found.append((name, start, m.end("name"), bool(_LEADER.search(tail)), codes[-1] if codes else None))
    for m in _PAIR.finditer(text):
        for group in ("a", "b"):
            name = _clean_name(m.group(group))
            if name and len(name.split()) >= 2:
                found.append((name, m.start(group), m.end(group), True, None))
    for name, start, end, leader, code in found:
        people.spans.setdefault(name, (start, end))
        if body is not None:
            people.display.setdefault(name, body[start:end])
        if leader:
            people.leaders.add(name)
        if code and name not in people.country:
            people.country[name] = code
    for name in people.spans:
        last = name.split()[-1]
        people.names[name] = len(re.findall(rf"\b{re.escape(last)}\b", text))
    return people


def persons_in(text: str, people: People) -> list[str]:
    """Names of the persons listed in `text` ("Deputy PM X and Azerbaijan Minister Y"), in order."""
    out: list[str] = []
    for part in _SPLIT_PEOPLE.split(text):
        part = part.strip(" ,")
        if not part:
            continue
        name = _clean_name(part)
        if not name:
            continue
        full = people.full(name)
        if full is None and len(name.split()) >= 2 and re.search(_TITLE, part):
            full = name
        if full and full not in out:
            out.append(full)
    return out


def signed_by(text: str, people: People) -> list[str]:
    """Persons named after "signed by" in a clause."""
    m = _SIGNED_BY.search(text)
    return persons_in(m.group("who"), people) if m else []


def principals(people: People, sides: list[str]) -> list[str]:
    """The leaders who met: the most named leader of each side, else the most named persons."""
    chosen: list[str] = []
    for code in sides:
        candidates = [n for n in people.leaders if people.country.get(n) == code]
        if not candidates:
            candidates = [n for n in people.names if people.country.get(n) == code]
        if candidates:
            chosen.append(max(candidates, key=lambda n: (people.names[n], -people.spans[n][0])))
    if len(chosen) < len(sides):
        taken = {people.country.get(n) for n in chosen}
        for name, _ in people.names.most_common():
            if name in people.leaders and name not in chosen and people.country.get(name) not in taken:
                chosen.append(name)
                taken.add(people.country.get(name))
            if len(chosen) >= len(sides):
                break
    return sorted(set(chosen))
