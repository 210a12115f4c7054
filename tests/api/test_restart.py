"""Kill the real server mid-queue, start it again: every submission ends done or failed, once.

The server runs as `pactcheck serve` in a subprocess with the LLM backend pointed at the
local fake OpenAI-compatible server, which answers slowly so a queue builds up. The first
server is killed with SIGKILL (a crash: no graceful hand-back of its jobs); the second one
takes the abandoned jobs over when their leases expire.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.config import Settings
from service.storage import articles as article_store
from service.storage import open_database
from tests.api.conftest import WRITER, auth
from tests.fakes.openai_server import FakeOpenAI, article_of

ARTICLES = 12


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(tmp_path: Path, port: int, fake_url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
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
    env.pop("DATABASE_URL", None)
    command = [
        sys.executable,
        "-c",
        "from service.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited early:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server did not become healthy:\n{log.read_text()}")


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(latency=0.4) as server:
        yield server


def _states(base: str, ids: list[str]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {i: httpx.get(f"{base}/v1/articles/{i}", headers=auth(), timeout=5).json() for i in ids}


def test_killed_server_loses_nothing_and_does_nothing_twice(tmp_path: Path, fake: FakeOpenAI) -> None:
    port, log = _free_port(), tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}"
    texts = [
        f"Dispatch {i:02d}. Ghana and Chile signed an agreement on cocoa research station {i}." for i in range(ARTICLES)
    ]
    first = _start(tmp_path, port, fake.url, log)
    try:
        _wait_healthy(base, first, log)
        responses = [httpx.post(f"{base}/v1/articles", headers=auth(), json={"text": t}, timeout=10) for t in texts]
        assert [r.status_code for r in responses] == [201] * ARTICLES
        ids = [r.json()["id"] for r in responses]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            states = _states(base, ids)
            if sum(s["status"] == "done" for s in states.values()) >= 2:
                break
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGKILL)  # a crash, mid-queue
        first.wait(10)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    db = open_database(Settings(_env_file=None, data_dir=tmp_path / "data"))  # type: ignore[call-arg]
    at_crash = {i: (a, j.state) for i, (a, j) in article_store.get_many(db, ids).items()}
    db.dispose()
    done_before = {i for i, (_a, state) in at_crash.items() if state == "done"}
    interrupted = {i for i, (_a, state) in at_crash.items() if state == "running"}
    assert len(at_crash) == ARTICLES and 2 <= len(done_before) < ARTICLES, "the kill must land mid-queue"
    assert interrupted, "some jobs must be running when the server dies"
    killed_at = time.monotonic()

    second = _start(tmp_path, port, fake.url, log)
    try:
        _wait_healthy(base, second, log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            states = _states(base, ids)
            if all(s["status"] in ("done", "failed") for s in states.values()):
                break
            time.sleep(0.1)
        listing = httpx.get(f"{base}/v1/articles?limit=200", headers=auth(), timeout=5).json()
        summaries = {i: httpx.get(f"{base}/v1/articles/{i}/summary", headers=auth(), timeout=5) for i in ids}
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(second.pid, signal.SIGKILL)

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
    output = log.read_text()
    assert "Traceback" not in output and "test-key" not in output
