"""Persistence: SQLAlchemy tables, Alembic migrations shipped in the package, repository functions.

`open_database(settings)` connects (SQLite in the data directory by default, `DATABASE_URL`
for PostgreSQL) and applies pending migrations; the modules `articles`, `jobs`,
`crosschecks` and `tokens` hold the queries, one concern each.
"""

from service.storage.db import Database, database_url, migrate, open_database

__all__ = ["Database", "database_url", "migrate", "open_database"]
