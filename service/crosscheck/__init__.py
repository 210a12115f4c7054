"""Cross-check several reports of official visits: same event?, aligned documents, inconsistencies.

    from service import crosscheck
    report = crosscheck(["a.txt", "b.txt", summary_c])   # -> CrossCheckReport

The comparison is deterministic on the summaries: `inputs` reads and extracts what is not a
summary yet, `copies` collapses duplicates and wire copies, `events` decides each pair and
`grouping` forms the events, `similarity` and `align` build the alignment matrix of each
event, `restate` finds what an article says again about a document (recap lists included),
`amounts` reads money and quantities, `findings` runs one check per kind of inconsistency,
`summary` writes the top line; `table` and `html` render.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from service.config import Backend, Settings, get_settings
from service.crosscheck.align import align, duplicates
from service.crosscheck.copies import find_copies
from service.crosscheck.features import event_aliases
from service.crosscheck.findings import Context, run_checks
from service.crosscheck.grouping import group_events
from service.crosscheck.inputs import CrossCheckInput, prepare
from service.crosscheck.model import EventGroup, Item
from service.crosscheck.restate import restatements
from service.crosscheck.summary import canonical_documents, totals
from service.models import ArticleRef, CopyGroup, CrossCheckProvenance, CrossCheckReport, EventReport
from service.schemas import validate_payload

if TYPE_CHECKING:
    from service.crosscheck.adjudicate import Outcome

__all__ = ["CrossCheckInput", "check_items", "crosscheck"]


def crosscheck(
    items: Sequence[CrossCheckInput],
    *,
    backend: Backend | None = None,
    bodies: Mapping[str, str] | None = None,
    adjudicate: bool | None = None,
    settings: Settings | None = None,
) -> CrossCheckReport:
    """Compare articles and return a schema-validated report.

    `items` are summaries, article texts, paths or `ArticleInput`s; those that are not summaries
    are extracted with `backend`. `bodies` maps an article id to the body its summary was made
    from, enabling text-level checks for summaries (filled automatically for other inputs).
    `adjudicate` sends the alignments the rules leave uncertain to the configured LLM, one call
    per event (default: `Settings.crosscheck_adjudicate`, off; never without an LLM endpoint).
    Raises `InputError` for an empty or unreadable input.
    """
    started = time.perf_counter()
    prepared, notes = prepare(items, backend=backend, bodies=bodies)
    settings = settings or get_settings()
    wanted = settings.crosscheck_adjudicate if adjudicate is None else adjudicate
    adjudicator: Callable[[EventGroup], Outcome] | None = None
    if wanted and settings.llm_configured:
        from service.crosscheck.adjudicate import adjudicate as run_adjudication

        def adjudicator(event: EventGroup) -> Outcome:
            return run_adjudication(event, settings)

    elif wanted:
        notes.append("adjudication was asked for but no LLM endpoint is configured; the rules decided alone")
    report = check_items(prepared, notes=notes, adjudicator=adjudicator)
    report.provenance.latency_ms = round((time.perf_counter() - started) * 1000, 2)
    validate_payload("crosscheck_report", report.model_dump(mode="json"))
    return report


def check_items(
    items: list[Item],
    *,
    notes: list[str] | None = None,
    adjudicator: Callable[[EventGroup], Outcome] | None = None,
) -> CrossCheckReport:
    """The report for prepared items (summaries with their bodies where known)."""
    notes = list(notes or [])
    adjudicated = 0
    copies, stand_for = find_copies(items)
    events, pairs, event_notes = group_events(items, stand_for)
    notes += event_notes + _copy_notes(copies)
    reports = []
    for ev in events:
        report, extra, decided = _event_report(ev, adjudicator)
        adjudicated += decided
        reports.append(report)
        notes += extra + _event_notes(ev)
    extractors = sorted({it.summary.provenance.extractor for it in items})
    return CrossCheckReport(
        articles=[
            ArticleRef(
                id=it.id,
                title=it.summary.article.title,
                outlet=it.summary.article.outlet,
                language=it.summary.article.language,
                documents=len(it.documents),
            )
            for it in items
        ],
        events=reports,
        pairs=pairs,
        copies=copies,
        notes=notes,
        provenance=CrossCheckProvenance(
            checker="rules+llm" if adjudicator is not None else "rules",
            extractor=", ".join(extractors) or None,
            adjudicated=adjudicated,
        ),
    )


def _event_report(
    event: EventGroup, adjudicator: Callable[[EventGroup], Outcome] | None = None
) -> tuple[EventReport, list[str], int]:
    aliases = event_aliases(event.compared)
    folded = {it.id: duplicates(it, aliases) for it in event.compared}
    event.canon = align(event.compared, skip={a: set(d) for a, d in folded.items()})
    outcome = adjudicator(event) if adjudicator is not None and len(event.compared) > 1 else None
    ctx = Context(
        event=event,
        restated={it.id: restatements(it, folded[it.id]) for it in event.compared},
        aliases=aliases,
        folded=folded,
    )
    findings = run_checks(ctx)
    documents = canonical_documents(event, findings)
    return (
        EventReport(
            event_id=event.event_id,
            label=event.label,
            article_ids=[m.id for m in event.members],
            reasons=event.reasons,
            documents=documents,
            findings=findings,
            totals=totals(documents, findings),
        ),
        [
            f"{a}: documents {', '.join(f'#{d + 1}' for d in dups)} repeat earlier ones and were compared as restatements"
            for a, dups in folded.items()
            if dups
        ]
        + (outcome.notes if outcome else []),
        outcome.decided if outcome else 0,
    )


def _copy_notes(copies: list[CopyGroup]) -> list[str]:
    out = []
    for group in copies:
        others = [a for a in group.article_ids if a != group.kept]
        what = "duplicates of" if group.kind == "duplicate" else "syndicated copies of the same story as"
        out.append(
            f"{', '.join(others)}: {what} {group.kept} (similarity {group.similarity:.2f}); "
            f"compared once, through {group.kept}"
        )
    return out


def _event_notes(event: EventGroup) -> list[str]:
    out = []
    languages = sorted({it.language for it in event.compared})
    if len(languages) > 1:
        out.append(
            f"{event.event_id}: articles in {', '.join(languages)}; document titles are compared only "
            "between articles in the same language"
        )
    empty = [it.id for it in event.compared if not it.documents]
    if empty and len(event.compared) > 1:
        out.append(f"{event.event_id}: {', '.join(empty)} report no documents, so only the event was compared for them")
    incomplete = [it.id for it in event.compared if it.documents and not it.summary.list_complete]
    if incomplete and len(event.compared) > 1:
        out.append(
            f"{event.event_id}: the lists of {len(incomplete)} article(s) are incomplete (cut off or examples only); "
            "documents they omit are info notes, not findings"
        )
    return out
