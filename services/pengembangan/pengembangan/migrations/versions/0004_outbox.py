"""outbox

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00.000000
"""

from collections.abc import Sequence

from shared.migrations import create_outbox_v1, drop_outbox_v1

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_outbox_v1()


def downgrade() -> None:
    drop_outbox_v1()
