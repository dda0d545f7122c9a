"""Impact evaluation after training (evaluasi_dampak)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-15
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluasi_dampak",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("peserta_id", sa.Uuid(), nullable=False),
        sa.Column("skor", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("rekomendasi", sa.String(length=40), nullable=False),
        sa.Column("catatan", sa.Text(), nullable=True),
        sa.Column("terlambat", sa.Boolean(), nullable=False),
        sa.Column("form_versi", sa.String(length=20), nullable=False),
        sa.Column("dinilai_oleh", sa.String(length=200), nullable=False),
        sa.Column("dinilai_oleh_nip", sa.String(length=18), nullable=True),
        sa.Column("dinilai_pada", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("jsonb_typeof(skor) = 'object'", name=op.f("ck_evaluasi_dampak_skor_object")),
        sa.ForeignKeyConstraint(
            ["peserta_id"], ["peserta.id"], name=op.f("fk_evaluasi_dampak_peserta_id_peserta"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluasi_dampak")),
        sa.UniqueConstraint("peserta_id", name=op.f("uq_evaluasi_dampak_peserta_id")),
    )


def downgrade() -> None:
    op.drop_table("evaluasi_dampak")
