"""Fold the mentions of one document into one draft, and keep what each place says.

An article names a document in its lead, its body and often again in a numbered recap
that restates it in other words ("discussed ... through a letter of intent" where the
body said "exchanged"). The body sentence with the firmest status is the evidence; the
others become `DraftRestatement`s with their own type, title, status and parties, so the
cross-checker can show the contradiction with both quotes.

Enumerated fields are documents only where no named document already covers them, and
the fields of a "15 agreements in the fields of ..." sentence only up to the stated count.
"""

from __future__ import annotations

from service.extractors.offline.context import Context
from service.extractors.offline.groups import DocGroup, family, sums, words
from service.extractors.offline.headlines import fold_headlines
from service.extractors.offline.mentions import Mention
from service.vocabulary import MONTH_NAMES

_DATE_WORDS = frozenset(name.lower() for name in MONTH_NAMES)


def _dating(word: str) -> bool:
    """A word that only dates a document: a month, a day number ("July", "3", "3rd")."""
    low = word.lower().rstrip(",")
    return low in _DATE_WORDS or (low.rstrip("stndrh").isdigit() and len(low) <= 4)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _party_words(ctx: Context, m: Mention) -> set[str]:
    """Words naming the parties beyond the countries ("industry", "trade" of a ministry)."""
    cached = m.cache.get("party_words")
    if cached is None:
        names = " ".join(n for n, _ in m.parties)
        side = {w.lower() for c in ctx.sides for w in ctx.side_name(c).split()}
        cached = m.cache["party_words"] = {
            w for w in words(names) if w not in side and not w.endswith(("ian", "ese", "ani"))
        }
    return cached


def _side_words(ctx: Context) -> set[str]:
    """The words of every country the article names ("India", "Russian"), as `words` folds them."""
    cached = ctx.cache.get("country_words")
    if not isinstance(cached, set):
        cached = ctx.cache["country_words"] = {w for p in ctx.places for w in words(ctx.text[p.start : p.end])}
    return cached


def _subject(m: Mention) -> set[str]:
    return words(m.subject)


def same_document(ctx: Context, group: DocGroup, m: Mention) -> bool:
    """Whether mention `m` reports a document already in `group`."""
    if m.kind == "specific" and any(o.clause == m.clause and o.kind == "specific" for o in group.mentions):
        return False  # one clause naming two documents names two ("the Joint Statement of 2011, the one of 2015")
    for other in group.mentions:
        if other.background != m.background or family(other.type) != family(m.type):
            continue
        if other.year and m.year and other.year != m.year:
            continue  # "the Joint Statement signed in 2017" and "the Joint Statement signed in 2019"
        sa, sb = _subject(other), _subject(m)
        if family(m.type) == "statement":
            side = _side_words(ctx)  # "the India Russia Joint Statement": named by its parties, about nothing new
            if not sa or not sb or (sa & sb) - side or (other.type == m.type and (not sa - side or not sb - side)):
                return True
            continue
        same_type = other.type == m.type
        shared_sum = sums(ctx, other) & sums(ctx, m)
        if shared_sum and (same_type or other.weak_place or m.weak_place or m.det == "definite"):
            return True  # "a $4.2 billion gas deal" and "a $4.2 billion production-sharing agreement"
        subj = _jaccard(sa, sb)
        pa, pb = _party_words(ctx, other), _party_words(ctx, m)
        party = len(pa & pb) / min(len(pa), len(pb)) if pa and pb else 0.0
        if same_type and other.period and other.period == m.period:
            return True
        loose = other.weak_place or m.weak_place or m.det == "definite"
        if same_type and (
            subj >= 0.5 or ((not sa or not sb) and party >= 0.5 and loose) or (subj >= 0.3 and party >= 0.5)
        ):
            return True
        if same_type and loose and sa and sb and len(sa & sb) / min(len(sa), len(sb)) >= 0.5:
            return True
        if same_type and m.det == "definite" and not m.postmod and m.premods and all(map(_dating, m.premods)):
            return True  # "the July 3 agreement": a date names no new document, it points back at one
        named = words(" ".join(m.premods))
        if same_type and m.det == "definite" and named and named <= words(f"{other.title} {other.subject or ''}"):
            return True
        vague = other.status is None or m.status is None or other.weak_place or m.weak_place
        if not same_type and vague and subj >= 0.5 and (not pa or not pb or party >= 0.5):
            return True
    return False


