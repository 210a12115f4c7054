"""The status a clause gives a document: the verb nearest its name ("inked", "agreed to sign",
"discussed ... the adoption of"), an aside skipped (", under negotiation since 2019, will be signed"),
a negation noticed ("was not discussed": no document at all).
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.extractors.offline.lexicon import NOT_A_CUE_RE, STATUS_CUE_RE

_PAREN = re.compile(r"\s*(?:\([^)]{0,80}\)|\[[^\]]{0,80}\])")
_AFTER_CUE = re.compile(
    r"[\s,]*(?:\([^)]*\)\s*)?(?:(?:itself|themselves)\s*,?\s*)?(?:(?:with|between|for|from)\s+(?:(?!\b(?:not|never|no)\b)[^,;.]){1,60}?\s+)?"
    r"(?:which\s+|that\s+)?"
    r"(?:(?:we|they|he|she|both\s+sides|the\s+two\s+sides|(?:\w+\s+){1,2}(?:say|says|said|expect|expects))\s+)?"
    r"(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being|have|has|had)\s+)?"
    r"(?:(?:also|officially|formally|jointly|successfully|finally|then|still|yet|now|already)\s+)?[\"']?\s*$"
)
_AFTER_APPOSITION = re.compile(
    r"(?:\s+(?:itself|themselves))?\s*,\s+[^,;.]{1,80}?,\s*[\"']?\s*(?:(?:which|that)\s+)?(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+)?"
    r"(?:(?:also|officially|formally|jointly|finally|then)\s+)?$"
)
_BUT = re.compile(r"\s*,?\s+(?:but|and|yet)\s+(?:[a-z]+\s+){0,3}$")
"""The joint before a later plan: "was discussed but (or: and) will be signed in May"."""
_AFTER_NEGATION = re.compile(
    r"[\s,]*(?:,\s+[^,;.]{1,80}?,\s*|\s+(?:with|between|for|on|from)\s+[^,;.]{1,60}?\s+)?(?:(?:which|that)\s+)?"
    r"(?:was|were|is|are|has|have|had|will|would|did|does|do)"
    r"(?:\s+not|n't)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:(?:officially|formally|even)\s+)?$"
)
_PLUPERFECT = re.compile(r"\s*,\s*(?:which|that)\s+had\s+(?:been\s+)?(?:(?:already|previously|first)\s+)?$")
_OPEN_APPOSITION = re.compile(r"\s*,\s+[^,;.]{0,80}$")
_VERB = re.compile(
    r"\b(?:also\s+)?(?:agreed|discussed|decided|reached|witnessed|oversaw|welcomed|hailed|noted|launched|established|"
    r"finali[sz]ed|expressed|presented|handed)\b"
)
_NOMINAL = re.compile(r"(?i)^(?:adoption|signing|conclusion|exchange\s+of|issuance)$")


@lru_cache(maxsize=1024)
def _cues(text: str, start: int, end: int) -> tuple[re.Match[str], ...]:
    """Status verbs of `text[start:end]` (cached: several mentions share a clause)."""
    bad = [(m.start(), m.end()) for m in NOT_A_CUE_RE.finditer(text, start, end)]
    return tuple(m for m in STATUS_CUE_RE.finditer(text, start, end) if not any(s <= m.start() < e for s, e in bad))


def status_in(
    text: str, clause: tuple[int, int], head: tuple[int, int], name_end: int
) -> tuple[str | None, int | None]:
    """The status the clause gives the mention, and where its verb starts (for finding the subject)."""
    cs, ce = clause
    head_start = head[0]
    cues = _cues(text, cs, ce)
    paren = _PAREN.match(text, head[1], name_end)
    inside = [c for c in cues if paren and paren.start() <= c.start() < paren.end()]
    if inside:
        return inside[0].lastgroup, None
    after = [c for c in cues if c.start() >= name_end]
    for i, cue in enumerate(after):
        gap = text[name_end : cue.start()]
        if _PLUPERFECT.match(gap) and any(c.start() < head_start for c in cues):
            break  # "signed the accord, which had been initialled in March": its history, not its status
        main = _main_verb_after_aside(text, name_end, after[i + 1 :]) if gap.lstrip().startswith(",") else None
        if main is not None:
            return main, None  # "the tax agreement, under negotiation since 2019, will be signed": not the aside's cue
        if _AFTER_CUE.match(gap) or _AFTER_APPOSITION.match(gap):
            if cue.lastgroup == "discussed":  # "was discussed but will only be signed in May": planned
                later = next((c for c in after[i + 1 :] if _BUT.match(text, cue.end(), c.start())), None)
                if later is not None and later.lastgroup == "planned":
                    return "planned", None
            return cue.lastgroup, None
        if _AFTER_NEGATION.match(gap):
            return "negated", None  # "the tax agreement was not discussed during the visit"
        if not _OPEN_APPOSITION.match(gap):
            break
    before = [c for c in cues if c.start() < head_start]
    if not before:
        verb = _VERB.search(text, cs, head_start)
        return None, verb.start() if verb else None
    cue = before[-1]
    if cue.group().lower() == "draft" and len(before) > 1 and before[-2].lastgroup != "planned":
        cue = before[-2]  # "discussed a draft agreement": the verb says what happened to it
    if _NOMINAL.match(cue.group()) and len(before) > 1 and before[-2].lastgroup == "discussed":
        return "discussed", before[-2].start()
    planned_talks = len(before) > 1 and before[-2].lastgroup == "planned" and before[-2].end() + 2 >= cue.start()
    if cue.lastgroup == "discussed" and planned_talks:  # "agreed to conclude negotiations on an agreement"
        return "planned", before[-2].start()
    return cue.lastgroup, cue.start()


def _main_verb_after_aside(text: str, name_end: int, later: list[re.Match[str]]) -> str | None:
    """The status of the verb that follows an aside after the name (", under negotiation since 2019,")."""
    for cue in later:
        gap = text[name_end : cue.start()]
        if _AFTER_APPOSITION.match(gap):
            return cue.lastgroup
        if _AFTER_NEGATION.match(gap):
            return "negated"
        if not _OPEN_APPOSITION.match(gap) and not gap.count(",") >= 2:
            return None
    return None


def status_near(text: str, span: tuple[int, int]) -> str | None:
    """Any status a context sentence gives (a list's intro, the previous sentence)."""
    cues = _cues(text, *span)
    return cues[-1].lastgroup if cues else None
