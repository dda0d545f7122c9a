"""The workbooks of the import columns: template, export and error report, so any of them can be
edited and imported again; each with the codes valid in the caller's scope on reference sheets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.access import Scope
from pegawai.impor.columns import ERROR_HEADER, JABATAN_SHEET, UNIT_SHEET, Jenis, columns, notes
from pegawai.impor.service import Row
from pegawai.jabatan.models import Jabatan
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared.workbook import DATA_SHEET, LIST_SEPARATOR, Column, Kind, Sheet, instructions_sheet, write_csv, write_xlsx

U = UnitOrganisasi


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


async def jabatan_rows(session: AsyncSession, stmt: Any, cols: list[Column]) -> list[list[Any]]:
    stmt = stmt.add_columns(U.kode.label("unit_kode")).join(U, U.id == Jabatan.unit_id)
    out = []
    for row in (await session.execute(stmt)).all():
        j, unit_kode = row[0], row.unit_kode
        out.append([_value(unit_kode if c.key == "unit_kode" else getattr(j, c.key)) for c in cols])
    return out


async def pegawai_rows(session: AsyncSession, stmt: Any, cols: list[Column]) -> list[list[Any]]:
    stmt = stmt.add_columns(Jabatan.kode.label("jabatan_kode"), U.kode.label("unit_kode"))
    out = []
    for row in (await session.execute(stmt)).all():
        m = row._mapping
        values = {"jabatan_kode": m["jabatan_kode"], "unit_kode": None if m["jabatan_kode"] else m["unit_kode"]}
        out.append([_value(values[c.key] if c.key in values else m[c.key]) for c in cols])
    return out


async def references(session: AsyncSession, scope: Scope, jenis: Jenis) -> list[Sheet]:
    """The unit codes (and for employees the position codes) an officer may use: only its scope's."""
    units = select(U.kode, U.nama, U.jenis).order_by(U.kode)
    if scope.unit_ids is not None:
        units = units.where(U.id.in_(scope.unit_ids))
    sheets = [Sheet(UNIT_SHEET, [Column("Kode Unit", kind=Kind.CODE), Column("Nama Unit"), Column("Jenis Unit")],
                    [list(r) for r in (await session.execute(units)).all()], dropdown_rows=0)]
    if jenis == Jenis.PEGAWAI:
        positions = (select(Jabatan.kode, Jabatan.nama, U.kode, Jabatan.jenis, Jabatan.kebutuhan)
                     .join(U, U.id == Jabatan.unit_id).order_by(Jabatan.kode))
        if scope.unit_ids is not None:
            positions = positions.where(Jabatan.unit_id.in_(scope.unit_ids))
        cols = [Column("Kode Jabatan", kind=Kind.CODE), Column("Nama Jabatan"), Column("Kode Unit", kind=Kind.CODE),
                Column("Jenis Jabatan"), Column("Kebutuhan (ABK)", kind=Kind.INTEGER)]
        sheets.append(Sheet(JABATAN_SHEET, cols, [list(r) for r in (await session.execute(positions)).all()], dropdown_rows=0))
    return sheets


def workbook(jenis: Jenis, rows: list[list[Any]], refs: list[Sheet], *, with_errors: bool = False) -> bytes:
    """The data sheet (rows in the import columns, plus "Kesalahan" for a report), the
    instructions, and the reference sheets. Blocking: run it in a worker thread."""
    cols = columns(jenis)
    data_cols = [*cols, Column(ERROR_HEADER, width=80)] if with_errors else cols
    return write_xlsx([Sheet(DATA_SHEET, data_cols, rows), instructions_sheet(cols, notes(jenis)), *refs])


def csv_file(jenis: Jenis, rows: list[list[Any]]) -> bytes:
    return write_csv(columns(jenis), rows)


def report_rows(jenis: Jenis, rows: list[Row]) -> list[list[Any]]:
    """The rows as the officer sent them (values untouched, so a refused number cell is still
    refused when sent back unchanged), each with its problems."""
    cols = columns(jenis)
    out = []
    for row in rows:
        problems = "; ".join(f"{e.kolom}: {e.pesan}" if e.kolom else e.pesan for e in row.errors)
        out.append([*(row.raw.get(c.key) for c in cols), problems or None])
    return out
