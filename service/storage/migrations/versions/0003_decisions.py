"""Editors' decisions on cross-check findings, keyed by the finding's fingerprint.

Revision ID: 0003_decisions
Revises: 0001
Create Date: 2026-12-05 04:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_decisions"
down_revision: str | Sequence[str] | None = "0002_hardening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "finding_decisions",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("finding", sa.JSON(), nullable=False),
        sa.Column("report_id", sa.String(length=40), nullable=True),
        sa.Column("token_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("verdict IN ('confirmed', 'dismissed')", name="ck_finding_decisions_verdict"),
        sa.ForeignKeyConstraint(["token_id"], ["api_tokens.id"]),
        sa.PrimaryKeyConstraint("fingerprint"),
    )
    with op.batch_alter_table("finding_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_decisions_report_id"), ["report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("finding_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_decisions_report_id"))
    op.drop_table("finding_decisions")
