"""`count`: how many documents were signed, report against report and report against its own list.

A stated count is checked against the article's list only when the list is complete. Outlets
count differently and every ordinary reading passes: the signed instruments alone or with the
leaders' statement, and with or without the papers the article says will be signed later
("announced six documents", one of them to be signed at a later date). A paper the article
names twice (a recap, a restatement) counts once; one only discussed never counts.
"""

from __future__ import annotations

import re

from service.crosscheck.findings.common import Context, Entry, internal, split, tally
from service.crosscheck.model import Draft, Item
from service.models import Evidence
from service.vocabulary import type_family

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "a dozen": 12, "two dozen": 24,
}  # fmt: skip
_COUNTED = (
    r"(?:\w+\s+){0,3}?(?:documents?|agreements?|memorand(?:a|ums?)|mous|mocs|deals?|accords?|pacts?"
    r"|contracts?|protocols?|instruments?|papers)\b"
)


def count_evidence(item: Item, n: int) -> list[Evidence]:
    """Where the body states the count ("signed 15 agreements", "eight MoUs")."""
    if not item.body:
        return []
    words = [str(n)] + [w for w, v in _NUMBER_WORDS.items() if v == n]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+" + _COUNTED, re.I)
    m = pattern.search(item.body)
    if not m:
        return []
    return [Evidence(quote=m.group(0), start=m.start(), end=m.end())]


def readings(item: Item, repeated: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Every count of the article's own list a stated number may mean, most literal first.

    Signed or adopted papers, then those and the planned ones; each with and without the
    leaders' statements. `repeated` are documents that restate an earlier one.
    """
    docs = [d for i, d in enumerate(item.documents) if i not in repeated]
    done = [d for d in docs if d.status in ("signed", "adopted")]
    promised = done + [d for d in docs if d.status == "planned"]
    out: list[int] = []
    for group in (done, promised):
        for n in (len(group), sum(1 for d in group if type_family(d.type) == "instrument")):
            if n not in out:
                out.append(n)
    return out


def check(ctx: Context) -> list[Draft]:
    stated = [(it, it.summary.stated_count) for it in ctx.items if it.summary.stated_count is not None]
    entries = [Entry(it.id, n, str(n), tuple(count_evidence(it, n))) for it, n in stated]
    drafts = split(
        entries,
        kind="count",
        severity="error",
        explain=lambda sides: f"The reports state different numbers of documents: {tally(sides)}.",
    )
    for it, n in stated:
        if not it.summary.list_complete or n is None:
            continue
        counts = readings(it, set(ctx.folded.get(it.id, {})))
        everything = counts[0]
        if n in counts or everything == 0:
            continue
        quotes = [e for d in it.documents for e in d.evidence[:1]]
        drafts.append(
            internal(
                it,
                kind="count",
                severity="error",
                first=(str(n), count_evidence(it, n)),
                second=(f"{everything} listed", quotes[:1]),
                explanation=f"{it.id} states {n} documents but lists {everything}, although its list is complete.",
            )
        )
    return drafts
