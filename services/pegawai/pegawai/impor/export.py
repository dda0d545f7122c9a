"""Export rows in the import columns, so an exported sheet can be edited and imported again."""

from __future__ import annotations

from typing import Any

from pegawai.impor.columns import LIST_SEPARATOR, Column
from pegawai.jabatan import queries as jabatan_q
from pegawai.pegawai import queries as pegawai_q
from pegawai.reach import reached
from shared.access import Scope
from shared.db import Session


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


async def jabatan_rows(session: Session, scope: Scope, cols: list[Column], **filters: Any) -> list[list[str]]:
    stmt = jabatan_q.with_unit_code(jabatan_q.list_statement(await reached(scope), **filters))
    out = []
    for row in (await session.execute(stmt)).all():
        j, unit_kode = row[0], row.unit_kode
        out.append([_text(unit_kode if c.field == "unit_kode" else getattr(j, c.field)) for c in cols])
    return out


async def pegawai_rows(session: Session, scope: Scope, f: pegawai_q.PegawaiFilter, cols: list[Column]) -> list[list[str]]:
    stmt = pegawai_q.with_codes(pegawai_q.list_statement(f, await reached(scope)))
    out = []
    for row in (await session.execute(stmt)).all():
        m = row._mapping
        values = {"jabatan_kode": m["jabatan_kode"], "unit_kode": None if m["jabatan_kode"] else m["unit_kode"]}
        out.append([_text(values[c.field] if c.field in values else m[c.field]) for c in cols])
    return out

