"""Headlines that name a body document in their own words ("geothermal pact", "$4.2 billion gas deal")."""

from __future__ import annotations

from service.extractors.offline.context import Context
from service.extractors.offline.groups import DocGroup, family, sums, words
from service.extractors.offline.mentions import Mention


def fold_headlines(ctx: Context, groups: list[DocGroup]) -> list[DocGroup]:
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
            if sums(ctx, head) & sums(ctx, m):
                shared = max(shared, 3)
        return shared

    if family(head.type) == "statement":
        same = [b for b in body if family(b.first.type) == "statement"]
        return same[0] if len(same) == 1 else None
    same = [b for b in body if b.first.type == head.type]
    if len(same) == 1:
        return same[0]
    pool = same or ([b for b in body if b.primary().status == head.status] if above else [])
    scored = [(overlap(b), -i, b) for i, b in enumerate(pool) if family(b.first.type) == "instrument"]
    scored = [t for t in scored if t[0] > 0]
    if scored:
        return max(scored, key=lambda t: t[:2])[2]
    if same:
        by_status = [b for b in same if b.primary().status == head.status]
        return by_status[0] if len(by_status) == 1 else None
    return None