def _covered(fieldwords: set[str], docs: list[set[str]], share: float) -> bool:
    if not fieldwords:
        return True
    return any(len(fieldwords & d) / len(fieldwords) >= share for d in docs)


def group_mentions(ctx: Context, mentions: list[Mention], stated_count: int | None) -> list[DocGroup]:
    """Documents of the article, each with every mention that reports it, in order of first mention."""
    groups: list[DocGroup] = []
    for m in mentions:
        if m.kind != "specific":
            continue
        target = next((g for g in reversed(groups) if same_document(ctx, g, m)), None)
        if target is None:
            groups.append(DocGroup([m]))
        else:
            target.mentions.append(m)
    _attach_bare(ctx, groups, [m for m in mentions if m.kind == "bare"])
    named = [
        words(" ".join([g.first.title, g.first.subject or "", *[n for n, _ in g.first.parties]]))
        for g in groups
        if _counted(g) or g.primary().status not in ("planned", "discussed")
    ]  # a document still to be signed does not cover a field of those signed
    fields1 = [m for m in mentions if m.kind == "field" and m.level == 1]
    fields2 = [m for m in mentions if m.kind == "field" and m.level == 2]
    kept: list[Mention] = []
    seen: set[str] = set()
    for m in fields1:
        fw = words(m.subject)
        if (fw and _covered(fw, named, 1.0)) or (m.subject or "").lower() in seen:
            continue
        seen.add((m.subject or "").lower())
        kept.append(m)
    tally = sum(1 for g in groups if _counted(g))
    below = stated_count is None or tally + len(kept) < stated_count
    pool = named + [words(m.subject) for m in kept]
    for m in fields2:
        # fields counted by their own number ("three memoranda - on A, on B and on C") are all meant; when
        # the documents named one by one already reach the stated count (a sub-count such as "two MoUs"
        # can be the stated one), only a list whose number is its length ("two MoUs, on A and on B") and
        # that the named documents of its type do not already fill (else it recaps them)
        own = m.det == "number" and (below or bool(m.count and _of_type(groups, m.type) < m.count))
        if stated_count is not None and tally + len(kept) >= stated_count and not own:
            continue
        if _covered(words(m.subject), pool, 0.5) or (m.subject or "").lower() in seen:
            continue
        seen.add((m.subject or "").lower())
        kept.append(m)
    if not groups and not kept:
        for m in mentions:
            if m.kind == "field" and m.level == 3 and (m.subject or "").lower() not in seen:
                seen.add((m.subject or "").lower())
                kept.append(m)
    groups = fold_headlines(ctx, groups)
    groups.extend(DocGroup([m]) for m in kept)
    groups.sort(key=lambda g: g.primary().position)
    return groups


def _of_type(groups: list[DocGroup], doc_type: str) -> int:
    """How many counted documents of one type are named one by one."""
    return sum(1 for g in groups if _counted(g) and g.primary().type == doc_type)


def _counted(group: DocGroup) -> bool:
    """Whether a document is one of those a stated count ("eight agreements were signed") counts: signed
    during the visit, not planned, discussed, recalled from earlier years or issued as a statement."""
    first = group.primary()
    return first.status in ("signed", None) and not first.background and family(first.type) == "instrument"


def _attach_bare(ctx: Context, groups: list[DocGroup], bare: list[Mention]) -> None:
    """ "The MoC was signed by ..." adds signatories to the MoC; a lone "the joint statement was adopted" is one."""
    for m in bare:
        before = [g for g in groups if g.first.position < m.position]
        same = [g for g in before if g.first.type == m.type] or [
            g for g in before if family(g.first.type) == family(m.type) == "statement"
        ]
        if same:
            target = same[-1]
            if m.signatories and not any(x.signatories for x in target.mentions):
                target.first.signatories = m.signatories
            continue
        elsewhere = [g for g in groups if g.first.type == m.type]
        if not elsewhere and m.explicit and m.status in ("signed", "adopted", "planned"):
            groups.append(DocGroup([m]))
