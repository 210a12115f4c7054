"""Record the model's answers to a folder, and replay them later through the same client path.

A recording is one JSON file per article, `DIR/<prompt id>@<version>/<article id>.json`, in
the format of `../shared/recorded/README.md`: the article id, the body's SHA-256, the prompt
id and version, the model label, the mode, the function offered and the arguments the model
returned, plus what the run spent (usage, latency, calls) and every answer received in order
(`answers`: re-asks and the parts of a chunked article included), so a replay can reproduce
the run exactly.

Replay never bypasses the client: it hands the real openai client an in-process httpx
transport that answers each request with the recorded text, shaped as the request asks (a
tool call when tools are offered, message content otherwise). instructor then parses,
validates and re-asks exactly as it does against a live server, and the resolver grounds the
result; a recorded answer that fails validation fails like a live one. A replay uses the
prompt version and mode the recording was made with, and the article split the recording
used (one call per article unless the recording says otherwise).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import openai

from service.articles import ArticleInput
from service.errors import ModelError
from service.extractors.llm.chunking import Chunk

FUNCTION = "DraftSummary"
_FENCED = re.compile(r"```(?:json)?\s*(.*?)```", re.S)
# The replay client talks to no network; this host name cannot resolve (RFC 2606).
REPLAY_BASE_URL = "http://replay.invalid/v1"


# -- recording ---------------------------------------------------------------------------------


@dataclass
class Exchange:
    """One answer the model gave: the text it returned and what the request cost."""

    part: int
    text: str
    usage: dict[str, int] | None = None
    finish_reason: str | None = None
    latency_ms: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "text": self.text,
            "usage": self.usage,
            "finish_reason": self.finish_reason,
            "latency_ms": self.latency_ms,
        }


def _text_of(completion: Any) -> tuple[str, str | None]:
    """The structured output of a chat completion: tool-call arguments, else the content."""
    choice = completion.choices[0] if getattr(completion, "choices", None) else None
    if choice is None:
        return "", None
    message = choice.message
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return str(calls[0].function.arguments or ""), choice.finish_reason
    return str(message.content or ""), choice.finish_reason


def _usage_json(completion: Any) -> dict[str, int] | None:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return None
    return {
        "prompt_tokens": int(usage.prompt_tokens or 0),
        "completion_tokens": int(usage.completion_tokens or 0),
        "total_tokens": int(usage.total_tokens or 0),
    }


class Tap:
    """Collects every completion a structured call receives (thread- and task-safe)."""

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self._lock = threading.Lock()

    def _keep(self, part: int, completion: Any, started: float) -> None:
        text, finish = _text_of(completion)
        exchange = Exchange(
            part=part,
            text=text,
            usage=_usage_json(completion),
            finish_reason=finish,
            latency_ms=round((time.perf_counter() - started) * 1000, 1),
        )
        with self._lock:
            self.exchanges.append(exchange)

    def wrap(self, create: Callable[..., Any], part: int) -> Callable[..., Any]:
        """`create` that also keeps each completion it returns."""

        def tapped(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            completion = create(*args, **kwargs)
            self._keep(part, completion, started)
            return completion

        return tapped

    def awrap(self, create: Callable[..., Awaitable[Any]], part: int) -> Callable[..., Awaitable[Any]]:
        """The async twin of `wrap`."""

        async def tapped(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            completion = await create(*args, **kwargs)
            self._keep(part, completion, started)
            return completion

        return tapped

    def ordered(self) -> list[Exchange]:
        """Exchanges by part, in the order each part received them."""
        with self._lock:
            return sorted(self.exchanges, key=lambda e: e.part)  # stable: order within a part kept


def parse_arguments(text: str) -> Any:
    """The JSON object a model returned (bare, or fenced in md_json mode); the text when none parses."""
    for candidate in (text, *(_FENCED.findall(text))):
        try:
            return json.loads(candidate)
        except (json.JSONDecodeError, TypeError):
            continue
    return text


def record_path(folder: Path, prompt_ref: str, article_id: str) -> Path:
    safe = re.sub(r"[^\w.@-]+", "_", article_id) or "article"
    return folder / prompt_ref / f"{safe}.json"


def write_recording(
    folder: Path,
    article: ArticleInput,
    *,
    prompt_id: str,
    prompt_version: str,
    model: str,
    mode: str,
    endpoint: str | None,
    exchanges: Sequence[Exchange],
    spans: Sequence[Chunk],
    usage: dict[str, int],
    calls: int,
    latency_ms: float,
) -> Path:
    """Write one article's recording atomically (a crash never leaves half a file)."""
    first = [e for e in exchanges if e.part == 1]
    payload: dict[str, Any] = {
        "article_id": article.id,
        "body_sha256": article.sha256,
        "prompt": {"id": prompt_id, "version": _version_value(prompt_version)},
        "model": model,
        "mode": mode,
        "endpoint": endpoint,
        "function": FUNCTION,
        "arguments": parse_arguments(first[-1].text) if first else None,
        "usage": usage,
        "latency_ms": latency_ms,
        "calls": calls,
        "answers": [e.as_json() for e in exchanges],
    }
    if len(spans) > 1:
        payload["chunks"] = [[c.start, c.end] for c in spans]
    target = record_path(folder, f"{prompt_id}@{prompt_version}", article.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return target


def _version_value(version: str) -> int | str:
    """Versions are written as numbers when they are numbers, as in the shared recordings."""
    return int(version) if version.isdigit() else version


# -- replay ------------------------------------------------------------------------------------


@dataclass
class Recording:
    """One article's recorded answers, read back."""

    path: Path
    data: dict[str, Any]
    answers: dict[int, list[Exchange]] = field(default_factory=dict)

    @property
    def prompt_id(self) -> str:
        return str(self.data["prompt"]["id"])

    @property
    def prompt_version(self) -> str:
        return str(self.data["prompt"]["version"])

    @property
    def model(self) -> str:
        return str(self.data.get("model") or "recorded")

    @property
    def mode(self) -> str:
        return str(self.data.get("mode") or "tools")

    @property
    def endpoint(self) -> str | None:
        """The endpoint that answered when the recording was made (credentials already removed)."""
        value = self.data.get("endpoint")
        return str(value) if value else None

    @property
    def latency_ms(self) -> float | None:
        value = self.data.get("latency_ms")
        return float(value) if isinstance(value, int | float) else None

    def spans(self, body: str) -> list[Chunk]:
        """The article split the recording used: one call for the whole body unless it says otherwise."""
        chunks = self.data.get("chunks")
        if isinstance(chunks, list) and chunks:
            return [Chunk(int(start), int(end)) for start, end in chunks]
        return [Chunk(0, len(body))]

    @classmethod
    def read(cls, path: Path) -> Recording:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("prompt"), dict):
            raise ValueError("not a recorded answer (no prompt id/version)")
        answers: dict[int, list[Exchange]] = {}
        for item in data.get("answers") or []:
            exchange = Exchange(
                part=int(item.get("part", 1)),
                text=str(item["text"]),
                usage=item.get("usage"),
                finish_reason=item.get("finish_reason"),
                latency_ms=float(item.get("latency_ms") or 0.0),
            )
            answers.setdefault(exchange.part, []).append(exchange)
        if not answers:  # the shared format: only the final arguments of the one call
            arguments = data.get("arguments")
            text = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
            answers[1] = [Exchange(part=1, text=text, usage=data.get("usage"))]
        return cls(path=path, data=data, answers=answers)


