"""Tokens are kept as hashes, synchronised with the configuration, and carry scopes."""

from __future__ import annotations

import pytest

from service.errors import ConfigurationError
from service.storage import Database, tokens

A = "alpha-token-0123456789"
B = "bravo-token-0123456789"


def test_parse_scopes_and_reject_short_tokens() -> None:
    specs = tokens.parse_tokens(f" {A} , {B}:read ,")
    assert [(s.secret, s.scopes) for s in specs] == [(A, ("read", "write")), (B, ("read",))]
    colon = tokens.parse_tokens("with:colon-but-no-scope-123")
    assert colon[0].secret == "with:colon-but-no-scope-123"
    with pytest.raises(ConfigurationError):
        tokens.parse_tokens("tiny")


def test_sync_adds_finds_and_revokes(db: Database) -> None:
    assert tokens.sync_tokens(db, tokens.parse_tokens(f"{A},{B}:read")) == 2
    alpha = tokens.find(db, secret=A)
    bravo = tokens.find(db, secret=B)
    assert alpha is not None and alpha.scopes == {"read", "write"}
    assert bravo is not None and bravo.scopes == {"read"}
    assert tokens.find(db, secret="nobody-0123456789") is None
    tokens.sync_tokens(db, tokens.parse_tokens(A))
    assert tokens.find(db, secret=B) is None and tokens.find(db, token_id=bravo.token_id) is None
    assert tokens.find(db, token_id=alpha.token_id) == alpha
    tokens.sync_tokens(db, tokens.parse_tokens(f"{A},{B}"))
    assert tokens.find(db, secret=B) is not None  # reinstated, now with write


def test_generated_secret_is_stable(db: Database) -> None:
    first = tokens.secret_value(db, "session_key")
    assert len(first) >= 40 and tokens.secret_value(db, "session_key") == first
