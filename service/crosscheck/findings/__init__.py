"""Every check of an event, in the order an editor reads them: documents first, then the event.

Each module returns draft findings for one group of kinds; this module runs them and gives
each finding its id and event.
"""

from __future__ import annotations

from collections.abc import Callable

from service.crosscheck.findings import (
    count,
    document_missing,
    document_type,
    event_date,
    event_location,
    figure,
    name_spelling,
    parties,
    period,
    signatories,
    status,
    title,
)
from service.crosscheck.findings.common import Context
from service.crosscheck.model import Draft
from service.models import Finding

CHECKS: tuple[Callable[[Context], list[Draft]], ...] = (
    status.check,
    parties.check,
    document_type.check,
    title.check,
    signatories.check,
    period.check,
    figure.check,
    count.check,
    event_date.check,
    event_location.check,
    name_spelling.check,
    document_missing.check,
)

__all__ = ["CHECKS", "Context", "run_checks"]


def run_checks(ctx: Context) -> list[Finding]:
    """All findings of one event, numbered in a stable order."""
    findings: list[Finding] = []
    for check in CHECKS:
        for draft in check(ctx):
            findings.append(
                Finding(
                    id=f"{ctx.event.event_id}:{len(findings) + 1}",
                    kind=draft.kind,  # type: ignore[arg-type]
                    severity=draft.severity,
                    event_id=ctx.event.event_id,
                    document=draft.document,
                    articles=[v.article_id for v in draft.values],
                    values=draft.values,
                    explanation=draft.explanation,
                    internal=draft.internal,
                )
            )
    return findings
