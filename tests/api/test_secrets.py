"""Credentials never reach a reader: not in a job's reason, the API, the pages or the log."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.redact import RedactingFilter, redact, redact_query, settings_secrets
from service.app import create_app
from service.config import get_settings
from tests.api.conftest import READER, auth, service_settings

PASSWORD = "hunter2-Secret-Pass"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends: nothing listens there


@pytest.mark.parametrize(
    "text",
    [
        f"cannot reach editor:{PASSWORD}@127.0.0.1:9 after 1 request(s)",
        f"GET http://editor:{PASSWORD}@llm.internal/v1/chat failed",
        f"connecting to postgresql+psycopg://app:{PASSWORD}@db:5432/pactcheck",
        f"Authorization: Bearer {PASSWORD}",
        f"password={PASSWORD}",
    ],
)
def test_credential_shapes_are_redacted_without_knowing_the_value(text: str) -> None:
    assert PASSWORD not in redact(text)


def test_configured_secrets_are_collected_from_every_setting(tmp_path: Path) -> None:
    settings = service_settings(
        tmp_path,
        openai_base_url=f"http://editor:{PASSWORD}@127.0.0.1:9/v1",
        database_url="postgresql+psycopg://app:db-password-42@127.0.0.1/x",
    )
    found = settings_secrets(settings)
    assert {PASSWORD, "db-password-42", READER} <= set(found)
    assert redact(f"odd echo {PASSWORD.upper()} and {PASSWORD}", found).count(PASSWORD) == 0


def test_access_log_query_values_are_masked() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s"', ("127.0.0.1", "GET", "/?token=abc123&x=1"), None
    )
    RedactingFilter(()).filter(record)
    assert record.getMessage() == '127.0.0.1 - "GET /?token=***&x=***"'
    assert redact_query("/v1/articles") == "/v1/articles"


def test_a_failed_jobs_reason_hides_the_base_url_credentials(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url = f"http://editor:{PASSWORD}@127.0.0.1:{_closed_port()}/v1"
    for name, value in {
        "OPENAI_BASE_URL": base_url,
        "OPENAI_API_KEY": "sk-test-key-not-real-0000",
        "PACTCHECK_LLM_MAX_ATTEMPTS": "1",
        "PACTCHECK_CACHE_ENABLED": "false",
    }.items():
        monkeypatch.setenv(name, value)  # the extractor registry reads the process settings
    get_settings.cache_clear()
    settings = service_settings(
        tmp_path,
        backend="llm",
        openai_base_url=base_url,
        openai_api_key="sk-test-key-not-real-0000",
        job_max_attempts=1,
        workers=1,
    )
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(settings)) as client:
        text = "Riga, 2025-03-02. Latvia and Norway signed a memorandum of understanding on offshore wind."
        article_id = client.post("/v1/articles", headers=auth(), json={"text": text}).json()["id"]
        deadline = time.monotonic() + 30
        while (state := client.get(f"/v1/articles/{article_id}", headers=auth(READER)).json())["status"] not in (
            "done",
            "failed",
        ) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert state["status"] == "failed", state
        summary = client.get(f"/v1/articles/{article_id}/summary", headers=auth(READER))
        page = client.get("/", headers={**auth(READER), "Accept": "text/html"})
        listing = client.get("/v1/articles", headers=auth(READER))
    assert state["reason"] and "127.0.0.1" in state["reason"]  # the endpoint is still named
    for shown in (state["reason"], summary.text, page.text, listing.text, caplog.text):
        assert PASSWORD not in shown and "editor:" not in shown
        assert "sk-test-key" not in shown
