"""`document_missing`: a document one report lists and another omits.

An omission is a finding only when both reports present their list as complete; otherwise
it is an `info` note, since a truncated page or a list of examples omits by nature. A paper
that every report mentioning it places in an earlier visit is background, never missing.
"""

from __future__ import annotations

from service.crosscheck.findings.common import Context, primary, quoted
from service.crosscheck.model import Draft, value
from service.models import Severity


def check(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    listing = [it for it in ctx.items if it.documents]
    if len(listing) < 2:
        return drafts
    for canon in ctx.event.canon:
        present = [it for it in listing if it.id in canon.mentions]
        absent = [it for it in listing if it.id not in canon.mentions]
        if not present or not absent:
            continue
        if all(it.documents[canon.mentions[it.id]].context == "earlier" for it in present):
            continue  # background from an earlier visit: no report owes it a place in this visit's list
        complete_present = [it for it in present if it.summary.list_complete]
        complete_absent = [it for it in absent if it.summary.list_complete]
        severity: Severity
        if complete_present and complete_absent:
            present, absent, severity = complete_present, complete_absent, "warning"
            explanation = (
                f"{quoted(canon.label)} is missing from {', '.join(it.id for it in absent)}, "
                "although that list is presented as complete."
            )
        else:
            severity = "info"
            explanation = (
                f"{quoted(canon.label)} is reported by {len(present)} of {len(listing)} articles; "
                "the others' lists are incomplete, so the omission is not a contradiction."
            )
        values = [value(it.id, "reported", primary(it.documents[canon.mentions[it.id]])) for it in present]
        values += [value(it.id, "not reported") for it in absent]
        drafts.append(
            Draft(
                kind="document_missing", severity=severity, document=canon.key, values=values, explanation=explanation
            )
        )
    return drafts
