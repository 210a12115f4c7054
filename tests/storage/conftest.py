"""A fresh database for each test, on SQLite and on PostgreSQL.

PostgreSQL comes from PACTCHECK_TEST_POSTGRES_URL (default: the local server's `test`
database). Each test gets its own schema, dropped afterwards, so runs never see each other.
When the server is unreachable the PostgreSQL cases skip with the reason, unless
PACTCHECK_REQUIRE_POSTGRES=1 (set by CI), which turns that into a failure.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from service.config import Settings
from service.storage import Database, open_database

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url() -> str:
    return os.environ.get("PACTCHECK_TEST_POSTGRES_URL") or DEFAULT_POSTGRES


def _unreachable(url: str) -> str | None:
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any driver or network error means "not here"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    return None


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose search_path is a new, empty schema; the schema is dropped on exit."""
    base = postgres_url()
    problem = _unreachable(base)
    if problem:
        if os.environ.get("PACTCHECK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required (PACTCHECK_REQUIRE_POSTGRES=1) but unreachable at {base}: {problem}")
        pytest.skip(f"PostgreSQL not reachable at {base} ({problem}); set PACTCHECK_TEST_POSTGRES_URL")
    schema = f"pactcheck_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def store_url(backend: str, sqlite_file: Path) -> Iterator[str]:
    """A database URL for `backend` ("sqlite": that file; "postgresql": a fresh schema, dropped after)."""
    if backend == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with store_url(request.param, tmp_path / "store.db") as url:
        yield url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    yield database
    database.dispose()
