"""Service fixtures: an app on a fresh database (SQLite here; the storage tests also run PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.app import create_app
from service.config import Settings
from tests.fakes.scripted_extractor import ScriptedExtractor, scripted_factory

WRITER = "writer-token-0123456789abcdef"
READER = "reader-token-0123456789abcdef"


def auth(token: str = WRITER) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def service_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path / "service-data",
        "api_tokens": f"{WRITER},{READER}:read",
        "backend": "offline",
        "rate_limit_per_minute": 10_000,
        "session_secret": "test-session-secret-0123456789",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def extractor() -> ScriptedExtractor:
    return ScriptedExtractor()


@pytest.fixture
def make_app(tmp_path: Path, extractor: ScriptedExtractor) -> Callable[..., FastAPI]:
    def make(**overrides: object) -> FastAPI:
        return create_app(service_settings(tmp_path, **overrides), extractor_factory=scripted_factory(extractor))

    return make


@pytest.fixture
def client(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_app()) as test_client:
        yield test_client


ARTICLE = (
    "Tallinn, 2025-05-14. Estonia and Finland signed a memorandum of understanding on grid interconnection.\n\n"
    "The two governments also signed an agreement on joint border patrols for the years 2025-2027.\n"
    "Officials said talks on a rail link would continue in the autumn."
)
SECOND = (
    "Helsinki, 2025-05-14. Finland and Estonia signed a letter of intent on grid interconnection.\n"
    "The ministers signed an agreement on joint border patrols as well."
)


def submit_two(client: TestClient) -> list[str]:
    """Submit `ARTICLE` and `SECOND` (one event, two outlets); their ids, in that order."""
    return [
        client.post("/v1/articles", headers=auth(), json={"text": text, "outlet": outlet}).json()["id"]
        for text, outlet in ((ARTICLE, "Baltic Wire"), (SECOND, "Nordic Daily"))
    ]
