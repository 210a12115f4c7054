"""Keep secrets out of what leaves the server: responses, job reasons and log lines."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PATTERNS = (
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"), "***"),
    (re.compile(r"(?i)((?:api[_-]?key|token|password|secret)\s*[=:]\s*)[^\s,;&)]+"), r"\1***"),
    (re.compile(r"(?i)(://[^/\s:@]+:)[^@\s/]+(@)"), r"\1***\2"),
)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Replace known secret values and anything shaped like a credential with `***`."""
    for value in secrets:
        if value and len(value) >= 4:
            text = text.replace(value, "***")
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def describe(exc: BaseException, secrets: Iterable[str | None] = (), limit: int = 500) -> str:
    """One line naming the error, never a traceback."""
    message = " ".join(str(exc).split())[:limit]
    return redact(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, secrets)
