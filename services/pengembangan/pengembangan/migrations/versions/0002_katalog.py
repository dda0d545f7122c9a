"""The catalogue: programs, the competencies each develops, batches (angkatan)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.migrations import create_code_fixed_v1, drop_code_fixed_v1

revision: str = "0002"
down_revision: str | None = "0001"
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
        "program",
        *_common(),
        sa.Column("kode", sa.String(length=30), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("jp", sa.Integer(), nullable=False),
        sa.Column("penyelenggara", sa.String(length=20), nullable=False),
        sa.Column("penyelenggara_nama", sa.String(length=200), nullable=True),
        sa.Column("biaya_per_peserta", sa.BigInteger(), nullable=False),
        sa.Column("luar_kota", sa.Boolean(), nullable=False),
        sa.Column("biaya_perjalanan_per_peserta", sa.BigInteger(), nullable=False),
        sa.Column("deskripsi", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "penyelenggara IN ('lan', 'bkpsdm', 'kementerian', 'asosiasi_profesi')",
            name=op.f("ck_program_penyelenggara"),
        ),
        sa.CheckConstraint("jp > 0", name=op.f("ck_program_jp_positive")),
        sa.CheckConstraint(
            "biaya_per_peserta >= 0 AND biaya_perjalanan_per_peserta >= 0", name=op.f("ck_program_biaya_not_negative")
        ),
        sa.CheckConstraint(
            "luar_kota OR biaya_perjalanan_per_peserta = 0", name=op.f("ck_program_perjalanan_luar_kota")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program")),
        sa.UniqueConstraint("kode", name=op.f("uq_program_kode")),
    )
    op.create_index(op.f("ix_program_jenis"), "program", ["jenis"])
    create_code_fixed_v1("program", "program")  # a code never changes: a new code is a new record
    op.create_table(
        "program_kompetensi",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("kode_kompetensi", sa.String(length=30), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_program_kompetensi_level_range")),
        sa.ForeignKeyConstraint(
            ["program_id"], ["program.id"], name=op.f("fk_program_kompetensi_program_id_program"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("program_id", "kode_kompetensi", name=op.f("pk_program_kompetensi")),
    )
    op.create_index("ix_program_kompetensi_kode_kompetensi", "program_kompetensi", ["kode_kompetensi"])
    op.create_table(
        "angkatan",
        *_common(),
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("kode", sa.String(length=30), nullable=False),
        sa.Column("tanggal_mulai", sa.Date(), nullable=False),
        sa.Column("tanggal_selesai", sa.Date(), nullable=False),
        sa.Column("kuota", sa.Integer(), nullable=False),
        sa.Column("terisi", sa.Integer(), server_default="0", nullable=False),
        sa.Column("tempat", sa.String(length=200), nullable=True),
        sa.Column("daring", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('direncanakan', 'dibuka', 'berjalan', 'selesai', 'dibatalkan')", name=op.f("ck_angkatan_status")
        ),
        sa.CheckConstraint("tanggal_selesai >= tanggal_mulai", name=op.f("ck_angkatan_period")),
        sa.CheckConstraint("kuota > 0", name=op.f("ck_angkatan_kuota_positive")),
        sa.CheckConstraint("terisi >= 0 AND terisi <= kuota", name=op.f("ck_angkatan_terisi_range")),
        sa.ForeignKeyConstraint(
            ["program_id"], ["program.id"], name=op.f("fk_angkatan_program_id_program"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_angkatan")),
        sa.UniqueConstraint("program_id", "kode", name=op.f("uq_angkatan_program_id_kode")),
    )
    op.create_index("ix_angkatan_tanggal_mulai", "angkatan", ["tanggal_mulai"])


def downgrade() -> None:
    op.drop_table("angkatan")
    op.drop_table("program_kompetensi")
    op.drop_table("program")  # its trigger goes with it
    drop_code_fixed_v1("program")
