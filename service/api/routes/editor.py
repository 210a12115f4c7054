"""The editor's loop over HTTP: batches in, decisions on findings, results out, search.

Routes added beside the resource modules (articles, crosschecks) without changing them.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from service.api import batch, editor, exports
from service.api.auth import require
from service.api.errors import ApiError
from service.api.models import ArticlePage, ArticleSubmitted
from service.api.operations import article_page
from service.api.routes.common import errors
from service.api.state import get_state
from service.storage import library
from service.storage.tokens import Principal

router = APIRouter(tags=["editor"])

_BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": batch.BatchCreate.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "text": {"type": "string", "description": "Articles separated by lines of ---"},
                    },
                }
            },
            "application/zip": {"schema": {"type": "string", "format": "binary"}},
            "text/plain": {"schema": {"type": "string", "description": "Articles separated by lines of ---"}},
        },
    }
}


async def read_batch(request: Request) -> list[batch.Pending]:
    """The batch's inputs, whatever form the request sends them in."""
    state = get_state(request)
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=batch.MAX_ARTICLES + 1, max_fields=20)
        pending: list[batch.Pending] = []
        for upload in form.getlist("files"):
            if isinstance(upload, str) or not upload.filename:
                continue
            data = await upload.read()
            if upload.filename.lower().endswith(".zip"):
                pending += batch.from_zip(data, state)
            else:
                pending.append(batch.from_file(upload.filename, data, state))
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            pending += batch.from_paste(text, state)
        return pending
    body = await request.body()
    if media in ("application/zip", "application/x-zip-compressed"):
        return batch.from_zip(body, state)
    if media == "application/json":
        return batch.from_json(batch.parse_json(body), state)
    if media == "text/plain":
        return batch.from_paste(body.decode("utf-8", errors="replace"), state)
    raise ApiError(415, "send multipart/form-data (files), application/zip, application/json or text/plain")


@router.post(
    "/v1/batches",
    response_model=batch.BatchResult,
    summary="Submit several articles (files, a zip, a JSON list or a paste with --- separators)",
    responses=errors(400, 401, 403, 413, 415, 422, 429),
    openapi_extra=_BATCH_BODY,
)
async def submit_batch(request: Request, principal: Principal = Depends(require("write"))) -> batch.BatchResult:
    """Each article is stored and extracted on its own; every input gets its own outcome."""
    pending = await read_batch(request)
    return await batch.submit_all(get_state(request), pending, principal)


@router.delete(
    "/v1/articles/{article_id}", status_code=204, summary="Delete an article", responses=errors(401, 403, 404, 429)
)
def delete_article(request: Request, article_id: str, _principal: Principal = Depends(require("write"))) -> Response:
    """The article, its summary and the cross-checks it was part of; decisions on findings stay."""
    editor.delete_article(get_state(request), article_id)
    return Response(status_code=204)


@router.post(
    "/v1/articles/{article_id}/rerun",
    response_model=ArticleSubmitted,
    summary="Extract an article again",
    responses=errors(401, 403, 404, 429),
)
async def rerun_article(
    request: Request, article_id: str, _principal: Principal = Depends(require("write"))
) -> ArticleSubmitted:
    """With the current extractor (e.g. after it improved); cross-checks built on the old summary go."""
    return await editor.rerun_article(get_state(request), article_id)


@router.get(
    "/v1/articles/{article_id}/export",
    summary="Download a summary (JSON, CSV one row per document, or a self-contained HTML page)",
    responses=errors(401, 403, 404, 409, 429),
)
def export_summary(
    request: Request,
    article_id: str,
    format: exports.ExportFormat = Query(default="json"),
    _principal: Principal = Depends(require("read")),
) -> Response:
    summary, body, name = editor.summary_for(get_state(request), article_id)
    content = exports.summary_export(summary, body, format)
    return exports.download(content, exports.MEDIA[format], exports.filename(name, format))


