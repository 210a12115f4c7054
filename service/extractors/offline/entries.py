"""Documents named without a type word: entries of a list whose intro names documents
("Here are the MoUs signed: 1. Partnership between X and Y ..."), and deals agreed between
organisations ("X and Y agreed on a long-term supply of crude oil").
"""

from __future__ import annotations

import re

from service.extractors.offline import parties
from service.extractors.offline.context import Context
from service.extractors.offline.lexicon import period_in
from service.extractors.offline.mentions import Mention, subject_text
from service.extractors.offline.sentences import Segment
from service.extractors.offline.status import status_near
from service.vocabulary import TYPE_LABEL

_ITEM_DOC = re.compile(r"\bbetween\b|^[A-Z][a-z]+\s+(?:on|for)\s+")
_DOC_INTRO = re.compile(r"(?i)\b(?:documents?|agreements?|memorand|mous?|mou's|deals?|pacts?)\b")
_FIELD_ITEM = re.compile(r"[A-Za-z][\w'&/-]*(?:\s+[\w'&/-]+){0,5}\s*[.;,]?")
"""A list entry that is only a field ("Higher education"): short, no verb, no document word (checked by the caller)."""
_FIELDS_INTRO = re.compile(r"(?i)\b(?:fields?|areas?|spheres?|sectors?|domains?)\s*:\s*$|\bfollowing\s*:\s*$")
"""An intro that announces fields: "... in the following areas:"."""
_IMPLICIT_ACTIVE = re.compile(
    r"\b(?:agreed\s+(?:on|upon)|reached\s+(?:an?\s+)?(?:agreement|deal|accord)\s+on)\s+(?P<np>(?:a|an)\s+[^,.;]{6,120})"
)
_IMPLICIT_PASSIVE = re.compile(r"(?P<np>(?:A|An)\s+[^,.;]{6,120}?)\s+(?:was|were)\s+agreed\s+(?:up)?on\s+between\b")
_ORG = re.compile(
    r"\b(?:Ministry|Ministries|JSC|Company|Corporation|Group|Bank|Agency|Fund|Authority|Refining|Petro\w*|Oil|Gas|"
    r"Airways|Airlines|Railways|Holding|[A-Z]{3,}(?:-[A-Z]+)?|Ltd|LLC)\b"
)
_LEADING_ARTICLE = re.compile(r"^(?:a|an)\s+", re.I)
_NP_CUT = re.compile(r"\s+(?:between|with|by|which|that|during|from)\b")


def implicit_deal(ctx: Context, seg: Segment, clause: tuple[int, int]) -> Mention | None:
    """ "A and B agreed on a long-term supply of crude oil": a deal named without a type word."""
    text = ctx.text
    low = text[clause[0] : clause[1]].lower()
    if "agreed on" not in low and "agreed upon" not in low and "reached" not in low:
        return None
    m = _IMPLICIT_ACTIVE.search(text, clause[0], clause[1]) or _IMPLICIT_PASSIVE.match(text, clause[0], clause[1])
    if m is None or not _ORG.search(text, clause[0], clause[1]):
        return None
    np_start, np_end = m.start("np"), m.end("np")
    cut = _NP_CUT.search(text[np_start:np_end])
    if cut:
        np_end = np_start + cut.start()
    title = _LEADING_ARTICLE.sub("", ctx.body[np_start:np_end])
    mention = Mention(
        type="other",
        kind="specific",
        head=(np_start, np_end),
        title_span=(np_start, np_end),
        clause=clause,
        segment=seg,
        det="indefinite",
        status="signed",
        cue_start=m.start() if m.start() < np_start else None,
        title=title,
        subject=title,
        postmod=True,
    )
    return parties.attach(ctx, mention)


def list_entries(ctx: Context, found: dict[int, list[Mention]]) -> list[Mention]:
    """Entries of a list whose intro names documents ("Here are the MoUs signed:") are documents."""
    out: list[Mention] = []
    intro: Segment | None = None
    intro_type = "other"
    if not any(seg.kind == "item" for seg in ctx.segments):
        return out
    for idx, seg in enumerate(ctx.segments):
        if seg.kind != "item":
            following = idx + 1 < len(ctx.segments) and ctx.segments[idx + 1].kind == "item"
            if seg.kind == "sentence" and not following:
                intro = None
            elif following or seg.kind == "heading":
                names_documents = _DOC_INTRO.search(ctx.text, seg.start, seg.end) is not None
                if not names_documents and idx > 0 and ctx.segments[idx - 1].block == seg.block:
                    prev = ctx.segments[idx - 1]  # "Seven documents were signed. They are:"
                    names_documents = _DOC_INTRO.search(ctx.text, prev.start, prev.end) is not None
                    seg = prev if names_documents else seg
                if names_documents or seg.kind == "sentence":
                    intro = seg if names_documents else None
                    heads = ctx.heads_in(seg.start, seg.end) if intro else []
                    intro_type = heads[0][2] if heads else "other"
            continue
        if intro is None or found.get(idx):
            continue
        item_text = ctx.text[seg.start : seg.end]
        field = _FIELD_ITEM.fullmatch(item_text) is not None and _FIELDS_INTRO.search(ctx.text, intro.start, intro.end)
        if not field and not _ITEM_DOC.search(item_text):
            continue
        end = seg.end
        while end > seg.start and ctx.text[end - 1] in " .;,":
            end -= 1
        status = status_near(ctx.text, (intro.start, intro.end))
        if field:  # "MoUs were signed in the following areas:" then "- Health": one document per field
            label = "document" if intro_type == "other" else TYPE_LABEL[intro_type]
            name = ctx.body[seg.start : end]
            out.append(
                parties.attach(
                    ctx,
                    Mention(
                        type=intro_type,
                        kind="field",
                        head=(seg.start, end),
                        title_span=(seg.start, end),
                        clause=(seg.start, seg.end),
                        segment=seg,
                        det="none",
                        status=status,
                        explicit=status is not None,
                        level=1,
                        title=f"{label} on {name.lower()}",
                        subject=name,
                    ),
                )
            )
            continue
        m = Mention(
            type=intro_type,
            kind="specific",
            head=(seg.start, seg.start),
            title_span=(seg.start, end),
            clause=(seg.start, seg.end),
            segment=seg,
            det="none",
            status=status,
            postmod=True,
            title=ctx.body[seg.start : end],
            subject=subject_text(ctx.text, [], seg.start, end, seg.start),
            period=period_in(ctx.text, seg.start, seg.end),
        )
        out.append(parties.attach(ctx, m))
    return out
