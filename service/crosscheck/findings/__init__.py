"""Every check of an event, in the order an editor reads them: documents first, then the event.

The fields of an aligned document that compare as values (status, document type, signatories,
period) are rows of one table (`fields.FIELD_CHECKS`) run by one loop; parties, titles, amounts,
counts and the event's date, place and spellings have their own modules. This module runs them
in order and gives each finding its id and event.
"""

from __future__ import annotations

from collections.abc import Callable

from service.crosscheck.findings import (
    count,
    document_missing,
    event_date,
    event_location,
    figure,
    name_spelling,
    parties,
    title,
)
from service.crosscheck.findings.common import Context
from service.crosscheck.findings.fields import checker
from service.crosscheck.model import Draft
from service.models import Finding

CHECKS: tuple[Callable[[Context], list[Draft]], ...] = (
    checker("status"),
    parties.check,
    checker("document_type"),
    title.check,
    checker("signatories"),
    checker("period"),
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
