"""Test-wide fixtures: every test gets its own data dir and a clean settings object."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from service.config import Settings, get_settings
from tests.fakes.openai_server import FakeOpenAI

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads the developer's environment or writes outside its tmp dir."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DATABASE_URL", "PACTCHECK_BACKEND", "PACTCHECK_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PACTCHECK_DATA_DIR", str(tmp_path / "pactcheck-data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def corpus_dir() -> Path:
    """The development corpus beside the checkout; tests using it skip when it is absent."""
    if not (CORPUS / "gold").is_dir():
        pytest.skip(f"development corpus not found at {CORPUS}")
    return CORPUS


# -- the LLM path: a local OpenAI-compatible server, and no real waiting between retries ----------


@pytest.fixture(autouse=True)
def no_retry_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retries still compute their waits (recorded in CallLog.waits) but never sleep.

    Returns the list of sleeps that were skipped, so a test can assert on them too.
    """
    from service.extractors.llm import retry

    skipped: list[float] = []

    async def asleep(seconds: float) -> None:
        skipped.append(seconds)

    monkeypatch.setattr(retry, "SLEEP", skipped.append)
    monkeypatch.setattr(retry, "ASLEEP", asleep)
    return skipped


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fresh scriptable OpenAI-compatible server on 127.0.0.1 for this test."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def llm_settings(tmp_path: Path, fake_openai: FakeOpenAI) -> Callable[..., Settings]:
    """Settings pointing at the fake server, with small bounds; keyword overrides win."""

    def make(**overrides: object) -> Settings:
        values: dict[str, object] = {
            "data_dir": tmp_path / "llm-data",
            "openai_base_url": fake_openai.url,
            "openai_api_key": "test-key",
            "model": "fake-model",
            "llm_timeout_s": 2.0,
            "llm_max_attempts": 3,
            "llm_max_reasks": 2,
            "llm_total_deadline_s": 30.0,
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[arg-type]

    return make
