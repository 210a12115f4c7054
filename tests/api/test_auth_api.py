"""Tokens: missing, malformed, invalid, read-only, revoked; hashed at rest; rate limits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.storage.tables import ApiTokenRow
from tests.api.conftest import ARTICLE, READER, WRITER, auth

ROUTES = [
    ("get", "/v1/articles"),
    ("post", "/v1/articles"),
    ("get", "/v1/articles/art_00000000000000000000"),
    ("get", "/v1/articles/art_00000000000000000000/summary"),
    ("post", "/v1/crosschecks"),
    ("get", "/v1/crosschecks/cc_00000000000000000000"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer not-a-valid-token-at-all"},
    ],
    ids=["missing", "basic", "empty-bearer", "unknown-token"],
)
def test_every_api_route_needs_a_valid_token(
    client: TestClient, method: str, path: str, headers: dict[str, str]
) -> None:
    response = client.request(method, path, headers=headers, json={"text": ARTICLE} if method == "post" else None)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] in {"unauthorized", "invalid_token"}


def test_healthz_needs_no_token(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_read_only_token_can_read_but_not_write(client: TestClient) -> None:
    assert client.get("/v1/articles", headers=auth(READER)).status_code == 200
    for path, body in (
        ("/v1/articles", {"text": ARTICLE}),
        ("/v1/crosschecks", {"article_ids": ["art_00000000000000000000"]}),
    ):
        response = client.post(path, headers=auth(READER), json=body)
        assert response.status_code == 403
        assert "may not write" in response.json()["error"]["message"]


def test_tokens_are_stored_hashed(client: TestClient) -> None:
    db = client.app.state.pactcheck.db  # type: ignore[attr-defined]
    with db.read() as session:
        stored = session.scalars(sa.select(ApiTokenRow.sha256)).all()
    assert len(stored) == 2
    assert WRITER not in stored and all(len(value) == 64 for value in stored)


def test_removed_token_is_revoked_at_restart(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app()) as first:
        assert first.get("/v1/articles", headers=auth(READER)).status_code == 200
    with TestClient(make_app(api_tokens=WRITER)) as second:
        assert second.get("/v1/articles", headers=auth(READER)).status_code == 401
        assert second.get("/v1/articles", headers=auth(WRITER)).status_code == 200


def test_rate_limit_per_token_answers_429_with_retry_after(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(rate_limit_per_minute=3)) as client:
        codes = [client.get("/v1/articles", headers=auth()).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/v1/articles", headers=auth())
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        # Another token has its own budget.
        assert client.get("/v1/articles", headers=auth(READER)).status_code == 200


def test_short_tokens_are_refused_at_startup(make_app: Callable[..., FastAPI]) -> None:
    from service.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="at least 16 characters"):
        make_app(api_tokens="short")
