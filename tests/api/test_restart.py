"""Kill the real server mid-queue, start it again: every submission ends done or failed, once.

The server runs as `pactcheck serve` in a subprocess with the LLM backend pointed at the
local fake OpenAI-compatible server, which answers two calls and then holds every other
one, so a queue builds up behind jobs that are mid-call. The first server is killed with
SIGKILL (a crash: no graceful hand-back of its jobs) once that state is reached, an event
the test waits for rather than a time it guesses; the second one takes the abandoned jobs
over when their leases expire.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from service.config import Settings
from service.storage import articles as article_store
from service.storage import open_database
from tests.api.conftest import WRITER, auth
from tests.api.live import start_server, stop_server, wait_healthy
from tests.fakes.openai_server import FakeOpenAI, Recorded, article_of

ARTICLES = 12


def _env(tmp_path: Path, fake_url: str) -> dict[str, str]:
    return {
        "PACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "PACTCHECK_API_TOKENS": WRITER,
        "PACTCHECK_BACKEND": "llm",
        "OPENAI_BASE_URL": fake_url,
        "OPENAI_API_KEY": "test-key",
        "PACTCHECK_MODEL": "fake-model",
        "PACTCHECK_CACHE_ENABLED": "false",
        "PACTCHECK_JOB_LEASE_S": "5",  # long enough that a loaded CI machine renews in time
        "PACTCHECK_WORKERS": "2",
        "PACTCHECK_RATE_LIMIT_PER_MINUTE": "100000",
    }


class Gate:
    """The fake model answers the first `free` requests at once and holds every later one until opened.

    The test waits on `holding` (a job is mid-call) instead of guessing how long a queue takes.
    """

    def __init__(self, free: int) -> None:
        self.free = free
        self.seen = 0
        self.lock = threading.Lock()
        self.holding = threading.Event()
        self.opened = threading.Event()

    def __call__(self, _recorded: Recorded) -> None:
        with self.lock:
            self.seen += 1
            held = self.seen > self.free
        if held and not self.opened.is_set():
            self.holding.set()
            self.opened.wait(120)


@pytest.fixture
def gate() -> Gate:
    return Gate(free=2)


@pytest.fixture
def fake(gate: Gate) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(inspect=gate) as server:
        yield server
    gate.opened.set()


def _states(base: str, ids: list[str]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {i: httpx.get(f"{base}/v1/articles/{i}", headers=auth(), timeout=5).json() for i in ids}


def _wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_killed_server_loses_nothing_and_does_nothing_twice(tmp_path: Path, fake: FakeOpenAI, gate: Gate) -> None:
    log = tmp_path / "server.log"
    texts = [
        f"Dispatch {i:02d}. Ghana and Chile signed an agreement on cocoa research station {i}." for i in range(ARTICLES)
    ]
    first = start_server(_env(tmp_path, fake.url), log)
    base = first.base
    try:
        wait_healthy(first)
        responses = [httpx.post(f"{base}/v1/articles", headers=auth(), json={"text": t}, timeout=10) for t in texts]
        assert [r.status_code for r in responses] == [201] * ARTICLES
        ids = [r.json()["id"] for r in responses]
        assert gate.holding.wait(60), "the workers never reached a third model call"
        # The two free answers are recorded once their workers write them: wait for exactly that.
        _wait_for(lambda: sum(s["status"] == "done" for s in _states(base, ids).values()) == 2, 30, "2 done")
        os.killpg(first.process.pid, signal.SIGKILL)  # a crash, mid-queue, while a job is mid-call
        first.process.wait(10)
    finally:
        if first.process.poll() is None:
            os.killpg(first.process.pid, signal.SIGKILL)
    gate.opened.set()  # the calls the dead server made may now be answered (to no one)
    db = open_database(Settings(_env_file=None, data_dir=tmp_path / "data"))  # type: ignore[call-arg]
    at_crash = {i: (a, j.state) for i, (a, j) in article_store.get_many(db, ids).items()}
    db.dispose()
    done_before = {i for i, (_a, state) in at_crash.items() if state == "done"}
    interrupted = {i for i, (_a, state) in at_crash.items() if state == "running"}
    assert len(at_crash) == ARTICLES and len(done_before) == 2  # the gate made the kill land mid-queue
    assert interrupted, "the held calls' jobs were running when the server died"
    killed_at = time.monotonic()

    second = start_server(_env(tmp_path, fake.url), log, port=first.port)
    try:
        wait_healthy(second)
        _wait_for(
            lambda: all(s["status"] in ("done", "failed") for s in _states(base, ids).values()), 60, "every job to end"
        )
        states = _states(base, ids)
        listing = httpx.get(f"{base}/v1/articles?limit=200", headers=auth(), timeout=5).json()
        summaries = {i: httpx.get(f"{base}/v1/articles/{i}/summary", headers=auth(), timeout=5) for i in ids}
    finally:
        stop_server(second)

    assert listing["total"] == ARTICLES  # none lost
    assert {s["status"] for s in states.values()} == {"done"}, {
        i: (s["status"], s["reason"]) for i, s in states.items()
    }
    assert all(r.status_code == 200 and r.json()["article"]["id"] == i for i, r in summaries.items())
    # Nothing done twice: an article finished before the crash got no model call afterwards.
    after = [article_of(r.body) for r in fake.requests if r.received > killed_at]
    by_article = {i: t for i, t in zip(ids, texts, strict=True)}
    assert not [i for i in done_before if any(by_article[i] in text for text in after)]
    # Jobs the crash interrupted were taken over (attempt 2), the rest ran once.
    assert all(states[i]["attempts"] == 1 for i in done_before)
    # (Under load a taken-over job may also meet a model timeout and retry once more.)
    assert all(states[i]["attempts"] >= 2 for i in interrupted), {i: states[i]["attempts"] for i in interrupted}
    assert max(s["attempts"] for s in states.values()) <= 3
    output = second.output()
    assert "Traceback" not in output and "test-key" not in output
