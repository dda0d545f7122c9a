"""dictionary standards assessments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 03:24:39.714719
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kompetensi",
        sa.Column("kode", sa.String(length=30), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("definisi", sa.Text(), nullable=False),
        sa.Column("rumpun", sa.String(length=100), nullable=True),
        sa.Column("aktif", sa.Boolean(), nullable=False),
        sa.Column("dipensiunkan_pada", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("jenis IN ('manajerial', 'sosial_kultural', 'teknis')", name=op.f("ck_kompetensi_jenis")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kompetensi")),
        sa.UniqueConstraint("kode", name=op.f("uq_kompetensi_kode")),
    )
    op.create_index(op.f("ix_kompetensi_jenis"), "kompetensi", ["jenis"], unique=False)
    op.create_table(
        "asesmen",
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("kompetensi_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("metode", sa.String(length=30), nullable=False),
        sa.Column("asesor", sa.String(length=200), nullable=True),
        sa.Column("bukti", sa.String(length=500), nullable=True),
        sa.Column("koreksi_dari", sa.Uuid(), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("sumber", sa.String(length=200), nullable=True),
        sa.Column("dicatat_oleh", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "metode IN ('assessment_center', 'uji_kompetensi', 'penilaian_atasan', 'hasil_pelatihan', 'portofolio')",
            name=op.f("ck_asesmen_metode"),
        ),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_asesmen_level_range")),
        sa.ForeignKeyConstraint(
            ["kompetensi_id"], ["kompetensi.id"], name=op.f("fk_asesmen_kompetensi_id_kompetensi"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["koreksi_dari"], ["asesmen.id"], name=op.f("fk_asesmen_koreksi_dari_asesmen"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asesmen")),
        sa.UniqueConstraint("koreksi_dari", name=op.f("uq_asesmen_koreksi_dari")),
    )
    op.create_index(op.f("ix_asesmen_kompetensi_id"), "asesmen", ["kompetensi_id"], unique=False)
    op.create_index("ix_asesmen_nip_kompetensi_tanggal", "asesmen", ["nip", "kompetensi_id", "tanggal"], unique=False)
    op.create_table(
        "level_kompetensi",
        sa.Column("kompetensi_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("deskripsi", sa.Text(), nullable=False),
        sa.Column("indikator", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_level_kompetensi_level_range")),
        sa.ForeignKeyConstraint(
            ["kompetensi_id"],
            ["kompetensi.id"],
            name=op.f("fk_level_kompetensi_kompetensi_id_kompetensi"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kompetensi_id", "level", name=op.f("pk_level_kompetensi")),
    )
    op.create_table(
        "standar_kompetensi",
        sa.Column("jabatan_id", sa.Uuid(), nullable=False),
        sa.Column("kompetensi_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_standar_kompetensi_level_range")),
        sa.ForeignKeyConstraint(
            ["kompetensi_id"],
            ["kompetensi.id"],
            name=op.f("fk_standar_kompetensi_kompetensi_id_kompetensi"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("jabatan_id", "kompetensi_id", name=op.f("pk_standar_kompetensi")),
    )
    op.create_index(op.f("ix_standar_kompetensi_kompetensi_id"), "standar_kompetensi", ["kompetensi_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_standar_kompetensi_kompetensi_id"), table_name="standar_kompetensi")
    op.drop_table("standar_kompetensi")
    op.drop_table("level_kompetensi")
    op.drop_index("ix_asesmen_nip_kompetensi_tanggal", table_name="asesmen")
    op.drop_index(op.f("ix_asesmen_kompetensi_id"), table_name="asesmen")
    op.drop_table("asesmen")
    op.drop_index(op.f("ix_kompetensi_jenis"), table_name="kompetensi")
    op.drop_table("kompetensi")
