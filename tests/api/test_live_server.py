"""The real server (uvicorn, its protocol and logging): stalled clients time out, logs say what happened."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import ARTICLE, READER, WRITER, auth
from tests.api.live import LiveServer, running_server

TIMEOUT_S = 1.0


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "PACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "PACTCHECK_API_TOKENS": f"{WRITER},{READER}:read",
        "PACTCHECK_BACKEND": "offline",
        "PACTCHECK_EXTRACT_PROCESSES": "0",
        "PACTCHECK_HEADER_TIMEOUT_S": str(TIMEOUT_S),
        "PACTCHECK_BODY_TIMEOUT_S": str(TIMEOUT_S),
        "PACTCHECK_RATE_LIMIT_PER_MINUTE": "100000",
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp_path = tmp_path_factory.mktemp("live")
    with running_server(_env(tmp_path), tmp_path / "server.log", log_level="info") as live:
        yield live


def _exchange(server: LiveServer, raw: bytes) -> bytes:
    """Send `raw` and read until the server closes the connection (bounded by a generous socket timeout)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(raw)
        received = b""
        while chunk := sock.recv(65536):  # ends when the server closes: the event the test waits for
            received += chunk
    return received


def test_a_body_that_stops_short_gets_408_and_the_connection_closes(server: LiveServer) -> None:
    head = (
        "POST /v1/articles HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {WRITER}\r\nContent-Length: 100\r\n\r\n"
    )
    answer = _exchange(server, head.encode() + b'{"text": "')  # 10 of the 100 bytes, then silence
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"PACTCHECK_BODY_TIMEOUT_S" in answer


def test_headers_that_never_end_get_408_and_the_connection_closes(server: LiveServer) -> None:
    answer = _exchange(server, b"GET /v1/articles HTTP/1.1\r\nHost: t\r\nX-Slow: ")
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]


def test_a_silent_connection_is_closed(server: LiveServer) -> None:
    assert _exchange(server, b"") in (
        b"",
        b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
    )


def test_keep_alive_requests_still_work_after_a_pause_free_exchange(server: LiveServer) -> None:
    with httpx.Client(base_url=server.base, headers=auth()) as client:
        assert [client.get("/v1/articles").status_code for _ in range(3)] == [200, 200, 200]


def test_job_outcomes_are_logged_at_info(server: LiveServer) -> None:
    response = httpx.post(f"{server.base}/v1/articles", headers=auth(), json={"text": ARTICLE}, timeout=30)
    assert response.status_code == 201 and response.json()["status"] == "done"
    job_line = re.compile(rf"INFO: +pactcheck\.jobs: job \d+ \({response.json()['id']}\): done after attempt 1")
    output = server.output()
    assert job_line.search(output), output[-2000:]


def test_docs_and_openapi_need_a_token(server: LiveServer) -> None:
    assert httpx.get(f"{server.base}/openapi.json").status_code == 401
    assert httpx.get(f"{server.base}/docs", follow_redirects=False).status_code == 303  # to the sign-in page
    document = httpx.get(f"{server.base}/openapi.json", headers=auth(READER))
    assert document.status_code == 200 and "/v1/articles" in document.json()["paths"]
    assert "swagger" in httpx.get(f"{server.base}/docs", headers=auth(READER)).text.lower()


def test_debug_access_log_masks_query_values(tmp_path: Path) -> None:
    with running_server(_env(tmp_path), tmp_path / "debug.log", log_level="debug") as live:
        httpx.get(f"{live.base}/v1/articles?outlet=secret-outlet-name&token=leaked-value", headers=auth())
        httpx.get(f"{live.base}/v1/articles", headers=auth("wrong-token-for-the-log-0000"))
        output = live.output()
    assert "/v1/articles?outlet=***&token=***" in output
    for secret in ("secret-outlet-name", "leaked-value", WRITER, "wrong-token-for-the-log"):
        assert secret not in output
