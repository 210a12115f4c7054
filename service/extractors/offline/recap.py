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

import re
from dataclasses import dataclass, field
from functools import lru_cache

from service.extractors.offline.amounts import amounts
from service.extractors.offline.context import Context
from service.extractors.offline.mentions import STATEMENTS, Mention

_WORD = re.compile(r"[a-z][a-z-]+")
_GENERIC = frozenset(
    [
        "the", "a", "an", "of", "on", "in", "for", "and", "or", "to", "with", "by", "at", "from", "between", "its",
        "their", "both", "two", "sides", "field", "fields", "area", "areas", "sphere", "spheres", "sector", "sectors",
        "cooperation", "co-operation", "collaboration", "partnership", "partnerships", "memorandum", "memoranda",
        "understanding", "agreement", "agreements", "letter", "intent", "mou", "mous", "moc", "joint", "statement",
        "declaration", "program", "programme", "plan", "signed", "sign", "relevant", "other", "bilateral", "boost",
        "enhance", "strengthen", "promote", "support", "develop", "expand", "deepen", "respective", "ministry",
        "ministries", "minister", "government", "governments", "state", "affairs", "development", "services",
        "exchange", "exchanges", "upcoming", "period", "year", "years", "new", "various", "focusing", "regarding",
        "concerning", "establishment", "establishing", "of-the", "national", "republic", "federation", "people",
        "organisation", "organization"
    ]
)  # fmt: skip
_SYNONYMS = {
    "commerce": "trade",
    "commercial": "trade",
    "law": "justice",
    "legal": "justice",
    "judicial": "justice",
    "mines": "mineral",
    "mine": "mineral",
    "minerals": "mineral",
    "cultural": "culture",
    "healthcare": "health",
    "medical": "health",
    "defense": "defence",
    "military": "defence",
    "petroleum": "oil",
    "crude": "oil",
    "scientific": "science",
    "technological": "technology",
    "technical": "technology",
    "economic": "economy",
    "investments": "investment",
    "educational": "education",
    "labor": "labour",
    "telecommunication": "telecommunications",
    "broadcasting": "media",
    "television": "media",
}
_STATUS_RANK = {"signed": 3.0, "adopted": 3.0, None: 2.5, "planned": 2.0, "discussed": 1.0}


def words(text: str | None) -> set[str]:
    """Content words, folded to one form each ("mines & minerals" -> {"mineral"})."""
    return set(_words(text)) if text else set()


@lru_cache(maxsize=2048)
def _words(text: str) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in _GENERIC or len(w) < 3:
            continue
        w = _SYNONYMS.get(w, w)
        if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
            w = _SYNONYMS.get(w[:-1], w[:-1])
        out.add(w)
    return frozenset(out)


def _family(doc_type: str) -> str:
    return "statement" if doc_type in STATEMENTS else "instrument"


@dataclass
class DocGroup:
    """The mentions that report one document."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def primary(self) -> Mention:
        """The evidence: a body sentence, with the firmest status, naming what the document is about."""
        return min(
            self.mentions,
            key=lambda m: (m.place_rank, -_STATUS_RANK.get(m.status, 2.5), not m.subject, m.position),
        )


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


def _subject(m: Mention) -> set[str]:
    return words(m.subject)


def _sums(ctx: Context, m: Mention) -> frozenset[float]:
    """The money amounts named in the mention's title ("$4.2 billion", "worth €420 million")."""
    return amounts(ctx.text[m.title_span[0] : m.title_span[1]])


def same_document(ctx: Context, group: DocGroup, m: Mention) -> bool:
    """Whether mention `m` reports a document already in `group`."""
    for other in group.mentions:
        if other.background != m.background or _family(other.type) != _family(m.type):
            continue
        sa, sb = _subject(other), _subject(m)
        if _family(m.type) == "statement":
            if not sa or not sb or sa & sb:
                return True
            continue
        same_type = other.type == m.type
        shared_sum = _sums(ctx, other) & _sums(ctx, m)
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
    named = [words(" ".join([g.first.title, g.first.subject or "", *[n for n, _ in g.first.parties]])) for g in groups]
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
    if stated_count is None or tally + len(kept) < stated_count:
        pool = named + [words(m.subject) for m in kept]
        for m in fields2:
            if stated_count is not None and tally + len(kept) >= stated_count:
                break
            if _covered(words(m.subject), pool, 0.5) or (m.subject or "").lower() in seen:
                continue
            seen.add((m.subject or "").lower())
            kept.append(m)
    if not groups and not kept:
        for m in mentions:
            if m.kind == "field" and m.level == 3 and (m.subject or "").lower() not in seen:
                seen.add((m.subject or "").lower())
                kept.append(m)
    groups = _fold_headlines(ctx, groups)
    _signers_of_listed(groups, mentions)
    groups.extend(DocGroup([m]) for m in kept)
    groups.sort(key=lambda g: g.primary().position)
    return groups


