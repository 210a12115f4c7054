"""Plural mentions that enumerate their fields: one document per field.

"agreements in the fields of consular affairs, transit trade, law and justice" reports
three agreements; "15 agreements were signed" reports a count, not fifteen documents.
Commas separate fields; a bare "and" joins words inside one field ("law and justice")
unless the list has no other "and" (then it is the list's last separator), or a stated
count says more fields are meant.
"""

from __future__ import annotations

import re

from service.extractors.offline.amounts import AMOUNT_SOURCE
from service.extractors.offline.lexicon import NUMBER
from service.vocabulary import (
    BLAND_MODIFIERS,
    FUNCTION_WORDS,
    GENERIC_DETERMINERS,
    MONTH_NAMES,
    NUMBER_WORDS,
    SIGNED_PARTICIPLES,
    SIGNING_WORDS,
    TYPE_HEADS,
    WEEKDAYS,
    alternation,
)

_FIELD_NOUNS = r"(?:fields?|areas?|spheres?|sectors?|domains?)"
_STRONG = (
    r"in\s+(?:the\s+)?" + _FIELD_NOUNS + r"\s+(?:of|such\s+as|including|like)\b"
    r"|(?:in\s+(?:the\s+)?" + _FIELD_NOUNS + r"\s+)?(?:ranging|stretching|extending)\s+from\b"
    r"|in\s+(?:the\s+)?" + _FIELD_NOUNS + r"\s+as\s+(?:diverse|varied|different)\s+as\b"
    r"|(?:covering|spanning|including|incl\.|such\s+as)(?!\w)"
    r"|(?:in\s+)?the\s+following\s+(?:" + _FIELD_NOUNS + r"\s*)?:"
)
"""List introducers that leave no doubt a list of fields follows, even after an aside or a comma."""
_NESTED = (
    r"(?:(?:multiple|various|several|many|different|diverse|key|priority|important|a\s+(?:wide\s+)?range\s+of|"
    r"a\s+number\s+of)\s+)*(?:" + _FIELD_NOUNS + r"|issues|matters|topics|questions)\s*,?\s*"
    r"(?:such\s+as|including|incl\.|like|spanning|covering|ranging\s+from|namely\s*:?)\s+"
)
"""A second introducer inside the first: "spanning multiple sectors including A, B and C"."""

_SIGNED = alternation(SIGNED_PARTICIPLES)
_HEADS = "(?:" + "|".join(source for _, source in TYPE_HEADS) + ")"
"""Any document head: "..., and memoranda on A and B" starts another list, it does not continue this one."""
_HEAD_RE = re.compile(r"\b" + _HEADS + r"(?!\w)")
_WEEKDAY = alternation(WEEKDAYS)
_CALENDAR = alternation(WEEKDAYS + MONTH_NAMES)
_STRONG_RE = re.compile(_STRONG)
_STRONG_LATER = re.compile(
    r",\s*(?:" + _STRONG + r")\s*(?:" + _NESTED + r"|(?:key|priority|" + _FIELD_NOUNS + r")\s+)*"
)

