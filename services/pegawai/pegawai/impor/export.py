"""Export rows in the import columns, so an exported sheet can be edited and imported again."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.impor.columns import LIST_SEPARATOR, Column
from pegawai.jabatan.models import Jabatan
from pegawai.unit_organisasi.models import UnitOrganisasi


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


async def jabatan_rows(session: AsyncSession, stmt: Any, cols: list[Column]) -> list[list[str]]:
    stmt = stmt.add_columns(UnitOrganisasi.kode.label("unit_kode")).join(UnitOrganisasi, UnitOrganisasi.id == Jabatan.unit_id)
    out = []
    for row in (await session.execute(stmt)).all():
        j, unit_kode = row[0], row.unit_kode
        out.append([_text(unit_kode if c.field == "unit_kode" else getattr(j, c.field)) for c in cols])
    return out


async def pegawai_rows(session: AsyncSession, stmt: Any, cols: list[Column]) -> list[list[str]]:
    stmt = stmt.add_columns(Jabatan.kode.label("jabatan_kode"), UnitOrganisasi.kode.label("unit_kode"))
    out = []
    for row in (await session.execute(stmt)).all():
        m = row._mapping
        values = {"jabatan_kode": m["jabatan_kode"], "unit_kode": None if m["jabatan_kode"] else m["unit_kode"]}
        out.append([_text(values[c.field] if c.field in values else m[c.field]) for c in cols])
    return out

