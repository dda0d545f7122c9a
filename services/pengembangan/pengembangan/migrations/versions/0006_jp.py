"""The JP ledger: hours of development (jam pelajaran) per employee and year, from every source

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
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
        "jp_entri",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=True),
        sa.Column("jp", sa.Integer(), nullable=False),
        sa.Column("sumber", sa.String(length=12), nullable=False),
        sa.Column("jenis", sa.String(length=40), nullable=True),
        sa.Column("program_id", sa.Uuid(), nullable=True),
        sa.Column("angkatan_id", sa.Uuid(), nullable=True),
        sa.Column("uraian", sa.String(length=500), nullable=False),
        sa.Column("nomor_bukti", sa.String(length=100), nullable=True),
        sa.Column("dicatat_oleh", sa.String(length=200), nullable=False),
        sa.CheckConstraint("sumber IN ('pelatihan', 'riwayat', 'nonklasikal')", name=op.f("ck_jp_entri_sumber")),
        sa.CheckConstraint("jp > 0 AND jp <= 2000", name=op.f("ck_jp_entri_jp_range")),
        sa.CheckConstraint("tahun BETWEEN 2000 AND 2100", name=op.f("ck_jp_entri_tahun_range")),
        sa.CheckConstraint(
            "tanggal IS NULL OR tahun = EXTRACT(YEAR FROM tanggal)", name=op.f("ck_jp_entri_tanggal_in_tahun")
        ),
        sa.CheckConstraint("tanggal IS NOT NULL OR sumber = 'riwayat'", name=op.f("ck_jp_entri_tanggal_known")),
        sa.CheckConstraint("sumber <> 'nonklasikal' OR jenis IS NOT NULL", name=op.f("ck_jp_entri_nonklasikal_jenis")),
        sa.CheckConstraint(
            "(sumber = 'pelatihan') = (angkatan_id IS NOT NULL) AND (angkatan_id IS NULL) = (program_id IS NULL)",
            name=op.f("ck_jp_entri_pelatihan_angkatan"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["program.id"], name=op.f("fk_jp_entri_program_id_program"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["angkatan_id"], ["angkatan.id"], name=op.f("fk_jp_entri_angkatan_id_angkatan"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jp_entri")),
        sa.UniqueConstraint("angkatan_id", "nip", name=op.f("uq_jp_entri_angkatan_id_nip")),
    )
    op.create_index("ix_jp_entri_nip_tahun", "jp_entri", ["nip", "tahun"], postgresql_include=["jp"])


def downgrade() -> None:
    op.drop_table("jp_entri")
