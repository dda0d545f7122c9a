"""SKP: periods, SKP with work results and behaviour ratings, corrections, numeric SKP of before 2022

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMPS = (
    ("created_at", sa.DateTime(timezone=True)),
    ("updated_at", sa.DateTime(timezone=True)),
)


def _stamps() -> list[sa.Column]:
    return [sa.Column(n, t, server_default=sa.text("now()"), nullable=False) for n, t in STAMPS]


def upgrade() -> None:
    op.create_table(
        "periode_skp",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        *_stamps(),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("evaluasi", sa.String(length=12), nullable=False),
        sa.Column("terbuka", sa.Boolean(), nullable=False),
        sa.CheckConstraint("evaluasi IN ('bulanan', 'triwulanan', 'semesteran')", name=op.f("ck_periode_skp_evaluasi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periode_skp")),
        sa.UniqueConstraint("tahun", name=op.f("uq_periode_skp_tahun")),
    )
    op.create_table(
        "skp",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        *_stamps(),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("periode_id", sa.Uuid(), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("penilai_nip", sa.String(length=18), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("rating_hasil_kerja", sa.String(length=10), nullable=True),
        sa.Column("rating_perilaku_kerja", sa.String(length=10), nullable=True),
        sa.Column("predikat", sa.String(length=20), nullable=True),
        sa.Column("catatan_penilai", sa.Text(), nullable=True),
        sa.Column("dinilai_pada", sa.DateTime(timezone=True), nullable=True),
        sa.Column("nama_pegawai", sa.String(length=300), nullable=False),
        sa.Column("unit_nama", sa.String(length=300), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft', 'diajukan', 'disetujui', 'dinilai', 'final')", name=op.f("ck_skp_status")
        ),
        sa.CheckConstraint(
            "rating_hasil_kerja IS NULL OR rating_hasil_kerja IN ('diatas', 'sesuai', 'dibawah')",
            name=op.f("ck_skp_rating_hasil"),
        ),
        sa.CheckConstraint(
            "rating_perilaku_kerja IS NULL OR rating_perilaku_kerja IN ('diatas', 'sesuai', 'dibawah')",
            name=op.f("ck_skp_rating_perilaku"),
        ),
        sa.ForeignKeyConstraint(
            ["periode_id"], ["periode_skp.id"], name=op.f("fk_skp_periode_id_periode_skp"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skp")),
        sa.UniqueConstraint("nip", "periode_id", name=op.f("uq_skp_nip_periode_id")),
    )
    op.create_index(op.f("ix_skp_periode_id"), "skp", ["periode_id"])
    op.create_index("ix_skp_penilai_nip", "skp", ["penilai_nip"])
    op.create_table(
        "rencana_hasil_kerja",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("skp_id", sa.Uuid(), nullable=False),
        sa.Column("urutan", sa.SmallInteger(), nullable=False),
        sa.Column("uraian", sa.Text(), nullable=False),
        sa.Column("indikator", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("target", sa.String(length=300), nullable=False),
        sa.Column("realisasi", sa.Text(), nullable=True),
        sa.Column("mendukung_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mendukung_id"],
            ["rencana_hasil_kerja.id"],
            name=op.f("fk_rencana_hasil_kerja_mendukung_id_rencana_hasil_kerja"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["skp_id"], ["skp.id"], name=op.f("fk_rencana_hasil_kerja_skp_id_skp"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rencana_hasil_kerja")),
    )
    op.create_index(op.f("ix_rencana_hasil_kerja_skp_id"), "rencana_hasil_kerja", ["skp_id"])
    op.create_index(op.f("ix_rencana_hasil_kerja_mendukung_id"), "rencana_hasil_kerja", ["mendukung_id"])
    op.create_table(
        "perilaku_kerja",
        sa.Column("skp_id", sa.Uuid(), nullable=False),
        sa.Column("nilai", sa.String(length=30), nullable=False),
        sa.Column("urutan", sa.SmallInteger(), nullable=False),
        sa.Column("rating", sa.String(length=10), nullable=False),
        sa.Column("catatan", sa.Text(), nullable=True),
        sa.CheckConstraint("rating IN ('diatas', 'sesuai', 'dibawah')", name=op.f("ck_perilaku_kerja_rating")),
        sa.ForeignKeyConstraint(["skp_id"], ["skp.id"], name=op.f("fk_perilaku_kerja_skp_id_skp"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("skp_id", "nilai", name=op.f("pk_perilaku_kerja")),
    )
    op.create_table(
        "koreksi_skp",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("skp_id", sa.Uuid(), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=False),
        sa.Column("sebelum", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("sesudah", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("oleh", sa.String(length=200), nullable=False),
        sa.Column("pada", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["skp_id"], ["skp.id"], name=op.f("fk_koreksi_skp_skp_id_skp"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_koreksi_skp")),
    )
    op.create_index(op.f("ix_koreksi_skp_skp_id"), "koreksi_skp", ["skp_id"])
    op.create_table(
        "skp_lama",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_stamps(),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("skala", sa.String(length=20), nullable=False),
        sa.Column("nilai", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("predikat", sa.String(length=30), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skp_lama")),
        sa.UniqueConstraint("nip", "tahun", name=op.f("uq_skp_lama_nip_tahun")),
    )


def downgrade() -> None:
    for table in ("skp_lama", "koreksi_skp", "perilaku_kerja", "rencana_hasil_kerja", "skp", "periode_skp"):
        op.drop_table(table)
