"""Further study (tugas belajar, izin belajar)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "studi_lanjut",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("jenjang", sa.String(length=2), nullable=False),
        sa.Column("institusi", sa.String(length=200), nullable=False),
        sa.Column("jurusan", sa.String(length=200), nullable=False),
        sa.Column("nomor_sk", sa.String(length=100), nullable=False),
        sa.Column("tanggal_mulai", sa.Date(), nullable=False),
        sa.Column("tanggal_selesai", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("tanggal_akhir", sa.Date(), nullable=True),
        sa.Column("nomor_ijazah", sa.String(length=100), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("nama_pegawai", sa.String(length=300), nullable=False),
        sa.Column("unit_nama", sa.String(length=300), nullable=True),
        sa.CheckConstraint("jenjang IN ('D3', 'D4', 'S1', 'S2', 'S3')", name=op.f("ck_studi_lanjut_jenjang")),
        sa.CheckConstraint(
            "status IN ('berjalan', 'lulus', 'tidak_lulus', 'dibatalkan')", name=op.f("ck_studi_lanjut_status")
        ),
        sa.CheckConstraint("tanggal_selesai >= tanggal_mulai", name=op.f("ck_studi_lanjut_tanggal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studi_lanjut")),
    )
    op.create_index(op.f("ix_studi_lanjut_nip"), "studi_lanjut", ["nip"])
    op.create_index(
        "uq_studi_lanjut_berjalan",
        "studi_lanjut",
        ["nip"],
        unique=True,
        postgresql_where=sa.text("status = 'berjalan'"),
    )


def downgrade() -> None:
    op.drop_table("studi_lanjut")
