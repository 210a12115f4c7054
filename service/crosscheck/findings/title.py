"""`title`: one document named differently (joint statement vs joint declaration, or two proper names).

Leaders' statements are one family whose members outlets swap; a swap is reported here rather
than as a type conflict. Two proper titles (capitalised names such as "Declaration on Allied
Interaction") conflict when a word of one is replaced by another word in the other; added or
dropped words ("on a Strategic Partnership" / "on Strategic Partnership") are paraphrase.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from service.crosscheck.findings.common import Context, Entry, internal, primary, quoted, split, tally
from service.crosscheck.model import Draft, Item
from service.crosscheck.text import FILLER, fold
from service.models import Document, Restatement
from service.textnorm import fold_with_map
from service.vocabulary import FUNCTION_WORDS, TITLE_KINDS, TYPE_PHRASE_WORDS, type_family

_TYPE_WORDS = TYPE_PHRASE_WORDS
# Words an outlet may swap without renaming anything.
_EQUIVALENT = [frozenset({"cooperation", "co-operation", "collaboration"}), frozenset({"programme", "program"})]


def statement_label(doc_type: str, title: str) -> str:
    """ "joint statement" or "joint declaration": the name the statement family is known by."""
    joint = "joint " if doc_type == "joint_statement" or "joint" in fold(title) else ""
    return f"{joint}{'statement' if doc_type == 'joint_statement' else 'declaration'}"


def proper_title(doc: Document) -> str | None:
    """The document's name as written in its quote, when it is written as a proper name."""
    if not doc.evidence or not doc.title:
        return None
    return _proper(doc.title, doc.evidence[0].quote)


@lru_cache(maxsize=8192)
def _proper(title: str, quote: str) -> str | None:
    folded, index = fold_with_map(quote)
    words = re.findall(r"\w+", fold(title))
    starts = [0, *[i for i, w in enumerate(words) if w in _TYPE_WORDS][:1]]
    for start in starts:
        if start >= len(words):
            continue
        m = re.search(r"\W+".join(re.escape(w) for w in words[start:]), folded)
        if m is not None:
            span = quote[index[m.start()] : index[m.end() - 1] + 1]
            return span if _capitalised(span) else None
    return None


def _capitalised(span: str) -> bool:
    tokens = re.findall(r"[^\W\d_][\w'-]*", span)
    content = [t for t in tokens if fold(t) not in FILLER or fold(t) in _TYPE_WORDS]
    named = [t for t in content if fold(t) not in _TYPE_WORDS]
    return bool(named) and all(t[0].isupper() for t in content if fold(t) not in ("mou", "mous"))


_MINOR = FUNCTION_WORDS


def _name_words(title: str) -> list[str]:
    """The words that name the document: no parenthesised short form, no "between X and Y" clause."""
    text = re.sub(r"\([^)]*\)?", " ", fold(title))
    text = re.split(r"\bbetween\b", text)[0]
    return re.findall(r"[a-z0-9]+", text)


def _uncut(words: set[str], other: set[str]) -> set[str]:
    return {w for w in words if not any(o != w and (o.startswith(w) or w.startswith(o)) for o in other)}


def renamed(a: str, b: str) -> bool:
    """A word of one proper title is replaced by a different word in the other."""
    ta, tb = _name_words(a), _name_words(b)
    for op, i1, i2, j1, j2 in SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes():
        if op != "replace":
            continue
        left = {w for w in ta[i1:i2] if w not in _MINOR}
        right = {w for w in tb[j1:j2] if w not in _MINOR}
        # A word cut short (a title quoted to its truncation point) is the same word, not a rename.
        left, right = _uncut(left, right), _uncut(right, left)
        if left and right and not any(left | right <= group for group in _EQUIVALENT):
            return True
    return False


def _statement_drafts(ctx: Context, canon_key: str, label: str, mentions: list[tuple[Item, Document]]) -> list[Draft]:
    entries = [
        Entry(it.id, d.type, statement_label(d.type, d.title), tuple(primary(d)))
        for it, d in mentions
        if type_family(d.type) == "statement"
    ]
    return split(
        entries,
        kind="title",
        severity="warning",
        document=canon_key,
        explain=lambda sides: f"The reports name {quoted(label)} differently: {tally(sides)}.",
    )


def _proper_drafts(canon_key: str, label: str, mentions: list[tuple[Item, Document]]) -> list[Draft]:
    named = [(it, d, t) for it, d in mentions if (t := proper_title(d))]
    for x in range(len(named)):
        for y in range(x + 1, len(named)):
            (ia, da, ta), (ib, db, tb) = named[x], named[y]
            if ia.language == ib.language and da.type == db.type and renamed(ta, tb):
                entries = [Entry(it.id, fold(t), t, tuple(primary(d))) for it, d, t in named]
                return split(
                    entries,
                    kind="title",
                    severity="warning",
                    document=canon_key,
                    explain=lambda sides: f"The reports give {quoted(label)} different names: {tally(sides)}.",
                )
    return []


_KINDS = [(re.compile(p, re.I), name) for p, name in TITLE_KINDS]


def kind_name(title: str) -> str | None:
    """The particular kind of paper a title names ("memorandum of cooperation"), or None when generic."""
    folded = fold(title)
    return next((name for pattern, name in _KINDS if pattern.search(folded)), None)


def _kind_drafts(canon_key: str, label: str, mentions: list[tuple[Item, Document]]) -> list[Draft]:
    """One type named as two particular kinds ("Memorandum of Cooperation" / "memorandum of understanding").

    A generic name ("a memorandum") against a particular one is no disagreement.
    """
    named = [(it, d, k) for it, d in mentions if (k := kind_name(d.title))]
    if len({d.type for _, d, _ in named}) != 1 or len({k for *_, k in named}) < 2:
        return []
    entries = [Entry(it.id, k, k, tuple(primary(d))) for it, d, k in named]
    return split(
        entries,
        kind="title",
        severity="warning",
        document=canon_key,
        explain=lambda sides: f"The reports name {quoted(label)} as different kinds of paper: {tally(sides)}.",
    )


def _internal(item: Item, doc: Document, r: Restatement, key: str, label: str) -> Draft | None:
    if not r.type or not r.title:
        return None
    if type_family(doc.type) == type_family(r.type) == "statement" and r.type != doc.type:
        first, second = doc.title, r.title
    else:
        own = proper_title(doc)
        if not (own and r.type == doc.type and _capitalised(r.evidence.quote) and renamed(own, r.title)):
            return None
        first, second = own, r.title
    return internal(
        item,
        kind="title",
        severity="warning",
        document=key,
        first=(first, primary(doc)),
        second=(second, [r.evidence]),
        explanation=f"{item.id} names {quoted(label)} as {quoted(first)} in one place and {quoted(second)} in another.",
    )


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        mentions = ctx.mentions(canon)
        drafts += _statement_drafts(ctx, canon.key, canon.label, mentions)
        found = _proper_drafts(canon.key, canon.label, mentions) or _kind_drafts(canon.key, canon.label, mentions)
        drafts += found
        for it, d in mentions:
            for r in ctx.restatements_of(it, d):
                if (draft := _internal(it, d, r, canon.key, canon.label)) is not None:
                    drafts.append(draft)
                    break
    return drafts
