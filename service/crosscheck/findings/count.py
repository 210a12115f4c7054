"""`count`: how many documents were signed, report against report and report against its own list.

A stated count is checked against the article's list only when the list is complete; it may
count the signed instruments alone or with the leaders' statement, and either reading passes.
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


def listed(item: Item) -> tuple[int, int]:
    """Documents the article reports as signed or adopted: all of them, and the instruments alone."""
    done = [d for d in item.documents if d.status in ("signed", "adopted")]
    return len(done), sum(1 for d in done if type_family(d.type) == "instrument")


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
        everything, instruments = listed(it)
        if n in (everything, instruments) or everything == 0:
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
