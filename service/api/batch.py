"""Several articles in one go: files, a zip, a paste with separators or a JSON list.

Each article is stored and extracted on its own, so one bad file never sinks the batch:
the answer lists every input with its own outcome (stored, already there, or the reason
it was refused). The pages and the API share this module.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from pydantic import Field, ValidationError

from service.api import operations
from service.api.errors import ApiError
from service.api.models import ArticleCreate, ArticleSubmitted, ErrorDetail, _Body
from service.api.state import ServiceState
from service.articles import ArticleInput, from_bytes
from service.errors import InputError
from service.storage.tokens import Principal

MAX_ARTICLES = 100
"""Articles one batch may hold; more is refused up front rather than half-done."""
SEPARATOR = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.M)
"""Between pasted articles: a line holding only three or more dashes."""
_SKIP_MEMBER = re.compile(r"(^|/)(__MACOSX|\.)")


class BatchArticle(ArticleCreate):
    """One article of a JSON batch; `truncated` says the text stops mid-article (like `TRUNCATED: yes`)."""

    truncated: bool = False


class BatchCreate(_Body):
    articles: list[BatchArticle] = Field(min_length=1, max_length=MAX_ARTICLES)


class BatchItem(_Body):
    """What happened to one input of the batch."""

    name: str = Field(description="The file name, or `pasted article N` / `article N`.")
    ok: bool
    article: ArticleSubmitted | None = None
    error: ErrorDetail | None = None


class BatchResult(_Body):
    items: list[BatchItem]
    stored: int = Field(description="Inputs now stored (new or already there).")
    failed: int


@dataclass
class Pending:
    """An input read from the request, or the reason it cannot be read."""

    name: str
    article: ArticleInput | None = None
    error: ApiError | None = None
    extra: dict[str, bool] = field(default_factory=dict)


def split_paste(text: str) -> list[str]:
    """The articles of a paste: separated by lines of dashes, blank parts dropped."""
    return [part.strip("\n") for part in SEPARATOR.split(text.replace("\r\n", "\n")) if part.strip()]


def from_file(name: str, data: bytes, state: ServiceState, **meta: str | None) -> Pending:
    """One uploaded file (text, HTML or corpus format); its id is the file's stem."""
    try:
        article = from_bytes(data, id=PurePosixPath(name).stem or "article", **meta)
    except InputError as exc:
        return Pending(
            name, error=ApiError(422, str(exc).removeprefix(f"{PurePosixPath(name).stem}: "), code="invalid_article")
        )
    return _checked(Pending(name, article), state)


def _checked(pending: Pending, state: ServiceState) -> Pending:
    article = pending.article
    if article is None:
        return pending
    limit = state.settings.max_article_chars
    if len(article.body) > limit:
        return Pending(
            pending.name,
            error=ApiError(
                422, f"the article is {len(article.body):,} characters; the limit is {limit:,}", code="too_long"
            ),
        )
    if "\x00" in article.body:
        return Pending(
            pending.name, error=ApiError(422, "input looks binary (it contains NUL bytes)", code="invalid_article")
        )
    return pending


def from_paste(text: str, state: ServiceState, *, truncated: bool = False, **meta: str | None) -> list[Pending]:
    """A pasted text: one article, or several between separator lines (metadata only for a single one)."""
    parts = split_paste(text)
    single = len(parts) == 1
    out = []
    for n, part in enumerate(parts, 1):
        name = "pasted article" if single else f"pasted article {n}"
        pending = from_file(name, part.encode("utf-8"), state, **(meta if single else {}))
        if pending.article is not None and truncated:
            pending.article.truncated = True
        out.append(pending)
    return out


def from_zip(data: bytes, state: ServiceState) -> list[Pending]:
    """Every text, HTML or article file of a zip (folders flattened; hidden and macOS files skipped)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ApiError(422, "the body is not a readable zip archive", code="invalid_zip") from None
    members = [m for m in archive.infolist() if not m.is_dir() and not _SKIP_MEMBER.search(m.filename)]
    if len(members) > MAX_ARTICLES:
        raise ApiError(
            422, f"the zip holds {len(members)} files; a batch takes at most {MAX_ARTICLES}", code="too_many"
        )
    out = []
    for member in members:
        if member.file_size > state.settings.max_input_bytes:
            out.append(
                Pending(
                    member.filename,
                    error=ApiError(
                        422,
                        f"{member.file_size:,} bytes; the limit is {state.settings.max_input_bytes:,}",
                        code="too_large",
                    ),
                )
            )
            continue
        with archive.open(member) as handle:  # read at most the limit, whatever the header claims
            out.append(from_file(member.filename, handle.read(state.settings.max_input_bytes + 1), state))
    return out


def from_json(body: BatchCreate, state: ServiceState) -> list[Pending]:
    out = []
    for n, item in enumerate(body.articles, 1):
        name = item.title or f"article {n}"
        try:
            article = operations.read_json_submission(
                ArticleCreate.model_validate(item.model_dump(exclude={"truncated"}))
            )
        except ApiError as exc:
            out.append(Pending(name, error=exc))
            continue
        article.truncated = article.truncated or item.truncated
        out.append(_checked(Pending(name, article), state))
    return out


def parse_json(raw: bytes) -> BatchCreate:
    try:
        return BatchCreate.model_validate_json(raw)
    except ValidationError as exc:
        details = [f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:20]]
        raise ApiError(422, "the JSON body does not match BatchCreate: " + details[0], details=details) from None


async def submit_all(state: ServiceState, pending: list[Pending], principal: Principal) -> BatchResult:
    """Store and extract every readable input, one by one; each keeps its own outcome."""
    if not pending:
        raise ApiError(422, "the batch holds no article", code="empty_batch")
    if len(pending) > MAX_ARTICLES:
        raise ApiError(422, f"{len(pending)} articles; a batch takes at most {MAX_ARTICLES}", code="too_many")
    items = []
    for p in pending:
        if p.article is None:
            error = p.error or ApiError(422, "unreadable")
            items.append(BatchItem(name=p.name, ok=False, error=ErrorDetail(code=error.code, message=error.message)))
            continue
        try:
            submitted = await operations.submit(state, p.article, principal)
        except ApiError as exc:
            items.append(BatchItem(name=p.name, ok=False, error=ErrorDetail(code=exc.code, message=exc.message)))
            continue
        items.append(BatchItem(name=p.name, ok=True, article=submitted))
    stored = sum(1 for i in items if i.ok)
    return BatchResult(items=items, stored=stored, failed=len(items) - stored)
