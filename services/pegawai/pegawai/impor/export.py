"""The workbooks of the import columns: template, export and error report, so any of them can be
edited and imported again; each with the codes valid in the caller's scope on reference sheets."""

from __future__ import annotations

from typing import Any

from pegawai.impor.columns import JABATAN_SHEET, UNIT_SHEET, Jenis, columns, notes
from pegawai.jabatan import queries as jabatan_q
from pegawai.pegawai import queries as pegawai_q
from pegawai.reach import reached
from pegawai.unit_organisasi import queries as unit_q
from shared import impor
from shared.access import Scope
from shared.db import Session
from shared.workbook import LIST_SEPARATOR, Column, Kind, Sheet, write_csv


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


async def jabatan_rows(session: Session, scope: Scope, cols: list[Column], **filters: Any) -> list[list[Any]]:
    """The positions the caller reaches, filtered, in the import columns."""
    out = []
    for row in await jabatan_q.export_rows(session, await reached(scope), **filters):
        j, codes = row[0], {"unit_kode": row.unit_kode, "atasan_jabatan_kode": row.atasan_jabatan_kode}
        out.append([_value(codes[c.key] if c.key in codes else getattr(j, c.key)) for c in cols])
    return out


async def pegawai_rows(
    session: Session, scope: Scope, f: pegawai_q.PegawaiFilter, cols: list[Column]
) -> list[list[Any]]:
    """The employees the caller reaches, filtered as the list is, in the import columns."""
    out = []
    for row in await pegawai_q.export_rows(session, f, await reached(scope)):
        m = row._mapping
        values = {"jabatan_kode": m["jabatan_kode"], "unit_kode": None if m["jabatan_kode"] else m["unit_kode"]}
        out.append([_value(values[c.key] if c.key in values else m[c.key]) for c in cols])
    return out


async def references(session: Session, scope: Scope, jenis: Jenis) -> list[Sheet]:
    """The unit codes (and for employees the position codes) an officer may use: only its scope's."""
    reach = await reached(scope)
    units = await unit_q.reference_rows(session, reach)
    sheets = [
        Sheet(
            UNIT_SHEET,
            [Column("Kode Unit", kind=Kind.CODE), Column("Nama Unit"), Column("Jenis Unit")],
            [list(r) for r in units],
            dropdown_rows=0,
        )
    ]
    if jenis == Jenis.PEGAWAI:
        cols = [
            Column("Kode Jabatan", kind=Kind.CODE),
            Column("Nama Jabatan"),
            Column("Kode Unit", kind=Kind.CODE),
            Column("Jenis Jabatan"),
            Column("Kebutuhan (ABK)", kind=Kind.INTEGER),
        ]
        positions = await jabatan_q.reference_rows(session, reach)
        sheets.append(Sheet(JABATAN_SHEET, cols, [list(r) for r in positions], dropdown_rows=0))
    return sheets


def workbook(jenis: Jenis, rows: list[list[Any]], refs: list[Sheet], *, with_errors: bool = False) -> bytes:
    """Template, export or error report. Blocking: run it in a worker thread."""
    return impor.workbook(columns(jenis), rows, notes(jenis), refs, with_errors=with_errors)


def csv_file(jenis: Jenis, rows: list[list[Any]]) -> bytes:
    return write_csv(columns(jenis), rows)
