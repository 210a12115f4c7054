"""Cross-checks over HTTP: create, read (schema-valid), idempotent, and every refusal."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.schemas import validate_payload
from tests.api.conftest import ARTICLE, SECOND, auth, submit_two
from tests.fakes.scripted_extractor import ScriptedExtractor


def test_crosscheck_returns_a_report_id_and_a_schema_valid_report(client: TestClient) -> None:
    ids = submit_two(client)
    created = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": ids})
    assert created.status_code == 201
    body = created.json()
    assert body["id"].startswith("cc_") and body["article_ids"] == ids and body["events"] >= 1
    report = client.get(f"/v1/crosschecks/{body['id']}", headers=auth())
    assert report.status_code == 200
    data = validate_payload("crosscheck_report", report.json())
    assert [a["id"] for a in data["articles"]] == ids
    matrix = data["events"][0]["documents"]
    assert matrix and all(set(row["mentions"]) == set(ids) for row in matrix)
    for event in data["events"]:
        for finding in event["findings"]:
            for value in finding["values"]:
                text = ARTICLE if value["article_id"] == ids[0] else SECOND
                for ev in value["evidence"]:
                    assert text[ev["start"] : ev["end"]] == ev["quote"]


def test_same_ordered_list_gives_the_same_report(client: TestClient) -> None:
    ids = submit_two(client)
    first = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": ids}).json()
    again = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": ids}).json()
    assert first["id"] == again["id"]


@pytest.mark.parametrize(
    ("article_ids", "status", "code"),
    [
        ([], 422, "unprocessable"),
        (["art_00000000000000000000"], 422, "unknown_articles"),
        (["not an id"], 422, "unknown_articles"),
    ],
)
def test_refusals_say_why(client: TestClient, article_ids: list[str], status: int, code: str) -> None:
    response = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": article_ids})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_duplicate_ids_are_refused(client: TestClient) -> None:
    (first, _second) = submit_two(client)
    response = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": [first, first]})
    assert response.status_code == 422 and response.json()["error"]["code"] == "duplicate_ids"


def test_bad_bodies_are_4xx(client: TestClient) -> None:
    assert client.post(
        "/v1/crosschecks",
        headers=auth(),
        content=b"{",
    ).status_code in (400, 422)
    malformed = client.post("/v1/crosschecks", headers={**auth(), "Content-Type": "application/json"}, content=b"{")
    assert malformed.status_code == 400
    assert client.post("/v1/crosschecks", headers=auth(), json={"article_ids": "x"}).status_code == 422
    assert client.post("/v1/crosschecks", headers=auth(), json={"article_ids": ["a"] * 51}).status_code == 422


def test_unknown_report_is_404(client: TestClient) -> None:
    for report_id in ("cc_00000000000000000000", "whatever"):
        response = client.get(f"/v1/crosschecks/{report_id}", headers=auth())
        assert response.status_code == 404 and "no cross-check" in response.json()["error"]["message"]


def test_pending_and_failed_articles_are_409(make_app: Callable[..., FastAPI], extractor: ScriptedExtractor) -> None:
    extractor.delay_s = 0.5
    with TestClient(make_app(backend="llm", workers=1)) as client:
        ids = submit_two(client)
        pending = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": ids})
        assert pending.status_code == 409 and pending.json()["error"]["code"] == "not_ready"
        deadline = time.monotonic() + 10
        while (
            client.get("/v1/articles?status=done", headers=auth()).json()["total"] < 2 and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        assert client.post("/v1/crosschecks", headers=auth(), json={"article_ids": ids}).status_code == 201
    extractor.delay_s = 0
    extractor.fail_on = "EXPLODE"
    with TestClient(make_app()) as client:
        broken = client.post("/v1/articles", headers=auth(), json={"text": "It will EXPLODE."}).json()["id"]
        response = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": [broken]})
        assert response.status_code == 409 and response.json()["error"]["code"] == "extraction_failed"
