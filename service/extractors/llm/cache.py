"""On-disk cache of model drafts, so a repeated article costs no model call.

Keyed by the body's SHA-256, the prompt id@version, the schema version, the model, the
endpoint's base URL and the mode: any of them changing means a new answer is needed (a local
server answers to any model name, so the name alone does not say who answered). The draft (before grounding) is stored, so
resolver fixes apply to cached answers too. Writes go to a temporary file then `os.replace`,
so a crash or a concurrent writer never leaves a half-written entry; an unreadable entry is
a miss, and a cache that cannot be written never fails an extraction.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from service.models import Usage
from service.models.draft import DraftSummary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CacheKey:
    """What makes two requests the same request."""

    body_sha256: str
    prompt_ref: str
    schema_version: str
    model: str
    endpoint: str  # base URL, credentials removed: a local server echoes any model name
    mode: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    """A stored answer and what it cost when it was made."""

    draft: DraftSummary
    usage: Usage
    calls: int
    chunks: int
    prompt_hash: str


class DraftCache:
    """A folder of JSON entries, one per key, fanned out by the digest's first two characters."""

    def __init__(self, folder: Path, *, enabled: bool = True) -> None:
        self.folder = folder
        self.enabled = enabled

    def path(self, key: CacheKey) -> Path:
        digest = key.digest
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, key: CacheKey, prompt_hash: str) -> CacheEntry | None:
        """The stored entry, or None (absent, unreadable, or made from an edited prompt file)."""
        if not self.enabled:
            return None
        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
            if data.get("key") != asdict(key) or data.get("prompt_hash") != prompt_hash:
                return None
            return CacheEntry(
                draft=DraftSummary.model_validate(data["draft"]),
                usage=Usage.model_validate(data["usage"]),
                calls=int(data["calls"]),
                chunks=int(data["chunks"]),
                prompt_hash=data["prompt_hash"],
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, ValidationError) as exc:
            log.warning("ignoring unreadable cache entry %s: %s", self.path(key), exc)
            return None

    def put(self, key: CacheKey, entry: CacheEntry) -> None:
        """Store atomically; a failure to write is logged, never raised."""
        if not self.enabled:
            return
        target = self.path(key)
        payload = {
            "key": asdict(key),
            "prompt_hash": entry.prompt_hash,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "calls": entry.calls,
            "chunks": entry.chunks,
            "usage": entry.usage.model_dump(mode="json"),
            "draft": entry.draft.model_dump(mode="json"),
        }
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        except OSError as exc:
            log.warning("could not write cache entry %s: %s", target, exc)
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
            os.replace(temp, target)
        except OSError as exc:
            log.warning("could not write cache entry %s: %s", target, exc)
            with contextlib.suppress(OSError):
                os.unlink(temp)
