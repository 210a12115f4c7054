"""`parties`: the same document said to bind different bodies (a ministry vs a state company).

Articles naming only the countries take no side. Articles are put in camps of mutually
compatible party lists; one whose list fits more than one camp is left out rather than guessed.
Inside one article, a recap that renames a side's ministry is compared strictly.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from service.crosscheck.findings.common import Context, Entry, internal, primary, quoted, split, tally
from service.crosscheck.model import CanonDoc, Draft
from service.crosscheck.parties import Body, body, describe, parties_conflict, specific
from service.crosscheck.restate import BOTH_MINISTRIES
from service.models import Document

_INTERGOVERNMENTAL = re.compile(r"\binter-?governmental\b|\bgovernment-to-government\b", re.I)
_GROUP = re.compile(r"\b(?:subsidiary|subsidiaries|unit|arm|affiliate|parent(?: company)?)\b(?: of\b)?", re.I)
_INTERAGENCY = re.compile(r"\binter-?agency\b|\binter-?departmental\b|\binter-?ministerial\b", re.I)


def bodies_of(doc: Document, aliases: dict[str, str]) -> list[Body]:
    """The document's parties; bare country names take the level its quote gives the paper.

    "The intergovernmental agreements cover ..." makes "Russia" the Russian government, and an
    "interagency memorandum" makes it a Russian agency: that is what the report says.
    """
    out = [body(p, aliases) for p in doc.parties]
    quote = doc.evidence[0].quote if doc.evidence else ""
    if _GROUP.search(quote):
        # "X, a subsidiary of Y": the bodies named there are firms, whatever their names say.
        out = [replace(b, kind="company" if b.kind == "unknown" else b.kind, grouped=True) for b in out]
    if not out or any(b.kind != "state" for b in out):
        return out
    quote = doc.evidence[0].quote if doc.evidence else ""
    level = "government" if _INTERGOVERNMENTAL.search(quote) else "agency" if _INTERAGENCY.search(quote) else None
    return [replace(b, kind=level) for b in out] if level else out


Signature = tuple[tuple[str, str | None, str], ...]


class _Clashes:
    """Whether two party lists conflict, remembered by their wording: outlets often copy a list,
    and the camps compare every pair of articles of every document."""

    def __init__(self) -> None:
        self.memo: dict[tuple[Signature, Signature, bool], bool] = {}

    def __call__(self, a: list[Body], b: list[Body], sa: Signature, sb: Signature, by_name: bool) -> bool:
        if sa == sb:
            return False  # one wording names the same bodies
        key = (sa, sb, by_name)
        if key not in self.memo:
            self.memo[key] = parties_conflict(a, b, by_name=by_name)
        return self.memo[key]


def _signature(bodies: list[Body]) -> Signature:
    return tuple((b.name, b.country, b.kind) for b in bodies)


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    clashes = _Clashes()
    for canon in ctx.event.canon:
        mentions = ctx.mentions(canon)
        lists: dict[str, list[Body]] = {it.id: bodies_of(d, ctx.aliases) for it, d in mentions}
        ranked = sorted(
            (m for m in mentions if specific(lists[m[0].id])),
            key=lambda m: -sum(1 for b in lists[m[0].id] if b.kind not in ("state", "unknown")),
        )
        language = {it.id: it.language for it, _ in mentions}
        signature = {a: _signature(x) for a, x in lists.items()}

        def clash(
            a: str,
            b: str,
            lists: dict[str, list[Body]] = lists,
            signature: dict[str, Signature] = signature,
            language: dict[str, str] = language,
        ) -> bool:
            return clashes(lists[a], lists[b], signature[a], signature[b], language[a] == language[b])

        groups: list[list[str]] = []
        for it, _ in ranked:
            for g in groups:
                if not any(clash(it.id, x) for x in g):
                    g.append(it.id)
                    break
            else:
                groups.append([it.id])
        if len(groups) >= 2:
            docs = dict((it.id, d) for it, d in mentions)
            fits = {a: sum(1 for g in groups if not any(clash(a, x) for x in g if x != a)) for g0 in groups for a in g0}
            camps = [
                [Entry(a, n, describe(docs[a].parties), tuple(primary(docs[a]))) for a in g if fits[a] == 1]
                for n, g in enumerate(groups)
            ]
            camps = sorted((c for c in camps if c), key=lambda c: -len(c))
            drafts += split(
                [e for c in camps for e in c],
                kind="parties",
                severity="error",
                document=canon.key,
                groups=camps,
                explain=partial(_parties_differ, canon),
            )
        for it, d in mentions:
            own = lists[it.id]
            for r in ctx.restatements_of(it, d):
                # Strict only where the passage says both sides' bodies bear one name.
                strict = bool(BOTH_MINISTRIES.search(r.evidence.quote))
                if r.parties and parties_conflict(own, [body(p, ctx.aliases) for p in r.parties], strict=strict):
                    drafts.append(
                        internal(
                            it,
                            kind="parties",
                            severity="error",
                            document=canon.key,
                            first=(describe(d.parties), primary(d)),
                            second=(describe(r.parties), [r.evidence]),
                            explanation=(
                                f"{it.id} names the parties to {quoted(canon.label)} differently in two places."
                            ),
                        )
                    )
                    break
    return drafts


def _parties_differ(canon: CanonDoc, sides: list[list[Entry]]) -> str:
    return f"The reports disagree on who is party to {quoted(canon.label)}: {tally(sides)}."