class Recordings:
    """A folder of recordings, looked up by article id and checked against the body's hash."""

    def __init__(self, folder: Path, *, prefer_version: str | None = None) -> None:
        self.folder = folder
        self.prefer_version = prefer_version
        self._by_sha: dict[str, list[Path]] | None = None
        self._lock = threading.Lock()

    def _candidates(self, prompt_id: str, article_id: str) -> list[Path]:
        name = record_path(Path(), "x", article_id).name
        found = sorted(self.folder.glob(f"{prompt_id}@*/{name}"))
        if self.prefer_version is not None:
            preferred = [p for p in found if p.parent.name == f"{prompt_id}@{self.prefer_version}"]
            found = preferred + [p for p in found if p not in preferred]
        else:  # newest prompt version first
            found.sort(key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)] or [0], reverse=True)
        return found

    def _index(self) -> dict[str, list[Path]]:
        """Recordings by body hash, for articles read under another id (a file path, stdin)."""
        with self._lock:
            if self._by_sha is None:
                index: dict[str, list[Path]] = {}
                for path in sorted(self.folder.glob("*@*/*.json")):
                    with contextlib.suppress(OSError, ValueError, AttributeError):
                        sha = json.loads(path.read_text(encoding="utf-8")).get("body_sha256")
                        index.setdefault(str(sha), []).append(path)
                self._by_sha = index
            return self._by_sha

    def find(self, article: ArticleInput, prompt_id: str) -> Recording:
        """The recording for `article`; a `ModelError` naming the article when there is none."""
        if not self.folder.is_dir():
            raise ModelError(f"replay folder {self.folder} does not exist", provider="replay")
        stale: list[Path] = []
        for path in self._candidates(prompt_id, article.id) + self._index().get(article.sha256, []):
            try:
                recording = Recording.read(path)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise ModelError(f"{path}: unreadable recorded answer ({exc})", provider="replay") from exc
            if recording.data.get("body_sha256") == article.sha256:
                return recording
            stale.append(path)
        if stale:
            raise ModelError(
                f"the recorded answer {stale[0]} was made for another text of article {article.id!r} "
                f"(body sha256 differs); record it again",
                provider="replay",
            )
        raise ModelError(
            f"no recorded answer for article {article.id!r} (body sha256 {article.sha256[:12]}…) "
            f"in {self.folder}; record it with --record or drop --replay",
            provider="replay",
        )


