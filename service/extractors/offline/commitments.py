"""Pledges that are not documents: "Both sides agreed to expedite ...", "India would support ...".

A pledge needs a side as its subject (both sides, the leaders, a country, "the Russian
side") and a verb of commitment; a sentence whose object is a document is a document,
not a pledge.
"""

from __future__ import annotations

import re
import textwrap

from rapidfuzz import fuzz

from service.countries import city_country
from service.extractors.offline.context import Context
from service.extractors.offline.geo import places
from service.extractors.offline.lexicon import TYPE_RE
from service.models.draft import DraftCommitment
from service.vocabulary import PLEDGE_TEXT_MAX_CHARS

_SIDES = (
    r"(?:(?:both|the\s+two|the)\s+(?:sides|parties|leaders|presidents|prime\s+ministers|heads\s+of\s+state|countries|"
    r"governments|delegations|ministers|nations)|they)"
)
_COUNTRY = r"(?:the\s+)?[a-z]+(?:\s+[a-z]+)?(?:\s+side)?"
_VERB = (
    r"(?:also\s+|further\s+|have\s+|has\s+|had\s+|jointly\s+|today\s+|yesterday\s+|on\s+[a-z]+day\s+)*"
    r"(?P<verb>agreed\s+on\s+the\s+need\s+to|agreed\s+to|pledged\s+to|vowed\s+to|promised\s+to|committed\s+to|"
    r"undertook\s+to|resolved\s+to|decided\s+to|intend\s+to|intends\s+to|plan\s+to|plans\s+to|will|would|"
    r"(?:is|are|was|were)\s+(?:willing|ready|prepared)\s+to|stands?\s+ready\s+to|"
    r"continue\s+to|reaffirmed\s+their\s+commitment\s+to|expressed\s+(?:their\s+)?(?:readiness|willingness|"
    r"determination)\s+to|"
    r"supports?)\s+"
)
_AND_TO = re.compile(r"\s+and\s+to\s+(?=[a-z])")
_NEW_PREDICATE = re.compile(r",?\s+and\s+(?:are|is|will|would|was|were|have|has|had)\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]+")
_WHAT = r"[^.;]+(?:\.\d[^.;]*)*"
_PLEDGE = re.compile(
    rf"(?:^|(?<=[,;:-]\s)|(?<=\bthat\s)|(?<=\band\s)|(?<=\bsaid\s)|(?<=\bsays\s))(?P<subj>{_SIDES}|"
    rf"{_COUNTRY}(?:\s+and\s+{_COUNTRY})?)\s+{_VERB}(?P<what>{_WHAT})",
)
"""Read on the lower-case view of a sentence (as fast as a case-sensitive pattern, as blind as re.I); the
groups are sliced from the sentence itself by offset."""
_LATER_PLEDGE = re.compile(
    rf"(?:^|(?<=[,;:]\s))(?P<subj>{_SIDES})\s+(?:also\s+)?[a-z]+ed\b[^.;]{{0,160}}?\band\s+(?:also\s+)?"
    rf"(?P<verb>agreed\s+to|pledged\s+to|vowed\s+to|promised\s+to|decided\s+to|resolved\s+to|committed\s+to)\s+"
    rf"(?P<what>{_WHAT})",
)
""""The two leaders announced a fund and agreed to double trade": the pledge of a second predicate."""
_SUPPORT = re.compile(r"\bannounced\s+(?P<subj>[A-Z][A-Za-z]+)'s\s+support\s+(?:for|to|towards)\s+(?P<what>[^.;]+)")
_LATER_VERBS = (
    " agreed to",
    " pledged to",
    " vowed to",
    " promised to",
    " decided to",
    " resolved to",
    " committed to",
)


