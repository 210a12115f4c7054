"""`name_spelling`: one person or body spelt differently beyond diacritics and transliteration.

Across reports, the people the summaries name (principals, signatories of aligned documents)
are compared. Inside one text, two spellings of a capitalised name that fold to the same
letters but carry different marks ("Thòng Nhất" / "Thống Nhất") are a misspelling, while a
plain spelling next to an accented one ("Phan Van Giang" / "Phan Văn Giang") is not.
"""

from __future__ import annotations

import re
import unicodedata

from service.crosscheck import names
from service.crosscheck.findings.common import Context, Entry, internal, quoted, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import find_span, fold
from service.models import Evidence


def _evidence(item: Item, name: str, fallback: list[Evidence]) -> list[Evidence]:
    span = find_span(item.body, name)
    if span:
        return [Evidence(quote=item.body[span[0] : span[1]], start=span[0], end=span[1])]  # type: ignore[index]
    return [e for e in fallback if name.lower() in e.quote.lower()][:1]


def _people(ctx: Context) -> list[tuple[Item, str, str | None, list[Evidence]]]:
    """(article, name, canonical document key or None, evidence) for every person the summaries name."""
    out: list[tuple[Item, str, str | None, list[Evidence]]] = []
    for it in ctx.items:
        for p in it.summary.event.principals:
            out.append((it, p, None, _evidence(it, p, list(it.summary.event.evidence))))
    for canon in ctx.event.canon:
        for it, d in ctx.mentions(canon):
            for s in d.signatories:
                out.append((it, s, canon.key, _evidence(it, s, list(d.evidence))))
    return out


def _across(ctx: Context) -> list[Draft]:
    people = _people(ctx)
    clusters: list[list[tuple[Item, str, str | None, list[Evidence]]]] = []
    for person in people:
        for c in clusters:
            if any(names.same_person(person[1], other[1]) for other in c):
                c.append(person)
                break
        else:
            clusters.append([person])
    drafts: list[Draft] = []
    for c in clusters:
        variant = any(
            names.spelling_variant(a[1], b[1]) for i, a in enumerate(c) for b in c[i + 1 :] if a[0].id != b[0].id
        )
        if not variant:
            continue
        entries: dict[str, Entry] = {}
        for it, name, _key, ev in c:
            if it.id not in entries or len(name) > len(entries[it.id].text):
                entries[it.id] = Entry(it.id, names.key(name), name, tuple(ev))
        # A principal's name is a matter of the event; a signatory's alone, of the document signed.
        doc_keys = [k for _, _, k, _ in c if k]
        principal = any(k is None for _, _, k, _ in c)
        drafts += split(
            list(entries.values()),
            kind="name_spelling",
            severity="warning",
            document=doc_keys[0] if doc_keys and not principal else None,
            explain=lambda sides: f"The reports spell one name differently: {tally(sides)}.",
        )
    return drafts


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _names_in(body: str) -> list[Evidence]:
    """Runs of two to four capitalised words ("Thống Nhất", "Phan Van Giang"), every sub-run included."""
    runs: list[list[re.Match[str]]] = []
    for m in _WORD.finditer(body):
        if not m.group(0)[0].isupper():
            runs.append([])
            continue
        if runs and runs[-1] and body[runs[-1][-1].end() : m.start()] in (" ", "\u00a0"):
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    for run in runs:
        for size in range(2, 5):
            for i in range(len(run) - size + 1):
                a, b = run[i].start(), run[i + size - 1].end()
                out.append(Evidence(quote=body[a:b], start=a, end=b))
    return out


def _within(item: Item) -> list[Draft]:
    if not item.body or item.body.isascii() or not unicodedata.is_normalized("NFC", item.body):
        return []  # without diacritics there is nothing to mark differently
    by_letters: dict[str, list[Evidence]] = {}
    for ev in _names_in(item.body):
        by_letters.setdefault(fold(ev.quote), []).append(ev)
    drafts: list[Draft] = []
    for spellings in by_letters.values():
        first: dict[str, Evidence] = {}
        for ev in spellings:
            first.setdefault(ev.quote, ev)
        variants = list(first.values())
        for i, a in enumerate(variants):
            other = next((b for b in variants[i + 1 :] if names.diacritic_variant(a.quote, b.quote)), None)
            if other is not None:
                drafts.append(
                    internal(
                        item,
                        kind="name_spelling",
                        severity="warning",
                        first=(a.quote, [a]),
                        second=(other.quote, [other]),
                        explanation=f"{item.id} spells one name two ways: {quoted(a.quote)} and {quoted(other.quote)}.",
                    )
                )
                break
    return drafts


def check(ctx: Context) -> list[Draft]:
    drafts = _across(ctx)
    for it in ctx.items:
        drafts += _within(it)
    return drafts
