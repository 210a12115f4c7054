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

from service.crosscheck.alignment_score import collective
from service.crosscheck.findings.common import Context, Entry, internal, primary, split, tally
from service.crosscheck.model import Draft, Item, value
from service.crosscheck.text import canonical_words, segments
from service.models import Document, Evidence, Severity
from service.vocabulary import COUNTED_NOUNS, NUMBER_WORDS, TYPE_LABEL, type_family

_NUMBER_WORDS = NUMBER_WORDS
_COUNTED = (
    r"(?:\w+\s+){0,3}?(?:" + "|".join(re.escape(n) for n in COUNTED_NOUNS) + r"|documents?|agreements?|memorandum"
    r"|mou|deals?|accords?|pacts?|contracts?|protocols?|instruments?)\b"
)
_SPLIT_SUBJECT = re.compile(r"\s*(?:,|\band\b|&)\s*")


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


def counted_type(evidence: tuple[Evidence, ...]) -> str:
    """What a stated count counts: one type ("memoranda") or any paper ("documents", "agreements")."""
    noun = evidence[0].quote.split()[-1].lower()
    return COUNTED_NOUNS.get(noun) or "any"


def readings(item: Item, repeated: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Every count of the article's own list a stated number may mean, most literal first.

    Signed or adopted papers, then those and the planned ones; each with and without the
    leaders' statements. `repeated` are documents that restate an earlier one; papers of an
    earlier visit (`context: earlier`) are background, never part of this visit's count.
    """
    docs = [d for i, d in enumerate(item.documents) if i not in repeated and d.context != "earlier"]
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
    counted = {counted_type(e.evidence) for e in entries if e.evidence}
    severity: Severity = "error"
    what = "documents"
    if len(counted) > 1:
        # "five memoranda" and "seven documents" count different things: no contradiction to assert
        severity, what = "info", "different kinds of documents (" + ", ".join(sorted(counted)) + ")"
    drafts = split(
        entries,
        kind="count",
        severity=severity,
        explain=lambda sides: f"The reports state different numbers of {what}: {tally(sides)}.",
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
        elif (typed := typed_count(it, n, evidence, repeated)) is not None:
            listed_text, quotes, why = typed
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
    return drafts + merged(ctx)


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


def typed_count(
    item: Item, n: int, evidence: list[Evidence], repeated: set[int]
) -> tuple[str, list[Evidence], str] | None:
    """ "Four memoranda were signed" over a list of three memoranda and a protocol.

    Only a plural that names one type is read this way ("documents" or "agreements" is the
    umbrella word for any paper), and only the list that follows the count is read: the
    sentence stating it and the next one. The list must hold the stated number of papers, with
    at least one of them of another type named among the counted ones (in one sentence with
    them), so a list the summary holds only in part is no contradiction.
    """
    if not evidence or not item.body:
        return None
    noun = evidence[0].quote.split()[-1].lower()
    doc_type = COUNTED_NOUNS.get(noun)
    if doc_type is None:
        return None
    sentences = segments(item.body)
    at = next((k for k, seg in enumerate(sentences) if seg.start <= evidence[0].start < seg.end), None)
    if at is None:
        return None
    passage = sentences[at : at + 2]

    def sentence_of(d: Document) -> int | None:
        start = d.evidence[0].start if d.evidence else -1
        return next((k for k, seg in enumerate(passage) if seg.start <= start < seg.end), None)

    docs = [
        d
        for i, d in enumerate(item.documents)
        if i not in repeated and d.status in ("signed", "adopted") and d.context != "earlier"
    ]
    typed = [d for d in docs if d.type == doc_type and sentence_of(d) is not None]
    listing = {sentence_of(d) for d in typed}
    others = [d for d in docs if d.type != doc_type and sentence_of(d) in listing]
    if not typed or not others or len(typed) >= n or len(typed) + len(others) != n:
        return None
    label = TYPE_LABEL.get(doc_type, doc_type)
    listed = f"{len(typed)} {label} and {len(others)} other document(s)"
    why = f"{item.id} states {n} {noun} but lists {listed}."
    return listed, [typed[0].evidence[0], *(d.evidence[0] for d in others[:1])], why


def _parts(subject: str) -> list[frozenset[str]]:
    return [w for p in _SPLIT_SUBJECT.split(subject) if (w := canonical_words(p))]


def merged(ctx: Context) -> list[Draft]:
    """One report's single document on "A and B" against another report's two documents, on A and on B."""
    drafts: list[Draft] = []
    where = {(a, i): c for c in ctx.event.canon for a, i in c.mentions.items()}
    for canon in ctx.event.canon:
        for it, d in ctx.mentions(canon):
            parts = _parts(d.subject or "")
            if len(parts) < 2 or not it.summary.list_complete or collective(it, d):
                continue
            for other in ctx.items:
                if other.id == it.id or not other.summary.list_complete or other.id not in canon.mentions:
                    continue
                covering: list[int] = []
                for part in parts:
                    hit = next(
                        (
                            i
                            for i, x in enumerate(other.documents)
                            if i not in covering
                            and x.type == d.type
                            and not collective(other, x)
                            # one of the two is this document; the other has no counterpart in `it`
                            and (where.get((other.id, i)) is canon or it.id not in where[(other.id, i)].mentions)
                            and (w := canonical_words(x.subject or x.title))
                            and w <= part
                        ),
                        None,
                    )
                    if hit is not None:
                        covering.append(hit)
                if len(covering) < 2 or canon.mentions[other.id] not in covering:
                    continue
                split_docs = [other.documents[i] for i in covering]
                drafts.append(
                    Draft(
                        kind="count",
                        severity="warning",
                        values=[
                            value(it.id, f"1 {TYPE_LABEL.get(d.type, d.type)} on {d.subject}", primary(d)),
                            value(
                                other.id,
                                f"{len(split_docs)} documents: " + "; ".join(x.subject or x.title for x in split_docs),
                                [x.evidence[0] for x in split_docs if x.evidence],
                            ),
                        ],
                        explanation=(
                            f"{it.id} reports one {TYPE_LABEL.get(d.type, d.type)} on {d.subject}; {other.id} reports "
                            f"{len(split_docs)} separate documents on those subjects."
                        ),
                    )
                )
    return drafts