def _counted(group: DocGroup) -> bool:
    """Whether a document is one of those a stated count ("eight agreements were signed") counts: signed
    during the visit, not planned, discussed, recalled from earlier years or issued as a statement."""
    first = group.primary()
    return first.status in ("signed", None) and not first.background and _family(first.type) == "instrument"


def _fold_headlines(ctx: Context, groups: list[DocGroup]) -> list[DocGroup]:
    """A headline names in its own words a document the body reports: "geothermal pact" is the agreement on
    geothermal energy, "$4.2 billion gas deal" the $4.2 billion production-sharing agreement.

    The body document is the one of the same type (the only one, or the one sharing a word or a sum
    with the headline); for a headline above the body, failing that, any body document sharing a
    content word or a sum. A headline document the body never reports (a truncated story) stays.
    """
    body = [g for g in groups if any(m.segment.kind != "heading" for m in g.mentions)]
    first_sentence = next((s.start for s in ctx.segments if s.kind == "sentence"), len(ctx.text))
    out = []
    for g in groups:
        if g in body:
            out.append(g)
            continue
        head = g.first
        target = _headline_target(ctx, head, body, above=head.position < first_sentence)
        if target is None:
            out.append(g)
        else:
            target.mentions.extend(g.mentions)
    return out


def _headline_target(ctx: Context, head: Mention, body: list[DocGroup], *, above: bool) -> DocGroup | None:
    sides = {w for c in ctx.sides for w in words(ctx.side_name(c))}
    head_words = words(f"{head.title} {head.subject or ''}") - sides

    def overlap(g: DocGroup) -> int:
        shared = 0
        for m in g.mentions:
            shared = max(shared, len(head_words & words(f"{m.title} {m.subject or ''}")))
            if _sums(ctx, head) & _sums(ctx, m):
                shared = max(shared, 3)
        return shared

    if _family(head.type) == "statement":
        same = [b for b in body if _family(b.first.type) == "statement"]
        return same[0] if len(same) == 1 else None
    same = [b for b in body if b.first.type == head.type]
    if len(same) == 1:
        return same[0]
    pool = same or (body if above else [])
    scored = [(overlap(b), -i, b) for i, b in enumerate(pool) if _family(b.first.type) == "instrument"]
    scored = [t for t in scored if t[0] > 0]
    if scored:
        return max(scored, key=lambda t: t[:2])[2]
    if same:
        by_status = [b for b in same if b.primary().status == head.status]
        return by_status[0] if len(by_status) == 1 else None
    return None


def _signers_of_listed(groups: list[DocGroup], mentions: list[Mention]) -> None:
    """ "The documents were signed at the palace by X and Y": the signers of the documents the sentence
    before listed (those that name no signer of their own)."""
    for m in mentions:
        if not (m.plural and m.det == "definite" and m.signatories and m.kind in ("generic", "count")):
            continue
        before = [g for g in groups if g.first.position < m.position and g.first.segment.kind != "heading"]
        if not before:
            continue
        latest = max(g.first.segment.start for g in before)
        for g in before:
            if g.first.segment.start == latest and not any(x.signatories for x in g.mentions):
                g.first.signatories = list(m.signatories)


def _attach_bare(ctx: Context, groups: list[DocGroup], bare: list[Mention]) -> None:
    """ "The MoC was signed by ..." adds signatories to the MoC; a lone "the joint statement was adopted" is one."""
    for m in bare:
        before = [g for g in groups if g.first.position < m.position]
        same = [g for g in before if g.first.type == m.type] or [
            g for g in before if _family(g.first.type) == _family(m.type) == "statement"
        ]
        if same:
            target = same[-1]
            if m.signatories and not any(x.signatories for x in target.mentions):
                target.first.signatories = m.signatories
            continue
        elsewhere = [g for g in groups if g.first.type == m.type]
        if not elsewhere and m.explicit and m.status in ("signed", "adopted", "planned"):
            groups.append(DocGroup([m]))
