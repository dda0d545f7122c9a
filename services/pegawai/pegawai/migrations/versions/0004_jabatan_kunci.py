"""key positions: jabatan.kunci marks a position the talent map plans successors for

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Structural positions (JPT, administrator, pengawas) are key by their kind; `kunci` marks any other
position an admin names as key (PermenPAN-RB 3/2020: jabatan target of succession planning).
False for every existing position; no index: it is read beside each position, never searched by.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jabatan", sa.Column("kunci", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("jabatan", "kunci")
