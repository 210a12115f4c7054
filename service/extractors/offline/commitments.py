"""Pledges that are not documents: "Both sides agreed to expedite ...", "India would support ...".

A pledge needs a side as its subject (both sides, the leaders, a country, "the Russian
side") and a verb of commitment; a sentence whose object is a document is a document,
not a pledge.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from service.countries import city_country
from service.extractors.offline.context import Context
from service.extractors.offline.geo import places
from service.extractors.offline.lexicon import TYPE_RE
from service.models.draft import DraftCommitment

_SIDES = (
    r"(?:(?:both|the\s+two|the)\s+(?:sides|parties|leaders|presidents|prime\s+ministers|heads\s+of\s+state|countries|"
    r"governments|delegations|ministers|nations)|they)"
)
_COUNTRY = r"(?:the\s+)?[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?(?:\s+side)?"
_VERB = (
    r"(?:also\s+|further\s+|have\s+|has\s+|had\s+|jointly\s+)*"
    r"(?P<verb>agreed\s+on\s+the\s+need\s+to|agreed\s+to|pledged\s+to|vowed\s+to|promised\s+to|committed\s+to|"
    r"undertook\s+to|resolved\s+to|decided\s+to|intend\s+to|intends\s+to|plan\s+to|plans\s+to|will|would|"
    r"continue\s+to|reaffirmed\s+their\s+commitment\s+to|expressed\s+(?:their\s+)?(?:readiness|willingness|"
    r"determination)\s+to|"
    r"supports?)\s+"
)
_PLEDGE = re.compile(
    rf"(?:^|(?<=[,;:]\s)|(?<=\bthat\s)|(?<=\band\s)|(?<=\bsaid\s))(?P<subj>{_SIDES}|"
    rf"{_COUNTRY}(?:\s+and\s+{_COUNTRY})?)\s+{_VERB}(?P<what>[^.;]+)",
    re.I,
)
_SUPPORT = re.compile(r"\bannounced\s+(?P<subj>[A-Z][A-Za-z]+)'s\s+support\s+(?:for|to|towards)\s+(?P<what>[^.;]+)")
_NOT_PLEDGE = re.compile(
    r"(?i)^(?:be\s+(?:of|an?|the)\b|remain|continue\s+to\s+be|have\s+been|be\s+integral|not\b|also\s+be\b)"
)
_KEYS = (
    "agreed", "pledged", "vowed", "promised", "committed", "undertook", "resolved", "decided", "intend", "plan",
    "will", "would", "continue", "reaffirmed", "expressed", "support",
)  # fmt: skip
_DOCUMENT_ACT = re.compile(
    r"(?i)(?:also\s+)?(?:sign|ink|adopt|issue|conclude|seal|exchange|establish|create|finali[sz]e|prepare|draft|"
    r"negotiate|start\s+negotiations|hold\s+talks)\b"
)
_TIMEFRAME = re.compile(r"\b(?:by|until|before|in)\s+((?:19|20)\d\d)\b")


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
        codes = [code] if code else []
    return codes


def extract_commitments(ctx: Context) -> list[DraftCommitment]:
    """Pledges in body order, near-duplicates (a recap repeating the body) dropped."""
    out: list[DraftCommitment] = []
    for idx in ctx.segments_with(_KEYS):
        seg = ctx.segments[idx]
        if seg.kind == "heading":
            continue
        chunk = ctx.text[seg.start : seg.end]
        for m in list(_PLEDGE.finditer(chunk)) + list(_SUPPORT.finditer(chunk)):
            what = m.group("what").strip()
            if _NOT_PLEDGE.match(what) or len(what.split()) < 3:
                continue
            if _DOCUMENT_ACT.match(what) and TYPE_RE.search(what[:80]):
                continue  # "agreed to adopt a joint statement": a document, not a pledge
            actors = _actors(ctx, m.group("subj"))
            if not actors or not set(actors) & set(ctx.sides):
                continue
            start = seg.start + m.start()
            quote = ctx.body[start : seg.start + m.end()].strip()
            text = re.sub(r"\s+", " ", ctx.body[seg.start + m.start("what") : seg.start + m.end("what")]).strip()
            if any(fuzz.token_set_ratio(text, c.text) >= 80 for c in out):
                continue
            timeframe = _TIMEFRAME.search(what)
            out.append(
                DraftCommitment(
                    actors=sorted(actors),
                    text=text[:200],
                    timeframe=timeframe.group(0) if timeframe else None,
                    quote=quote,
                )
            )
    return out