# Right after the plural head (or after "were signed"): "agreements on ...", "MoUs in the fields of ...".
_AFTER_HEAD = re.compile(
    r"\s*(?:\([^)]{0,80}\)|\[[^\]]{0,80}\])?\s*(?:-{1,2}\s*)?(?:of\s+(?:cooperation|co-operation)\s+)?"
    r"(?:(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?(?:also\s+)?(?:" + _SIGNED + r"|adopted)(?=[\s,:])\s*)?"
    r"(?:,?\s*(?:worth|valued\s+at)\s+(?:[a-z]+\s+){0,3}?(?i:" + AMOUNT_SOURCE + r")\s*)?"  # "deals worth $2 billion"
    r"(?:(?:on\s+)?(?:" + _WEEKDAY + r"|today|yesterday)\s+)?"
    r"(?:,\s+[^,;:.()]{3,100}?,\s*(?:(?:are|were|is|was|also)\s+)*(?=" + _STRONG + r"))?"
    r"(?P<intro>,?\s*(?:" + _STRONG + r"|among\s+(?:them|others|which)|namely|notably|in\s+particular"
    r"|(?:which|that)\s+(?:also\s+)?(?:cover(?:s|ed)?|span(?:s|ned)?|concern(?:s|ed)?|relate[sd]?\s+to))\s*(?:"
    + _NESTED
    + r")?"
    r"|:\s*(?=(?:on|in|for|regarding)\s)"  # "a batch of MoUs: on A, on B and on C"
    r"|[:,]\s*(?=one\s+(?:on|in|for|regarding|covering)\s)"  # "three memorandums: one on A, one on B and one on C"
    # "two MoUs, on A and on B": a comma before a coordination whose every member repeats "on"
    r"|,\s*(?=on\s+(?!" + _CALENDAR + r"|the\s+(?:sidelines|occasion|same|day)\b|behalf|this|that|\d)"
    r"[^,;:.()]{2,80}?(?:,\s+on\s+[^,;:.()]{2,80}?)*,?\s+and\s+on\s)on\s+"
    r"|(?:on\s+(?:cooperation|co-operation|collaboration)\s+in(?:\s+the\s+(?:fields?|areas?|spheres?)\s+of)?"
    r"|in\s+(?:the\s+)?(?:fields?|areas?|spheres?|sectors?|domains?)\s+(?:of|such\s+as|including|like)"
    r"|in\s+(?:a\s+(?:wide\s+)?range\s+of|various|different|several|many|a\s+number\s+of|key|diverse|multiple)\s+"
    r"(?:fields?|areas?|spheres?|sectors?|domains?)(?:\s*,?\s*(?:such\s+as|including|like|namely\s*:?))?"
    r"|(?:concern(?:s|ed|ing)?|(?:relat|pertain|refer|appl(?:y|ie|i))(?:e|es|ed|ing|s|y)?\s+to|deal(?:s|t)?\s+with)"
    r"(?:\s+(?:the\s+)?(?:fields?|areas?|spheres?|sectors?|domains?)\s+of)?(?!\s+(?:the|a|an|that)\b)"
    r"|cover(?:s|ed|ing)?(?:\s+(?:bilateral\s+)?(?:cooperation|co-operation)\s+in(?:\s+the\s+(?:fields?|"
    r"areas?)\s+of)?)?"
    r"|on(?!\s+(?:" + _CALENDAR + r"|the\s+sidelines|"
    r"the\s+occasion|behalf|this|that|the\s+same|the\s+day|\d)\b)|regarding|concerning|relating\s+to|related\s+to|"
    r"pertaining\s+to|with\s+regard\s+to|in\s+respect\s+of"
    r"|for(?=\s+(?:the\s+)?(?!co-?operation|collaboration)[a-z]+(?:ion|ment|ance|ence|ing)\b)"  # "agreements for the avoidance of ..."
    r"|including|such\s+as|spanning(?:\s+across)?|covering)\s+(?:" + _NESTED + r")?)"
)
# Anywhere later in the clause: "... to promote cooperation in a range of fields including ...".
_LATER = re.compile(
    r"\b(?:in\s+(?:a\s+(?:wide\s+)?range\s+of|various|different|several|many|a\s+number\s+of|the|key|diverse|"
    r"multiple)\s+"
    r"(?:fields?|areas?|spheres?|sectors?|domains?)(?:\s+of)?(?:\s*,?\s*(?:such\s+as|including|like|namely\s*:?))?"
    r"|including|such\s+as|spanning(?:\s+across)?|covering)\s+"
)
_EXAMPLES = re.compile(r"\b(?:including|such\s+as|like|among|notably|in\s+particular)\b")
_END = re.compile(
    r",?\s+(?:and|as\s+well\s+as)\s+(?:the\s+|a\s+|an\s+|other\s+)?(?=(?:[\w-]+\s+){0,3}?" + _HEADS + r")"
    r"|\s+(?:during|amid|following|on\s+the\s+sidelines|as\s+part\s+of|in\s+the\s+presence\s+of|which|that|were|was|"
    r"will|to\s+(?:promote|boost|strengthen|enhance|expand|deepen|further|develop)|between\s+the\s+two|"
    r"at\s+the|on\s+(?:"
    + _CALENDAR
    + r"|the\s+sidelines|the\s+occasion|behalf|this|that|the\s+same|the\s+day|\d)|in\s+(?=[A-Z][a-z]+\b(?!\s+(?:and|"
    r"&)))|last|next|this|earlier|later)\b"
    r"|,\s+(?:after|before|when|as(?!\s+well\s+as)|where|which|who|while|during|following|with|under|said|according)\b"
    r"|,\s+(?:the\s+|a\s+)?(?:[A-Za-z][\w'-]*\s+){0,5}?(?:said|says|told|reported|announced|added|noted|stated)\b"
    r"|,\s+[a-z]+ing\s+(?:new|the|a|an|their|its|further|more|fresh)\b"  # ", injecting new impetus into ..."
    r"|\s+-{1,2}(?=\s|$)"  # the dash that closes an aside: "MoCs - on A, on B and on C - and ..."
    r"|,?\s+among\s+other|,?\s+etc\b|\.$|[.;:!?]"
)
_DANGLING = re.compile(r"(?:,?\s+(?:and|or|as\s+well\s+as|plus))$")
_FILLER = re.compile(
    r"(?i)^(?:(?:a|an|the|diverse|wide|broad|whole|entire|various|variety|range|spectrum|number|host|series|of|"
    r"different|many|several|other|key|important|priority|mutual|interest|bilateral|fields?|areas?|sectors?|spheres?|"
    r"domains?|things|others|etc)\s*)+$"
)
_COUNTED = re.compile(
    rf"(?i){NUMBER}\s+(?:[a-z-]+\s+){{0,2}}?(?:agreements|memorand|mous|documents|contracts|protocols)"
)
_INNER_HEAD = re.compile(
    r"(?i)(?:agreements|accords|deals|memorand(?:a|ums)|mous|documents|contracts|protocols)\s+(?:on|in|for|regarding)\s+"
)
_TOP_SPLIT = re.compile(r",?\s+as\s+well\s+as\s+|;\s+")
_RANGE_BEFORE = re.compile(r"\bfrom\s+$")
_RANGE_SPLIT = re.compile(r",?\s+as\s+well\s+as\s+|;\s+|\s+to\s+")
"""After "ranging from", "to" also separates fields: "from infrastructure and energy to education"."""
_COMMA_SPLIT = re.compile(
    r",\s+and\s+|,\s+(?:or\s+)?|\s+and\s+(?=(?:one\s+)?(?:on|in|for|regarding|concerning|covering)\s)"
)
_AND = re.compile(r"\s+and\s+")
_NAME_AND = re.compile(r"(?:.*\s)?[A-Z][\w'-]*\s+and\s+[A-Z]")
"""An "and" between two capitalised words: part of a name."""
_LOWER_WORD = re.compile(r"\b(?!(?:and|the|of|in|on|for|a|an)\b)[a-z][a-z-]{2,}")
_AND_THE = re.compile(r"\s+and\s+(?:the|a|an)\s+")
_TWO_FIELDS = re.compile(r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+and\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?")
"""Two lower-case fields of one or two words each, joined by "and"."""
_LEAD = re.compile(
    r"(?:and|or|the|a|an|also|both|on|in|for|regarding|concerning|one(?=\s+(?:on|in|for|regarding|covering)\s))\s+"
    r"|\(?(?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s*",
    re.I,
)
"""Words and list markers ("(ii)", "b)") that lead a field without being part of it."""


_ITEM = r"[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,4}"
_ANY_INTRO = re.compile(
    r"\s+(?:(?!(?:and|or|but|which|that|who|were|was|is|are|will|would|during|after|before|with)\b)[A-Za-z][\w'-]*\s+)"
    r"{0,4}?(?:in|on|for|of|from|like|as|about|regarding|[a-z]+ing)\s+"
    r"(?=" + _ITEM + r"(?:,\s+" + _ITEM + r"){1,}(?:,?\s+(?:and|as\s+well\s+as)\s+)" + _ITEM + r"\b)"
)
"""Any short introducer right before a list of at least three fields ("on issues spanning A, B and C")."""
_COLON_LIST = re.compile(r"(?:\s+[\w'-]+){0,4}?:\s+(?=" + _ITEM + r"(?:,\s+" + _ITEM + r"){2,})")
"""A colon after a few words, before three or more comma-separated fields ("3 deals today in Kigali: A, B, C")."""
_PLACES_AFTER_IN = re.compile(r"in\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+[A-Z][a-z]+")
"""'in Accra, Kumasi and Tamale': capitalised names right after a bare "in" are places, not fields."""


def list_span(text: str, head_end: int, clause_end: int, stop: int | None = None) -> tuple[int, int, bool] | None:
    """Where the enumerated fields of a plural mention are, and whether they are only examples."""
    limit = min(clause_end, stop) if stop is not None else clause_end
    m = _AFTER_HEAD.match(text, head_end, limit)
    if m is None or not m.group("intro").strip():
        m = _LATER.search(text, head_end, limit)
        if m is None or "," in text[head_end : m.start()].rstrip(" ,") or len(text[head_end : m.start()].split()) > 12:
            m = _ANY_INTRO.match(text, head_end, limit) or _COLON_LIST.match(text, head_end, limit)
            if (
                m is None
                or _HEAD_RE.search(text, head_end, list_end(text, m.end(), limit))
                or _PLACES_AFTER_IN.match(text, m.end() - 3, limit)
            ):
                return None  # "documents signed include agreements on A, B and C": the list is the agreements'
        intro = m.group(0)
    else:
        intro = m.group("intro")
        if not _STRONG_RE.match(intro.lstrip(" ,")):
            # "documents on cooperation between the two countries, covering key areas such as A, B and C":
            # the first complement qualifies the documents, the strong introducer after a comma lists them
            later = _STRONG_LATER.search(text, m.end(), limit)
            if later is not None and len(text[m.end() : later.start()].split()) <= 16:
                m, intro = later, later.group(0)
    start = m.end()
    end = list_end(text, start, limit)
    if end - start < 3:
        return None
    return start, end, bool(_EXAMPLES.search(intro))


_PREMOD_WORD = r"[a-z][a-z-]+"
_PREMOD_LIST = re.compile(
    rf"(?<![\w-]){_PREMOD_WORD}(?:,\s+{_PREMOD_WORD}(?:\s+{_PREMOD_WORD})?)+,?\s+and\s+"
    rf"{_PREMOD_WORD}(?:\s+{_PREMOD_WORD})?\s+(?:(?:cooperation|co-operation)\s+)?$"
)
"""Three or more lower-case fields written before a plural head: "signed defence, trade and energy agreements"."""
_NOT_A_FIELD = BLAND_MODIFIERS | GENERIC_DETERMINERS | FUNCTION_WORDS | SIGNING_WORDS | frozenset(NUMBER_WORDS)
"""Words that qualify a document without naming a field ("new", "two", "several", "signed")."""


def premodifier_span(text: str, clause_start: int, head_start: int) -> tuple[int, int] | None:
    """Where the fields written before a plural head are ("defence, trade and energy agreements"), if any.

    Only lower-case words qualify (capitalised ones are places or sides: "Ghanaian, Togolese and ...") and
    none may be a determiner, a number, a bland modifier or a signing word ("signed, sealed and delivered").
    """
    window = max(clause_start, head_start - 120)
    m = _PREMOD_LIST.search(text, window, head_start)
    if m is None:
        return None
    body = re.sub(r"\s+(?:cooperation|co-operation)\s+$", " ", m.group(0))
    words = re.findall(r"[a-z][a-z-]+", body)
    if any(w in _NOT_A_FIELD for w in words if w != "and"):
        return None
    return m.start(), m.start() + len(body.rstrip())


def list_end(text: str, start: int, limit: int) -> int:
    """Where a list of fields that starts at `start` ends: a verb, a clause, a date, another document."""
    end_match = _END.search(text, start, limit)
    end = end_match.start() if end_match else limit
    while True:
        while end > start and text[end - 1] in " ,.":
            end -= 1
        tail = _DANGLING.search(text, start, end)
        if tail is None:
            return end
        end = tail.start()


def _split_top(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    depth = 0
    for m in pattern.finditer(text, start, end):
        depth = text.count("(", cursor, m.start()) - text.count(")", cursor, m.start())
        if depth > 0:
            continue
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if e > s]


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    inner = _INNER_HEAD.match(text, s, e)  # "accords on renewable energy" -> "renewable energy"
    if inner:
        s = inner.end()
    while s < e and text[s] in " ,":
        s += 1
    while e > s and text[e - 1] in " ,.":
        e -= 1
    m = _LEAD.match(text, s, e)
    while m:
        s = m.end()
        m = _LEAD.match(text, s, e)
    return s, e


def _has_and(text: str, span: tuple[int, int]) -> bool:
    """Whether a field joins words with "and"; not inside a capitalised name of a lower-case field ("the Belt and
    Road cooperation"). In a title-case field ("Environment and Climate Change") capitals tell nothing."""
    lower_case = _LOWER_WORD.search(text, *span) is not None
    return any(
        not (lower_case and _NAME_AND.match(text, max(span[0], m.start() - 30), m.end() + 1))
        for m in _AND.finditer(text, *span)
    )


def _split_and(text: str, span: tuple[int, int], *, left_words: int = 1) -> list[tuple[int, int]] | None:
    """Split "cultural exchange and literature" at its first "and" with enough words on the left."""
    for m in _AND.finditer(text, span[0], span[1]):
        if len(text[span[0] : m.start()].split()) >= left_words:
            return [(span[0], m.start()), (m.end(), span[1])]
    return None


def split_fields(
    text: str, start: int, end: int, *, expected: int | None = None, exact: bool = True
) -> list[tuple[int, int]]:
    """The fields of an enumeration as spans of `text`; `expected` fields when a count says so.

    With `exact`, a list shorter than the count is split further at "and"; otherwise the
    count only caps the list (a breakdown such as "three agreements" elsewhere in the text).
    """
    ranged = _RANGE_BEFORE.search(text, max(0, start - 16), start) is not None
    groups = _split_top(text, start, end, _RANGE_SPLIT if ranged else _TOP_SPLIT)
    if ranged:  # "from infrastructure and energy to education and health": each end may be a pair
        pairs = [_split_and(text, g) for g in groups]
        if all(p and all(len(text[a:b].split()) <= 3 for a, b in p) for p in pairs):
            groups = [span for p in pairs if p for span in p]
    items: list[tuple[int, int]] = []
    group_of: list[int] = []
    for g, (gs, ge) in enumerate(groups):
        for span in _split_top(text, gs, ge, _COMMA_SPLIT):
            items.append(_trim(text, span))
            group_of.append(g)
    items = [s for s in items if s[1] > s[0]]
    if not items:
        return []
    if len(items) > 1 and not any(_has_and(text, s) for s in items[:-1]):
        oxford = re.search(r",\s+and\s+", text[start:end]) is not None
        if not oxford:
            last = _split_and(text, items[-1])
            if last:
                items[-1:] = [_trim(text, s) for s in last]
    elif len(items) > 1 and _AND_THE.search(text, *items[-1]):  # "..., astronomy and the digital economy": two fields
        last = _split_and(text, items[-1])
        if last:
            items[-1:] = [_trim(text, s) for s in last]
    elif len(items) == 1 and _AND_THE.search(text, *items[0]):  # "the avoidance of A and the promotion of B"
        parts = _split_and(text, items[0], left_words=2)
        if parts and _AND_THE.match(text, parts[0][1]):
            items = [_trim(text, s) for s in parts]
    elif len(items) == 1 and exact and expected and expected > 1:
        parts = _split_and(text, items[0])
        if parts:
            items = [_trim(text, s) for s in parts]
    elif len(items) == 1 and expected is None and _TWO_FIELDS.fullmatch(text, *items[0]):
        # "MoUs pertaining to agriculture and health": a plural over two short fields is two documents
        items = [_trim(text, s) for s in _split_and(text, items[0]) or [items[0]]]
    if exact and expected and len(items) < expected:
        i = 0
        while i < len(items) and len(items) < expected:
            parts = _split_and(text, items[i], left_words=2)
            if parts:
                items[i : i + 1] = [_trim(text, s) for s in parts]
                i += 2
            else:
                i += 1
    if expected and len(items) > expected >= 1:
        keep = items[: expected - 1]
        items = [*keep, (items[expected - 1][0], items[-1][1])]
    return [
        s for s in items if s[1] - s[0] >= 2 and not _FILLER.match(text[s[0] : s[1]]) and not _COUNTED.match(text, s[0])
    ]
