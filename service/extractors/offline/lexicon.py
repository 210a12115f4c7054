"""The words the offline rules look for, compiled once at import.

Every rule scans `ascii_view(body)`: the body with diacritics, curly quotes and exotic
dashes mapped one character to one character, so a match's offsets are offsets into the
original body and quotes can be sliced from it exactly.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from service.vocabulary import (
    CUE_TYPO_MIN_SIMILARITY,
    CUE_TYPO_NOT,
    FUNCTION_WORDS,
    KEEP_UPPER,
    LIST_CUE_NOUNS,
    NUMBER_WORDS,
    SIGNED_PARTICIPLES,
    SIGNING_VERBS,
    TYPE_HEADS,
    alternation,
)

RULES_VERSION = "2.0.0"  # issue 9: phenomenon rules, one vocabulary


def _build_ascii_table() -> dict[int, str]:
    """One-to-one map of accented Latin letters and typographic marks to plain ASCII."""
    special = {
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "æ": "a",
        "Æ": "A",
        "œ": "o",
        "Œ": "O",
        "ß": "s",
        "þ": "t",
        "ð": "d",
    }
    table: dict[int, str] = {ord(k): v for k, v in special.items()}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            ch = chr(code)
            if code in table:
                continue
            base = unicodedata.normalize("NFKD", ch)[:1]
            if base.isascii() and base.isalpha():
                table[code] = base
    for ch in "\u2018\u2019\u201a\u201b\u2032\u00b4`":
        table[ord(ch)] = "'"
    for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb":
        table[ord(ch)] = '"'
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
        table[ord(ch)] = "-"
    for ch in "\u00a0\u2009\u202f\u2007":
        table[ord(ch)] = " "
    table[ord("\u2026")] = "."  # an ellipsis stays one character
    return table


_ASCII = _build_ascii_table()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _to_ascii(m: re.Match[str]) -> str:
    ch = m.group()
    return _ASCII.get(ord(ch), ch)


def ascii_view(text: str) -> str:
    """`text` with the same length, plain ASCII letters and straight quotes where possible."""
    return text if text.isascii() else _NON_ASCII.sub(_to_ascii, text)


_CUE_SLOT = re.compile(r"\b([A-Za-z]{3,8})(?=\s+(?:of|such\s+as|including|like)\b)")
_CUES_BY_LENGTH: dict[int, tuple[str, ...]] = {}
for _cue in LIST_CUE_NOUNS:
    _CUES_BY_LENGTH[len(_cue)] = (*_CUES_BY_LENGTH.get(len(_cue), ()), _cue)


_SHOUTED_LINE = re.compile(r"^[^a-z\n]*[A-Z]{2,}[^a-z\n]*[A-Z]{2,}[^a-z\n]*$", re.M)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def _title_case(m: re.Match[str]) -> str:
    word = m.group()
    low = word.lower()
    if low in FUNCTION_WORDS or low == "between":
        return low
    if word in KEEP_UPPER:
        return word
    return word[:1] + word[1:].lower()


def unshout(text: str) -> str:
    """`text` with lines written in capitals ("MEMORANDUM OF UNDERSTANDING ON TOURISM") in title case, function
    words in lower case and document acronyms kept, so the rules read them like any other name (same length)."""
    if not _SHOUTED_LINE.search(text):
        return text
    return _SHOUTED_LINE.sub(lambda line: _WORD.sub(_title_case, line.group()), text)


def mend_cue_typos(text: str) -> str:
    """`text` with misspelt list cue nouns ("in the ares of", "feilds of") replaced by the cue word of the
    same length ("area", "fields"), so every list rule sees the cue and every offset stays the same."""
    pieces: list[str] = []
    cursor = 0
    for m in _CUE_SLOT.finditer(text):
        word = m.group(1)
        low = word.lower()
        if low in LIST_CUE_NOUNS or low in CUE_TYPO_NOT:
            continue
        same = _CUES_BY_LENGTH.get(len(low), ())
        best = max(same, key=lambda c: fuzz.ratio(low, c), default=None)
        if best is None or best[0] != low[0] or fuzz.ratio(low, best) < CUE_TYPO_MIN_SIMILARITY:
            continue
        pieces.append(text[cursor : m.start()])
        pieces.append(best.upper() if word.isupper() else best.capitalize() if word[0].isupper() else best)
        cursor = m.end()
    if not pieces:
        return text
    pieces.append(text[cursor:])
    return "".join(pieces)


NUMBER = r"(?:\d{1,3}|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")"


def number_value(text: str) -> int | None:
    """ "15" or "fifteen" -> 15; None for anything else."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


TYPE_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{source})" for name, source in TYPE_HEADS) + r")(?!\w)")
"""Any document head; `match.lastgroup` is its type."""


