"""`document_type`: one paper called a letter of intent by some reports and a memorandum by others.

Only signed instruments are compared here (a joint statement against a declaration is a
`title` matter). The umbrella word "agreements" given to a list ("agreements in fields such
as A, B, C, D") is the outlet's generic word, not a claim about each paper, and "other" is no
claim at all; both still appear in a finding another claim started.
"""

from __future__ import annotations

from service.crosscheck.findings.common import Context, Entry, internal, primary, quoted, split, tally
from service.crosscheck.model import Draft, Item
from service.models import Document
from service.vocabulary import TYPE_LABEL, type_family

COLLECTIVE_MIN = 3


def collective(item: Item, doc: Document) -> bool:
    """The type is the umbrella word "agreements" spread over several documents of one sentence.

    "Signed agreements in fields such as A, B, C" names fields, not papers; a specific plural
    ("memorandums of understanding on A, B and C") still says what each paper is.
    """
    if not doc.evidence or doc.type != "agreement":
        return False
    ev = doc.evidence[0]
    sharing = [
        d
        for d in item.documents
        if d.evidence and d.evidence[0].start < ev.end and ev.start < d.evidence[0].end and d.type == doc.type
    ]
    return len(sharing) >= COLLECTIVE_MIN


def _claims(item: Item, doc: Document) -> bool:
    return doc.type != "other" and not collective(item, doc)


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        mentions = [(it, d) for it, d in ctx.mentions(canon) if type_family(d.type) == "instrument"]
        claimed = {d.type for it, d in mentions if _claims(it, d)}
        if len(claimed) >= 2:
            entries = [
                Entry(it.id, d.type, TYPE_LABEL.get(d.type, d.type), tuple(primary(d)))
                for it, d in mentions
                if d.type != "other"
            ]
            drafts += split(
                entries,
                kind="document_type",
                severity="warning",
                document=canon.key,
                explain=lambda sides, c=canon: (
                    f"The reports call {quoted(c.label)} by different document types: {tally(sides)}."
                ),
            )
        for it, d in ctx.mentions(canon):
            for r in ctx.restatements_of(it, d):
                if (
                    r.type
                    and r.type != d.type
                    and _claims(it, d)
                    and r.type != "other"
                    and type_family(r.type) == type_family(d.type) == "instrument"
                ):
                    drafts.append(
                        internal(
                            it,
                            kind="document_type",
                            severity="warning",
                            document=canon.key,
                            first=(TYPE_LABEL[d.type], primary(d)),
                            second=(TYPE_LABEL[r.type], [r.evidence]),
                            explanation=(
                                f"{it.id} calls {quoted(canon.label)} a {TYPE_LABEL[d.type]} in one place "
                                f"and a {TYPE_LABEL[r.type]} in another."
                            ),
                        )
                    )
    return drafts
