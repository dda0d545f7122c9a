"""Awards and disciplinary sanctions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

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
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("nama_pegawai", sa.String(length=300), nullable=False),
        sa.Column("unit_nama", sa.String(length=300), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "penghargaan",
        *_common(),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("nomor_sk", sa.String(length=100), nullable=False),
        sa.Column("pemberi", sa.String(length=200), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("diumumkan", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_penghargaan")),
    )
    op.create_index(op.f("ix_penghargaan_nip"), "penghargaan", ["nip"])
    op.create_index(
        "ix_penghargaan_diumumkan_tanggal", "penghargaan", ["tanggal"], postgresql_where=sa.text("diumumkan")
    )
    op.create_table(
        "hukuman_disiplin",
        *_common(),
        sa.Column("tingkat", sa.String(length=10), nullable=False),
        sa.Column("jenis", sa.String(length=10), nullable=False),
        sa.Column("nomor_sk", sa.String(length=100), nullable=False),
        sa.Column("tanggal_sk", sa.Date(), nullable=False),
        sa.Column("tmt", sa.Date(), nullable=False),
        sa.Column("tanggal_selesai", sa.Date(), nullable=True),
        sa.Column("alasan", sa.Text(), nullable=True),
        sa.Column("diumumkan_internal", sa.Boolean(), nullable=False),
        sa.CheckConstraint("tingkat IN ('ringan', 'sedang', 'berat')", name=op.f("ck_hukuman_disiplin_tingkat")),
        sa.CheckConstraint(
            "tanggal_selesai IS NULL OR tanggal_selesai >= tmt", name=op.f("ck_hukuman_disiplin_period")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hukuman_disiplin")),
    )
    op.create_index("ix_hukuman_disiplin_nip_tmt", "hukuman_disiplin", ["nip", "tmt"])


def downgrade() -> None:
    op.drop_table("hukuman_disiplin")
    op.drop_table("penghargaan")
