"""Periodic evaluations of an SKP (evaluasi kinerja periodik): one per SKP and sub-period, with
feedback on each work result and the BerAKHLAK ratings of the sub-period

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RATING = "IN ('diatas', 'sesuai', 'dibawah')"


def upgrade() -> None:
    op.create_table(
        "evaluasi_periodik",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("skp_id", sa.Uuid(), nullable=False),
        sa.Column("ke", sa.SmallInteger(), nullable=False),
        sa.Column("rating_hasil_kerja", sa.String(length=10), nullable=False),
        sa.Column("rating_perilaku_kerja", sa.String(length=10), nullable=False),
        sa.Column("predikat", sa.String(length=20), nullable=False),
        sa.Column("catatan_penilai", sa.Text(), nullable=True),
        sa.Column("dinilai_oleh", sa.String(length=200), nullable=False),
        sa.Column("dinilai_oleh_nip", sa.String(length=18), nullable=True),
        sa.Column("dinilai_pada", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ke BETWEEN 1 AND 12", name=op.f("ck_evaluasi_periodik_ke")),
        sa.CheckConstraint(f"rating_hasil_kerja {RATING}", name=op.f("ck_evaluasi_periodik_rating_hasil")),
        sa.CheckConstraint(f"rating_perilaku_kerja {RATING}", name=op.f("ck_evaluasi_periodik_rating_perilaku")),
        sa.ForeignKeyConstraint(
            ["skp_id"], ["skp.id"], name=op.f("fk_evaluasi_periodik_skp_id_skp"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluasi_periodik")),
        sa.UniqueConstraint("skp_id", "ke", name=op.f("uq_evaluasi_periodik_skp_id_ke")),
    )
    op.create_table(
        "evaluasi_hasil_kerja",
        sa.Column("evaluasi_id", sa.Uuid(), nullable=False),
        sa.Column("rhk_id", sa.Uuid(), nullable=False),
        sa.Column("urutan", sa.SmallInteger(), nullable=False),
        sa.Column("realisasi", sa.Text(), nullable=False),
        sa.Column("umpan_balik", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["evaluasi_id"],
            ["evaluasi_periodik.id"],
            name=op.f("fk_evaluasi_hasil_kerja_evaluasi_id_evaluasi_periodik"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rhk_id"],
            ["rencana_hasil_kerja.id"],
            name=op.f("fk_evaluasi_hasil_kerja_rhk_id_rencana_hasil_kerja"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("evaluasi_id", "rhk_id", name=op.f("pk_evaluasi_hasil_kerja")),
    )
    # Deleting a work result (a draft's plan replaced) looks its evaluations up by rhk_id.
    op.create_index(op.f("ix_evaluasi_hasil_kerja_rhk_id"), "evaluasi_hasil_kerja", ["rhk_id"])
    op.create_table(
        "evaluasi_perilaku",
        sa.Column("evaluasi_id", sa.Uuid(), nullable=False),
        sa.Column("nilai", sa.String(length=30), nullable=False),
        sa.Column("urutan", sa.SmallInteger(), nullable=False),
        sa.Column("rating", sa.String(length=10), nullable=False),
        sa.Column("catatan", sa.Text(), nullable=True),
        sa.CheckConstraint(f"rating {RATING}", name=op.f("ck_evaluasi_perilaku_rating")),
        sa.ForeignKeyConstraint(
            ["evaluasi_id"],
            ["evaluasi_periodik.id"],
            name=op.f("fk_evaluasi_perilaku_evaluasi_id_evaluasi_periodik"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("evaluasi_id", "nilai", name=op.f("pk_evaluasi_perilaku")),
    )


def downgrade() -> None:
    op.drop_table("evaluasi_perilaku")
    op.drop_index(op.f("ix_evaluasi_hasil_kerja_rhk_id"), table_name="evaluasi_hasil_kerja")
    op.drop_table("evaluasi_hasil_kerja")
    op.drop_table("evaluasi_periodik")
