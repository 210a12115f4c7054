"""`/v1/articles`: submit (JSON or text/plain, idempotent), list, read, and the summary."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from service.api import operations
from service.api.auth import require
from service.api.errors import ApiError
from service.api.models import NO_NUL, ArticleCreate, ArticleDetail, ArticlePage, ArticleSubmitted, JobState
from service.api.routes.common import errors, ok
from service.api.state import get_state
from service.articles import ArticleInput
from service.models import ArticleSummary
from service.schemas import validate_payload
from service.storage import articles as article_store
from service.storage.articles import Submission
from service.storage.tokens import Principal

router = APIRouter(prefix="/v1/articles", tags=["articles"])

_SUBMIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticleCreate.model_json_schema()},
            "text/plain": {"schema": {"type": "string", "minLength": 1, "pattern": NO_NUL}},
        },
    }
}


def _parse(request: Request, body: bytes) -> ArticleInput:
    media, _, params = request.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    if media == "application/json":
        try:
            data = ArticleCreate.model_validate_json(body)
        except ValidationError as exc:
            details = [f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:20]]
            if any(e["type"] == "json_invalid" for e in exc.errors()):
                raise ApiError(400, "the request body is not valid JSON", details=details) from None
            raise ApiError(422, "the JSON body does not match ArticleCreate: " + details[0], details=details) from None
        article = operations.read_json_submission(data)
    elif media == "text/plain":
        charset = params.partition("charset=")[2].strip().strip('"').lower()
        if charset and charset not in ("utf-8", "utf8", "us-ascii"):
            raise ApiError(415, "text/plain bodies must be UTF-8 (or send JSON)")
        article = operations.read_text_submission(body)
    else:
        raise ApiError(415, 'send application/json ({"text": ...}) or text/plain', code="unsupported_media_type")
    limit = get_state(request).settings.max_article_chars
    if len(article.body) > limit:
        raise ApiError(422, f"the article is {len(article.body):,} characters; the limit is {limit:,}", code="too_long")
    return article


@router.post(
    "",
    status_code=201,
    response_model=ArticleSubmitted,
    summary="Submit an article (idempotent on its text)",
    responses=ok(ArticleSubmitted, "The same text was already submitted.") | errors(400, 401, 403, 413, 415, 422, 429),
    openapi_extra=_SUBMIT_BODY,
)
async def submit_article(request: Request, principal: Principal = Depends(require("write"))) -> Response:
    """Store the article, then extract (inline for the offline extractor, else queued).

    201 with the new article, or 200 with the existing one when the same text was sent before.
    """
    body = await request.body()
    state = get_state(request)

    def store() -> Submission:  # parsing a long article and the first write both block: one thread trip
        return operations.store(state, _parse(request, body), principal)

    submitted = await operations.process(state, await run_in_threadpool(store))
    return Response(
        submitted.model_dump_json(),
        status_code=201 if submitted.created else 200,
        media_type="application/json",
        headers={"Location": submitted.links.self},
    )


@router.get("", response_model=ArticlePage, summary="List articles", responses=errors(401, 403, 422, 429))
def list_articles(
    request: Request,
    event: str | None = Query(default=None, max_length=120, pattern=NO_NUL, description="Event group key."),
    outlet: str | None = Query(default=None, max_length=200, pattern=NO_NUL),
    status: JobState | None = Query(default=None),
    limit: int = Query(default=50, ge=1, le=200),
    offset: int = Query(default=0, ge=0, le=1_000_000),
    _principal: Principal = Depends(require("read")),
) -> ArticlePage:
    """Newest first, filtered by event group, outlet (case-insensitive) and extraction status."""
    page = article_store.list_page(
        get_state(request).db, event=event, outlet=outlet, status=status, limit=limit, offset=offset
    )
    return operations.article_page(page, limit=limit, offset=offset)


@router.get("/{article_id}", response_model=ArticleDetail, summary="One article", responses=errors(401, 403, 404, 429))
def get_article(request: Request, article_id: str, _principal: Principal = Depends(require("read"))) -> ArticleDetail:
    """The article, its analysed body and the state of its extraction."""
    return operations.article_detail(get_state(request), article_id)


@router.get(
    "/{article_id}/summary",
    response_class=JSONResponse,
    summary="The grounded summary",
    responses=ok(ArticleSummary, "Follows schemas/article_summary.schema.json.") | errors(401, 403, 404, 409, 429),
)
def get_summary(request: Request, article_id: str, _principal: Principal = Depends(require("read"))) -> Any:
    """The `ArticleSummary` (409 while the job is queued or running, or when it failed)."""
    payload = operations.summary_payload(get_state(request), article_id)
    return JSONResponse(validate_payload("article_summary", payload))
