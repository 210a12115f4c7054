"""Event pages: groups of articles, pick some, run the cross-check, read, filter and decide findings."""

from __future__ import annotations

import itertools
import re

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from service.api import editor, exports, operations
from service.api.errors import ApiError
from service.models import FINDING_KINDS
from service.storage import crosschecks as crosscheck_store
from service.storage import library
from service.storage.decisions import fingerprint
from service.web.access import form_context, page_context
from service.web.render import render_page
from service.web.views import SEVERITY_ORDER, FindingRow, finding_rows, listed, report_view

router = APIRouter(include_in_schema=False)
EVENT_KEY = re.compile(r"^[a-z0-9-]{1,120}$")
ALL = "all"
PAGE_SIZE = 50
FINDING_SORTS = ("severity", "kind", "document", "decision")


def _check_key(key: str) -> str:
    if not EVENT_KEY.match(key):
        raise ApiError(404, "no such event group")
    return key


@router.get("/events")
def events_page(request: Request, offset: int = Query(default=0, ge=0, le=1_000_000)) -> Response:
    ctx = page_context(request)
    page = library.event_groups(ctx.state.db, limit=PAGE_SIZE, offset=offset)
    return render_page(
        request,
        ctx,
        "events.html",
        groups=page.items,
        total=page.total,
        offset=offset,
        page_size=PAGE_SIZE,
    )


@router.get("/events/{key}")
def event_page(
    request: Request,
    key: str,
    report: str | None = Query(default=None, max_length=40),
    offset: int = Query(default=0, ge=0, le=1_000_000),
    kind: str = Query(default="", max_length=40),
    severity: str = Query(default="", max_length=10),
    sort: str = Query(default="severity", max_length=20),
) -> Response:
    ctx = page_context(request)
    _check_key(key)
    page = library.search(ctx.state.db, event=None if key == ALL else key, limit=PAGE_SIZE, offset=offset)
    if not page.total and key != ALL:
        raise ApiError(404, f"no articles in event group {key!r}")
    kind = kind if kind in FINDING_KINDS else ""
    severity = severity if severity in SEVERITY_ORDER else ""
    sort = sort if sort in FINDING_SORTS else "severity"
    view = None
    selected: list[str] = []
    findings: dict[str, list[FindingRow]] = {}
    counts = {"shown": 0, "alarms": 0, "info": 0, "decided": 0}
    if report:
        found = editor.bundle(ctx.state, report)
        selected = [a.id for a in found.report.articles]
        view = report_view(found.report, found.bodies, found.names)
        decided = editor.decisions_for(ctx.state, found.report)
        for event in found.report.events:
            prints = {f.id: fingerprint(f) for f in event.findings}
            rows = finding_rows(event.findings, decided, prints, kind=kind, severity=severity, sort=sort)
            findings[event.event_id] = rows
            counts["shown"] += len(rows)
            counts["alarms"] += sum(1 for f in event.findings if f.severity != "info")
            counts["info"] += sum(1 for f in event.findings if f.severity == "info")
            counts["decided"] += sum(1 for p in prints.values() if p in decided)
        _link_across_events(findings)
    recent = crosscheck_store.for_event(ctx.state.db, key)
    return render_page(
        request,
        ctx,
        "event.html",
        key=key,
        rows=listed(page.items),
        total=page.total,
        offset=offset,
        page_size=PAGE_SIZE,
        selected=selected,
        report_id=report,
        view=view,
        findings=findings,
        counts=counts,
        recent=recent,
        kinds=FINDING_KINDS,
        severities=tuple(SEVERITY_ORDER),
        sorts=FINDING_SORTS,
        filters={"kind": kind, "severity": severity, "sort": sort},
        formats=exports.EXPORT_FORMATS,
    )


def _link_across_events(findings: dict[str, list[FindingRow]]) -> None:
    """Next/previous run through every listed finding of the report, across its events."""
    flat = [row for rows in findings.values() for row in rows]
    for n, row in enumerate(flat):
        row.anchor = f"finding-{n + 1}"
    for before, after in itertools.pairwise(flat):
        before.following, after.previous = after.anchor, before.anchor


@router.post("/events/{key}/crosschecks")
async def run_crosscheck(request: Request, key: str) -> Response:
    ctx, fields = await form_context(request, "write")
    _check_key(key)
    ids = fields.get("article_ids") or []
    ids = [ids] if isinstance(ids, str) else ids
    if not ids:
        raise ApiError(422, "pick at least one article to cross-check")
    row = await run_in_threadpool(operations.run_crosscheck, ctx.state, ids, ctx.principal, event_key=key)
    return RedirectResponse(f"/events/{key}?report={row.id}#report", status_code=303)


@router.post("/events/{key}/decisions")
async def decide(request: Request, key: str) -> Response:
    """Confirm or dismiss a finding from the event page (or withdraw the decision)."""
    ctx, fields = await form_context(request, "write")
    _check_key(key)
    report_id, finding_id = str(fields.get("report") or ""), str(fields.get("finding") or "")
    verdict, comment = str(fields.get("verdict") or ""), str(fields.get("comment") or "")
    if verdict == "withdraw":
        await run_in_threadpool(editor.withdraw, ctx.state, report_id, finding_id)
    else:
        try:
            body = editor.DecisionCreate(verdict=verdict, comment=comment[:2000] or None)
        except ValueError:
            raise ApiError(422, "choose confirm or dismiss") from None
        await run_in_threadpool(editor.decide, ctx.state, report_id, finding_id, body, ctx.principal)
    back = str(fields.get("back") or "")
    query = back if back.startswith("report=") else f"report={report_id}"
    anchor = str(fields.get("anchor") or "report")
    return RedirectResponse(f"/events/{key}?{query}#{anchor}", status_code=303)


@router.get("/gold.zip")
def desk_gold(request: Request) -> Response:
    """Every decided cross-check as one gold set (the events page links it)."""
    ctx = page_context(request)
    content = editor.desk_gold_zip(ctx.state)
    return exports.download(content, "application/zip", "pactcheck-gold.zip")


@router.get("/crosschecks/{report_id}")
def crosscheck_page(request: Request, report_id: str) -> Response:
    ctx = page_context(request)
    row = operations.find_report(ctx.state, report_id)
    return RedirectResponse(f"/events/{row.event_key or ALL}?report={row.id}#report", status_code=303)


@router.get("/crosschecks/{report_id}/export.{fmt}")
def export_report(request: Request, report_id: str, fmt: str) -> Response:
    ctx = page_context(request)
    if fmt == "zip":
        content: str | bytes = editor.gold_zip(ctx.state, report_id)
        media, name = "application/zip", exports.filename(f"gold-{report_id}", "zip")
    elif (chosen := exports.export_format(fmt)) is not None:
        found = editor.bundle(ctx.state, report_id)
        decided = editor.decisions_for(ctx.state, found.report)
        content = exports.report_export(found.report, found.bodies, chosen, decided, found.names)
        media, name = exports.MEDIA[chosen], exports.filename(f"crosscheck-{report_id}", chosen)
    else:
        raise ApiError(404, "export as json, csv, html or zip (gold)")
    return exports.download(content, media, name)
