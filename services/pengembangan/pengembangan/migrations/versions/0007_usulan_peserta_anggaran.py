"""Budgets (anggaran), proposals (usulan), enrollment (peserta), self-service requests (permintaan)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
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
        "anggaran",
        *_common(),
        sa.Column("opd_id", sa.Uuid(), nullable=False),
        sa.Column("opd_nama", sa.String(length=300), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("pagu", sa.BigInteger(), nullable=False),
        sa.Column("alokasi", sa.BigInteger(), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.CheckConstraint("pagu >= 0 AND alokasi >= 0", name=op.f("ck_anggaran_not_negative")),
        sa.CheckConstraint("alokasi <= pagu", name=op.f("ck_anggaran_alokasi_within_pagu")),
        sa.CheckConstraint("tahun BETWEEN 2000 AND 2100", name=op.f("ck_anggaran_tahun_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anggaran")),
        sa.UniqueConstraint("opd_id", "tahun", name=op.f("uq_anggaran_opd_id_tahun")),
    )
    op.create_table(
        "usulan",
        *_common(),
        sa.Column("angkatan_id", sa.Uuid(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("nama_pegawai", sa.String(length=300), nullable=True),
        sa.Column("opd_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=True),
        sa.Column("diajukan_oleh", sa.String(length=200), nullable=False),
        sa.Column("relevan", sa.Boolean(), nullable=True),
        sa.Column("relevansi", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("alasan_tidak_relevan", sa.Text(), nullable=True),
        sa.Column("override_anggaran", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("alasan_override", sa.Text(), nullable=True),
        sa.Column("alasan_tolak", sa.Text(), nullable=True),
        sa.Column("diputuskan_oleh", sa.String(length=200), nullable=True),
        sa.Column("diputuskan_pada", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('diajukan', 'disetujui', 'ditolak')", name=op.f("ck_usulan_status")),
        sa.CheckConstraint(
            "NOT override_anggaran OR alasan_override IS NOT NULL", name=op.f("ck_usulan_override_beralasan")
        ),
        sa.CheckConstraint(
            "relevan IS NOT FALSE OR status <> 'disetujui' OR alasan_tidak_relevan IS NOT NULL",
            name=op.f("ck_usulan_tidak_relevan_beralasan"),
        ),
        sa.ForeignKeyConstraint(
            ["angkatan_id"], ["angkatan.id"], name=op.f("fk_usulan_angkatan_id_angkatan"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usulan")),
    )
    op.create_index(op.f("ix_usulan_angkatan_id"), "usulan", ["angkatan_id"])
    op.create_index("ix_usulan_opd_id_status", "usulan", ["opd_id", "status"])
    op.create_index("ix_usulan_nip", "usulan", ["nip"])
    op.create_index(
        "uq_usulan_pending",
        "usulan",
        ["angkatan_id", "nip"],
        unique=True,
        postgresql_where=sa.text("status = 'diajukan'"),
    )
    op.create_table(
        "peserta",
        *_common(),
        sa.Column("usulan_id", sa.Uuid(), nullable=False),
        sa.Column("angkatan_id", sa.Uuid(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("nama_pegawai", sa.String(length=300), nullable=True),
        sa.Column("opd_id", sa.Uuid(), nullable=False),
        sa.Column("tahun_anggaran", sa.Integer(), nullable=False),
        sa.Column("biaya", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("hasil", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("alasan_batal", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('terdaftar', 'hadir', 'lulus', 'tidak_lulus', 'batal')", name=op.f("ck_peserta_status")
        ),
        sa.CheckConstraint("biaya >= 0", name=op.f("ck_peserta_biaya_not_negative")),
        sa.CheckConstraint("hasil IS NULL OR status = 'lulus'", name=op.f("ck_peserta_hasil_only_lulus")),
        sa.ForeignKeyConstraint(
            ["angkatan_id"], ["angkatan.id"], name=op.f("fk_peserta_angkatan_id_angkatan"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["usulan_id"], ["usulan.id"], name=op.f("fk_peserta_usulan_id_usulan"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peserta")),
        sa.UniqueConstraint("usulan_id", name=op.f("uq_peserta_usulan_id")),
    )
    op.create_index(op.f("ix_peserta_angkatan_id"), "peserta", ["angkatan_id"])
    op.create_index("ix_peserta_opd_id_tahun_anggaran", "peserta", ["opd_id", "tahun_anggaran"])
    op.create_index("ix_peserta_nip", "peserta", ["nip"])
    op.create_index(
        "uq_peserta_active",
        "peserta",
        ["angkatan_id", "nip"],
        unique=True,
        postgresql_where=sa.text("status <> 'batal'"),
    )
    op.create_table(
        "permintaan",
        *_common(),
        sa.Column("angkatan_id", sa.Uuid(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("nama_pegawai", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=True),
        sa.Column("kompetensi_sesuai", postgresql.ARRAY(sa.String(length=30)), nullable=False),
        sa.Column("mengisi_gap", postgresql.ARRAY(sa.String(length=30)), nullable=False),
        sa.Column("usulan_id", sa.Uuid(), nullable=True),
        sa.Column("alasan_tolak", sa.Text(), nullable=True),
        sa.Column("diputuskan_oleh", sa.String(length=200), nullable=True),
        sa.Column("diputuskan_pada", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('diajukan', 'diteruskan', 'ditolak')", name=op.f("ck_permintaan_status")),
        sa.CheckConstraint(
            "status <> 'ditolak' OR alasan_tolak IS NOT NULL", name=op.f("ck_permintaan_tolak_beralasan")
        ),
        sa.ForeignKeyConstraint(
            ["angkatan_id"], ["angkatan.id"], name=op.f("fk_permintaan_angkatan_id_angkatan"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["usulan_id"], ["usulan.id"], name=op.f("fk_permintaan_usulan_id_usulan"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permintaan")),
    )
    op.create_index(op.f("ix_permintaan_angkatan_id"), "permintaan", ["angkatan_id"])
    op.create_index("ix_permintaan_nip", "permintaan", ["nip"])
    op.create_index(
        "uq_permintaan_pending",
        "permintaan",
        ["angkatan_id", "nip"],
        unique=True,
        postgresql_where=sa.text("status = 'diajukan'"),
    )


def downgrade() -> None:
    op.drop_table("permintaan")
    op.drop_table("peserta")
    op.drop_table("usulan")
    op.drop_table("anggaran")
