"""The number of documents an article states ("15 agreements were signed", "six documents: three
agreements and three memorandums") and whether its list of documents is complete.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from service.extractors.offline.context import Context
from service.extractors.offline.lexicon import EXAMPLES_RE, NUMBER, STATUS_CUE_RE, number_value
from service.extractors.offline.mentions import is_plural
from service.extractors.offline.people import persons_in
from service.vocabulary import SIGNED_PARTICIPLES, alternation

_COUNT = re.compile(
    rf"\b(?P<n>{NUMBER})\s+(?:(?:other|more|new|cooperation|bilateral|important|key|intergovernmental|"
    rf"inter-governmental|"
    r"interagency|inter-agency|government-to-government|official|legal|major|significant|separate|different|economic|"
    r"trade|commercial|signed|documents\s+and)\s+){0,3}"
    r"(?P<noun>documents|instruments|papers|agreements|accords|deals|memorand(?:a|ums)|mous|mocs|contracts|"
    r"treaties|"
    r"protocols|pacts|memorandums?\s+of\s+understandings?|letters\s+of\s+intent)\b"
    r"(?P<more>\s*(?:\([^)]{0,40}\)|\[[^\]]{0,60}\])?\s*(?:and|&)\s+(?:mous|memorand\w*|agreements|contracts|"
    r"protocols))?",
)
"""All the patterns of this module read the lower-case view of a sentence (faster than case-blind matching)."""
_TOTAL_NOUNS = ("documents", "instruments", "papers")
_SINCE = re.compile(
    r"\b(?:since|so\s+far|to\s+date|over\s+the\s+(?:past|last|years)|in\s+the\s+past|previously|earlier\s+visits?|"
    r"last\s+(?:year|month|time)|a\s+year\s+ago)\b"
)
_WITNESS = re.compile(r"\b(?:witness\w*|oversaw|overs[ae]e\w*|attend\w*|presid\w*|watch\w*)\b")
_SIGNING = re.compile(
    r"\b(?:sign\w*|ink\w*|exchang\w*|conclu\w*|seal\w*|adopt\w*|pen\s+to\s+paper|penned|struck|clinch\w*|"
    r"announc\w*)\b"
)
_SIGNING_KEYS = (
    "sign",
    "ink",
    "exchang",
    "conclu",
    "seal",
    "adopt",
    "to paper",
    "penned",
    "struck",
    "clinch",
    "announc",
)
_SIGNED = alternation(SIGNED_PARTICIPLES)
_GENERIC_SIGNED = re.compile(
    r"\b(?:documents|agreements|deals|memorand\w*|mous)\b[^.]{0,40}\b" + _SIGNED + r"\b"
    r"|\b(?:" + _SIGNED + r"|signing\s+of)\s+(?:several|many|a\s+number\s+of|various|other|some|"
    r"the)?\s*"
    r"(?:\w+\s+)?(?:documents|agreements|deals)\b"
)


@dataclass
class CountFinding:
    stated: int | None = None
    signatories: list[str] = field(default_factory=list)
    examples: bool = False  # "including ...": the article only gives examples
    generic_signing: bool = False  # "the documents signed" without saying which


def _sentence_value(matches: list[re.Match[str]]) -> int | None:
    values = []
    for m in matches:
        value = number_value(m.group("n"))
        if value is None or value < 2:
            continue
        if m.group("noun").lower() in _TOTAL_NOUNS or m.group("more"):
            return value
        values.append(value)
    return sum(values) if values else None


def stated_count(ctx: Context) -> CountFinding:
    """The stated number of documents (the most repeated figure, first on ties) and its signers."""
    values: Counter[int] = Counter()
    first: dict[int, int] = {}
    found = CountFinding()
    text = ctx.text
    for idx in ctx.segments_with(_SIGNING_KEYS):
        seg = ctx.segments[idx]
        if seg.related:
            continue
        plural = [h for h in ctx.heads_in(seg.start, seg.end) if is_plural(text[h[0] : h[1]])]
        if not plural and "documents" not in ctx.low[seg.start : seg.end]:
            continue
        chunk = text[seg.start : seg.end]
        low = ctx.low[seg.start : seg.end]  # the case-blind patterns read the lower-case view: much faster
        if _GENERIC_SIGNED.search(low):
            found.generic_signing = True
        matches = list(_COUNT.finditer(low))
        if not matches or not _SIGNING.search(low):
            continue
        value = _sentence_value(matches)
        if value is None or _SINCE.search(low):
            continue
        values[value] += 1
        first.setdefault(value, seg.start)
        if EXAMPLES_RE.search(low):
            found.examples = True
        # The signers of a count are those who signed the counted documents themselves, not "A and B signed a
        # declaration, which was not among the eight agreements" (another document between verb and count).
        verb = next((c for c in STATUS_CUE_RE.finditer(low) if c.lastgroup == "signed"), None)
        if (
            verb
            and not found.signatories
            and verb.start() < matches[0].start()
            and not ctx.heads_in(seg.start + verb.end(), seg.start + matches[0].start())
            and not _WITNESS.search(low, 0, verb.start())
        ):
            found.signatories = (
                persons_in(chunk[: verb.start()], ctx.people) if _has_person(chunk[: verb.start()]) else []
            )
    if values:
        found.stated = max(values, key=lambda v: (values[v], -first[v]))
    return found


def _has_person(text: str) -> bool:
    return bool(re.search(r"\b(?:President|Prime\s+Minister|PM|Minister|counterpart|Secretary|Premier)\b", text))
