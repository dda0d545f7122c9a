"""The daily activity log (aktivitas harian): entries that never overlap for one person

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # btree_gist: equality on nip and tanggal inside the exclusion constraint; pg_trgm: the
    # similarity of descriptions to task lists (the re-placement signal).
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "aktivitas_harian",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("menit_mulai", sa.SmallInteger(), nullable=False),
        sa.Column("menit_selesai", sa.SmallInteger(), nullable=False),
        sa.Column("uraian", sa.Text(), nullable=False),
        sa.Column("rhk_id", sa.Uuid(), nullable=True),
        sa.Column("tugas_indeks", sa.SmallInteger(), nullable=True),
        sa.Column("tugas_uraian", sa.Text(), nullable=True),
        sa.Column("jabatan_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("catatan_atasan", sa.Text(), nullable=True),
        sa.Column("ditinjau_oleh", sa.String(length=200), nullable=True),
        sa.Column("ditinjau_pada", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "menit_mulai >= 0 AND menit_mulai < menit_selesai AND menit_selesai <= 1440",
            name=op.f("ck_aktivitas_harian_waktu"),
        ),
        sa.CheckConstraint(
            "status IN ('diajukan', 'dikonfirmasi', 'dikembalikan')", name=op.f("ck_aktivitas_harian_status")
        ),
        sa.CheckConstraint("rhk_id IS NULL OR tugas_indeks IS NULL", name=op.f("ck_aktivitas_harian_sasaran")),
        sa.ForeignKeyConstraint(
            ["rhk_id"],
            ["rencana_hasil_kerja.id"],
            name=op.f("fk_aktivitas_harian_rhk_id_rencana_hasil_kerja"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aktivitas_harian")),
        postgresql.ExcludeConstraint(
            (sa.column("nip"), "="),
            (sa.column("tanggal"), "="),
            (sa.func.int4range(sa.column("menit_mulai"), sa.column("menit_selesai")), "&&"),
            name="ex_aktivitas_harian_tumpang_tindih",
            using="gist",
        ),
    )
    op.create_index(op.f("ix_aktivitas_harian_rhk_id"), "aktivitas_harian", ["rhk_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_aktivitas_harian_rhk_id"), table_name="aktivitas_harian")
    op.drop_table("aktivitas_harian")
    # The extensions stay: dropping them could break objects made outside this revision.
