"""What the API and the pages both do: submit an article, run a cross-check, present rows.

Kept apart from the routes so a form post and a JSON call take exactly the same path.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, overload

from starlette.concurrency import run_in_threadpool

from service.api.errors import ApiError
from service.api.models import (
    ArticleCreate,
    ArticleDetail,
    ArticleLinks,
    ArticleOut,
    ArticlePage,
    ArticleSubmitted,
)
from service.api.redact import redact
from service.api.state import ServiceState
from service.articles import ArticleInput, decode_bytes, from_bytes, from_text
from service.errors import InputError
from service.models import SCHEMA_VERSION, ArticleSummary
from service.schemas import validate_payload
from service.storage import articles as article_store
from service.storage import crosschecks as crosscheck_store
from service.storage.tables import ArticleRow, CrossCheckRow, JobRow
from service.storage.tokens import Principal

ARTICLE_ID = re.compile(r"^art_[0-9a-f]{20}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
REPORT_ID = re.compile(r"^cc_[0-9a-f]{20}$")


def read_json_submission(data: ArticleCreate) -> ArticleInput:
    """An `ArticleInput` from a JSON body; binary-looking text is refused like a binary upload."""
    try:
        if _CONTROL.search(data.text, 0, 8192):  # only text with control characters can look binary
            decode_bytes(data.text.encode("utf-8"))
        return from_text(
            data.text,
            title=data.title,
            outlet=data.outlet,
            url=data.url,
            published=data.date,
            language=data.language,
        )
    except InputError as exc:
        raise ApiError(422, _plain(exc), code="invalid_article") from None


def read_text_submission(body: bytes) -> ArticleInput:
    try:
        return from_bytes(body)  # every field is checked, wherever in the text it was found
    except InputError as exc:
        raise ApiError(422, _plain(exc), code="invalid_article") from None


def _plain(exc: InputError) -> str:
    """The library prefixes messages with the input's id; an HTTP caller has no id yet."""
    message = str(exc)
    return message.removeprefix("article: ")


def store(state: ServiceState, article: ArticleInput, principal: Principal) -> article_store.Submission:
    """Store the article and its job before any work starts (blocking: call it from a worker thread).

    For the offline backend the job is stored already claimed by this request, which runs it
    inline; other backends are queued for the background workers.
    """
    backend = state.settings.resolve_backend()
    lease = state.settings.job_lease_s if backend == "offline" else None
    return article_store.submit(state.db, article, backend=backend, token_id=principal.token_id, claim_lease_s=lease)


async def process(state: ServiceState, sub: article_store.Submission) -> ArticleSubmitted:
    """Run a claimed job inline (or wake the workers) and describe the article for the response.

    The inline path answers from what it has in hand: no second read of the rows it just
    wrote (this is the hot path of the service).
    """
    if sub.claim is None:
        if sub.created or sub.requeued:
            state.runner.notify(sub.job.id)
        documents = await run_in_threadpool(_documents, state, sub.article.id) if sub.job.state == "done" else None
        return article_out(sub.article, sub.job, documents, created=sub.created)
    outcome = await state.executor.run_inline(sub.claim, sub.article)
    if outcome.state == "lost":  # pragma: no cover - only if the lease ran out mid-run
        row, job = await run_in_threadpool(find_article, state, sub.article.id)
        return article_out(row, job, created=sub.created)
    job, row = sub.job, sub.article
    job.state, job.reason = outcome.state, outcome.reason
    row.event_key = outcome.event_key
    return article_out(row, job, outcome.documents, created=sub.created)


async def submit(state: ServiceState, article: ArticleInput, principal: Principal) -> ArticleSubmitted:
    """Store, then extract inline (offline) or queue for the workers; `created` says which call stored it."""
    return await process(state, await run_in_threadpool(store, state, article, principal))


def _documents(state: ServiceState, article_id: str) -> int | None:
    payload = article_store.summary(state.db, article_id)
    return len(payload.get("documents", [])) if payload else None


def find_article(state: ServiceState, article_id: str) -> tuple[ArticleRow, JobRow]:
    found = article_store.get(state.db, article_id) if ARTICLE_ID.match(article_id) else None
    if found is None:
        raise ApiError(404, f"no article with id {article_id[:60]!r}")
    return found


@overload
def article_out(row: ArticleRow, job: JobRow, documents: int | None = None) -> ArticleOut: ...
@overload
def article_out(row: ArticleRow, job: JobRow, documents: int | None = None, *, created: bool) -> ArticleSubmitted: ...
@overload
def article_out(row: ArticleRow, job: JobRow, documents: int | None = None, *, body: str) -> ArticleDetail: ...


