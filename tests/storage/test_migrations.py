"""The shipped migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from service.config import Settings
from service.storage import Database, migrate, open_database
from service.storage.db import current_revision, database_url, head_revision
from service.storage.tables import Base


def test_migrations_reach_head_and_match_the_models(db: Database) -> None:
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_migrate_twice_is_a_no_op(db: Database) -> None:
    assert migrate(db.engine) == head_revision()
    tables = set(sa.inspect(db.engine).get_table_names())
    assert {"articles", "jobs", "summaries", "crosschecks", "api_tokens", "app_secrets", "alembic_version"} <= tables


def test_default_is_sqlite_in_the_data_dir(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    assert database_url(settings) == f"sqlite:///{(tmp_path / 'data' / 'pactcheck.db').resolve()}"
    database = open_database(settings)
    database.dispose()
    assert (tmp_path / "data" / "pactcheck.db").is_file()


def test_postgres_url_spellings_use_psycopg() -> None:
    for given in ("postgres://u@h/db", "postgresql://u@h/db"):
        assert database_url(Settings(_env_file=None, database_url=given)) == "postgresql+psycopg://u@h/db"  # type: ignore[call-arg]


def test_unreachable_database_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from service.errors import ConfigurationError

    settings = Settings(_env_file=None, database_url="postgresql+psycopg://nobody:secretpw@127.0.0.1:1/none")  # type: ignore[call-arg]
    with pytest.raises(ConfigurationError, match="cannot open the database") as info:
        open_database(settings)
    assert "secretpw" not in str(info.value)
