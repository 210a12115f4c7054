"""Field checks as a table: one declarative description per field of an aligned document, one loop.

Each `FieldCheck` says how to read a mention's value (and a restatement's, for contradictions
inside one article), what makes two values one camp (equality of a normalised key, or, for
lists of people, not clashing), when the camps are a disagreement, its severity and its
message. `run` applies one description to every canonical document of an event: the reports
are split into camps (one finding per dissenting camp against the majority, with every side's
value and quote), then each article is compared with its own restatements of the paper.

Parties (levels of body, camps of compatible lists with undecidable lists left out) and titles
(several naming rules) keep their own modules; amounts are read from text in `figure`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from service.crosscheck import names
from service.crosscheck.alignment_score import collective
from service.crosscheck.findings.common import Context, Entry, internal, primary, quoted, split, tally
from service.crosscheck.model import CanonDoc, Draft, Item
from service.crosscheck.text import normalise_period
from service.models import Document, Restatement, Severity
from service.vocabulary import TYPE_LABEL, type_family

Mention = tuple[Item, Document]


@dataclass(frozen=True)
class FieldCheck:
    """How one field of an aligned document is compared."""

    kind: str
    severity: Severity
    read: Callable[[Item, Document], Hashable | None]  # the mention's value key; None: says nothing
    show: Callable[[Item, Document], str]  # the value as an editor reads it
    message: str  # "{doc}" and "{tally}" are filled in
    scope: Callable[[list[Mention]], list[Mention]] = lambda ms: ms  # which mentions are compared
    disagree: Callable[[list[Mention], set[Hashable]], bool] = lambda ms, keys: len(keys) >= 2
    clash: Callable[[Document, Document], bool] | None = None  # camps by compatibility, not equal keys
    restated: Callable[[Item, Document, Restatement], tuple[str, str] | None] | None = None  # (own, other)
    internal_message: str = "{article} gives {doc} as {own} in one place and as {other} in another."


def _camps_by_clash(mentions: list[Mention], check: FieldCheck) -> list[list[Entry]]:
    """Mentions grouped so no two in a group clash; first fit, in article order."""
    assert check.clash is not None
    groups: list[list[Mention]] = []
    for m in mentions:
        for g in groups:
            if not any(check.clash(m[1], other[1]) for other in g):
                g.append(m)
                break
        else:
            groups.append([m])
    camps = [[Entry(it.id, n, check.show(it, d), tuple(primary(d))) for it, d in g] for n, g in enumerate(groups)]
    return sorted(camps, key=lambda c: -len(c))


def _across(ctx: Context, canon: CanonDoc, check: FieldCheck) -> list[Draft]:
    mentions = [m for m in check.scope(ctx.mentions(canon)) if check.read(*m) is not None]
    if check.clash is not None:
        groups = _camps_by_clash(mentions, check)
        if len(groups) < 2:
            return []
        entries = [e for g in groups for e in g]
    else:
        keys = {check.read(*m) for m in mentions}
        if not check.disagree(mentions, keys):
            return []
        groups = None
        entries = [Entry(it.id, check.read(it, d), check.show(it, d), tuple(primary(d))) for it, d in mentions]
    return split(
        entries,
        kind=check.kind,
        severity=check.severity,
        document=canon.key,
        groups=groups,
        explain=lambda sides: check.message.format(doc=quoted(canon.label), tally=tally(sides)),
    )


def _within(ctx: Context, canon: CanonDoc, check: FieldCheck) -> list[Draft]:
    if check.restated is None:
        return []
    drafts: list[Draft] = []
    for it, d in ctx.mentions(canon):
        for r in ctx.restatements_of(it, d):
            found = check.restated(it, d, r)
            if found is None:
                continue
            own, other = found
            drafts.append(
                internal(
                    it,
                    kind=check.kind,
                    severity=check.severity,
                    document=canon.key,
                    first=(own, primary(d)),
                    second=(other, [r.evidence]),
                    explanation=check.internal_message.format(
                        article=it.id, doc=quoted(canon.label), own=own, other=other
                    ),
                )
            )
            break
    return drafts


def run(ctx: Context, check: FieldCheck) -> list[Draft]:
    """Every finding of one field over the event's canonical documents."""
    drafts: list[Draft] = []
    for canon in ctx.event.canon:
        drafts += _across(ctx, canon, check)
        drafts += _within(ctx, canon, check)
    return drafts


