"""Event pages: groups of articles, pick some, run the cross-check, read the matrix and findings."""

from __future__ import annotations

import re

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from service.api import operations
from service.api.errors import ApiError
from service.models import CrossCheckReport
from service.storage import articles as article_store
from service.storage import crosschecks as crosscheck_store
from service.web.access import form_context, page_context
from service.web.render import render
from service.web.views import report_view

router = APIRouter(include_in_schema=False)
EVENT_KEY = re.compile(r"^[a-z0-9-]{1,120}$")
ALL = "all"


def _check_key(key: str) -> str:
    if not EVENT_KEY.match(key):
        raise ApiError(404, "no such event group")
    return key


@router.get("/events")
def events_page(request: Request) -> Response:
    ctx = page_context(request)
    groups = article_store.events(ctx.state.db)
    return render(request, "events.html", principal=ctx.principal, csrf=ctx.csrf, groups=groups)


@router.get("/events/{key}")
def event_page(request: Request, key: str, report: str | None = Query(default=None, max_length=40)) -> Response:
    ctx = page_context(request)
    _check_key(key)
    page = article_store.list_page(ctx.state.db, event=None if key == ALL else key, limit=200)
    rows = [operations.article_out(a, j, n) for a, j, n in page.items]
    if not rows and key != ALL:
        raise ApiError(404, f"no articles in event group {key!r}")
    view = None
    selected: list[str] = []
    if report:
        row = operations.find_report(ctx.state, report)
        selected = list(row.article_ids)
        bodies = {a: r.body for a, (r, _j) in article_store.get_many(ctx.state.db, selected).items()}
        view = report_view(CrossCheckReport.model_validate(row.report), bodies)
    recent = crosscheck_store.for_event(ctx.state.db, key)
    return render(
        request,
        "event.html",
        principal=ctx.principal,
        csrf=ctx.csrf,
        can_write=ctx.can_write,
        key=key,
        rows=rows,
        selected=selected,
        report_id=report,
        view=view,
        recent=recent,
    )


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


@router.get("/crosschecks/{report_id}")
def crosscheck_page(request: Request, report_id: str) -> Response:
    ctx = page_context(request)
    row = operations.find_report(ctx.state, report_id)
    return RedirectResponse(f"/events/{row.event_key or ALL}?report={row.id}#report", status_code=303)