def _completion(request: dict[str, Any], exchange: Exchange, number: int, model: str) -> dict[str, Any]:
    """A chat completion carrying the recorded text, in the shape the request asks for."""
    tools = request.get("tools")
    if tools:
        name = tools[0].get("function", {}).get("name", FUNCTION)
        call = {
            "id": f"call_replay_{number}",
            "type": "function",
            "function": {"name": name, "arguments": exchange.text},
        }
        message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [call]}
        finish = "tool_calls"
    else:
        message = {"role": "assistant", "content": exchange.text}
        finish = "stop"
    usage = exchange.usage or {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    return {
        "id": f"chatcmpl-replay-{number}",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": exchange.finish_reason or finish}],
        "usage": usage,
    }


class _Answerer:
    """Serves one part's recorded answers in order; the last one again if asked more often."""

    def __init__(self, recording: Recording, part: int) -> None:
        self.recording = recording
        self.part = part
        self.answers = recording.answers.get(part, [])
        self.served = 0
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.rstrip("/").endswith("/chat/completions"):
            return httpx.Response(404, json={"error": {"message": f"replay has no route {request.url.path}"}})
        if not self.answers:
            message = f"{self.recording.path} has no recorded answer for part {self.part}"
            return httpx.Response(400, json={"error": {"message": message, "type": "replay_missing"}})
        with self._lock:
            exchange = self.answers[min(self.served, len(self.answers) - 1)]
            self.served += 1
            number = self.served
        body = json.loads(request.content or b"{}")
        return httpx.Response(200, json=_completion(body, exchange, number, self.recording.model))


def replay_client(recording: Recording, part: int) -> openai.OpenAI:
    """A real openai client whose transport answers from `recording` (no network)."""
    transport = httpx.MockTransport(_Answerer(recording, part))
    return openai.OpenAI(
        api_key="replay",
        base_url=REPLAY_BASE_URL,
        max_retries=0,
        # openai's stubs name its bundled httpx fork; it takes a plain httpx client all the same.
        http_client=httpx.Client(transport=transport),  # type: ignore[arg-type]
    )


def async_replay_client(recording: Recording, part: int) -> openai.AsyncOpenAI:
    """The async twin of `replay_client`."""
    transport = httpx.MockTransport(_Answerer(recording, part))
    return openai.AsyncOpenAI(
        api_key="replay",
        base_url=REPLAY_BASE_URL,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=transport),  # type: ignore[arg-type]
    )
