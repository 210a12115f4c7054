"""Persons named with a title ("President Ilham Aliyev", "To Lam, General Secretary of ..."),
the registry that expands short mentions ("Lam", "PM Modi") to full names, and the
signatories of a document ("signed by Commerce Minister Jam Kamal Khan and ...").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from service.extractors.offline.geo import codes_in, is_place_name
from service.vocabulary import INITIALLED_PARTICIPLES, SIGNED_PARTICIPLES, WEEKDAYS, alternation

_NAME_TOKEN = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
_TITLE = (
    r"(?:President|Prime\s+Minister|PM|Premier|Chancellor|King|Queen|Emir|Amir|Sultan|Crown\s+Prince|"
    r"Head\s+of\s+(?:Government|State)|(?:Party\s+)?General\s+Secretary|Secretary[- ]General|Party\s+chief|Chairman|Chairwoman|Vice\s+President|"
    r"Speaker|Deputy\s+Prime\s+Minister|Deputy\s+PM|Deputy\s+Minister|Foreign\s+Minister|FM|Minister|"
    r"Colonel\s+General|General|Ambassador|Governor|Mayor|counterpart|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)"
)
_LEADER = re.compile(
    r"(?<!Deputy )(?<!Vice )\b(?:President|Prime\s+Minister|PM|Premier|Chancellor|King|Queen|Emir|Amir|Sultan|"
    r"Crown\s+Prince|Head\s+of\s+(?:Government|State)|"
    r"General\s+Secretary|Secretary[- ]General|Party\s+chief|counterpart)\b"
)
_TITLED = re.compile(
    rf"\b{_TITLE}(?P<name>(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'-]*)?(?:,?\s+(?:(?:of|for)\s+(?:the\s+)?|(?:bin|bint|"
    rf"ibn|al|el|da|de|dos|van|von|der|le|la)\s+)?(?:[A-Z][\w'-]*|(?:al|el)-[A-Z][\w'-]*|\([A-Z]{{2,8}}\))){{1,10}})"
)
_VISITOR = re.compile(rf"(?P<name>{_NAME})'s?\s+(?:(?:state|official|working|first)\s+)*$")
_PAIR_HINT = re.compile(r"(?:presidents|leaders|ministers|heads\s+of\s+state)\s+of\b")
_BEFORE_TITLE = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+)?$")
_TITLE_WORDS = (
    "President", "Prime", "PM", "Premier", "Chancellor", "King", "Queen", "Emir", "Amir", "Sultan", "Crown", "General",
    "Secretary", "Party", "Chairman", "Chairwoman", "Vice", "Speaker", "Deputy", "Foreign", "FM", "Minister", "Colonel",
    "Ambassador", "Governor", "Mayor", "counterpart", "Dr", "Mr", "Mrs", "Ms", "Head",
)  # fmt: skip


_LAST_MARK = re.compile(r"[,.;:()\n][^,.;:()\n]*$")


def _title_start(text: str, title: int) -> int:
    """Where the words qualifying a title start ("Azerbaijan's President"): up to 30 characters back, not
    across a punctuation mark (the country of the clause before is not the person's)."""
    start = max(0, title - 30)
    mark = _LAST_MARK.search(text, start, title)
    return mark.start() + 1 if mark else start


def _title_positions(text: str) -> list[int]:
    """Where a title word starts (`str.find` per word: far cheaper than a regex scan)."""
    out = []
    for word in _TITLE_WORDS:
        i = text.find(word)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and not text[i + len(word) : i + len(word) + 1].isalnum():
                out.append(i)
            i = text.find(word, i + len(word))
    return sorted(out)


_PAIR = re.compile(
    rf"\b(?:presidents|leaders|prime\s+ministers|"
    rf"heads\s+of\s+state)\s+of\s+(?:the\s+)?[A-Z][\w ]*?\s+and\s+[A-Z][\w ]*?,\s+"
    rf"(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})"
)
_NON_NAME = frozenset(
    [
        "Ministry", "Minister", "Ministers", "Affairs", "Foreign", "Defence", "Defense", "Economy", "Energy", "Trade",
        "Industry", "Justice", "Law", "Culture", "Heritage", "Commerce", "Privatization", "Privatisation", "Petroleum",
        "National", "Republic", "Central", "Committee", "Party", "Communist", "State", "Government", "Deputy",
        "President", "Prime", "General", "Secretary", "Colonel", "Dr", "Mr", "Mrs", "Ms", "PM", "FM", "Speaker",
        "Chairman", "Federation", "Development", "Digital", "Transport", "Science", "Technology", "Education", "Health",
        "Agriculture", "Finance", "Interior", "Labour", "Labor", "Industries", "Resources", "Information",
        "Broadcasting", "Planning", "Investment", "Chief", "Party", "The", "His", "Her", "Their", "Azerbaijani",
        "Vietnamese", "Pakistani", "Indian", "Russian", "Mauritian", "Emergency", "Situations", "Relations",
        "International", "Cooperation", "Public", "Service", "Services", "Administration", "Security", "Council",
        "Assembly", "Parliament", "Majlis", "Milli", "Socialist", "Minister-President", "Sports", "Tourism", "Youth",
        "Environment", "Ecology", "Water", "Railways", "Railway", "Aviation", "Civil", "Head", "Heads", "Leader",
        "Leaders", "Sheikh", "Sheikha", "Shaikh", "Highness", "Excellency", "Counterpart", "Senior", "Vice", "Crown", "Prince", "King", "Queen", "Sultan", "Emir", "Premier",
        "Chancellor", "Ambassador", "Governor", "Mayor", "On", "In", "At", "During", "After", "Before", "Following",
        "Today", "Yesterday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Director", "CEO", "Chair", "Head", "Executive", "Officer", "General-Director", "Adviser", "Advisor",
        "Spokesman", "Spokesperson", "Envoy", "Commander", "Admiral", "Marshal", "Colonel", "Major", "Captain",
        "Lieutenant", "Professor", "Prof", "Academician", "Excellency", "Honourable", "Hon", "Infrastructure", "Mining",
        "Mines", "Fisheries", "Livestock", "Housing", "Communications", "Innovation", "Works", "Urban", "Rural",
        "Officer", "Commerce", "Customs", "Revenue", "Statistics", "Welfare", "Employment", "Immigration"
    ]
)  # fmt: skip
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*")
_ARABIC_ARTICLE = re.compile(r"(?:al|el)-[A-Z]")
_TITLE_RE = re.compile(_TITLE)
_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "da", "de", "dos", "van", "von", "der", "le", "la", "Al"})
_SIGNED_OR_INITIALLED = alternation(SIGNED_PARTICIPLES + INITIALLED_PARTICIPLES)
_WEEKDAY = alternation(WEEKDAYS)
_SIGNED_BY = re.compile(r"\b" + _SIGNED_OR_INITIALLED + r"(?:\s+(?:at|in|on)\s+[^.;,]{1,60}?)?\s+by\s+(?P<who>[^.;]+)")
_WHO_END = re.compile(
    r"\s+(?:in\s+the\s+presence|during|after|before|at\s+the|on\s+the\s+sidelines|while|as\s+|who|which|following|"
    r"amid|on\s+(?:behalf|" + _WEEKDAY + r"))\b|,\s+(?:officials|according|"
    r"the\s+\w+\s+said|said|a\s+statement)\b|,?\s+and\s+(?:was\s+|were\s+)?(?:witnessed|attended|overseen|hailed)\b"
)
_PLURAL_TITLE = re.compile(
    r"\b(?:[Mm]inisters?|[Ss]ecretar(?:y|ies)|[Cc]hief\s+[Ee]xecutives?(?:\s+[Oo]fficers?)?|CEOs?|[Hh]eads?|"
    r"[Aa]mbassadors?|[Cc]hairm[ae]n|[Cc]hairwom[ae]n|[Gg]overnors?|[Dd]irectors?(?:[- ][Gg]eneral)?|[Pp]residents?)\b"
)
"""Role words written in lower case or in the plural ("economy minister Katrin Vogt", "Foreign ministers A and B")."""
_PARENS = re.compile(r"\s*\([^)]{0,30}\)")
_TRAILING = re.compile(
    r"(?:\s+(?:on\s+(?:" + _WEEKDAY + r")|today|yesterday|also|have|has|had|"
    r"jointly|later|then|both|on\s+[A-Z][a-z]+\s+\d{1,2}))+\s*$"
)
_SPLIT_PEOPLE = re.compile(r",\s+and\s+|\s+and\s+|,\s+")


