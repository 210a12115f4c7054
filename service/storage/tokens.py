"""API tokens (kept only as SHA-256) and server-generated secrets.

Operators configure tokens in `PACTCHECK_API_TOKENS`, comma separated; a token may end in
`:read` to allow reading only. At startup the list is synchronised into the database: new
tokens are added, tokens no longer listed are revoked, so removing one from the
configuration locks it out (and its browser sessions) after a restart.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from service.errors import ConfigurationError
from service.storage import web_sessions
from service.storage.db import Database
from service.storage.tables import ApiTokenRow, SecretRow, utcnow

SCOPES = ("read", "write")
MIN_TOKEN_CHARS = 16


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TokenSpec:
    """One configured token and the rights it carries."""

    secret: str
    scopes: tuple[str, ...]

    @property
    def sha256(self) -> str:
        return token_hash(self.secret)


def parse_tokens(value: str) -> list[TokenSpec]:
    """Parse `tok1,tok2:read`; refuse tokens too short to be secret."""
    specs: list[TokenSpec] = []
    for raw in value.split(","):
        scopes: tuple[str, ...]
        item = raw.strip()
        if not item:
            continue
        secret, _, scope = item.rpartition(":")
        if not secret or scope not in SCOPES:
            secret, scopes = item, SCOPES
        else:
            scopes = ("read",) if scope == "read" else SCOPES
        if len(secret) < MIN_TOKEN_CHARS:
            raise ConfigurationError(
                f"PACTCHECK_API_TOKENS: every token needs at least {MIN_TOKEN_CHARS} characters "
                "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        specs.append(TokenSpec(secret, scopes))
    return specs


def sync_tokens(db: Database, specs: list[TokenSpec]) -> int:
    """Make the stored tokens match the configuration; returns how many are active."""
    wanted = {s.sha256: s for s in specs}
    with db.write() as session:
        rows = {r.sha256: r for r in session.scalars(sa.select(ApiTokenRow))}
        for digest, spec in wanted.items():
            row = rows.get(digest)
            scopes = " ".join(spec.scopes)
            if row is None:
                session.add(ApiTokenRow(sha256=digest, name=f"token-{digest[:8]}", scopes=scopes))
            else:
                row.scopes, row.revoked_at = scopes, None
        for digest, row in rows.items():
            if digest not in wanted and row.revoked_at is None:
                row.revoked_at = utcnow()
        revoked = [row.id for digest, row in rows.items() if digest not in wanted]
    web_sessions.end_for_tokens(db, revoked)  # a removed token signs its browsers out too
    return len(wanted)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's row id, a display name and its scopes."""

    token_id: int
    name: str
    scopes: frozenset[str]


def find(db: Database, *, secret: str | None = None, token_id: int | None = None) -> Principal | None:
    """The active token matching a presented secret (or a session's token id)."""
    query = sa.select(ApiTokenRow).where(ApiTokenRow.revoked_at.is_(None))
    if secret is not None:
        query = query.where(ApiTokenRow.sha256 == token_hash(secret))
    elif token_id is not None:
        query = query.where(ApiTokenRow.id == token_id)
    else:
        return None
    with db.read() as session:
        row = session.scalars(query).first()
    if row is None:
        return None
    return Principal(row.id, row.name, frozenset(row.scopes.split()))


def secret_value(db: Database, name: str) -> str:
    """A random secret generated once and shared by every server process (e.g. the session key)."""
    with db.read() as session:
        value = session.scalar(sa.select(SecretRow.value).where(SecretRow.name == name))
    if value:
        return value
    try:
        with db.write() as session:
            session.add(SecretRow(name=name, value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another process created it first
    with db.read() as session:
        return session.scalars(sa.select(SecretRow.value).where(SecretRow.name == name)).one()
