"""Keep secrets out of what leaves the server: responses, job reasons, pages and log lines.

Two nets: the configured secret values themselves (API key, tokens, session key, the
user name and password inside `OPENAI_BASE_URL` or `DATABASE_URL`), and patterns shaped like a
credential (bearer values, `sk-` keys, `password=...`, the user-info part of any URL, with or
without its scheme). Access-log lines also lose their query-string values.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from service.config import Settings

_PATTERNS = (
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"), "***"),
    (re.compile(r"(?i)((?:api[_-]?key|token|password|passwd|secret)\s*[=:]\s*)[^\s,;&)]+"), r"\1***"),
    # The user-info of a URL (`scheme://user:password@host`, `scheme://token@host`).
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@"), r"\1***@"),
    # The same without a scheme, as error messages name endpoints (`user:password@host:port`).
    (re.compile(r"(?<![\w/@:.-])[^\s/@:'\"()<>]+:[^\s/@'\"()<>]+@(?=[\w.\[-])"), "***@"),
)
_QUERY_VALUE = re.compile(r"([?&][^=&#\s]*=)[^&#\s\"]*")
_MIN_SECRET = 4  # shorter "secrets" would blank out ordinary words


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Replace known secret values and anything shaped like a credential with `***`."""
    for value in sorted((v for v in secrets if v and len(v) >= _MIN_SECRET), key=len, reverse=True):
        text = text.replace(value, "***")
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_query(text: str) -> str:
    """Query-string values replaced by `***` (`/?token=abc&offset=1` -> `/?token=***&offset=***`)."""
    return _QUERY_VALUE.sub(r"\1***", text)


def describe(exc: BaseException, secrets: Iterable[str | None] = (), limit: int = 500) -> str:
    """One line naming the error, never a traceback."""
    message = " ".join(str(exc).split())[:limit]
    return redact(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, secrets)


def _url_secrets(url: str | None) -> list[str]:
    if not url:
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = [parts.username, parts.password]
    return [value for raw in found if raw for value in {raw, unquote(raw)}]


def settings_secrets(settings: Settings) -> tuple[str, ...]:
    """Every secret value the settings hold, for `redact`."""
    values: list[str | None] = [settings.openai_api_key, settings.session_secret]
    for item in settings.api_tokens.split(","):
        token = item.strip()
        values += [token, token.rpartition(":")[0] if token.endswith((":read", ":write")) else None]
    values += _url_secrets(settings.openai_base_url) + _url_secrets(settings.database_url)
    return tuple(v for v in values if v and len(v) >= _MIN_SECRET)


class RedactingFilter(logging.Filter):
    """A handler filter: every record leaves with its secrets replaced (and access-log queries masked).

    Used by `pactcheck serve`'s logging configuration and by `install_log_redaction`.
    """

    def __init__(self, secrets: Iterable[str | None] | None = None) -> None:
        super().__init__()
        if secrets is None:
            from service.config import get_settings

            secrets = settings_secrets(get_settings())
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self.secrets)
        if record.name == "uvicorn.access":
            cleaned = redact_query(cleaned)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:  # a traceback would repeat the secret
            record.exc_text = describe(record.exc_info[1], self.secrets)
            record.exc_info = None
        return True


LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "pactcheck")


def install_log_redaction(secrets: Iterable[str | None]) -> None:
    """Put a `RedactingFilter` on every handler of the loggers the service writes through."""
    values = tuple(secrets)
    for name in LOGGERS:
        for handler in logging.getLogger(name).handlers:
            handler.filters = [f for f in handler.filters if not isinstance(f, RedactingFilter)]
            handler.addFilter(RedactingFilter(values))
