"""A local OpenAI-compatible chat completions server, scriptable per test.

It lets the real openai client, instructor and tenacity run end to end over real HTTP:
each request takes the next scripted step (a valid answer, raw text such as malformed or
schema-invalid JSON, an HTTP error with headers, a slow answer, a dropped connection) or,
when the script is empty, asks the default responder. It answers in the shape the request
asks for (a tool call when `tools` are sent, JSON content for `response_format`, a fenced
JSON block otherwise), reports token usage, and records every request it received.

Run it by hand with `python -m tests.fakes.openai_server --latency 0.5`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pydantic import BaseModel

Payload = dict[str, Any] | BaseModel
Usage = tuple[int, int]


@dataclass
class Answer:
    """A well-formed answer carrying `payload` as the structured output.

    A dict payload gets the top-level keys a good model always sends and the test left out
    (`TOP_LEVEL`); use `Raw` for an answer exactly as given (e.g. `{}` or an echoed schema).
    """

    payload: Payload
    usage: Usage | None = None
    finish_reason: str | None = None


@dataclass
class Raw:
    """`text` verbatim as the structured output (e.g. malformed or schema-invalid JSON)."""

    text: str
    usage: Usage | None = None
    finish_reason: str | None = None  # "length" plays an answer cut off at the token limit


@dataclass
class Error:
    """An HTTP error status with optional headers (e.g. 429 with Retry-After)."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "scripted error"


@dataclass
class Slow:
    """Wait `seconds` before answering with `then` (or the default responder)."""

    seconds: float
    then: Answer | Raw | Error | None = None


@dataclass
class Drop:
    """Close the connection without answering (a connection reset for the client)."""


Step = Answer | Raw | Error | Slow | Drop


@dataclass
class Recorded:
    """One request as the server received it."""

    body: dict[str, Any]
    headers: dict[str, str]  # names lower-cased
    received: float

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    def content(self, role: str) -> str:
        """All text the request sent under `role`, joined."""
        parts = []
        for message in self.messages:
            if message.get("role") != role:
                continue
            content = message.get("content") or ""
            if isinstance(content, list):
                content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
            parts.append(str(content))
        return "\n".join(parts)


TOP_LEVEL: dict[str, Any] = {
    "event": {},
    "documents": [],
    "commitments": [],
    "stated_count": None,
    "list_complete": True,
}

# What llama.cpp's server says when a chat template refuses the conversation, and when a
# request does not fit its context window.
ROLES_MUST_ALTERNATE = "Conversation roles must alternate user/assistant/user/assistant/..."
CONTEXT_EXCEEDED = "the request exceeds the available context size, try increasing it"

_ARTICLE = re.compile(r"<article>\n(.*?)\n</article>", re.S)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def article_of(body: dict[str, Any]) -> str:
    """The article text a request carries between its `<article>` delimiters."""
    for message in body.get("messages", []):
        match = _ARTICLE.search(str(message.get("content") or ""))
        if match:
            return match.group(1)
    return ""


def quote_signing_sentence(body: dict[str, Any]) -> dict[str, Any]:
    """Default responder: one signed memorandum, quoting the article's first sentence about signing."""
    sentences = [s.strip() for s in _SENTENCE.findall(article_of(body))]
    signing = [s for s in sentences if "sign" in s.lower()] or sentences or ["(empty)"]
    return {
        "documents": [
            {
                "type": "memorandum_of_understanding",
                "title": "memorandum of understanding",
                "status": "signed",
                "quote": signing[0],
            }
        ]
    }


def _dump(payload: Payload) -> str:
    if isinstance(payload, BaseModel):
        return payload.model_dump_json()
    return json.dumps({**TOP_LEVEL, **payload}, ensure_ascii=False)


def template_refusal(body: dict[str, Any]) -> str | None:
    """Why a chat template without a tool role (Gemma's, many others) refuses these messages, or None."""
    roles = []
    for message in body.get("messages", []):
        if message.get("role") == "tool" or message.get("tool_calls"):
            return ROLES_MUST_ALTERNATE
        if message.get("role") != "system":
            roles.append(message.get("role"))
    expected = ["user", "assistant"] * len(roles)
    return None if roles == expected[: len(roles)] else ROLES_MUST_ALTERNATE


def request_tokens(body: dict[str, Any]) -> int:
    """The fake's token count of a request: 4 characters a token over messages, tools and format."""
    sent = [body.get("messages"), body.get("tools"), body.get("response_format")]
    return len(json.dumps(sent)) // 4


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # a batch opens many connections at once; the default 5 drops SYNs (1 s stalls)


