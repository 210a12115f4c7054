"""Open the database named by the settings and bring its schema to the latest migration.

The embedded default is a SQLite file in the data directory (no other process needed);
`DATABASE_URL` points PactCheck at PostgreSQL. SQLite runs in WAL mode and write units of
work take the write lock up front (`BEGIN IMMEDIATE`), so concurrent writers queue on the
busy timeout instead of failing on a lock upgrade.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from service.config import Settings
from service.errors import ConfigurationError

log = logging.getLogger("pactcheck.storage")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 0x5AC7C4EC  # arbitrary constant: one advisory lock for schema changes


def database_url(settings: Settings) -> str:
    """The configured URL, or the SQLite file in the data directory."""
    if settings.database_url:
        url = settings.database_url
        # Accept the common `postgres://` / `postgresql://` spellings and use psycopg 3.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url
    return f"sqlite:///{(settings.data_dir / 'pactcheck.db').resolve()}"


_BEGIN = {"DEFERRED": "BEGIN DEFERRED", "IMMEDIATE": "BEGIN IMMEDIATE"}


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook below emit BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Straight to the driver: a full SQLAlchemy execution for BEGIN cost as much as an INSERT.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.connection.driver_connection.execute(_BEGIN[mode])  # type: ignore[union-attr]


def private_sqlite_file(path: Path) -> None:
    """Create the database's folder 0700 and the file 0600 before SQLite opens it.

    The file holds the session signing key and every article; nobody else on the machine may
    read it. SQLite gives its -wal and -shm files the database file's mode. An existing folder
    is left as the operator made it (it may be shared), with a warning when others can enter it.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask; this is exact
    elif folder.stat().st_mode & 0o077:
        log.warning("the data folder %s is open to other users; chmod 700 it", folder)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if name.exists() and name.stat().st_mode & 0o077:
            os.chmod(name, 0o600)  # files made before this rule existed


def make_engine(url: str) -> Engine:
    """An engine for `url` with the per-dialect settings PactCheck relies on."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise ConfigurationError("DATABASE_URL is not a valid database URL") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_sqlite_file(Path(parsed.database))
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, pool_size=8)
        _sqlite_pragmas(engine)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=8)
    except ModuleNotFoundError as exc:
        raise ConfigurationError(
            f"the database driver is not installed ({exc.name}); pip install 'pactcheck[postgres]'"
        ) from exc


@dataclass
class Database:
    """An engine plus the two kinds of session PactCheck uses."""

    engine: Engine

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(self._writer, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries only."""
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def write_core(self) -> Iterator[sa.Connection]:
        """A unit of work on a bare connection: for the hot path, where the Session's overhead shows."""
        with self._writer.begin() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(engine_url: str) -> Config:
    """Alembic configuration built in code: the migrations ship inside the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine_url.replace("%", "%%"))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[sa.Connection | None]:
    """Serialise concurrent startups (several server processes) around the schema upgrade."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            conn.commit()
            try:
                yield conn
            finally:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_MIGRATION_LOCK})
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        with open(f"{database}.migrate.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield None
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    yield None


def migrate(engine: Engine) -> str | None:
    """Upgrade the schema to the newest migration; a no-op when it is already there."""
    head = head_revision()
    with _migration_lock(engine):
        if current_revision(engine) == head:
            return head
        with engine.begin() as conn:
            cfg = alembic_config(engine.url.render_as_string(hide_password=False))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        log.info("database schema upgraded to %s", head)
    return head


def open_database(settings: Settings, *, upgrade: bool = True) -> Database:
    """Connect to the configured database and (by default) apply pending migrations."""
    engine = make_engine(database_url(settings))
    try:
        if upgrade:
            migrate(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise ConfigurationError(
            f"cannot open the database ({engine.url.render_as_string(hide_password=True)}): "
            f"{str(exc.orig).splitlines()[0] if exc.orig else 'connection failed'}"
        ) from None
    return Database(engine)
