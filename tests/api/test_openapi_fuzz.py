"""Schemathesis against the OpenAPI document: generated requests, valid and invalid, never get a 5xx.

Bounded (a few dozen examples per operation, no shrinking deadline) so it stays fast; the
responses that the document declares are also checked against their schemas.
"""

from __future__ import annotations

from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from service.app import create_app
from tests.api.conftest import ARTICLE, auth, service_settings
from tests.fakes.scripted_extractor import scripted_factory


def _operations(tmp_path: Path) -> list:  # type: ignore[type-arg]
    app = create_app(service_settings(tmp_path), extractor_factory=scripted_factory())
    with TestClient(app) as client:  # seed one summarised article so reads can succeed too
        client.post("/v1/articles", headers=auth(), json={"text": ARTICLE})
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=auth())
    return [result.ok() for result in schema.get_all_operations()]


def test_no_server_errors_on_generated_requests(tmp_path: Path) -> None:
    operations = _operations(tmp_path)
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "POST /v1/articles",
        "GET /v1/articles",
        "GET /v1/articles/{article_id}",
        "GET /v1/articles/{article_id}/summary",
        "POST /v1/crosschecks",
        "GET /v1/crosschecks/{report_id}",
        "GET /healthz",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=auth(), checks=[not_a_server_error, response_schema_conformance])

        run()
        if operation.path == "/healthz":
            continue  # no inputs: nothing to make invalid

        @given(case=operation.as_strategy(GenerationMode.NEGATIVE))
        @settings(
            max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
        )
        def run_invalid(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=auth(), checks=[not_a_server_error])

        run_invalid()


def test_openapi_declares_bearer_auth_and_both_submit_media_types(tmp_path: Path) -> None:
    document = create_app(service_settings(tmp_path), extractor_factory=scripted_factory()).openapi()
    schemes = document["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    body = document["paths"]["/v1/articles"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "text/plain"}
    assert "/healthz" in document["paths"]
    assert not any(path.startswith(("/signin", "/events", "/articles")) for path in document["paths"])
