"""Signers named apart from the document they signed.

"The documents were signed at the palace by Minister A and Minister B" follows the sentence that
listed them; "Prime Minister A and President B signed it at Parliament House" follows the
sentence that named the agreement. Both give signatories to documents that name none of their own.
"""

from __future__ import annotations

import re

from service.extractors.offline.context import Context
from service.extractors.offline.groups import DocGroup
from service.extractors.offline.mentions import Mention
from service.extractors.offline.people import persons_in
from service.vocabulary import INITIALLED_PARTICIPLES, SIGNED_PARTICIPLES, alternation

_SIGNED_IT_KEYS = tuple(
    f" {verb} {it}" for verb in SIGNED_PARTICIPLES + INITIALLED_PARTICIPLES for it in ("it", "them")
)
"""Substrings of the sentences where someone "signed it": found by `str.find` before any regex runs."""
_SIGNED_PRONOUN = re.compile(
    r"(?:^|(?<=[,;:]\s))(?P<who>[A-Z][^.;,]{2,120}?)\s+(?:also\s+|jointly\s+)?"
    + alternation(SIGNED_PARTICIPLES + INITIALLED_PARTICIPLES)
    + r"\s+(?P<what>it|them)\b"
)
_ROLE = re.compile(
    r"\b(?:President|Prime\s+Minister|PM|Minister|Chancellor|Premier|King|Emir|Secretary|[Mm]inisters)\b"
)


def _before(groups: list[DocGroup], position: int) -> list[DocGroup]:
    return [g for g in groups if g.first.position < position and g.first.segment.kind != "heading"]


def _unsigned(group: DocGroup) -> bool:
    return not any(m.signatories for m in group.mentions)


def listed(groups: list[DocGroup], mentions: list[Mention]) -> None:
    """ "The documents were signed by X and Y": the signers of the documents the sentence before listed."""
    for m in mentions:
        if not (m.plural and m.det == "definite" and m.signatories and m.kind in ("generic", "count")):
            continue
        before = _before(groups, m.position)
        if not before:
            continue
        latest = max(g.first.segment.start for g in before)
        for g in before:
            if g.first.segment.start == latest and _unsigned(g):
                g.first.signatories = list(m.signatories)


def pronouns(ctx: Context, groups: list[DocGroup]) -> None:
    """ "A and B signed it": the signers of the document named last before; "signed them": of those listed last."""
    if " it" not in ctx.text and " them" not in ctx.text:
        return
    for idx in ctx.segments_with(_SIGNED_IT_KEYS):
        seg = ctx.segments[idx]
        for m in _SIGNED_PRONOUN.finditer(ctx.text[seg.start : seg.end]):
            who, at = m.group("who"), seg.start + m.start()
            if not _ROLE.search(who) and not any(ctx.people.full(w) for w in who.split()[-1:]):
                continue
            signers = persons_in(who, ctx.people)
            before = _before(groups, at)
            if not signers or not before:
                continue
            if m.group("what") == "it":
                target = [max(before, key=lambda g: max(x.position for x in g.mentions if x.position < at))]
            else:
                latest = max(g.first.segment.start for g in before)
                target = [g for g in before if g.first.segment.start == latest]
            for g in target:
                if _unsigned(g):
                    g.first.signatories = list(signers)
