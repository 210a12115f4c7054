"""The API on PostgreSQL: the same submission path, and input PostgreSQL cannot store is a 4xx."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from tests.api.conftest import ARTICLE, SECOND, auth, service_settings
from tests.fakes.scripted_extractor import scripted_factory
from tests.storage.conftest import postgres_schema


def test_api_on_postgresql(tmp_path: Path) -> None:
    with postgres_schema() as url:
        app = create_app(service_settings(tmp_path, database_url=url), extractor_factory=scripted_factory())
        with TestClient(app) as client:
            first = client.post("/v1/articles", headers=auth(), json={"text": ARTICLE})
            again = client.post("/v1/articles", headers=auth(), json={"text": ARTICLE})
            second = client.post(
                "/v1/articles", headers={**auth(), "Content-Type": "text/plain"}, content=SECOND.encode()
            )
            assert (first.status_code, again.status_code, second.status_code) == (201, 200, 201)
            assert first.json()["status"] == "done"
            ids = [first.json()["id"], second.json()["id"]]
            assert client.post("/v1/crosschecks", headers=auth(), json={"article_ids": ids}).status_code == 201
            assert client.get("/v1/articles?outlet=x&event=y&status=done", headers=auth()).status_code == 200
            late_nul = "A treaty was signed. " * 500 + "\x00"
            for body in (
                {"text": late_nul},
                {"text": ARTICLE + " more", "title": "nul\x00title"},
                {"text": "bad \ud800"},
            ):
                raw = json.dumps(body).encode()  # ASCII-escaped, so the lone surrogate travels as JSON allows
                response = client.post(
                    "/v1/articles", headers={**auth(), "Content-Type": "application/json"}, content=raw
                )
                assert response.status_code in (400, 422), response.text  # pydantic calls a lone surrogate bad JSON
            plain = client.post(
                "/v1/articles", headers={**auth(), "Content-Type": "text/plain"}, content=late_nul.encode()
            )
            assert plain.status_code == 422
            assert client.get("/v1/articles/art_%00", headers=auth()).status_code == 404
            assert client.get("/v1/articles", headers=auth()).json()["total"] == 2
            app.state.pactcheck.db.dispose()