def article_out(
    row: ArticleRow, job: JobRow, documents: int | None = None, **extra: Any
) -> ArticleOut | ArticleSubmitted | ArticleDetail:
    """The API view of an article; `created=` or `body=` give the submit and detail variants directly."""
    model: type[ArticleOut] = (
        ArticleSubmitted if "created" in extra else ArticleDetail if "body" in extra else ArticleOut
    )
    return model(
        id=row.id,
        sha256=row.sha256,
        status=job.state,  # type: ignore[arg-type]
        reason=redact(job.reason) if job.reason else None,  # rows written before redaction existed
        attempts=job.attempts,
        title=row.title,
        outlet=row.outlet,
        url=row.url,
        published=row.published,
        language=row.language,
        length=row.length,
        source_format=row.source_format,
        event=row.event_key,
        documents=documents,
        created_at=row.created_at,
        links=ArticleLinks(
            self=f"/v1/articles/{row.id}", summary=f"/v1/articles/{row.id}/summary", page=f"/articles/{row.id}"
        ),
        **extra,
    )


def article_page(page: article_store.Page, *, limit: int, offset: int) -> ArticlePage:
    """A page of stored articles as the API lists it, with where the next page starts (if any)."""
    items = [article_out(a, j, n) for a, j, n in page.items]
    following = offset + len(items)
    return ArticlePage(
        items=items,
        total=page.total,
        limit=limit,
        offset=offset,
        next_offset=following if following < page.total else None,
    )


def article_detail(state: ServiceState, article_id: str) -> ArticleDetail:
    row, job = find_article(state, article_id)
    payload = article_store.summary(state.db, article_id) if job.state == "done" else None
    documents = len(payload.get("documents", [])) if payload else None
    return article_out(row, job, documents, body=row.body)


def summary_payload(state: ServiceState, article_id: str) -> dict[str, Any]:
    """The stored summary, or a 409 saying why there is none yet."""
    row, job = find_article(state, article_id)
    if job.state == "failed":
        raise ApiError(409, f"the extraction failed: {redact(job.reason or '')}", code="extraction_failed")
    if job.state != "done":
        raise ApiError(
            409, f"the summary is not ready (job {job.state}); poll GET /v1/articles/{row.id}", code="not_ready"
        )
    payload = article_store.summary(state.db, article_id)
    if payload is None:  # pragma: no cover - done implies a summary row
        raise ApiError(409, "the summary is not ready", code="not_ready")
    return payload


def report_id_for(article_ids: list[str]) -> str:
    """The same ordered list of (immutable) summaries always yields the same report."""
    digest = hashlib.sha256(json.dumps([SCHEMA_VERSION, *article_ids]).encode()).hexdigest()
    return f"cc_{digest[:20]}"


def run_crosscheck(
    state: ServiceState, article_ids: list[str], principal: Principal, *, event_key: str | None = None
) -> CrossCheckRow:
    """Cross-check summarised articles and store the validated report."""
    if len(set(article_ids)) != len(article_ids):
        raise ApiError(422, "article_ids lists the same article more than once", code="duplicate_ids")
    found = article_store.get_many(state.db, [a for a in article_ids if ARTICLE_ID.match(a)])
    unknown = [a for a in article_ids if a not in found]
    if unknown:
        shown = ", ".join(repr(a[:60]) for a in unknown[:5])
        raise ApiError(422, f"unknown article id(s): {shown}", code="unknown_articles")
    failed = [a for a in article_ids if found[a][1].state == "failed"]
    if failed:
        raise ApiError(
            409, f"extraction failed for {', '.join(failed)}; resubmit or leave them out", code="extraction_failed"
        )
    pending = [a for a in article_ids if found[a][1].state != "done"]
    if pending:
        raise ApiError(409, f"not summarised yet: {', '.join(pending)}; retry when they are done", code="not_ready")
    report_id = report_id_for(article_ids)
    existing = crosscheck_store.get(state.db, report_id)
    if existing is not None:
        return existing
    from service.crosscheck import crosscheck  # imported on first use, like the library does

    payloads = article_store.summaries(state.db, article_ids)
    items = [ArticleSummary.model_validate(payloads[a]) for a in article_ids]
    report = crosscheck(items, bodies={a: found[a][0].body for a in article_ids})
    data = validate_payload("crosscheck_report", report.model_dump(mode="json"))
    keys = {found[a][0].event_key for a in article_ids}
    return crosscheck_store.save(
        state.db,
        report_id,
        article_ids=article_ids,
        report=data,
        event_key=event_key or (keys.pop() if len(keys) == 1 else None),
        token_id=principal.token_id,
    )


def find_report(state: ServiceState, report_id: str) -> CrossCheckRow:
    row = crosscheck_store.get(state.db, report_id) if REPORT_ID.match(report_id) else None
    if row is None:
        raise ApiError(404, f"no cross-check with id {report_id[:60]!r}")
    return row
