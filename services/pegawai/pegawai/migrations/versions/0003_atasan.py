"""who rates whom: the position a position reports to, and a supervisor set by hand

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

jabatan.atasan_jabatan_id names the position a position reports to (the supervisor is derived
from it); pegawai.atasan_nip overrides the derived supervisor. Both are indexed for the walk
down the chain (who reports to whom), and emptied when what they name is deleted.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jabatan", sa.Column("atasan_jabatan_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        "fk_jabatan_atasan_jabatan_id_jabatan", "jabatan", "jabatan", ["atasan_jabatan_id"], ["id"], ondelete="SET NULL"
    )
    op.create_index("ix_jabatan_atasan_jabatan_id", "jabatan", ["atasan_jabatan_id"])
    op.add_column("pegawai", sa.Column("atasan_nip", sa.String(18), nullable=True))
    op.create_foreign_key(
        "fk_pegawai_atasan_nip_pegawai", "pegawai", "pegawai", ["atasan_nip"], ["nip"], ondelete="SET NULL"
    )
    op.create_index("ix_pegawai_atasan_nip", "pegawai", ["atasan_nip"])


def downgrade() -> None:
    op.drop_index("ix_pegawai_atasan_nip", table_name="pegawai")
    op.drop_constraint("fk_pegawai_atasan_nip_pegawai", "pegawai", type_="foreignkey")
    op.drop_column("pegawai", "atasan_nip")
    op.drop_index("ix_jabatan_atasan_jabatan_id", table_name="jabatan")
    op.drop_constraint("fk_jabatan_atasan_jabatan_id_jabatan", "jabatan", type_="foreignkey")
    op.drop_column("jabatan", "atasan_jabatan_id")