@lru_cache(maxsize=4096)
def _clean_name(text: str) -> str | None:
    """Keep the trailing run of name words: "Commerce Minister Jam Kamal Khan" -> "Jam Kamal Khan"."""
    tokens = [t.removesuffix("'s").rstrip("'") for t in _WORDS.findall(text)]
    kept: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        particle = (token in _PARTICLES and kept and i > 0 and tokens[i - 1][:1].isupper()) or bool(
            _ARABIC_ARTICLE.match(token)
        )
        if not particle and (token in _NON_NAME or not token[0].isupper() or token.isupper() or is_place_name(token)):
            break
        kept.append(token)
    kept.reverse()
    if not kept or len(kept) - sum(1 for t in kept if t in _PARTICLES) > 5:
        return None
    name = " ".join(kept)
    return None if is_place_name(name) else name


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
        tokens = short.split()
        if not tokens:
            return None
        last = tokens[-1]
        if len(tokens) > 1:
            best = [n for n in self.names if set(tokens) <= set(n.split())]
        else:
            best = [n for n in self.names if n.split()[-1] == last] or [n for n in self.names if last in n.split()]
        if not best:
            return None
        return max(best, key=lambda n: (len(n.split()), self.names[n]))


def registry(text: str, body: str | None = None) -> People:
    """Titled persons of the whole article (`text` is the ASCII view of `body`), with mention counts."""
    people = People()
    found: list[tuple[str, int, int, bool, str | None]] = []
    starts = _title_positions(text)
    titled = []
    reach = -1
    for pos in starts:
        if pos < reach:
            continue
        m = _TITLED.match(text, pos)
        if m:
            titled.append(m)
            reach = m.end()
    name_first = []
    for pos in starts:
        if pos < 2 or not (text.startswith(", ", pos - 2) or text.startswith(", the ", pos - 6)):
            continue
        before = _BEFORE_TITLE.search(text, max(0, pos - 70), pos)
        if before:
            name_first.append(before)
    for m in titled:
        run = m.group("name").split("\n", 1)[0]  # a name does not run on into the next line of a list
        name = _clean_name(run)
        if name and len(name.split()) >= 2:
            first = run.rfind(name.split()[0], 0, len(run) - len(name) + len(name.split()[0]) + 2)
            start = m.start("name") + max(first, 0)
            title = text[_title_start(text, m.start()) : start]
            leader = bool(_LEADER.search(m.group(0)))
            codes = codes_in(title)
            found.append((name, start, start + len(name), leader, codes[-1] if codes else None))
    for m in name_first:
        name = _clean_name(m.group("name"))
        if name and len(name.split()) >= 2:
            tail = text[m.end("name") : m.end("name") + 80].split(".")[0]
            codes = codes_in(tail)
            start = m.end("name") - len(name)
            found.append((name, start, m.end("name"), bool(_LEADER.search(tail)), codes[0] if codes else None))
    i = text.find("visit")
    while i >= 0:  # "Vladimir Putin's state visit": the visitor is a principal even without a title
        m = _VISITOR.search(text, max(0, i - 60), i)
        name = _clean_name(m.group("name")) if m else None
        if m and name and len(name.split()) >= 2:
            found.append((name, m.start("name"), m.start("name") + len(name), True, None))
        i = text.find("visit", i + 5)
    pairs = _PAIR.finditer(text) if _PAIR_HINT.search(text) else ()
    for m in pairs:  # "the presidents of Azerbaijan and Russia, Ilham Aliyev and Vladimir Putin": in that order
        of = codes_in(text, m.start(), m.start("a"))
        for i, group in enumerate(("a", "b")):
            name = _clean_name(m.group(group))
            if name and len(name.split()) >= 2:
                found.append((name, m.start(group), m.end(group), True, of[i] if len(of) == 2 else None))
    for name, start, end, leader, code in found:
        people.spans.setdefault(name, (start, end))
        if body is not None:
            people.display.setdefault(name, body[start:end])
        if leader:
            people.leaders.add(name)
        if code and name not in people.country:
            people.country[name] = code
    for name in people.spans:
        people.names[name] = text.count(name.split()[-1])
    return people


def persons_in(text: str, people: People) -> list[str]:
    """Names of the persons listed in `text` ("Deputy PM X and Azerbaijan Minister Y"), in order."""
    out: list[str] = []
    text = _TRAILING.sub("", _PARENS.sub(" ", text))
    for part in _SPLIT_PEOPLE.split(text):
        part = _TRAILING.sub("", part.strip(" ,"))
        if not part:
            continue
        name = _clean_name(part)
        if not name:
            continue
        full = people.full(name)
        if full is None and len(name.split()) >= 2 and (_TITLE_RE.search(text) or _PLURAL_TITLE.search(text)):
            full = name
        if full and full not in out:
            out.append(full)
    return out


def signed_by(text: str, people: People) -> list[str]:
    """Persons named after "signed by" in a clause."""
    m = _SIGNED_BY.search(text)
    if not m:
        return []
    who = m.group("who")
    cut = _WHO_END.search(who)
    return persons_in(who[: cut.start()] if cut else who, people)
