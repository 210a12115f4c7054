"""The articles list (search, sort, pages) with the batch submit form, and the article page."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from service.api import batch, editor, exports, operations
from service.api.errors import ApiError
from service.models import ArticleSummary
from service.storage import articles as article_store
from service.storage import library
from service.storage.library import ARTICLE_SORTS
from service.web.access import PageContext, form_context, page_context
from service.web.render import render_page
from service.web.views import article_view, listed, offline_language_notice

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
STATUSES = ("queued", "running", "done", "failed")


def _index(
    request: Request,
    ctx: PageContext,
    *,
    filters: dict[str, str],
    offset: int,
    error: str | None = None,
    form: dict[str, str] | None = None,
    code: int = 200,
) -> Response:
    page = library.search(
        ctx.state.db,
        text=filters.get("q") or None,
        outlet=filters.get("outlet") or None,
        status=filters.get("status") or None,
        sort=filters.get("sort") or "newest",
        limit=PAGE_SIZE,
        offset=offset,
    )
    return render_page(
        request,
        ctx,
        "index.html",
        status=code,
        rows=listed(page.items),
        total=page.total,
        offset=offset,
        page_size=PAGE_SIZE,
        filters=filters,
        query={k: v for k, v in filters.items() if v},
        statuses=STATUSES,
        sorts=ARTICLE_SORTS,
        error=error,
        form=form or {},
        separator="---",
        max_batch=batch.MAX_ARTICLES,
    )


@router.get("/")
def index(
    request: Request,
    q: str = Query(default="", max_length=200),
    outlet: str = Query(default="", max_length=200),
    status: str = Query(default=""),
    sort: str = Query(default="newest"),
    offset: int = Query(default=0, ge=0, le=1_000_000),
) -> Response:
    ctx = page_context(request)
    filters = {
        "q": q.strip(),
        "outlet": outlet.strip(),
        "status": status if status in STATUSES else "",
        "sort": sort if sort in ARTICLE_SORTS else "newest",
    }
    return _index(request, ctx, filters=filters, offset=offset)


@router.post("/articles")
async def submit_form(request: Request) -> Response:
    """One article or many: a paste (articles between lines of ---) and/or several files or a zip."""
    ctx, fields = await form_context(request, "write")
    form = {k: str(v) for k, v in fields.items() if k in ("text", "title", "outlet", "url", "date")}
    meta = {k: (form.get(k) or "").strip() or None for k in ("title", "outlet", "url")}
    meta["published"] = (form.get("date") or "").strip() or None
    state = ctx.state
    pending: list[batch.Pending] = []
    try:
        for upload in (await request.form()).getlist("files"):
            if not isinstance(upload, UploadFile) or not upload.filename:
                continue
            data = await upload.read()
            if upload.filename.lower().endswith(".zip"):
                pending += await run_in_threadpool(batch.from_zip, data, state)
            else:
                pending.append(await run_in_threadpool(batch.from_file, upload.filename, data, state))
        if form.get("text", "").strip():
            truncated = fields.get("truncated") == "yes"
            pending += await run_in_threadpool(
                lambda: batch.from_paste(form["text"], state, truncated=truncated, **meta)
            )
        if not pending:
            raise ApiError(422, "paste an article or choose files to submit")
        result = await batch.submit_all(state, pending, ctx.principal)
    except ApiError as exc:
        return _index(request, ctx, filters={}, offset=0, error=exc.message, form=form, code=exc.status)
    if len(result.items) == 1 and result.items[0].article is not None:
        return RedirectResponse(result.items[0].article.links.page, status_code=303)
    if len(result.items) == 1 and result.items[0].error is not None:
        message = result.items[0].error.message
        return _index(request, ctx, filters={}, offset=0, error=message, form=form, code=422)
    stored = [i.article.id for i in result.items if i.article is not None]
    found = await run_in_threadpool(article_store.get_many, state.db, stored)
    names = {aid: editor.row_name(row) for aid, (row, _job) in found.items()}
    return render_page(request, ctx, "batch.html", result=result, names=names)


@router.get("/articles/progress")
def progress(request: Request, ids: str = Query(default="", max_length=100 * 30)) -> Response:
    """Statuses of a batch's articles, for the page that follows them (app.js polls this)."""
    ctx = page_context(request)
    wanted = [i for i in ids.split(",") if operations.ARTICLE_ID.match(i)][: batch.MAX_ARTICLES]
    found = article_store.get_many(ctx.state.db, wanted)
    out = {}
    for aid, (row, job) in found.items():
        out[aid] = {
            "status": job.state,
            "reason": job.reason if job.state == "failed" else None,
            "event": row.event_key,
        }
    return JSONResponse(out)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    ctx = page_context(request)
    detail = operations.article_detail(ctx.state, article_id)
    row, _job = operations.find_article(ctx.state, article_id)
    view = None
    notice = None
    if detail.status == "done":
        payload = article_store.summary(ctx.state.db, article_id)
        if payload is not None:
            summary = ArticleSummary.model_validate(payload)
            view = article_view(detail.body, summary)
            notice = offline_language_notice(summary)
    return render_page(
        request,
        ctx,
        "article.html",
        article=detail,
        name=editor.row_name(row),
        view=view,
        notice=notice,
        formats=exports.EXPORT_FORMATS,
    )


@router.get("/articles/{article_id}/export.{fmt}")
def export_summary(request: Request, article_id: str, fmt: str) -> Response:
    ctx = page_context(request)
    chosen = exports.export_format(fmt)
    if chosen is None:
        raise ApiError(404, "export as json, csv or html")
    summary, body, name = editor.summary_for(ctx.state, article_id)
    content = exports.summary_export(summary, body, chosen)
    return exports.download(content, exports.MEDIA[chosen], exports.filename(name, chosen))


@router.post("/articles/{article_id}/rerun")
async def rerun(request: Request, article_id: str) -> Response:
    ctx, _fields = await form_context(request, "write")
    await editor.rerun_article(ctx.state, article_id)
    return RedirectResponse(f"/articles/{article_id}", status_code=303)


@router.post("/articles/{article_id}/delete")
async def delete(request: Request, article_id: str) -> Response:
    ctx, _fields = await form_context(request, "write")
    await run_in_threadpool(editor.delete_article, ctx.state, article_id)
    return RedirectResponse("/?deleted=1", status_code=303)
