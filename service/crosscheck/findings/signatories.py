"""`signatories`: the reports name different people as signing one document.

Naming fewer signatories is not a contradiction; naming someone the other report replaces
with someone else is. The same person spelt differently is a `name_spelling` matter.
"""

from __future__ import annotations

from service.crosscheck import names
from service.crosscheck.findings.common import Context, Entry, primary, quoted, split, tally
from service.crosscheck.model import Draft


def _conflict(a: list[str], b: list[str]) -> bool:
    odd_a = any(not any(names.same_person(x, y) for y in b) for x in a)
    odd_b = any(not any(names.same_person(x, y) for x in a) for y in b)
    return odd_a and odd_b


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        mentions = [(it, d) for it, d in ctx.mentions(canon) if d.signatories]
        groups: list[list[tuple[str, list[str]]]] = []
        for it, d in mentions:
            for g in groups:
                if not any(_conflict(d.signatories, other) for _, other in g):
                    g.append((it.id, d.signatories))
                    break
            else:
                groups.append([(it.id, d.signatories)])
        if len(groups) < 2:
            continue
        docs = dict((it.id, d) for it, d in mentions)
        camps = [[Entry(a, n, ", ".join(s), tuple(primary(docs[a]))) for a, s in g] for n, g in enumerate(groups)]
        camps.sort(key=lambda c: -len(c))
        drafts += split(
            [e for c in camps for e in c],
            kind="signatories",
            severity="error",
            document=canon.key,
            groups=camps,
            explain=lambda sides, c=canon: (
                f"The reports name different signatories of {quoted(c.label)}: {tally(sides)}."
            ),
        )
    return drafts
