"""`period`: the validity of one document stated differently ("2025-2027" vs "2025-2030")."""

from __future__ import annotations

from service.crosscheck.findings.common import Context, Entry, internal, primary, quoted, split, tally
from service.crosscheck.model import Draft
from service.crosscheck.text import normalise_period


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        mentions = ctx.mentions(canon)
        entries = [Entry(it.id, p, p, tuple(primary(d))) for it, d in mentions if (p := normalise_period(d.period))]
        drafts += split(
            entries,
            kind="period",
            severity="error",
            document=canon.key,
            explain=lambda sides, c=canon: f"The reports give {quoted(c.label)} different periods: {tally(sides)}.",
        )
        for it, d in mentions:
            own = normalise_period(d.period)
            for r in ctx.restatements_of(it, d):
                other = normalise_period(r.period)
                if own and other and own != other:
                    drafts.append(
                        internal(
                            it,
                            kind="period",
                            severity="error",
                            document=canon.key,
                            first=(own, primary(d)),
                            second=(other, [r.evidence]),
                            explanation=f"{it.id} gives {quoted(canon.label)} the period {own} in one place and {other} in another.",
                        )
                    )
                    break
    return drafts
