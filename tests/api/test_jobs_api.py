"""The queued path (LLM backend): background workers, bounded concurrency, retries, failures."""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.api.conftest import auth
from tests.fakes.scripted_extractor import ScriptedExtractor


def _wait_all(client: TestClient, ids: list[str], timeout: float = 15.0) -> dict[str, dict]:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while True:
        states = {i: client.get(f"/v1/articles/{i}", headers=auth()).json() for i in ids}
        if all(s["status"] in ("done", "failed") for s in states.values()) or time.monotonic() > deadline:
            return states
        time.sleep(0.05)


def _texts(n: int) -> list[str]:
    return [f"Report {i}. Latvia and Norway signed an agreement on ferry route number {i}." for i in range(n)]


def test_llm_jobs_are_queued_then_done_by_bounded_workers(
    make_app: Callable[..., FastAPI], extractor: ScriptedExtractor
) -> None:
    extractor.delay_s = 0.05
    extractor.until_active = 2  # the first call holds until the second worker has one too
    with TestClient(make_app(backend="llm", workers=2)) as client:
        submitted = [client.post("/v1/articles", headers=auth(), json={"text": t}) for t in _texts(6)]
        assert all(r.status_code == 201 for r in submitted)
        assert all(r.json()["status"] in ("queued", "running") for r in submitted)
        pending = client.get(f"/v1/articles/{submitted[-1].json()['id']}/summary", headers=auth())
        assert pending.status_code == 409 and pending.json()["error"]["code"] == "not_ready"
        states = _wait_all(client, [r.json()["id"] for r in submitted])
    assert {s["status"] for s in states.values()} == {"done"}
    assert extractor.max_active == 2  # never more than the configured workers
    assert sorted(extractor.calls) == sorted(states)  # each extracted exactly once


def test_model_errors_are_retried_then_succeed(make_app: Callable[..., FastAPI], extractor: ScriptedExtractor) -> None:
    extractor.model_errors = 1
    app = make_app(backend="llm", workers=1)
    app.state.pactcheck.executor.retry_base_s = 0.05
    with TestClient(app) as client:
        article_id = client.post("/v1/articles", headers=auth(), json={"text": _texts(1)[0]}).json()["id"]
        state = _wait_all(client, [article_id])[article_id]
    assert state["status"] == "done" and state["attempts"] == 2


def test_model_errors_fail_after_the_last_attempt(
    make_app: Callable[..., FastAPI], extractor: ScriptedExtractor
) -> None:
    extractor.model_errors = 10
    app = make_app(backend="llm", workers=1, job_max_attempts=3)
    app.state.pactcheck.executor.retry_base_s = 0.02
    with TestClient(app) as client:
        article_id = client.post("/v1/articles", headers=auth(), json={"text": _texts(1)[0]}).json()["id"]
        state = _wait_all(client, [article_id])[article_id]
    assert state["status"] == "failed" and state["attempts"] == 3
    assert "503" in state["reason"]
    assert len(extractor.calls) == 3
