"""Hardening: revocable browser sessions, rate counters shared by every server process, wider metadata,
and the extraction settings each summary was made with.

The article metadata columns follow `service.articles.FIELD_LIMITS` (title 1000, outlet 300,
published 300 characters), which every input source is validated against before storing.

Revision ID: 0002_hardening
Revises: 0001
Create Date: 2026-12-05 05:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_hardening"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


WIDER = (("title", 500, 1000), ("outlet", 200, 300), ("published", 100, 300))


def upgrade() -> None:
    op.add_column("summaries", sa.Column("settings_key", sa.String(length=64), nullable=True))
    with op.batch_alter_table("articles") as batch:
        for column, old, new in WIDER:
            batch.alter_column(column, existing_type=sa.String(length=old), type_=sa.String(length=new))
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["token_id"], ["api_tokens.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_web_sessions_token_id"), "web_sessions", ["token_id"], unique=False)
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"], unique=False)
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("window", sa.BigInteger(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window"),
    )


def downgrade() -> None:
    with op.batch_alter_table("summaries") as batch:
        batch.drop_column("settings_key")
    with op.batch_alter_table("articles") as batch:
        for column, old, new in WIDER:
            batch.alter_column(column, existing_type=sa.String(length=new), type_=sa.String(length=old))
    op.drop_table("rate_counters")
    op.drop_index(op.f("ix_web_sessions_expires_at"), table_name="web_sessions")
    op.drop_index(op.f("ix_web_sessions_token_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
