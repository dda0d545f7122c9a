"""shared tables

Revision ID: 0001
Revises:
Create Date: 2026-11-24 02:44:37.787116
"""

from collections.abc import Sequence

from shared.migrations import create_shared_tables_v1, drop_shared_tables_v1

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_shared_tables_v1()


def downgrade() -> None:
    drop_shared_tables_v1()
