"""Inline jobs in worker processes: the real offline extractor in spawned children, and what
happens when a child dies or its storage fails (nothing lost, nothing recorded twice)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.api.jobs import Outcome
from service.api.pool import ChildError
from service.app import create_app
from service.schemas import validate_payload
from service.storage import jobs as job_store
from service.storage.jobs import Claim
from service.storage.tables import ArticleRow
from tests.api.conftest import auth, service_settings

VISITS = [
    (
        f"Accra, 2025-06-0{i}. Ghana and Norway signed a memorandum of understanding on fisheries research "
        f"number {i}. The two ministers also signed an agreement on vocational training for 2025-2027."
    )
    for i in range(1, 7)
]


def _wait_done(client: TestClient, article_id: str, timeout: float = 15.0) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while True:
        state = client.get(f"/v1/articles/{article_id}", headers=auth()).json()
        if state["status"] in ("done", "failed") or time.monotonic() > deadline:
            return state
        time.sleep(0.1)


def test_children_extract_inline_with_the_real_offline_extractor(tmp_path: Path) -> None:
    app = create_app(service_settings(tmp_path, extract_processes=2))
    with TestClient(app) as client:
        answers = [client.post("/v1/articles", headers=auth(), json={"text": t, "outlet": "Coast"}) for t in VISITS]
        assert [r.status_code for r in answers] == [201] * len(VISITS)
        assert {r.json()["status"] for r in answers} == {"done"}
        assert all(r.json()["documents"] >= 1 and r.json()["event"] for r in answers)
        summary = client.get(answers[0].json()["links"]["summary"], headers=auth()).json()
        validate_payload("article_summary", summary)
        for doc in summary["documents"]:
            for ev in doc["evidence"]:
                assert VISITS[0][ev["start"] : ev["end"]] == ev["quote"]
        again = client.post("/v1/articles", headers=auth(), json={"text": VISITS[0]})
        assert again.status_code == 200 and again.json()["id"] == answers[0].json()["id"]
        assert again.json()["documents"] == answers[0].json()["documents"]
        state = app.state.pactcheck
        assert job_store.counts(state.db) == {"queued": 0, "running": 0, "done": len(VISITS), "failed": 0}
        assert state.executor._extractors == {}  # the server process itself never extracted


def test_a_killed_child_is_replaced_and_the_job_still_completes(tmp_path: Path) -> None:
    app = create_app(service_settings(tmp_path, extract_processes=1))
    with TestClient(app) as client:
        pool = app.state.pactcheck.executor.pool
        before = pool.pids()
        for pid in before:
            os.kill(pid, signal.SIGKILL)
        answer = client.post("/v1/articles", headers=auth(), json={"text": VISITS[1]})
        assert answer.status_code == 201 and answer.json()["status"] == "done"
        assert pool.pids() and not set(pool.pids()) & set(before)


class _FakePool:
    backend = "offline"

    async def warm(self) -> None:
        return None

    def shutdown(self) -> None:
        return None


class _DyingPool(_FakePool):
    """Stands in for a pool whose child dies on every try."""

    async def run(self, claim: Claim, row: ArticleRow) -> Outcome:
        raise BrokenProcessPool("a child process terminated abruptly")


class _StorageDownPool(_FakePool):
    """Stands in for a pool whose child could not record anything (the database was away)."""

    async def run(self, claim: Claim, row: ArticleRow) -> Outcome:
        raise ChildError("OperationalError", "database is locked")


def test_a_child_dying_twice_fails_the_job_with_a_reason(make_app: Callable[..., FastAPI]) -> None:
    app = make_app()
    app.state.pactcheck.executor.pool = _DyingPool()
    with TestClient(app) as client:
        answer = client.post("/v1/articles", headers=auth(), json={"text": VISITS[2]})
        assert answer.status_code == 201
        assert answer.json()["status"] == "failed" and "died" in answer.json()["reason"]
        stored = client.get(answer.json()["links"]["self"], headers=auth()).json()
        assert stored["status"] == "failed" and stored["reason"] == answer.json()["reason"]


def test_a_child_storage_error_leaves_the_job_to_the_workers(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(job_lease_s=1.0)
    app.state.pactcheck.executor.pool = _StorageDownPool()
    with TestClient(app) as client:
        answer = client.post("/v1/articles", headers=auth(), json={"text": VISITS[3]})
        assert answer.status_code == 201 and answer.json()["status"] == "running"  # as the database says
        state = _wait_done(client, answer.json()["id"])  # the lease runs out; a worker takes the job over
    assert state["status"] == "done" and state["attempts"] == 2
