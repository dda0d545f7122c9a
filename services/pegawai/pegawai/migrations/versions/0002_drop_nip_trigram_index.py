"""drop the trigram index on pegawai.nip

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

pg_trgm indexes also serve equality, and on PostgreSQL 15 the planner chose this one for the
bulk lookup `nip = ANY($1)` of 1,000 NIPs: 13 s instead of 10 ms through the unique btree. The
typo-tolerant NIP search never used it (it scans the table for prefix-or-similar either way).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_pegawai_nip_trgm", table_name="pegawai")


def downgrade() -> None:
    op.create_index(
        "ix_pegawai_nip_trgm",
        "pegawai",
        ["nip"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"nip": "gin_trgm_ops"},
    )
