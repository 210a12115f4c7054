"""Several `pactcheck worker` processes share the queue; `kill -9` of one mid-job loses nothing, doubles nothing.

Runs on PostgreSQL (procrastinate delivers the jobs) and on SQLite (the in-process queue's
leased claims, several processes on one file). The fake model answers two calls and then
holds every call until the test opens it, so the kill lands while each worker is mid-call:
an event the test waits for, not a time it guesses.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.articles import from_text
from service.config import Settings
from service.storage import articles as article_store
from service.storage import jobs as job_store
from service.storage import open_database
from tests.fakes.openai_server import FakeOpenAI, Recorded, article_of
from tests.storage.conftest import store_url

ARTICLES = 8
WORKERS = 3


class HoldAfter:
    """Answers the first `free` calls, then holds each call until `opened`; counts the held ones."""

    def __init__(self, free: int) -> None:
        self.free = free
        self.seen = 0
        self.held = 0
        self.changed = threading.Condition()
        self.opened = threading.Event()

    def __call__(self, _recorded: Recorded) -> None:
        with self.changed:
            self.seen += 1
            hold = self.seen > self.free and not self.opened.is_set()
            if hold:
                self.held += 1
                self.changed.notify_all()
        if hold:
            self.opened.wait(120)

    def wait_held(self, count: int, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.held >= count, timeout)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with store_url(request.param, tmp_path / "data" / "pactcheck.db") as url:
        yield url


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from service.cli import main; main()", "worker", "--concurrency", "1"]
    return subprocess.Popen(command, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)


def test_killing_a_worker_mid_job_loses_nothing_and_records_nothing_twice(tmp_path: Path, database_url: str) -> None:
    hold = HoldAfter(free=2)
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", database_url=database_url)  # type: ignore[call-arg]
    db = open_database(settings)
    texts = [
        f"Dispatch {i:02d}. Ghana and Chile signed an agreement on cocoa research site {i}." for i in range(ARTICLES)
    ]
    ids = [article_store.submit(db, from_text(t), backend="llm").article.id for t in texts]
    log = tmp_path / "workers.log"
    with FakeOpenAI(inspect=hold) as fake:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PACTCHECK_DATA_DIR": str(tmp_path / "data"),
            "PACTCHECK_BACKEND": "llm",
            "OPENAI_BASE_URL": fake.url,
            "OPENAI_API_KEY": "test-key",
            "PACTCHECK_MODEL": "fake-model",
            "PACTCHECK_CACHE_ENABLED": "false",
            "PACTCHECK_JOB_LEASE_S": "5",
            "PACTCHECK_LLM_TIMEOUT_S": "60",
        }
        workers = [_worker(env, log) for _ in range(WORKERS)]
        try:
            assert hold.wait_held(WORKERS, 90), f"the workers never all reached a model call:\n{log.read_text()}"
            victim = workers[0]
            os.killpg(victim.pid, signal.SIGKILL)  # a crash in the middle of a model call
            victim.wait(10)
            hold.opened.set()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                states = {a: j for a, (_row, j) in article_store.get_many(db, ids).items()}
                if all(j.state in ("done", "failed") for j in states.values()):
                    break
                time.sleep(0.1)
        finally:
            hold.opened.set()
            for process in workers:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in workers:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        calls = Counter(article_of(r.body) for r in fake.requests)
    summaries = article_store.summaries(db, ids)
    counts = job_store.counts(db)
    db.dispose()
    output = log.read_text()
    assert {j.state for j in states.values()} == {"done"}, ({a: (j.state, j.reason) for a, j in states.items()}, output)
    assert set(summaries) == set(ids)  # nothing lost (and the key allows one summary per article)
    assert counts["done"] == ARTICLES
    by_text = {t: a for t, a in zip(texts, ids, strict=True)}
    per_article = {by_text[t]: n for t, n in calls.items() if t in by_text}
    assert set(per_article) == set(ids)
    # The killed worker's article was called twice (once by it, once after the takeover); every other once.
    assert sorted(per_article.values()) == [1] * (ARTICLES - 1) + [2], (per_article, output)
    attempts = sorted(j.attempts for j in states.values())
    assert attempts == [1] * (ARTICLES - 1) + [2], attempts
    assert "Traceback" not in output, output
