"""Who met: the most named leader of each side, and the persons the text says held talks with them.

One leader per side is the usual story, not the only one: a visitor "received by President X and
held talks with Prime Minister Y" met both, and a minister who "met with his counterpart, General Z"
is a principal of a defence visit.
"""

from __future__ import annotations

import re

from service.extractors.offline.people import People

_MEETING = re.compile(
    r"\b(?:held\s+(?:talks|(?:a\s+)?(?:summit\s+|bilateral\s+)?(?:meeting|discussions|negotiations))|met|meets|"
    r"(?:was|were)\s+received\s+by|talks\s+between)\s+(?:also\s+)?(?:with\s+)?"
)
_MEETING_KEYS = ("held ", " met ", " meets ", " received by", "talks between")
_SUBJECT_WINDOW = 160  # characters before "held talks" searched for who held them
_WINDOW_END = re.compile(r"[.;]\s|\bwho\b|\bwhere\b")


def _word_at(text: str, word: str) -> int:
    """Where `word` first stands as a whole word in `text`, else -1."""
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return i
        i = text.find(word, end)
    return -1


def _subject(text: str, verb: int, people: People) -> str | None:
    """The person who "held talks with" someone: the registered name nearest before the verb in its sentence
    ("Foreign Minister A, who is on a visit to X, held talks with B" met B as much as B met A; in "signed
    by C after D held talks with E" it is D)."""
    window_start = max(0, verb - _SUBJECT_WINDOW)
    window = text[window_start:verb]
    stop = max(window.rfind(". "), window.rfind(";"), window.rfind("\n"))
    window = window[stop + 1 :]
    hits = [(window.rfind(name), name) for name in people.names if _word_at(window, name) >= 0]
    return max(hits)[1] if hits else None


def partners(text: str, people: People) -> list[str]:
    """Registered persons named right after "held talks with", "met with", "was received by", and the one
    who did so, in text order."""
    out: list[str] = []
    if not people.names:
        return out
    starts: set[int] = set()
    for key in _MEETING_KEYS:
        i = text.find(key)
        while i >= 0:
            starts.add(i + (key[0] == " "))
            i = text.find(key, i + 1)
    for start in sorted(starts):
        m = _MEETING.match(text, start)
        if m is None:
            continue
        subject = _subject(text, start, people)
        if subject and subject not in out:
            out.append(subject)
        window = text[m.end() : m.end() + 100]
        stop = _WINDOW_END.search(window)
        window = window[: stop.start()] if stop else window
        hits = []
        for name in people.names:
            i = window.find(name)
            if i < 0:
                i = _word_at(window, name.rsplit(" ", 1)[-1])
            if i >= 0:
                hits.append((i, name))
        for _, name in sorted(hits)[:2]:
            if name not in out:
                out.append(name)
    return out


def principals(people: People, sides: list[str], text: str | None = None) -> list[str]:
    """The leaders who met: the most named leader of each side (else the most named persons), and, when
    `text` is given, whoever it says held talks with them."""
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
            country = people.country.get(name)
            if name in people.leaders and name not in chosen and (country is None or country not in taken):
                chosen.append(name)
                taken.add(country)
            if len(chosen) >= len(sides):
                break
    if text is not None and chosen:
        for name in partners(text, people):
            if people.country.get(name) in (None, *sides):
                chosen.append(name)
    return sorted(set(chosen))
