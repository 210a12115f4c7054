"""`count`: how many documents were signed, report against report and report against its own list.

A stated count contradicts the article's own (complete) list in two ways only: the article
states more documents than any reading of its list holds, or the very sentence that states the
number names more documents than that ("signed three agreements: A, B, C and D"). Outlets count
differently and every ordinary reading passes: the signed instruments alone or with the
leaders' statement, with or without the papers to be signed later ("announced six documents",
one of them to be signed at a later date). A number smaller than the whole list is not a
contradiction either: "signed three instruments" is often followed by a communique issued and
a programme adopted "separately". A paper the article names twice counts once.
"""

from __future__ import annotations

import re

from service.crosscheck.findings.common import Context, Entry, internal, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import segments
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
        repeated = set(ctx.folded.get(it.id, {}))
        counts = readings(it, repeated)
        evidence = count_evidence(it, n)
        named = in_sentence(it, evidence, repeated)
        if counts[0] and n > max(counts):
            listed_text, quotes = f"{counts[0]} listed", [e for d in it.documents for e in d.evidence[:1]][:1]
            why = f"{it.id} states {n} documents but lists {counts[0]}, although its list is complete."
        elif len(named) > n:
            listed_text, quotes = f"{len(named)} named", named[:1]
            why = f"{it.id} states {n} documents in a sentence that names {len(named)}."
        else:
            continue
        drafts.append(
            internal(
                it,
                kind="count",
                severity="error",
                first=(str(n), evidence),
                second=(listed_text, quotes),
                explanation=why,
            )
        )
    return drafts


def in_sentence(item: Item, evidence: list[Evidence], repeated: set[int]) -> list[Evidence]:
    """The documents quoted inside the sentence that states the count (an inline list)."""
    if not evidence or not item.body:
        return []
    at = evidence[0].start
    sentence = next((s for s in segments(item.body) if s.start <= at < s.end), None)
    if sentence is None:
        return []
    return [
        d.evidence[0]
        for i, d in enumerate(item.documents)
        if i not in repeated and d.evidence and sentence.start <= d.evidence[0].start < sentence.end
    ]
