"""Seed the managerial and socio-cultural competencies (PermenPAN-RB 38/2017)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The texts come from shared/rules/kompetensi.yaml as it is when this migration runs; a later change
to those texts needs its own migration.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.rules import load_kompetensi

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMESPACE = uuid.UUID("0b6f4a52-3c1e-4a8e-9f7b-5a1d2c3e4f60")


def kompetensi_id(kode: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, kode)


def upgrade() -> None:
    rules = load_kompetensi()
    kompetensi = sa.table(
        "kompetensi",
        sa.column("id", sa.Uuid),
        sa.column("kode", sa.String),
        sa.column("nama", sa.String),
        sa.column("jenis", sa.String),
        sa.column("definisi", sa.Text),
        sa.column("aktif", sa.Boolean),
        sa.column("version", sa.BigInteger),
    )
    level = sa.table(
        "level_kompetensi",
        sa.column("kompetensi_id", sa.Uuid),
        sa.column("level", sa.SmallInteger),
        sa.column("deskripsi", sa.Text),
        sa.column("indikator", sa.JSON),
    )
    op.bulk_insert(
        kompetensi,
        [
            {
                "id": kompetensi_id(c.kode),
                "kode": c.kode,
                "nama": c.nama,
                "jenis": c.jenis,
                "definisi": c.definisi,
                "aktif": True,
                "version": 1,
            }
            for c in rules.competencies.values()
        ],
    )
    op.bulk_insert(
        level,
        [
            {"kompetensi_id": kompetensi_id(c.kode), "level": i, "deskripsi": text, "indikator": [text]}
            for c in rules.competencies.values()
            for i, text in enumerate(c.levels, start=1)
        ],
    )
    op.execute(
        sa.text(
            "INSERT INTO audit_log (actor, entity, entity_id, action, reason, after) "
            "VALUES ('migration', 'kompetensi', '*', 'bulk_insert', 'seed: PermenPAN-RB 38/2017', "
            f"'{{\"rows\": {len(rules.competencies)}}}')"
        )
    )


def downgrade() -> None:
    codes = list(load_kompetensi().competencies)
    op.execute(sa.text("DELETE FROM kompetensi WHERE kode = ANY(:codes)").bindparams(codes=codes))
