"""The cadre school (sekolah kader): cohorts and their members

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.migrations import create_code_fixed_v1, drop_code_fixed_v1

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _common() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "kohort_kader",
        *_common(),
        sa.Column("kode", sa.String(length=30), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("program_id", sa.Uuid(), nullable=True),
        sa.Column("tanggal_mulai", sa.Date(), nullable=False),
        sa.Column("tanggal_selesai", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('seleksi', 'berjalan', 'selesai', 'dibatalkan')", name=op.f("ck_kohort_kader_status")
        ),
        sa.CheckConstraint("tanggal_selesai >= tanggal_mulai", name=op.f("ck_kohort_kader_tanggal")),
        sa.CheckConstraint("tahun BETWEEN 2000 AND 2100", name=op.f("ck_kohort_kader_tahun")),
        sa.ForeignKeyConstraint(
            ["program_id"], ["program.id"], name=op.f("fk_kohort_kader_program_id_program"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kohort_kader")),
        sa.UniqueConstraint("kode", name=op.f("uq_kohort_kader_kode")),
    )
    op.create_index("ix_kohort_kader_tahun", "kohort_kader", ["tahun"])
    op.create_index(op.f("ix_kohort_kader_program_id"), "kohort_kader", ["program_id"])
    create_code_fixed_v1("kohort_kader", "cadre school cohort")  # a code never changes: a new code is a new record
    op.create_table(
        "anggota_kader",
        *_common(),
        sa.Column("kohort_id", sa.Uuid(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("hasil", sa.String(length=20), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("nama_pegawai", sa.String(length=300), nullable=False),
        sa.Column("unit_nama", sa.String(length=300), nullable=True),
        sa.CheckConstraint(
            "hasil IN ('peserta', 'lulus', 'tidak_lulus', 'mengundurkan_diri')", name=op.f("ck_anggota_kader_hasil")
        ),
        sa.ForeignKeyConstraint(
            ["kohort_id"],
            ["kohort_kader.id"],
            name=op.f("fk_anggota_kader_kohort_id_kohort_kader"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anggota_kader")),
        sa.UniqueConstraint("kohort_id", "nip", name=op.f("uq_anggota_kader_kohort_id_nip")),
    )
    op.create_index("ix_anggota_kader_nip", "anggota_kader", ["nip"])


def downgrade() -> None:
    op.drop_table("anggota_kader")
    op.drop_table("kohort_kader")  # its trigger goes with it
    drop_code_fixed_v1("kohort_kader")
