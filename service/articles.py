"""Read what an editor hands us into one analysable body, or say clearly why not.

Inputs come as plain text, the corpus article format (header lines, blank line, body),
HTML pages, raw bytes in an unknown encoding or stdin. Every offset PactCheck reports
refers to `ArticleInput.body`, the exact text that was analysed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from service.config import get_settings
from service.errors import InputError

HEADER_KEYS = frozenset({"URL", "OUTLET", "DATE", "LANGUAGE", "TRUNCATED", "NOTE", "TITLE"})
_HEADER_LINE = re.compile(r"^([A-Z][A-Z_]{1,20}):[ \t]*(.*)$")

# Generous for real pages: free-text DATE lines with notes run past 100 characters in practice.
FIELD_LIMITS: dict[str, int] = {"title": 1000, "outlet": 300, "url": 2000, "published": 300, "note": 2000}
"""Longest value of each metadata field, whatever its source (JSON field, header line, HTML title).

The one place these numbers live: the API's request model and the database columns use them too,
so the store is never the validator.
"""
LANGUAGE_PATTERN = r"^[a-z]{2}$"
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_FIELD_SOURCES = {"title": "TITLE", "outlet": "OUTLET", "url": "URL", "published": "DATE", "note": "NOTE"}


@dataclass
class ArticleInput:
    """One article ready for extraction; offsets refer to `body`."""

    id: str
    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None  # declared; detection fills it later when absent
    truncated: bool = False
    note: str | None = None
    source_format: str = "text"
    notices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


def check_storable(value: str, what: str) -> None:
    """Refuse text no database stores faithfully: NUL characters and unpaired surrogates."""
    if "\x00" in value:
        raise InputError(f"{what} contains NUL characters (binary data?)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{what} contains an unpaired surrogate (invalid Unicode)") from None


def check_fields(article: ArticleInput) -> ArticleInput:
    """Validate every metadata field the same way, wherever it came from; returns the article.

    Lengths follow `FIELD_LIMITS`, the language must be an ISO 639-1 code, and no field (nor the
    body) may hold NUL characters or unpaired surrogates.
    """
    check_storable(article.body, f"{article.id}: the article text")
    for name, limit in FIELD_LIMITS.items():
        value = getattr(article, name)
        if value is None:
            continue
        what = f"{article.id}: {name} (field or {_FIELD_SOURCES[name]} header)"
        check_storable(value, what)
        if len(value) > limit:
            raise InputError(f"{what} is {len(value):,} characters; the limit is {limit:,}")
    if article.language is not None and not _LANGUAGE.match(article.language):
        raise InputError(
            f"{article.id}: language (field or LANGUAGE header) must be a two-letter ISO 639-1 code such as 'en', "
            f"not {article.language[:40]!r}"
        )
    return article


def decode_bytes(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """Decode input bytes; refuse binary data rather than analysing noise."""
    notices: list[tuple[str, str]] = []
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("input looks binary (it contains NUL bytes); give a text, HTML or article file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), notices
            except UnicodeDecodeError as exc:
                raise InputError(f"input has a {codec} byte-order mark but is not valid {codec}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notices.append(("encoding_guessed", "input is not UTF-8; it was read as Windows-1252"))
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 50):
        raise InputError("input looks binary (too many control characters); give a text file")
    return text, notices


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, block elements on their own lines."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form"})
    _BLOCK = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "section",
            "article",
            "header",
            "blockquote",
            "figcaption",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (
        len(re.findall(r"</?(?:p|div|span|a|body|br|h[1-6])\b", head)) >= 3
    )


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text and title of an HTML page; paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return body, parser.title


def split_corpus_article(text: str) -> tuple[dict[str, str], str] | None:
    """Headers and body of a corpus-format article, or None when `text` is not one."""
    head, sep, body = text.partition("\n\n")
    if not sep:
        return None
    headers: dict[str, str] = {}
    for line in head.splitlines():
        m = _HEADER_LINE.match(line)
        if not m:
            return None
        headers[m.group(1)] = m.group(2).strip()
    if not headers or not set(headers) <= HEADER_KEYS | {k for k in headers if k.isupper()}:
        return None
    if not set(headers) & HEADER_KEYS:
        return None
    return headers, body


def from_text(
    text: str,
    *,
    id: str = "article",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    notices: list[tuple[str, str]] | None = None,
) -> ArticleInput:
    """Build an `ArticleInput` from decoded text in any of the supported formats."""
    settings = get_settings()
    notices = list(notices or [])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    source_format = "text"
    truncated = False
    note = None
    corpus = split_corpus_article(text)
    if corpus is not None:
        headers, text = corpus
        source_format = "corpus"
        url = url or headers.get("URL")
        outlet = outlet or headers.get("OUTLET")
        published = published or headers.get("DATE")
        language = language or (headers.get("LANGUAGE") or "").lower() or None
        title = title or headers.get("TITLE")
        truncated = headers.get("TRUNCATED", "").lower() == "yes"
        note = headers.get("NOTE")
    elif looks_like_html(text):
        text, html_title = html_to_text(text)
        title = title or html_title
        source_format = "html"
        notices.append(("html_stripped", "HTML input: offsets refer to the page's visible text"))
    if not text.strip():
        raise InputError(f"{id}: the article body is empty")
    if len(text) > settings.max_article_chars:
        raise InputError(
            f"{id}: the article is {len(text):,} characters; the limit is {settings.max_article_chars:,} "
            "(PACTCHECK_MAX_ARTICLE_CHARS)"
        )
    article = ArticleInput(
        id=id,
        body=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        language=language,
        truncated=truncated,
        note=note,
        source_format=source_format,
        notices=notices,
    )
    return check_fields(article)


def from_bytes(data: bytes, *, id: str = "article", **metadata: str | None) -> ArticleInput:
    """Decode and read raw bytes (an upload, stdin, a file)."""
    settings = get_settings()
    if len(data) > settings.max_input_bytes:
        raise InputError(
            f"{id}: input is {len(data):,} bytes; the limit is {settings.max_input_bytes:,} (PACTCHECK_MAX_INPUT_BYTES)"
        )
    text, notices = decode_bytes(data)
    return from_text(text, id=id, notices=notices, **metadata)


def from_path(path: str | Path, **metadata: str | None) -> ArticleInput:
    """Read a file; its id is the file's stem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a folder, not an article file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    return from_bytes(data, id=metadata.pop("id", None) or path.stem, **metadata)


def read_corpus_body(path: str | Path) -> str:
    """The body of a corpus article exactly as the gold offsets and quotes see it."""
    text = Path(path).read_text(encoding="utf-8")
    return text.partition("\n\n")[2]