_SIGN = alternation(SIGNING_VERBS)
_SIGNED = alternation(tuple(p for p in SIGNED_PARTICIPLES if p != "exchanged"))
_SIGN_FORMS = alternation(SIGNING_VERBS + tuple(p for p in SIGNED_PARTICIPLES if p != "exchanged"))
STATUS_CUE_RE = re.compile(
    r"(?i)\b(?:"
    r"(?P<planned>(?:agreed|agree|agrees|plan|plans|planned|planning|intend|intends|intended|expect|expects|expected|"
    r"set|"
    r"going|due|ready|poised|slated|scheduled|hope|hopes|want|wants|aim|aims|seek|seeks|preparing|prepared|looking)\s+"
    r"to\s+(?:be\s+)?(?:" + _SIGN_FORMS + r"|finali[sz]e|draft|prepare|exchange)"
    r"|will\s+(?:(?:also|only|soon|then|later|first|finally|eventually)\s+)?(?:be\s+)?(?:"
    + _SIGN_FORMS
    + r"|adopt|adopted)"
    r"|(?:will|would|could|should|is\s+to|are\s+to)\s+(?:(?:also|soon|then|later|finally)\s+)?be\s+finali[sz]ed"
    r"|(?:could|might|may)\s+(?:(?:also|soon|then|later|finally|eventually)\s+)?(?:be\s+)?" + _SIGN_FORMS + r""
    r"|would\s+(?:(?:also|only|soon|then|later|first|finally|eventually)\s+)?(?:be\s+)?" + _SIGN_FORMS + r""
    r"|to\s+be\s+(?:" + _SIGNED + r"|adopted)|(?:are|is)\s+to\s+(?:be\s+signed|" + _SIGN + r"|adopt)"
    r"|to\s+(?:"
    + _SIGN
    + r"|finali[sz]e|fast[- ]track|expedite)|with\s+a\s+view\s+to\s+(?:its\s+|their\s+)?(?:signature|signing)"
    r"|upcoming\s+signing|future\s+signing|being\s+(?:prepared|drafted|finali[sz]ed)"
    r"|towards\s+(?:the\s+)?(?:signing|conclusion|adoption|finali[sz]ation)(?:\s+of)?"
    r"|(?:is|are)\s+(?:expected|due|scheduled|slated)(?!\s+for\s+(?!sign|signature|adoption)[a-z])"
    r"(?!\s+to\s+(?!(?:be\s+)?(?:sign|ink|seal|conclud|adopt|issu|releas|publish|finali)))"
    r"|(?:pave|paves|paved|paving)\s+the\s+way\s+for\s+(?:the\s+)?(?:signing|conclusion)(?:\s+of)?"
    r"|draft|initial(?:l)?ed|initial(?:l)?ing"
    r"|postpon(?:ed|ement)|deferred|put\s+off|pushed\s+back)"  # a signing moved to a later date is still planned
    r"|(?P<adopted>agreed\s+to\s+(?:adopt|issue|establish|create|release)|decided\s+to\s+(?:adopt|issue|create)"
    r"|adopt(?:ed|ion|s|ing)?|issu(?:ed|ing)|released|approv(?:ed|al)|endors(?:ed|ement)|unveil(?:ed|ing))"
    r"|(?P<discussed>discuss(?:ed|es|ing|ion|ions)?|talked\s+about|talks\s+on|negotiat(?:e|ed|es|ing|ion|ions)"
    r"|consider(?:ed|ing)?|ready\s+to\s+support|mentioned|referred\s+to|bid\s+for|push(?:ed|es|ing)?\s+for"
    r"|work(?:s|ing|ed)?\s+on|under\s*way|in\s+the\s+pipeline|ongoing|(?:remains?|is|are|got)\s+stuck|stalled"
    r"|deadlocked|talks\s+(?:will\s+)?(?:continue|resume)"
    r"|(?:unable|failed|fail|fails)\s+to\s+(?:agree\s+(?:on|upon)|reach)|seek(?:s|ing)?|sought|want(?:s|ed)?(?=\s+(?:a|an|the|its)\s)|pursu(?:e|es|ed|ing)|on\s+the\s+table|in\s+the\s+works|not\s+ready"
    r"|under\s+(?:negotiation|discussion|consideration|review)|support(?:s|ed)?\s+(?:for\s+)?(?:a|an|"
    r"the)\s+(?:\w+\s+)?(?:peace\s+)?"
    r"(?:agreement|treaty|deal)|called\s+for|propos(?:ed|al|es)|explor(?:ed|ing)|mooted)"
    r"|(?P<announced>announced)"
    r"|(?P<signed>sign(?:ed|ing|s)?|ink(?:ed|ing)|exchang(?:ed|ing)|exchange\s+of|seal(?:ed|ing)|conclu(?:ded|sion)"
    r"|shared|reached|agreed\s+(?:on|upon)|penned|struck|clinched|entered\s+into"
    r"|put\s+(?:(?:their|his|her|the)\s+)?pens?\s+to\s+paper"
    r"|finali[sz]ed|culminated)"
    r")\b"
)
"""Verbs that tell what happened to a document; the group name is the status ("announced": adopted for a
statement, signed for an instrument, decided once the type is known)."""