_NOT_PLEDGE = re.compile(
    r"(?i)^(?:be\s+(?:of|an?|the)\b|remain|continue\s+to\s+be|have\s+been|be\s+integral|not\b|also\s+be\b"
    r"|be\s+[a-z]+ed\b)"  # "they will be concluded this year": a forecast about something, not a promise
)
_VAGUE = re.compile(
    r"(?i)^(?:further\s+)?(?:deepen|strengthen|enhance|expand|develop|boost|promote|broaden|intensify|continue|advance)"
    r"\s+(?:the\s+|their\s+|bilateral\s+|mutual\s+|comprehensive\s+|all-round\s+|overall\s+)*"
    r"(?:cooperation|ties|relations|partnership|friendship|collaboration)"
    r"(?:\s+(?:in|across)\s+(?:all|various|many|different|every)\s+(?:areas|fields|spheres|sectors|domains)"
    r"|\s+between\s+the\s+two\s+(?:countries|sides|nations))?(?:\s*,?\s+(?:to|for|so\s+as\s+to)\s+.*)?$"
)
"""'will deepen cooperation in all areas': an aspiration; a pledge names what will be done."""
_DOCUMENT_NOUN = re.compile(r"(?i)\b(?:sign\w*|conclu\w*|adopt\w*|issu\w*|ink\w*|seal\w*|negotiat\w*)\s+(?:of\s+)?")
_KEYS = (
    "agreed", "pledged", "vowed", "promised", "committed", "undertook", "resolved", "decided", "intend", "plan",
    "will", "would", "continue", "reaffirmed", "expressed", "support",
)  # fmt: skip
_DOCUMENT_ACT = re.compile(
    r"(?i)(?:also\s+)?(?:sign|ink|adopt|issue|conclude|seal|exchange|establish|create|finali[sz]e|prepare|draft|"
    r"negotiate|start\s+negotiations|hold\s+talks)\b"
)
_TIMEFRAME = re.compile(r"\b(?:by|until|before|in)\s+((?:19|20)\d\d)\b")


def _persons(ctx: Context, subject: str) -> list[str]:
    """ "Nazarov and Aydin": the sides of the persons named, both sides for two of the visit's leaders."""
    parts = [" ".join(_CAPITALISED.findall(part)) for part in re.split(r"\s+and\s+", subject)]
    names = [ctx.people.full(part) if part else None for part in parts]
    if not names or not all(names):
        return []
    codes = {ctx.people.country.get(n) for n in names if n}
    known = {c for c in codes if c is not None}
    if len(names) == 2 and len(ctx.sides) == 2 and (len(known) == 2 or (len(known) <= 1 and None in codes)):
        return list(ctx.sides)  # two leaders, one of each side (the one not labelled is the other side's)
    return sorted(known)


def _actors(ctx: Context, subject: str) -> list[str]:
    if re.match(_SIDES, subject, re.I):
        return list(ctx.sides)
    codes = []
    for p in places(subject, cities=True):
        if p.code not in codes:
            codes.append(p.code)
    if not codes:
        word = subject.split()[-1]
        code = city_country(word)
        codes = [code] if code else _persons(ctx, subject)
    return codes


def extract_commitments(ctx: Context) -> list[DraftCommitment]:
    """Pledges in body order, near-duplicates (a recap repeating the body) dropped."""
    out: list[DraftCommitment] = []
    for idx in ctx.segments_with(_KEYS):
        seg = ctx.segments[idx]
        if seg.kind == "heading":
            continue
        chunk = ctx.text[seg.start : seg.end]
        low = ctx.low[seg.start : seg.end]
        matches = list(_PLEDGE.finditer(low)) + list(_SUPPORT.finditer(chunk))
        if " and " in low and any(verb in low for verb in _LATER_VERBS):
            matches += [
                m for m in _LATER_PLEDGE.finditer(low) if not any(o.start("what") == m.start("what") for o in matches)
            ]
        for m in matches:
            raw = chunk[m.start("what") : m.end("what")]
            subject = chunk[m.start("subj") : m.end("subj")]
            cut = _NEW_PREDICATE.search(raw) if " and " in raw else None
            raw = (raw[: cut.start()] if cut else raw).rstrip()
            what = raw.strip()
            if _NOT_PLEDGE.match(what) or len(what.split()) < 3:
                continue
            if _VAGUE.match(what):
                continue
            act = _DOCUMENT_ACT.match(what) or _DOCUMENT_NOUN.search(what, 0, 40)
            if act and " and " not in what[: act.start()] and TYPE_RE.search(what, act.end(), 80):
                # "agreed to adopt a joint statement": a document; "... and to hold a meeting": a pledge after it
                second = _AND_TO.search(raw)
                if second is None:
                    continue
                raw = raw[second.end() :]
                what = raw.strip()
                m_what = m.start("what") + second.end()
            else:
                m_what = m.start("what")
            actors = _actors(ctx, subject)
            if not actors or not set(actors) & set(ctx.sides):
                continue
            start, what_end = seg.start + m.start(), seg.start + m_what + len(raw)
            quote = ctx.body[start:what_end].strip()
            text = re.sub(r"\s+", " ", ctx.body[seg.start + m_what : what_end]).strip()
            if any(fuzz.token_set_ratio(text, c.text) >= 80 for c in out):
                continue
            timeframe = _TIMEFRAME.search(what)
            out.append(
                DraftCommitment(
                    actors=sorted(actors),
                    text=textwrap.shorten(text, PLEDGE_TEXT_MAX_CHARS, placeholder=" \u2026"),
                    timeframe=timeframe.group(0) if timeframe else None,
                    quote=quote,
                )
            )
    return out
