"""`document_type`: one paper called a letter of intent by some reports and a memorandum by others.

Signed instruments are compared here, and a leaders' paper one report calls a declaration and
another a treaty (a joint statement against a joint declaration alone is a `title` matter). The umbrella word "agreements" given to a list ("agreements in fields such
as A, B, C, D") is the outlet's generic word, not a claim about each paper, and "other" is no
claim at all; both still appear in a finding another claim started.
"""

from __future__ import annotations

from service.crosscheck.alignment_score import collective
from service.crosscheck.findings.common import Context, Entry, internal, primary, quoted, split, tally
from service.crosscheck.model import Draft, Item
from service.models import Document
from service.vocabulary import TYPE_LABEL, type_family


def _claims(item: Item, doc: Document) -> bool:
    return doc.type != "other" and not collective(item, doc)


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        every = ctx.mentions(canon)
        # A paper some call a declaration and others a treaty is a type matter; within the
        # statement family alone (joint statement vs joint declaration) it is a `title` one.
        mixed = len({type_family(d.type) for _, d in every}) > 1
        mentions = every if mixed else [(it, d) for it, d in every if type_family(d.type) == "instrument"]
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
