"""Bad input gets a 4xx with a clear JSON message, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.api.conftest import ARTICLE, auth


def _error(response) -> str:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"]
    assert "Traceback" not in response.text
    return body["error"]["message"]


def _nothing_stored(client: TestClient) -> None:
    assert client.get("/v1/articles", headers=auth()).json()["total"] == 0


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/v1/articles", headers={**auth(), "Content-Type": "application/json"}, content=b'{"text": "abc"'
    )
    assert response.status_code == 400
    assert "not valid JSON" in _error(response)
    _nothing_stored(client)


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": ARTICLE, "colour": "red"}, "colour"),
        ({"text": ARTICLE, "language": "English"}, "language"),
        (["not", "an", "object"], "ArticleCreate"),
    ],
)
def test_json_that_does_not_fit_is_422(client: TestClient, payload: object, fragment: str) -> None:
    response = client.post("/v1/articles", headers=auth(), json=payload)
    assert response.status_code == 422
    message = _error(response) + " ".join(response.json()["error"].get("details", []))
    assert fragment in message
    _nothing_stored(client)


@pytest.mark.parametrize("text", ["   \n\t  ", "\x00\x01binary\x00" * 20])
def test_blank_or_binary_text_is_422(client: TestClient, text: str) -> None:
    response = client.post("/v1/articles", headers=auth(), json={"text": text})
    assert response.status_code == 422
    assert any(word in _error(response) for word in ("empty", "binary"))
    _nothing_stored(client)


def test_binary_upload_is_422(client: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    response = client.post("/v1/articles", headers={**auth(), "Content-Type": "text/plain"}, content=png)
    assert response.status_code == 422
    assert "binary" in _error(response)


@pytest.mark.parametrize("content_type", ["application/xml", "multipart/form-data; boundary=x", ""])
def test_wrong_content_type_is_415(client: TestClient, content_type: str) -> None:
    headers = {**auth(), "Content-Type": content_type} if content_type else auth()
    response = client.post("/v1/articles", headers=headers, content=ARTICLE.encode())
    assert response.status_code == 415
    assert "application/json" in _error(response)


def test_huge_body_is_413_before_it_is_read(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(max_request_bytes=10_000)) as client:
        response = client.post("/v1/articles", headers=auth(), json={"text": "word " * 5_000})
        assert response.status_code == 413
        assert "larger than 10,000 bytes" in _error(response)

        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(20):
                yield b"x" * 1_000

        streamed = client.post("/v1/articles", headers={**auth(), "Content-Type": "text/plain"}, content=chunks())
        assert streamed.status_code == 413
        _nothing_stored(client)


def test_article_longer_than_the_limit_is_422(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(max_article_chars=500)) as client:
        response = client.post("/v1/articles", headers=auth(), json={"text": "A long sentence about a treaty. " * 40})
        assert response.status_code == 422
        assert "limit is 500" in _error(response)


def test_unknown_route_and_method_are_json(client: TestClient) -> None:
    missing = client.get("/v1/nothing-here", headers=auth())
    assert missing.status_code == 404 and _error(missing)
    wrong = client.delete("/v1/articles", headers=auth())
    assert wrong.status_code == 405 and _error(wrong)


@pytest.mark.parametrize("query", ["limit=0", "limit=100000", "offset=-1", "status=lost", "limit=ten"])
def test_bad_query_parameters_are_422(client: TestClient, query: str) -> None:
    response = client.get(f"/v1/articles?{query}", headers=auth())
    assert response.status_code == 422
    assert _error(response)


def test_security_headers_on_every_response(client: TestClient) -> None:
    for response in (client.get("/healthz"), client.get("/v1/articles"), client.get("/v1/articles", headers=auth())):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
