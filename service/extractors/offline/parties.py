"""Who a document is between: "between A and B", "A and B signed ...", "A inked an MoU with B",
"the two Ministries of Defence" (one per side), or the two sides of the visit.

A party's country comes from the words naming it ("of Viet Nam", "Azerbaijan's",
"Indian"); a company named without one ("Petrovietnam") is given the other side of the
visit when the other party's country is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.extractors.offline.context import Context
from service.extractors.offline.geo import codes_in
from service.extractors.offline.mentions import Mention
from service.extractors.offline.people import persons_in, signed_by
from service.extractors.offline.principals import principals
from service.extractors.offline.sides import INTERNATIONAL, MINISTRIES, Party, fill_countries, ministries, side_parties

_BETWEEN = re.compile(r"\bbetween\s+")
_BETWEEN_END = re.compile(
    r"\s+(?:on|regarding|concerning|covering|focusing|to\s+(?=[a-z])|for\s+(?=[a-z0-9])|in\s+(?=[a-z0-9])|"
    r"in\s+(?=[A-Z][a-z]+\s+\d)|was|were|is|are|will|which|that|during|under|at\s+the)\b|[.;:]|,\s+(?=[a-z])(?!and\b)"
    r"|\s+and\s+(?:also\s+)?[a-z]+ed\b"
    r"|,\s+(?=(?:\S+\s+){0,3}(?!(?:and|of|the|for)\b)[a-z])|(?:\s+|,\s*)(?:and|as\s+well\s+as)\s+(?:a|an|another)\s"
)
_WITH = re.compile(
    r"\s*(?:\([^)]{0,60}\)\s*)?with\s+(?P<y>[^,.;]+?)(?=\s+(?:on|for|to|in|regarding|during|at|as|which)\s+(?=[a-z])"
    r"|\s+(?:were|was|is|are|will|would|has|had|have|but|and|that|which|who)\b|[,.;]|$)"
)
_INTRO = re.compile(
    r"(?:(?:[A-Z][a-z]+ly|Meanwhile|Also|Besides|Moreover|Furthermore|Similarly|Likewise|Later|Then|Earlier|"
    r"Finally),\s+"
    r"|(?:In|During|At|Following|After|On|Under|Within|As\s+part\s+of|In\s+addition\s+to|"
    r"According\s+to)\s+[^,]{0,90},\s+"
    r"|[A-Z][\w ]{0,30}:\s+(?=[A-Z])"  # "Water: A framework agreement ..."
    r"|[A-Z]{3,}[A-Z ,]*(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?(?:\s*\([^)]{0,30}\))?\s*[:\-]+\s+)+"
)
_SUBJECT_TAIL = re.compile(
    r"(?:\s+(?:also|have|has|had|jointly|officially|formally|today|yesterday|later|then|both|on\s+[A-Z][a-z]+day|"
    r"on\s+[A-Z][a-z]+\s+\d{1,2}|\([^)]*\)))+\s*$"
)
_APPOSITIVE = re.compile(r",\s+(?:the|a|an|its|their)\s+[a-z][^,]*,?\s*$")
_COLLECTIVE = re.compile(
    r"^(?:the\s+|both\s+|their\s+)?(?:two\s+|both\s+)?(?:sides|parties|countries|nations|leaders|presidents|"
    r"heads\s+of\s+state|"
    r"governments|states|delegations|they|we)\b",
    re.I,
)
_AND_SPLIT = re.compile(r",?\s+and\s+")
_PARTY_START = re.compile(
    r"(?:the\s+|The\s+)|(?:Ministry|Ministries|Department|Government|State|National|Central|Federal|Reserve|"
    r"Institute)\b"
)
_ORG = re.compile(
    r"\b(?:Ministry|Ministries|JSC|Company|Corporation|Corp|Group|Bank|Agency|Fund|Authority|Commission|Institute|"
    r"Council|Centre|Center|Department|Directorate|Chamber|Association|University|Refinery|Refining|Petro\w*|Oil|Gas|"
    r"Airways|Airlines|Railways|Holding|[A-Z]{3,}(?:-[A-Z]+)?|"
    r"Ltd|LLC|PLC|Inc|Navy|Force|Police|Academy|Government|Enterprise)\b"
)
_PERSON_HINT = re.compile(
    r"\b(?:President|Prime\s+Minister|PM|Minister|Secretary|Premier|Chancellor|King|Emir|counterpart|Dr|Mr|Mrs|Ms|"
    r"Deputy|Ambassador|Chairman|[Mm]inisters|[Ss]ecretaries)\b"
)
_DASH_TAIL = re.compile(r"\s+-{1,2}\s+(?P<rest>[^.;]{3,200}?)[\s.;]*$")
_PUBLISHED = re.compile(r"(?i)(?:also\s+)?(?:issu|releas|publish|unveil)")
"""Leaders who issue a statement publish it; they are its signatories only when they sign it."""


_SUBJECT_WORDS = frozenset(
    [
        "and", "of", "the", "for", "from", "two", "both", "respective", "their", "its", "his", "her", "own", "state",
        "relevant", "national", "joint", "on", "in", "all", "other", "ministries", "ministry", "agencies", "agency",
        "governments", "government", "countries", "country", "sides", "side", "nations", "nation", "leaders",
        "presidents", "heads", "head", "companies", "company", "banks", "bank", "central", "counterparts",
        "counterpart", "parties", "delegations", "officials", "ministers", "minister", "departments", "department",
        "subsidiary", "firms", "firm", "s", "de", "da", "al", "bin", "van", "der"
    ]
)  # fmt: skip
_WITNESS = re.compile(r"\b(?:witness\w*|oversaw|overs[ae]e\w*|attend\w*|presid\w*|watch\w*|hail\w*|welcom\w*)\b")


_THE = re.compile(r"^(?:the|The)\s+")
_FIRST_WORD = re.compile(r"[A-Za-z']+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]*\b")
_CAP_WORD = re.compile(r"[A-Z][a-z]+")
_LEADERS = re.compile(r"(?i)(?:the\s+)?(?:two\s+|both\s+)?(?:leaders|presidents|heads\s+of\s+state)\b")


_PARTICIPLE = re.compile(r"(?:In\s+addition\s+to|After|Besides|Apart\s+from|Before|Following|Upon)\s+$")
_MAIN_SUBJECT = re.compile(
    r",\s+(?P<who>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*\s+and\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+[a-z]"
)


@dataclass
class PartyFinding:
    parties: list[Party]
    signatories: list[str]


def _country(ctx: Context, start: int, end: int) -> str | None:
    codes = ctx.codes(start, end)
    return codes[0] if codes else None


def _name(ctx: Context, start: int, end: int) -> str:
    name = ctx.body[start:end].strip(" ,")
    return _THE.sub("", name)


def _split_score(ctx: Context, left: tuple[int, int], right: tuple[int, int]) -> int:
    lc, rc = ctx.codes(*left), ctx.codes(*right)
    score = 0
    if len(lc) == 1 and len(rc) == 1 and lc != rc:
        score += 4
    elif len(lc) <= 1 and len(rc) <= 1 and lc != rc:
        score += 2
    first_word = _FIRST_WORD.match(ctx.text, right[0], right[1])
    if _PARTY_START.match(ctx.text, right[0]) or (first_word and codes_in(first_word.group())):
        score += 1
    if lc and rc and lc == rc:
        score -= 3
    return score


def split_parties(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """Cut "A and B" / "A, B, and C" into party spans, not cutting "Ministry of Industry and Trade"."""
    text = ctx.text
    joints = [
        m
        for m in _AND_SPLIT.finditer(text, start, end)
        if text.count("(", start, m.start()) <= text.count(")", start, m.start())
    ]
    if not joints:
        comma = re.fullmatch(
            r"([A-Z][\w'-]*(?:\s[A-Z][\w'-]*){0,3}),\s+([A-Z][\w'-]*(?:\s[A-Z][\w'-]*){0,3})", text[start:end]
        )
        if comma:
            return [(start, start + comma.end(1)), (start + comma.start(2), end)]
        return [(start, end)]
    best, best_score = None, -10
    for m in joints:
        score = _split_score(ctx, (start, m.start()), (m.end(), end))
        if score > best_score:
            best, best_score = m, score
    oxford = [m for m in joints if text[m.start()] == ","]
    if best_score < 4 and oxford:
        parts, cursor = [], start
        for m in re.finditer(r",\s+(?:and\s+)?", text[start:end]):
            parts.append((cursor, start + m.start()))
            cursor = start + m.end()
        parts.append((cursor, end))
        if all(len(text[s:e].split()) <= 8 for s, e in parts):
            return parts
    assert best is not None
    right = (best.end(), end)
    if best_score < 3 and not (_ORG.search(text, *right) or _PARTY_START.match(text, right[0])):
        return [(start, end)]
    return [(start, best.start()), right]


def _named(ctx: Context, spans: list[tuple[int, int]]) -> list[Party]:
    parties = []
    for s, e in spans:
        name = _name(ctx, s, e)
        if not name or len(name) > 160:
            continue
        low = name.lower()
        plural_body = MINISTRIES.match(ctx.text[s:e].strip(" ,"))
        if plural_body and len(spans) == 1:
            return ministries(ctx, plural_body)
        if re.match(
            r"(?:the\s+)?(?:two|both)\s+(?:countries|sides|nations|governments)\b|their\s+(?:two\s+)?countries\b"
            r"|their\s+(?:respective\s+)?(?:armed\s+forces|militaries|armies|navies|governments)\b",
            low,
        ):
            return side_parties(ctx)
        parties.append((name, _country(ctx, s, e)))
    return parties


def subject_span(ctx: Context, clause_start: int, verb_start: int) -> tuple[int, int] | None:
    """The grammatical subject before the verb, without leading adverbials and datelines."""
    text = ctx.text
    s = clause_start
    m = _INTRO.match(text, s, verb_start)
    if m:
        s = m.end()
    chunk = text[s:verb_start]
    tail = _SUBJECT_TAIL.search(chunk)
    e = s + (tail.start() if tail else len(chunk.rstrip()))
    appositive = _APPOSITIVE.search(text, s, e)
    if appositive:
        e = appositive.start()
    while e > s and text[e - 1] in " ,":
        e -= 1
    if e - s < 2 or len(text[s:e].split()) > 30:
        return None
    chunk = text[s:e]
    if _COLLECTIVE.match(chunk) or MINISTRIES.match(chunk):
        return s, e
    stray = [w for w in _LOWER_WORD.findall(chunk) if w not in _SUBJECT_WORDS]
    return None if stray else (s, e)


def find(
    ctx: Context, clause: tuple[int, int], np_start: int, np_end: int, verb_start: int | None, status: str | None = None
) -> PartyFinding:
    """Parties and signatories of the document mentioned at `np_start:np_end` in `clause`."""
    text = ctx.text
    cs, ce = clause
    parties: list[Party] = []
    signatories: list[str] = []
    between = _BETWEEN.search(text, np_start, ce)
    if between and between.start() > np_end:
        gap = text[np_end : between.start()]
        if len(gap) > 60 or "," in gap or " and " in gap:
            between = None
    if between:
        end_m = _BETWEEN_END.search(text, between.end(), ce)
        end = end_m.start() if end_m else ce
        parties = _named(ctx, split_parties(ctx, between.end(), end))
    if verb_start is not None and verb_start < np_start:
        subject = subject_span(ctx, cs, verb_start)
        if subject is None and _PARTICIPLE.match(text, cs, verb_start) and status in ("signed", "adopted"):
            # "In addition to signing a joint statement ..., Lam and Aliyev also ...": the main clause's subject.
            main = _MAIN_SUBJECT.search(text, np_end, ce)
            if main and _PERSON_HINT.search(main.group("who")) is None:
                signatories = persons_in(main.group("who"), ctx.people)
        if subject:
            s, e = subject
            chunk = text[s:e]
            witnessed = (
                _WITNESS.search(ctx.low, s, np_start) is not None
                or status not in ("signed", "adopted")
                or _PUBLISHED.match(text, verb_start) is not None
            )
            people_subject = False
            if _LEADERS.match(chunk):
                signatories = [] if witnessed else principals(ctx.people, ctx.sides)
                people_subject = True
            elif _PERSON_HINT.search(chunk) or any(ctx.people.full(w) for w in _CAP_WORD.findall(chunk)[-1:]):
                signatories = [] if witnessed else persons_in(chunk, ctx.people)
                people_subject = True
            if not parties and not people_subject:
                if _COLLECTIVE.match(chunk):
                    parties = side_parties(ctx)
                elif (mm := MINISTRIES.match(chunk)) is not None:
                    parties = ministries(ctx, mm)
                elif _ORG.search(chunk) or ctx.codes(s, e):
                    parties = _named(ctx, split_parties(ctx, s, e))
    if not between:
        w = _WITH.match(text, np_end, ce)
        y = w.group("y") if w else ""
        if w and (_ORG.search(y) or INTERNATIONAL.search(y) or ctx.codes(w.start("y"), w.end("y"))):
            parties = [*parties, *_named(ctx, split_parties(ctx, w.start("y"), w.end("y")))]
    signatories = signatories or signed_by(text[np_end:ce], ctx.people)
    parties = [(n, c) for n, c in parties if n]
    return PartyFinding(fill_countries(ctx, parties), signatories)


def _dash_tail(ctx: Context, m: Mention, found: PartyFinding) -> None:
    """A list line "Agreement on X - Minister A and Minister B" (or "- Agency A and Agency B") names after the
    dash who signed the document, or between whom it is."""
    tail = _DASH_TAIL.match(ctx.text, m.title_span[1], m.segment.end)
    if tail is None:
        return
    s, e = tail.start("rest"), tail.end("rest")
    chunk = ctx.text[s:e]
    if not found.signatories and (_PERSON_HINT.search(chunk) or ctx.people.full(chunk.split()[-1])):
        found.signatories = persons_in(chunk, ctx.people)
    elif not found.parties and (_ORG.search(chunk) or ctx.codes(s, e)):
        found.parties = fill_countries(ctx, _named(ctx, split_parties(ctx, s, e)))


def attach(ctx: Context, m: Mention) -> Mention:
    """Fill a mention's parties and signatories from its clause."""
    found = find(ctx, m.clause, m.title_span[0], m.title_span[1], m.cue_start, m.status)
    if m.segment.kind == "item":
        _dash_tail(ctx, m, found)
    m.parties, m.signatories = found.parties, found.signatories
    return m
