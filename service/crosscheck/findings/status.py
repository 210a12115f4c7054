"""`status`: signed according to one report (or one place), only discussed or planned in another.

Signed and adopted are one camp (the paper exists); planned and discussed are the others.
Planned against discussed alone is left alone: neither says the paper exists.
"""

from __future__ import annotations

from service.crosscheck.findings.common import Context, Entry, internal, primary, quoted, split, tally
from service.crosscheck.model import Draft

_CAMP = {"signed": "concluded", "adopted": "concluded", "planned": "planned", "discussed": "discussed"}


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        mentions = ctx.mentions(canon)
        entries = [Entry(it.id, _CAMP[d.status], d.status, tuple(primary(d))) for it, d in mentions]
        if "concluded" in {e.key for e in entries} and len({e.key for e in entries}) >= 2:
            drafts += split(
                entries,
                kind="status",
                severity="error",
                document=canon.key,
                explain=lambda sides, c=canon: (
                    f"The reports disagree on whether {quoted(c.label)} was signed: {tally(sides)}."
                ),
            )
        for it, d in mentions:
            for r in ctx.restatements_of(it, d):
                if (
                    r.status
                    and _CAMP[r.status] != _CAMP[d.status]
                    and "concluded" in (_CAMP[r.status], _CAMP[d.status])
                ):
                    drafts.append(
                        internal(
                            it,
                            kind="status",
                            severity="error",
                            document=canon.key,
                            first=(d.status, primary(d)),
                            second=(r.status, [r.evidence]),
                            explanation=(
                                f"{it.id} reports {quoted(canon.label)} as {d.status} in one place "
                                f"and as {r.status} in another."
                            ),
                        )
                    )
                    break
    return drafts
