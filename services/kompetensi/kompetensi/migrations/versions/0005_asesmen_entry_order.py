"""Entry order of assessments, so that ties in the current profile are deterministic

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

Records of the same date written in one transaction share created_at; `seq` (an identity) says
which came later. Existing rows are numbered in storage order, which for a batch is its insert
order, and the projection is re-derived once under the new ordering.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("asesmen", sa.Column("seq", sa.BigInteger(), sa.Identity(), nullable=False))
    op.execute(
        """
        INSERT INTO profil_kompetensi (nip, kompetensi_id, level, tanggal, metode, asesmen_id)
        SELECT DISTINCT ON (a.nip, a.kompetensi_id) a.nip, a.kompetensi_id, a.level, a.tanggal, a.metode, a.id
        FROM asesmen a
        WHERE NOT EXISTS (SELECT 1 FROM asesmen c WHERE c.koreksi_dari = a.id)
        ORDER BY a.nip, a.kompetensi_id, a.tanggal DESC, a.created_at DESC, a.seq DESC
        ON CONFLICT (nip, kompetensi_id) DO UPDATE
        SET level = excluded.level, tanggal = excluded.tanggal, metode = excluded.metode, asesmen_id = excluded.asesmen_id
        """
    )


def downgrade() -> None:
    op.drop_column("asesmen", "seq")