@router.get(
    "/v1/crosschecks/{report_id}/export",
    summary="Download a cross-check (JSON, CSV one row per finding with decisions, or the HTML report)",
    responses=errors(401, 403, 404, 429),
)
def export_report(
    request: Request,
    report_id: str,
    format: exports.ExportFormat = Query(default="json"),
    _principal: Principal = Depends(require("read")),
) -> Response:
    state = get_state(request)
    found = editor.bundle(state, report_id)
    decided = editor.decisions_for(state, found.report)
    content = exports.report_export(found.report, found.bodies, format, decided, found.names)
    return exports.download(content, exports.MEDIA[format], exports.filename(f"crosscheck-{found.id}", format))


@router.get(
    "/v1/crosschecks/{report_id}/gold",
    summary="The cross-check as gold in the corpus format (zip); conflicts are the confirmed findings",
    responses=errors(401, 403, 404, 429),
)
def export_gold(request: Request, report_id: str, _principal: Principal = Depends(require("read"))) -> Response:
    content = editor.gold_zip(get_state(request), report_id)
    return exports.download(content, "application/zip", exports.filename(f"gold-{report_id}", "zip"))


@router.get(
    "/v1/gold",
    summary="Every decided cross-check as one gold set (zip, corpus format)",
    responses=errors(401, 403, 404, 429),
)
def export_desk_gold(request: Request, _principal: Principal = Depends(require("read"))) -> Response:
    """Per event group the newest cross-check with a decision; conflicts are the confirmed findings."""
    content = editor.desk_gold_zip(get_state(request))
    return exports.download(content, "application/zip", "pactcheck-gold.zip")


@router.get(
    "/v1/crosschecks/{report_id}/decisions",
    response_model=list[editor.DecisionOut],
    summary="The editor's decisions on this report's findings",
    responses=errors(401, 403, 404, 429),
)
def list_decisions(
    request: Request, report_id: str, _principal: Principal = Depends(require("read"))
) -> list[editor.DecisionOut]:
    state = get_state(request)
    found = editor.bundle(state, report_id)
    decided = editor.decisions_for(state, found.report)
    out = []
    for f in found.findings():
        d = decided.get(editor.decision_store.fingerprint(f))
        if d is not None:
            out.append(editor.decision_out(d, f.id))
    return out


@router.put(
    "/v1/crosschecks/{report_id}/findings/{finding_id}/decision",
    response_model=editor.DecisionOut,
    summary="Confirm or dismiss a finding, with an optional comment",
    responses=errors(400, 401, 403, 404, 422, 429),
)
def put_decision(
    request: Request,
    report_id: str,
    finding_id: str,
    body: editor.DecisionCreate,
    principal: Principal = Depends(require("write")),
) -> editor.DecisionOut:
    """Stored with who and when; it follows the finding into later runs while the finding says the same."""
    return editor.decide(get_state(request), report_id, finding_id, body, principal)


@router.delete(
    "/v1/crosschecks/{report_id}/findings/{finding_id}/decision",
    status_code=204,
    summary="Withdraw a decision",
    responses=errors(401, 403, 404, 429),
)
def delete_decision(
    request: Request, report_id: str, finding_id: str, _principal: Principal = Depends(require("write"))
) -> Response:
    editor.withdraw(get_state(request), report_id, finding_id)
    return Response(status_code=204)


@router.get(
    "/v1/search/articles",
    response_model=ArticlePage,
    summary="Search articles by text, title or outlet",
    responses=errors(401, 403, 422, 429),
)
async def search_articles(
    request: Request,
    q: str | None = Query(default=None, max_length=200, description="Words in the body, title or outlet."),
    outlet: str | None = Query(default=None, max_length=200),
    title: str | None = Query(default=None, max_length=500),
    sort: Literal["newest", "oldest", "title", "outlet"] = Query(default="newest"),
    limit: int = Query(default=50, ge=1, le=200),
    offset: int = Query(default=0, ge=0, le=1_000_000),
    _principal: Principal = Depends(require("read")),
) -> ArticlePage:
    page = await run_in_threadpool(
        library.search, get_state(request).db, text=q, outlet=outlet, title=title, sort=sort, limit=limit, offset=offset
    )
    return article_page(page, limit=limit, offset=offset)
