"""A version per position's competency standard, so that PUT can honour If-Match

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Each position with a standard gets one `standar_jabatan` row whose version is the standard's
ETag; the items reference it, so an item cannot exist without its header.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "standar_jabatan",
        sa.Column("jabatan_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("jabatan_id", name=op.f("pk_standar_jabatan")),
    )
    op.execute(
        "INSERT INTO standar_jabatan (jabatan_id, version, created_at, updated_at) "
        "SELECT jabatan_id, 1, min(created_at), max(updated_at) FROM standar_kompetensi GROUP BY jabatan_id"
    )
    op.create_foreign_key(
        op.f("fk_standar_kompetensi_jabatan_id_standar_jabatan"),
        "standar_kompetensi",
        "standar_jabatan",
        ["jabatan_id"],
        ["jabatan_id"],
        ondelete="CASCADE",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_standar_kompetensi_jabatan_id_standar_jabatan"), "standar_kompetensi", type_="foreignkey"
    )
    op.drop_table("standar_jabatan")
