"""Current profile as a projection of the assessment history

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "profil_kompetensi",
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("kompetensi_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("metode", sa.String(length=30), nullable=False),
        sa.Column("asesmen_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asesmen_id"], ["asesmen.id"], name=op.f("fk_profil_kompetensi_asesmen_id_asesmen"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["kompetensi_id"],
            ["kompetensi.id"],
            name=op.f("fk_profil_kompetensi_kompetensi_id_kompetensi"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("nip", "kompetensi_id", name=op.f("pk_profil_kompetensi")),
    )
    # Existing history, projected once: the latest record that no later record corrects.
    op.execute(
        """
        INSERT INTO profil_kompetensi (nip, kompetensi_id, level, tanggal, metode, asesmen_id)
        SELECT DISTINCT ON (a.nip, a.kompetensi_id) a.nip, a.kompetensi_id, a.level, a.tanggal, a.metode, a.id
        FROM asesmen a
        WHERE NOT EXISTS (SELECT 1 FROM asesmen c WHERE c.koreksi_dari = a.id)
        ORDER BY a.nip, a.kompetensi_id, a.tanggal DESC, a.created_at DESC
        """
    )


def downgrade() -> None:
    op.drop_table("profil_kompetensi")
