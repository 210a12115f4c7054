"""The articles list with the submit form, and the article page with its highlighted evidence."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from service.api import operations
from service.api.errors import ApiError
from service.api.models import ArticleCreate
from service.models import ArticleSummary
from service.storage import articles as article_store
from service.web.access import PageContext, form_context, page_context
from service.web.render import render
from service.web.views import article_view

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
STATUSES = ("queued", "running", "done", "failed")


def _index(
    request: Request,
    ctx: PageContext,
    *,
    status: str | None,
    offset: int,
    error: str | None = None,
    form: dict[str, str] | None = None,
    code: int = 200,
) -> Response:
    page = article_store.list_page(ctx.state.db, status=status, limit=PAGE_SIZE, offset=offset)
    rows = [operations.article_out(a, j, n) for a, j, n in page.items]
    return render(
        request,
        "index.html",
        status=code,
        principal=ctx.principal,
        can_write=ctx.can_write,
        csrf=ctx.csrf,
        rows=rows,
        total=page.total,
        offset=offset,
        page_size=PAGE_SIZE,
        status_filter=status,
        statuses=STATUSES,
        error=error,
        form=form or {},
    )


@router.get("/")
def index(
    request: Request, status: str | None = Query(default=None), offset: int = Query(default=0, ge=0, le=1_000_000)
) -> Response:
    ctx = page_context(request)
    return _index(request, ctx, status=status if status in STATUSES else None, offset=offset)


@router.post("/articles")
async def submit_form(request: Request) -> Response:
    ctx, fields = await form_context(request, "write")
    form = {k: str(v) for k, v in fields.items() if k in ("text", "title", "outlet", "url", "date")}
    try:
        data = ArticleCreate.model_validate({k: (v.strip() or None) if k != "text" else v for k, v in form.items()})
        article = await run_in_threadpool(operations.read_json_submission, data)
        if len(article.body) > ctx.state.settings.max_article_chars:
            raise ApiError(422, f"the article is longer than {ctx.state.settings.max_article_chars:,} characters")
    except ApiError as exc:
        return _index(request, ctx, status=None, offset=0, error=exc.message, form=form, code=exc.status)
    except ValueError as exc:  # pydantic's ValidationError
        first = str(exc).splitlines()
        message = f"the form is incomplete or invalid: {first[1] if len(first) > 1 else 'check the fields'}"
        return _index(request, ctx, status=None, offset=0, error=message, form=form, code=422)
    submitted = await operations.submit(ctx.state, article, ctx.principal)
    return RedirectResponse(f"/articles/{submitted.id}", status_code=303)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    ctx = page_context(request)
    detail = operations.article_detail(ctx.state, article_id)
    view = None
    if detail.status == "done":
        payload = article_store.summary(ctx.state.db, article_id)
        if payload is not None:
            view = article_view(detail.body, ArticleSummary.model_validate(payload))
    return render(request, "article.html", principal=ctx.principal, csrf=ctx.csrf, article=detail, view=view)