class FakeOpenAI:
    """The server; use as a context manager or call `start()` / `stop()`."""

    def __init__(
        self,
        responder: Callable[[dict[str, Any]], Payload] = quote_signing_sentence,
        *,
        latency: float = 0.0,
        inspect: Callable[[Recorded], None] | None = None,
        port: int = 0,
        tool_roles: bool = True,
        context_tokens: int | None = None,
    ) -> None:
        self.responder = responder
        self.latency = latency
        self.inspect = inspect
        # False plays a chat template without a tool role: a 500 for tool messages or non-alternating roles.
        self.tool_roles = tool_roles
        # The context window: a request whose prompt plus max_tokens exceeds it gets a 400, as llama.cpp's.
        self.context_tokens = context_tokens
        self.requests: list[Recorded] = []
        self.failures: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._steps: deque[Step] = deque()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", port), _handler_for(self))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL to give the openai client (OPENAI_BASE_URL)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *steps: Step) -> FakeOpenAI:
        """Queue steps; each request consumes one, in order."""
        with self._lock:
            self._steps.extend(steps)
        return self

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._steps)

    def start(self) -> FakeOpenAI:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in Slow steps or latency
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- used by the handler ---------------------------------------------------------------

    def _record(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[Recorded, Step | None]:
        recorded = Recorded(body=body, headers=headers, received=time.monotonic())
        with self._lock:
            self.requests.append(recorded)
            step = self._steps.popleft() if self._steps else None
        return recorded, step

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _completion(
        self, body: dict[str, Any], text: str, usage: Usage | None, finish_reason: str | None = None
    ) -> dict[str, Any]:
        number = next(self._ids)
        if usage is None:
            sent = json.dumps(body.get("messages", [])) + json.dumps(body.get("tools", []))
            usage = (len(sent) // 4, len(text) // 4 + 1)
        if body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            call = {"id": f"call_{number}", "type": "function", "function": {"name": name, "arguments": text}}
            message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [call]}
            finish = "tool_calls"
        else:
            content = text if body.get("response_format") else f"```json\n{text}\n```"
            message = {"role": "assistant", "content": content}
            finish = "stop"
        return {
            "id": f"chatcmpl-{number}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake-model"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason or finish, "logprobs": None}],
            "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
        }


def _handler_for(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints do
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms delayed-ACK stall

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (timeout) before we answered
                self.close_connection = True

        def do_POST(self) -> None:
            server._enter()
            try:
                self._serve()
            finally:
                server._leave()

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                return
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                self._send(400, {"error": {"message": "request body is not JSON", "type": "invalid_request_error"}})
                return
            recorded, step = server._record(body, {k.lower(): v for k, v in self.headers.items()})
            if server.inspect is not None:
                try:
                    server.inspect(recorded)
                except AssertionError as exc:
                    server.failures.append(str(exc))
                    self._send(400, {"error": {"message": f"inspection failed: {exc}", "type": "fake_server"}})
                    return
            refusal = self._refusal(body)
            if refusal is not None:
                self._send(*refusal)
                return
            server._wait(server.latency)
            self._play(body, step)

        def _refusal(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
            if not server.tool_roles and template_refusal(body):
                return 500, {"error": {"code": 500, "message": template_refusal(body), "type": "server_error"}}
            if server.context_tokens is not None:
                needed = request_tokens(body) + int(body.get("max_tokens") or 0)
                if needed > server.context_tokens:
                    error = {"code": 400, "message": CONTEXT_EXCEEDED, "type": "exceed_context_size_error"}
                    return 400, {"error": {**error, "n_prompt_tokens": needed, "n_ctx": server.context_tokens}}
            return None

        def _play(self, body: dict[str, Any], step: Step | None) -> None:
            if isinstance(step, Slow):
                server._wait(step.seconds)
                step = step.then
            if isinstance(step, Drop):
                self.close_connection = True
                return
            if isinstance(step, Error):
                payload = {"error": {"message": step.message, "type": "fake_error", "code": step.status}}
                self._send(step.status, payload, step.headers)
                return
            if isinstance(step, Raw):
                self._send(200, server._completion(body, step.text, step.usage, step.finish_reason))
                return
            answer = step if isinstance(step, Answer) else Answer(server.responder(body))
            self._send(200, server._completion(body, _dump(answer.payload), answer.usage, answer.finish_reason))

    return Handler


def main() -> None:
    """Serve until interrupted; prints the base URL first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    args = parser.parse_args()
    server = FakeOpenAI(latency=args.latency, port=args.port).start()
    print(server.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