NOT_A_CUE_RE = re.compile(r"(?i)exchanged?\s+(?:of\s+)?views|exchang\w+\s+(?:students|visits|delegations|experience)")

BACKGROUND_RE = re.compile(
    r"(?i)\b(?:previous(?:ly)?|earlier|in\s+the\s+past|years?\s+ago|already\s+(?:been\s+)?signed|existing|"
    r"(?:signed|issued|adopted|concluded|initial(?:l)?ed)\s+(?:(?:in|on)\s+(?:\w+\s+){0,2}(?:19|20)\d\d|last\s+"
    r"(?:year|month|spring|summer|autumn|fall|winter))|in\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?:19|20)\d\d)\b"
)

PERIOD_RE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:-|/|to|till|until|through)\s*((?:19|20)?\d\d)\b(?!\s*(?:%|percent|km|people))"
)


def period_in(text: str, start: int, end: int) -> str | None:
    """A validity period such as "2025-27" named inside `text[start:end]`."""
    m = PERIOD_RE.search(text, start, end)
    return f"{m.group(1)}-{m.group(2)}" if m else None


_DURATION = re.compile(
    rf"\b({NUMBER})[- ]years?(?=[- ](?:[a-z-]+\s+){{0,3}}?(?:programmes?|programs?|plans?|agreements?|"
    rf"deals?|contracts?|memorand\w*|MoUs?|roadmaps?|period|term|validity)\b)",
    re.I,
)


def duration_in(text: str, start: int, end: int) -> str | None:
    """A validity stated as a length, "a five-year programme" -> "five years", when no years are named."""
    if text.find("year", start, end) < 0:
        return None
    m = _DURATION.search(text, start, end)
    if not m:
        return None
    value = number_value(m.group(1))
    return f"{m.group(1).lower()} years" if value and value > 1 else None


EXAMPLES_RE = re.compile(
    r"(?i)\b(?:including|such\s+as|like|among\s+(?:them|others|other|the\s+(?:deals|agreements|documents|accords))"
    r"|inter\s+alia)\b"
)


# Substrings every type head contains; `str.find` on them is far cheaper than running the
# whole alternation over every position of the text.
_HEAD_KEYS = (
    "letter", "loi", "memorand", "mou", "moc", "joint", "statement of", "statements of", "communiq", "declaration",
    "program", "plan", "roadmap", "road map", "road-map", "treat", "protocol", "contract", "agreement", "accord",
    "deal", "pact", "charter", "notes", "arrangement", "of notes", "minutes of", "documents", "instruments", "credit line", "line of credit",
    "lines of credit", "framework", "investment cert", "investment regis", "investment lic",
)  # fmt: skip


_WORDS_BEFORE = {"program": 1, "plan": 1, "documents": 1, "of notes": 2, "framework": 1}
"""How many words before its keyword a head may start: only these keywords are not a head's first word."""


def find_heads(text: str, low: str) -> list[tuple[int, int, str]]:
    """Every document head of `text` (ASCII view; `low` is its lower-case copy) as (start, end, type).

    Same result as `TYPE_RE.finditer(text)`, but the pattern is only tried at the few word
    starts just before a keyword, not at every position of the text.
    """
    starts: set[int] = set()
    for key in _HEAD_KEYS:
        i = low.find(key)
        while i >= 0:
            if key[0] == " ":
                i += 1
            if i == 0 or not low[i - 1].isalpha():
                starts.add(i)
                cursor = i
                for _ in range(_WORDS_BEFORE.get(key, 0)):  # "cooperation programme", "exchange of notes"
                    space = max(low.rfind(c, 0, cursor - 1) for c in " \n\t")
                    if space < 0:
                        starts.add(0)
                        break
                    cursor = space + 1
                    starts.add(cursor)
            i = low.find(key, i + len(key))
    found: list[tuple[int, int, str]] = []
    reach = -1
    for pos in sorted(starts):
        if pos < reach:
            continue
        m = TYPE_RE.match(text, pos)
        if m:
            found.append((m.start(), m.end(), m.lastgroup or "other"))
            reach = m.end()
    return found
