"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 02:40:23.693802
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migrations import create_shared_tables_v1, drop_shared_tables_v1

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Typo-tolerant search on names and NIPs needs trigram indexes.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    create_shared_tables_v1()
    op.create_table(
        "unit_organisasi",
        sa.Column("kode", sa.String(length=50), nullable=False),
        sa.Column("nama", sa.String(length=300), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["unit_organisasi.id"],
            name=op.f("fk_unit_organisasi_parent_id_unit_organisasi"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_organisasi")),
        sa.UniqueConstraint("kode", name=op.f("uq_unit_organisasi_kode")),
    )
    op.create_index(op.f("ix_unit_organisasi_parent_id"), "unit_organisasi", ["parent_id"], unique=False)
    op.create_table(
        "jabatan",
        sa.Column("kode", sa.String(length=50), nullable=False),
        sa.Column("nama", sa.String(length=300), nullable=False),
        sa.Column("jenis", sa.String(length=30), nullable=False),
        sa.Column("kelas_jabatan", sa.SmallInteger(), nullable=False),
        sa.Column("rumpun", sa.String(length=100), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("kebutuhan", sa.Integer(), nullable=False),
        sa.Column("uraian_tugas", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("hasil_kerja", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("syarat_pendidikan_min", sa.String(length=10), nullable=True),
        sa.Column("syarat_golongan_min", sa.String(length=10), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kebutuhan >= 0", name=op.f("ck_jabatan_kebutuhan_nonneg")),
        sa.CheckConstraint("kelas_jabatan BETWEEN 1 AND 17", name=op.f("ck_jabatan_kelas_range")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_organisasi.id"], name=op.f("fk_jabatan_unit_id_unit_organisasi"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jabatan")),
        sa.UniqueConstraint("kode", name=op.f("uq_jabatan_kode")),
    )
    op.create_index(op.f("ix_jabatan_jenis"), "jabatan", ["jenis"], unique=False)
    op.create_index(op.f("ix_jabatan_kelas_jabatan"), "jabatan", ["kelas_jabatan"], unique=False)
    op.create_index(op.f("ix_jabatan_rumpun"), "jabatan", ["rumpun"], unique=False)
    op.create_index(op.f("ix_jabatan_unit_id"), "jabatan", ["unit_id"], unique=False)
    op.create_table(
        "pegawai",
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("gelar_depan", sa.String(length=50), nullable=True),
        sa.Column("gelar_belakang", sa.String(length=100), nullable=True),
        sa.Column("tempat_lahir", sa.String(length=100), nullable=True),
        sa.Column("tanggal_lahir", sa.Date(), nullable=False),
        sa.Column("jenis_kelamin", sa.String(length=1), nullable=False),
        sa.Column("status_kepegawaian", sa.String(length=10), nullable=False),
        sa.Column("kedudukan", sa.String(length=30), nullable=False),
        sa.Column("golongan", sa.String(length=10), nullable=True),
        sa.Column("golongan_rank", sa.SmallInteger(), nullable=True),
        sa.Column("tmt_golongan", sa.Date(), nullable=True),
        sa.Column("pendidikan_tingkat", sa.String(length=10), nullable=True),
        sa.Column("pendidikan_rank", sa.SmallInteger(), nullable=True),
        sa.Column("pendidikan_jurusan", sa.String(length=200), nullable=True),
        sa.Column("jabatan_id", sa.Uuid(), nullable=True),
        sa.Column("tmt_jabatan", sa.Date(), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("bup_khusus", sa.String(length=20), nullable=True),
        sa.Column("bup_override", sa.SmallInteger(), nullable=True),
        sa.Column("minat_rumpun", sa.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("minat_jabatan_ids", sa.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("telepon", sa.String(length=30), nullable=True),
        sa.Column("alamat", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["jabatan_id"], ["jabatan.id"], name=op.f("fk_pegawai_jabatan_id_jabatan"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_organisasi.id"], name=op.f("fk_pegawai_unit_id_unit_organisasi"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pegawai")),
        sa.UniqueConstraint("nip", name=op.f("uq_pegawai_nip")),
    )
    op.create_index(op.f("ix_pegawai_golongan_rank"), "pegawai", ["golongan_rank"], unique=False)
    op.create_index(op.f("ix_pegawai_jabatan_id"), "pegawai", ["jabatan_id"], unique=False)
    op.create_index(op.f("ix_pegawai_kedudukan"), "pegawai", ["kedudukan"], unique=False)
    op.create_index(
        "ix_pegawai_nama_trgm",
        "pegawai",
        ["nama"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"nama": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_pegawai_nip_trgm",
        "pegawai",
        ["nip"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"nip": "gin_trgm_ops"},
    )
    op.create_index(op.f("ix_pegawai_pendidikan_rank"), "pegawai", ["pendidikan_rank"], unique=False)
    op.create_index(op.f("ix_pegawai_status_kepegawaian"), "pegawai", ["status_kepegawaian"], unique=False)
    op.create_index(op.f("ix_pegawai_unit_id"), "pegawai", ["unit_id"], unique=False)
    op.create_table(
        "riwayat_golongan",
        sa.Column("pegawai_id", sa.Uuid(), nullable=False),
        sa.Column("golongan", sa.String(length=10), nullable=False),
        sa.Column("tmt", sa.Date(), nullable=False),
        sa.Column("nomor_sk", sa.String(length=100), nullable=True),
        sa.Column("jenis_kenaikan", sa.String(length=50), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_riwayat_golongan_pegawai_id_pegawai"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_riwayat_golongan")),
    )
    op.create_index(op.f("ix_riwayat_golongan_pegawai_id"), "riwayat_golongan", ["pegawai_id"], unique=False)
    op.create_table(
        "riwayat_jabatan",
        sa.Column("pegawai_id", sa.Uuid(), nullable=False),
        sa.Column("jabatan_id", sa.Uuid(), nullable=True),
        sa.Column("nama_jabatan", sa.String(length=300), nullable=False),
        sa.Column("nama_unit", sa.String(length=300), nullable=True),
        sa.Column("tmt_mulai", sa.Date(), nullable=False),
        sa.Column("tmt_selesai", sa.Date(), nullable=True),
        sa.Column("nomor_sk", sa.String(length=100), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["jabatan_id"], ["jabatan.id"], name=op.f("fk_riwayat_jabatan_jabatan_id_jabatan"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_riwayat_jabatan_pegawai_id_pegawai"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_riwayat_jabatan")),
    )
    op.create_index(op.f("ix_riwayat_jabatan_pegawai_id"), "riwayat_jabatan", ["pegawai_id"], unique=False)
    op.create_table(
        "riwayat_pendidikan",
        sa.Column("pegawai_id", sa.Uuid(), nullable=False),
        sa.Column("tingkat", sa.String(length=10), nullable=False),
        sa.Column("jurusan", sa.String(length=200), nullable=True),
        sa.Column("institusi", sa.String(length=200), nullable=True),
        sa.Column("tahun_lulus", sa.SmallInteger(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_riwayat_pendidikan_pegawai_id_pegawai"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_riwayat_pendidikan")),
    )
    op.create_index(op.f("ix_riwayat_pendidikan_pegawai_id"), "riwayat_pendidikan", ["pegawai_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_riwayat_pendidikan_pegawai_id"), table_name="riwayat_pendidikan")
    op.drop_table("riwayat_pendidikan")
    op.drop_index(op.f("ix_riwayat_jabatan_pegawai_id"), table_name="riwayat_jabatan")
    op.drop_table("riwayat_jabatan")
    op.drop_index(op.f("ix_riwayat_golongan_pegawai_id"), table_name="riwayat_golongan")
    op.drop_table("riwayat_golongan")
    op.drop_index(op.f("ix_pegawai_unit_id"), table_name="pegawai")
    op.drop_index(op.f("ix_pegawai_status_kepegawaian"), table_name="pegawai")
    op.drop_index(op.f("ix_pegawai_pendidikan_rank"), table_name="pegawai")
    op.drop_index(
        "ix_pegawai_nip_trgm", table_name="pegawai", postgresql_using="gin", postgresql_ops={"nip": "gin_trgm_ops"}
    )
    op.drop_index(
        "ix_pegawai_nama_trgm", table_name="pegawai", postgresql_using="gin", postgresql_ops={"nama": "gin_trgm_ops"}
    )
    op.drop_index(op.f("ix_pegawai_kedudukan"), table_name="pegawai")
    op.drop_index(op.f("ix_pegawai_jabatan_id"), table_name="pegawai")
    op.drop_index(op.f("ix_pegawai_golongan_rank"), table_name="pegawai")
    op.drop_table("pegawai")
    op.drop_index(op.f("ix_jabatan_unit_id"), table_name="jabatan")
    op.drop_index(op.f("ix_jabatan_rumpun"), table_name="jabatan")
    op.drop_index(op.f("ix_jabatan_kelas_jabatan"), table_name="jabatan")
    op.drop_index(op.f("ix_jabatan_jenis"), table_name="jabatan")
    op.drop_table("jabatan")
    op.drop_index(op.f("ix_unit_organisasi_parent_id"), table_name="unit_organisasi")
    op.drop_table("unit_organisasi")
    drop_shared_tables_v1()
