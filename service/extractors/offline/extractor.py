"""The offline extractor: deterministic English rules -> `DraftSummary` -> shared resolver.

No model and no network: the default when no LLM is configured. Its drafts go through
`service.resolver.resolve` exactly like the LLM's, so grounding, rejection and the
editor's summary follow the same rules whoever proposed the items.
"""

from __future__ import annotations

import re
import time

from service.articles import ArticleInput
from service.extractors.base import Extractor, register
from service.extractors.offline import context as context_mod
from service.extractors.offline import signers
from service.extractors.offline.commitments import extract_commitments
from service.extractors.offline.counts import stated_count
from service.extractors.offline.documents import find_mentions
from service.extractors.offline.event import extract_event
from service.extractors.offline.groups import DocGroup
from service.extractors.offline.lexicon import EXAMPLES_RE, RULES_VERSION
from service.extractors.offline.mentions import STATEMENTS, Mention
from service.extractors.offline.recap import group_mentions
from service.extractors.offline.sides import side_parties, with_body
from service.language import detect_language
from service.models import ArticleSummary, Notice, Provenance
from service.models.draft import DraftDocument, DraftParty, DraftRestatement, DraftSummary
from service.resolver import resolve
from service.vocabulary import WEEKDAYS, as_document_type, as_status

_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:a|an|the|another)\s+", re.I)
_WHEN = re.compile(
    r"(?:\s+(?:on|last|this|next)\s+(?:" + "|".join(WEEKDAYS) + r"|week|month|year)"
    r"|\s+(?:today|yesterday|later\s+this\s+year))+$",
    re.I,
)


def _title(m: Mention) -> str:
    title = _ARTICLE.sub("", m.title.strip(" ,."))
    low = title.lower()
    if "day" in low or "week" in low or "month" in low or "year" in low:
        title = _WHEN.sub("", title)
    title = title or m.type.replace("_", " ")
    return _SPACES.sub(" ", title).lower()


def _default_status(m: Mention) -> str:
    if m.status:
        return m.status
    return "adopted" if m.type in STATEMENTS else "signed"


def _specific(ctx: context_mod.Context, parties: list[tuple[str, str | None]]) -> int:
    """How much a party list says beyond the two countries' names (a ministry, a company)."""
    sides = {ctx.side_name(c) for c in ctx.sides}
    return sum(1 for name, _ in parties if name not in sides)


def _parties(ctx: context_mod.Context, group: DocGroup, primary: Mention) -> list[DraftParty]:
    candidates = [primary.parties] + [m.parties for m in group.mentions if m.parties and not m.weak_place]
    found = max(candidates, key=lambda ps: (_specific(ctx, ps), ps is primary.parties)) if candidates else []
    found = with_body(ctx, found, primary.clause[0], primary.head[0]) or side_parties(ctx)
    known = {c for _, c in found if c}
    if len(found) == 1 and len(ctx.sides) == 2 and known and known < set(ctx.sides):
        other = next(c for c in ctx.sides if c not in known)
        found = [*found, (ctx.side_name(other), other)]
    return [DraftParty.model_construct(name=n, country=c) for n, c in found]


def _document(ctx: context_mod.Context, group: DocGroup, count_signers: list[str]) -> DraftDocument:
    """One draft document; parties and restatements are built unvalidated (the rules made them, the
    resolver validates what it keeps)."""
    p = group.primary()
    signatories: list[str] = []
    for m in [p, *group.mentions]:
        for name in m.signatories:
            if name not in signatories:
                signatories.append(name)
    if not signatories and (p.segment.kind == "item" or (not p.explicit and p.segment.kind != "heading")):
        signatories = list(count_signers)
    also = [
        DraftRestatement.model_construct(
            quote=ctx.quote(*m.quote),
            type=as_document_type(m.type),
            title=_title(m),
            status=as_status(_default_status(m)),
            parties=[DraftParty.model_construct(name=n, country=c) for n, c in m.parties],
            period=m.period,
        )
        for m in group.mentions
        if m is not p and m.quote != p.quote
    ]
    return DraftDocument(
        type=as_document_type(p.type),
        title=_title(p),
        subject=p.subject,
        parties=_parties(ctx, group, p),
        signatories=[ctx.people.show(s) for s in signatories],
        status=as_status(_default_status(p)),
        period=p.period or next((m.period for m in group.mentions if m.period), None),
        context="earlier" if p.background else None,
        quote=ctx.quote(*p.quote),
        also=also,
    )


def draft(article: ArticleInput) -> DraftSummary:
    """What the rules read in an English article, before grounding."""
    ctx = context_mod.build(article)
    mentions = find_mentions(ctx)
    counted = stated_count(ctx)
    groups = group_mentions(ctx, mentions, counted.stated)
    signers.listed(groups, mentions)
    signers.pronouns(ctx, groups)
    documents = [_document(ctx, g, counted.signatories) for g in groups]
    examples = counted.examples or any(
        (m.kind in ("field", "count") and m.examples) or (m.plural and EXAMPLES_RE.search(ctx.low, *m.clause))
        for m in mentions
    )
    complete = not (
        article.truncated
        or examples
        or (counted.stated is not None and len(documents) < counted.stated)
        or (counted.generic_signing and not documents)
    )
    return DraftSummary(
        event=extract_event(ctx),
        documents=documents,
        commitments=extract_commitments(ctx),
        stated_count=counted.stated,
        list_complete=complete,
    )


@register("offline")
class OfflineExtractor(Extractor):
    """Rule-based English extractor; says so (and returns no documents) for other languages."""

    name = "offline"

    def extract(self, article: ArticleInput) -> ArticleSummary:
        started = time.perf_counter()
        language = (article.language or detect_language(article.body) or "und").lower()
        notices: list[Notice] = []
        if language != "en":
            notices.append(
                Notice(
                    code="language_not_supported",
                    message=(
                        f"the offline extractor reads English only; detected '{language}'; configure an LLM "
                        "(OPENAI_BASE_URL/OPENAI_API_KEY) for this article"
                    ),
                )
            )
            proposal = DraftSummary(list_complete=False)
        else:
            proposal = draft(article)
        provenance = Provenance(extractor="offline", model=f"offline-rules@{RULES_VERSION}")
        summary = resolve(article, proposal, language=language, provenance=provenance, notices=notices)
        summary.provenance.latency_ms = round((time.perf_counter() - started) * 1000, 3)
        return summary
