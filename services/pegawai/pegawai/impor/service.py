"""Import: validate every row with the same rules as the API, resolve codes set-based, then
write everything in one set-based INSERT per table, or nothing when a row is bad (unless a
partial import was asked for)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from pegawai.impor.columns import LIST_SEPARATOR, Column, Jenis, columns
from pegawai.impor.schemas import BarisError, HasilImpor
from pegawai.jabatan import queries as jabatan_q
from pegawai.jabatan.models import Jabatan
from pegawai.jabatan.schemas import JabatanCreate
from pegawai.pegawai import queries as pegawai_q
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan, ranks
from pegawai.pegawai.schemas import PegawaiCreate
from pegawai.reach import reached
from pegawai.unit_organisasi import queries as unit_q
from shared import audit
from shared.access import Scope
from shared.db import Session
from shared.errors import UnprocessableEntity


class Row:
    def __init__(self, number: int, values: dict[str, str]) -> None:
        self.number = number
        self.values = values
        self.errors: list[BarisError] = []
        self.data: BaseModel | None = None

    def error(self, message: str, column: Column | str | None = None) -> None:
        header = column.header if isinstance(column, Column) else column
        self.errors.append(BarisError(baris=self.number, kolom=header, pesan=message))


def map_rows(jenis: Jenis, header: list[str], body: list[tuple[int, list[str]]]) -> list[Row]:
    cols = columns(jenis)
    by_header = {c.header.lower(): c for c in cols}
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        col = by_header.get(h.strip().lower())
        if col:
            index[col.field] = i
    missing = [c.header for c in cols if c.required and c.field not in index]
    if missing:
        raise UnprocessableEntity(
            f"The sheet lacks the required column(s): {', '.join(missing)}. Download the template for the expected headers.",
            code="bad-columns",
        )
    rows = []
    for number, cells in body:
        values = {f: (cells[i] if i < len(cells) else "") for f, i in index.items()}
        rows.append(Row(number, values))
    return rows


def _header_of(jenis: Jenis, field: str) -> str:
    return next((c.header for c in columns(jenis) if c.field == field), field)


def _validate(row: Row, jenis: Jenis, model: type[BaseModel], payload: dict[str, Any]) -> None:
    try:
        row.data = model.model_validate(payload)
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err.get("loc") else None
            message = err["msg"].removeprefix("Value error, ")
            row.error(message, _header_of(jenis, field) if field else None)


def _clean(values: dict[str, str]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v != ""}


def _finish(rows: list[Row], partial: bool) -> tuple[list[Row], list[BarisError]]:
    errors = [e for r in rows for e in r.errors]
    good = [r for r in rows if not r.errors]
    if errors and not partial:
        raise UnprocessableEntity(
            f"{len(rows) - len(good)} of {len(rows)} rows have errors; nothing was imported. "
            "Fix them, or import with partial=true to keep the good rows.",
            code="import-rejected",
            diterima=len(good), ditolak=len(rows) - len(good), dibuat=0,
            errors=[e.model_dump() for e in errors],
        )
    return good, errors


async def import_jabatan(session: Session, scope: Scope, rows: list[Row], partial: bool) -> HasilImpor:
    reach = await reached(scope)
    units = await unit_q.ids_by_kode(session, {r.values.get("unit_kode", "") for r in rows} - {""})
    codes = Counter(r.values.get("kode", "") for r in rows)
    existing = await jabatan_q.existing_codes(session, codes)
    for row in rows:
        v = _clean(row.values)
        unit_id = units.get(v.get("unit_kode", ""))
        if "unit_kode" in v and (unit_id is None or not reach.has_unit(unit_id)):
            row.error(f"No unit with code {v['unit_kode']} in your scope.", _header_of(Jenis.JABATAN, "unit_kode"))
        for key in ("uraian_tugas", "hasil_kerja"):
            if key in v:
                v[key] = [t.strip() for t in v[key].split(LIST_SEPARATOR.strip()) if t.strip()]
        v["unit_id"] = unit_id or uuid.UUID(int=0)
        _validate(row, Jenis.JABATAN, JabatanCreate, v)
        kode = row.values.get("kode", "")
        if kode in existing:
            row.error(f"Position code {kode} already exists.", "Kode Jabatan")
        elif kode and codes[kode] > 1:
            row.error(f"Position code {kode} appears {codes[kode]} times in the file.", "Kode Jabatan")
    good, errors = _finish(rows, partial)
    values = [{**r.data.model_dump(), "id": uuid.uuid4(), "version": 1} for r in good if r.data]  # type: ignore[union-attr]
    await audit.insert_many(session, Jabatan, values)
    return HasilImpor(diterima=len(good), ditolak=len(rows) - len(good), dibuat=len(values), errors=errors)


async def import_pegawai(session: Session, scope: Scope, rows: list[Row], partial: bool) -> HasilImpor:
    reach = await reached(scope)
    jab_codes = {r.values.get("jabatan_kode", "") for r in rows} - {""}
    # Like a mutasi: hold the target positions before counting who sits in them, so two
    # imports (or an import and a mutasi) cannot both fill the last seat.
    await jabatan_q.lock_by_kode(session, jab_codes)
    positions = {row.kode: row for row in await jabatan_q.seats_by_kode(session, jab_codes)}
    units = await unit_q.ids_by_kode(session, {r.values.get("unit_kode", "") for r in rows} - {""})
    unit_names = await unit_q.names(session, {p.unit_id for p in positions.values()})
    nip_counts: Counter[str] = Counter()
    taken: Counter[uuid.UUID] = Counter()
    for row in rows:
        v = _clean(row.values)
        position = positions.get(v.pop("jabatan_kode", ""), None) if "jabatan_kode" in v else None
        if "jabatan_kode" in row.values and row.values["jabatan_kode"] and (position is None or not reach.has_unit(position.unit_id)):
            row.error(f"No position with code {row.values['jabatan_kode']} in your scope.", "Kode Jabatan")
        unit_code = v.pop("unit_kode", None)
        if position is not None:
            v["jabatan_id"] = position.id
        elif unit_code:
            unit_id = units.get(unit_code)
            if unit_id is None or not reach.has_unit(unit_id):
                row.error(f"No unit with code {unit_code} in your scope.", "Kode Unit")
            v["unit_id"] = unit_id
        elif not row.errors and not scope.reaches_all:
            row.error("Give a Kode Jabatan or a Kode Unit in your OPD.", "Kode Jabatan")
        _validate(row, Jenis.PEGAWAI, PegawaiCreate, v)
        if row.data is not None:
            nip = row.data.nip  # type: ignore[attr-defined]
            nip_counts[nip] += 1
            if position is not None and not row.errors:
                taken[position.id] += 1
                if position.bezetting + taken[position.id] > position.kebutuhan:
                    row.error(
                        f"Position {position.kode} is full ({position.kebutuhan} needed, "
                        f"{position.bezetting} already filled, earlier rows take the rest).",
                        "Kode Jabatan",
                    )
    existing = await pegawai_q.existing_nips(session, set(nip_counts))
    for row in rows:
        if row.data is None:
            continue
        nip = row.data.nip  # type: ignore[attr-defined]
        if nip in existing:
            row.error(f"An employee with NIP {nip} already exists.", "NIP")
        elif nip_counts[nip] > 1:
            row.error(f"NIP {nip} appears {nip_counts[nip]} times in the file.", "NIP")
    good, errors = _finish(rows, partial)
    by_id = {p.id: p for p in positions.values()}
    records, hist_j, hist_g, hist_p = [], [], [], []
    for row in good:
        d: PegawaiCreate = row.data  # type: ignore[assignment]
        values = d.model_dump(exclude={"paksa", "alasan", "pendidikan_institusi", "pendidikan_tahun_lulus"})
        pid = uuid.uuid4()
        position = by_id.get(d.jabatan_id) if d.jabatan_id else None
        if position is not None:
            values["unit_id"] = position.unit_id
            values["tmt_jabatan"] = d.tmt_jabatan or date.today()
        values.update(id=pid, version=1, **ranks(d.golongan, d.pendidikan_tingkat))
        records.append(values)
        if position is not None:
            hist_j.append({"id": uuid.uuid4(), "pegawai_id": pid, "jabatan_id": position.id, "nama_jabatan": position.nama,
                           "nama_unit": unit_names.get(position.unit_id), "tmt_mulai": values["tmt_jabatan"]})
        if d.golongan and d.tmt_golongan:
            hist_g.append({"id": uuid.uuid4(), "pegawai_id": pid, "golongan": d.golongan, "tmt": d.tmt_golongan})
        if d.pendidikan_tingkat:
            hist_p.append({"id": uuid.uuid4(), "pegawai_id": pid, "tingkat": d.pendidikan_tingkat, "jurusan": d.pendidikan_jurusan})
    for model, rows_ in ((Pegawai, records), (RiwayatJabatan, hist_j), (RiwayatGolongan, hist_g), (RiwayatPendidikan, hist_p)):
        await audit.insert_many(session, model, rows_)
    return HasilImpor(diterima=len(good), ditolak=len(rows) - len(good), dibuat=len(records), errors=errors)