# --- status: signed or adopted (the paper exists) against planned or discussed -------------------
_CAMP = {"signed": "concluded", "adopted": "concluded", "planned": "planned", "discussed": "discussed"}


def _status_restated(it: Item, d: Document, r: Restatement) -> tuple[str, str] | None:
    if r.status and _CAMP[r.status] != _CAMP[d.status] and "concluded" in (_CAMP[r.status], _CAMP[d.status]):
        return d.status, r.status
    return None


STATUS = FieldCheck(
    kind="status",
    severity="error",
    read=lambda it, d: _CAMP[d.status],
    show=lambda it, d: d.status,
    # planned against discussed alone is left alone: neither says the paper exists
    disagree=lambda ms, keys: "concluded" in keys and len(keys) >= 2,
    message="The reports disagree on whether {doc} was signed: {tally}.",
    restated=_status_restated,
    internal_message="{article} reports {doc} as {own} in one place and as {other} in another.",
)


# --- period: the validity stated differently ("2025-2027" vs "2025-2030") -------------------------
def _period_restated(it: Item, d: Document, r: Restatement) -> tuple[str, str] | None:
    own, other = normalise_period(d.period), normalise_period(r.period)
    return (own, other) if own and other and own != other else None


PERIOD = FieldCheck(
    kind="period",
    severity="error",
    read=lambda it, d: normalise_period(d.period),
    show=lambda it, d: normalise_period(d.period) or "",
    message="The reports give {doc} different periods: {tally}.",
    restated=_period_restated,
    internal_message="{article} gives {doc} the period {own} in one place and {other} in another.",
)


# --- signatories: someone replaced by someone else (naming fewer is no contradiction) -------------
def _signers_clash(a: Document, b: Document) -> bool:
    odd_a = any(not any(names.same_person(x, y) for y in b.signatories) for x in a.signatories)
    odd_b = any(not any(names.same_person(x, y) for x in a.signatories) for y in b.signatories)
    return odd_a and odd_b


SIGNATORIES = FieldCheck(
    kind="signatories",
    severity="error",
    read=lambda it, d: tuple(d.signatories) or None,
    show=lambda it, d: ", ".join(d.signatories),
    clash=_signers_clash,
    message="The reports name different signatories of {doc}: {tally}.",
)


# --- document_type: letter vs memorandum, declaration vs treaty, programme vs agreement -----------
def claims_type(it: Item, d: Document) -> bool:
    """ "other" is no claim, nor the umbrella word "agreements" spread over a list of fields."""
    return d.type != "other" and not collective(it, d)


def _type_scope(mentions: list[Mention]) -> list[Mention]:
    # A paper some call a declaration and others a treaty is a type matter; within the statement
    # family alone (joint statement vs joint declaration) it is a `title` one.
    if len({type_family(d.type) for _, d in mentions}) > 1:
        return mentions
    return [(it, d) for it, d in mentions if type_family(d.type) == "instrument"]


def _type_restated(it: Item, d: Document, r: Restatement) -> tuple[str, str] | None:
    if (
        r.type
        and r.type != d.type
        and claims_type(it, d)
        and r.type != "other"
        and type_family(r.type) == type_family(d.type) == "instrument"
    ):
        return TYPE_LABEL[d.type], TYPE_LABEL[r.type]
    return None


DOCUMENT_TYPE = FieldCheck(
    kind="document_type",
    severity="warning",
    read=lambda it, d: d.type if d.type != "other" else None,
    show=lambda it, d: TYPE_LABEL.get(d.type, d.type),
    scope=_type_scope,
    disagree=lambda ms, keys: len({d.type for it, d in ms if claims_type(it, d)}) >= 2,
    message="The reports call {doc} by different document types: {tally}.",
    restated=_type_restated,
    internal_message="{article} calls {doc} a {own} in one place and a {other} in another.",
)

FIELD_CHECKS: dict[str, FieldCheck] = {c.kind: c for c in (STATUS, PERIOD, SIGNATORIES, DOCUMENT_TYPE)}


def checker(kind: str) -> Callable[[Context], list[Draft]]:
    """The check function of one table row (for the ordered list of checks)."""
    check = FIELD_CHECKS[kind]

    def run_one(ctx: Context) -> list[Draft]:
        return run(ctx, check)

    run_one.__name__ = f"check_{kind}"
    return run_one
