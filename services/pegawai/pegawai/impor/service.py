"""Import: read each cell by its column's kind, validate every row with the same rules as the API,
resolve codes set-based, then write everything in one set-based INSERT per table, or nothing when
a row is bad (unless a partial import was asked for) or when it is only a dry run."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from typing import Any

from pydantic import BaseModel

from pegawai.impor.columns import Jenis, columns, header_of
from pegawai.jabatan import queries as jabatan_q
from pegawai.jabatan.models import Jabatan
from pegawai.jabatan.schemas import JabatanCreate
from pegawai.pegawai import queries as pegawai_q
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan, ranks
from pegawai.pegawai.schemas import PegawaiCreate, has_titles
from pegawai.reach import reached
from pegawai.unit_organisasi import queries as unit_q
from shared import audit, impor
from shared.access import Scope
from shared.db import Session
from shared.impor import Outcome, Row
from shared.kepegawaian import StatusKepegawaian
from shared.messages import t
from shared.nip import InvalidNIP, normalise, parse_nip
from shared.rules import load_golongan
from shared.workbook import LIST_SEPARATOR, SheetRow


def prepare(jenis: Jenis, table: list[SheetRow]) -> list[Row]:
    """Every cell converted by its column's kind, with the employee sheet's cross-checks.

    Pure and CPU-bound: the route runs it in a worker thread with the upload's parsing."""
    return impor.prepare(columns(jenis), table, _check_pegawai if jenis == Jenis.PEGAWAI else None)


def _check_pegawai(row: Row) -> None:
    """The rules whose API messages would name API fields, said per column; the offending value is
    dropped so that the model does not report it again."""
    v = row.values
    nama = v.get("nama")
    if isinstance(nama, str) and has_titles(nama):
        row.error("impor.nama-bergelar", t("impor.nama-bergelar", nilai=nama), "Nama")
    nip = None
    if "nip" in v:
        digits = normalise(str(v["nip"]))
        if len(digits) == 18 and digits.isdigit() and digits.endswith("000"):
            row.error("impor.nip-digits-lost", t("impor.nip-digits-lost", nip=digits), "NIP")
        else:
            try:
                nip = parse_nip(str(v["nip"]))
            except InvalidNIP:
                nip = None  # the model says which part is wrong
    if nip is not None and isinstance(v.get("tanggal_lahir"), date) and v["tanggal_lahir"] != nip.tanggal_lahir:
        given = v.pop("tanggal_lahir")
        row.error(
            "impor.lahir-nip",
            t("impor.lahir-nip", tanggal=f"{given:%d/%m/%Y}", dari_nip=f"{nip.tanggal_lahir:%d/%m/%Y}"),
            "Tanggal Lahir",
        )
    if nip is not None and "jenis_kelamin" in v and v["jenis_kelamin"] != nip.jenis_kelamin:
        row.error(
            "impor.jk-nip",
            t("impor.jk-nip", jk=v.pop("jenis_kelamin"), dari_nip=nip.jenis_kelamin.value),
            "Jenis Kelamin",
        )
    golongan = v.get("golongan")
    if golongan:
        grade = load_golongan().get(golongan)
        status = v.get("status_kepegawaian")
        scheme = "pppk" if status == StatusKepegawaian.PPPK else "pns"
        if grade is not None and status and grade.scheme != scheme:
            rentang = "I..XVII" if scheme == "pppk" else "I/a..IV/e"
            row.error(
                "impor.golongan-skema",
                t("impor.golongan-skema", golongan=v.pop("golongan"), status=status, rentang=rentang),
                "Golongan",
            )
        elif "tmt_golongan" not in v:
            v.pop("golongan")
            row.error("impor.golongan-tmt", t("impor.golongan-tmt"), "TMT Golongan")


def _validate(row: Row, jenis: Jenis, model: type[BaseModel], payload: dict[str, Any]) -> None:
    impor.validate(row, model, payload, lambda key: header_of(jenis, key))


def _pegawai(row: Row) -> PegawaiCreate:
    """The validated employee of a row (only rows that passed validation are asked)."""
    assert isinstance(row.data, PegawaiCreate)
    return row.data


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR.strip()) if part.strip()]


async def import_jabatan(
    session: Session, scope: Scope, rows: list[Row], partial: bool, dry_run: bool = False
) -> Outcome:
    reach = await reached(scope)
    units = await unit_q.ids_by_kode(session, {str(r.values["unit_kode"]) for r in rows if "unit_kode" in r.values})
    codes = Counter(str(r.values["kode"]) for r in rows if "kode" in r.values)
    existing = await jabatan_q.existing_codes(session, codes)
    # A position reports to one already stored within reach, or to one of the same file: each new
    # position gets its id now so that a row can name another row's code.
    new_ids = {kode: uuid.uuid4() for kode, n in codes.items() if n == 1 and kode not in existing}
    atasan_codes = {str(r.values["atasan_jabatan_kode"]) for r in rows if "atasan_jabatan_kode" in r.values}
    stored = await jabatan_q.ids_by_kode(session, atasan_codes - set(new_ids))
    for row in rows:
        v = dict(row.values)
        unit_kode = v.pop("unit_kode", None)
        if unit_kode is not None:
            unit_id = units.get(unit_kode)
            if unit_id is None or not reach.has_unit(unit_id):
                row.error("impor.unit-unknown", t("impor.unit-unknown", kode=unit_kode), "Kode Unit")
            else:
                v["unit_id"] = unit_id
        atasan_kode = v.pop("atasan_jabatan_kode", None)
        if atasan_kode is not None:
            if atasan_kode == v.get("kode"):
                row.error("jabatan-atasan-self", t("jabatan-atasan-self"), "Kode Jabatan Atasan")
            elif atasan_kode in new_ids:
                v["atasan_jabatan_id"] = new_ids[atasan_kode]
            elif atasan_kode in stored and reach.has_unit(stored[atasan_kode][1]):
                v["atasan_jabatan_id"] = stored[atasan_kode][0]
            else:
                row.error("impor.atasan-unknown", t("impor.atasan-unknown", kode=atasan_kode), "Kode Jabatan Atasan")
        for key in ("uraian_tugas", "hasil_kerja"):
            if key in v:
                v[key] = _split(str(v[key]))
        _validate(row, Jenis.JABATAN, JabatanCreate, v)
        kode = v.get("kode")
        if kode in existing:
            row.error("impor.kode-ada", t("impor.kode-ada", kode=kode), "Kode Jabatan")
        elif kode and codes[kode] > 1:
            row.error("impor.kode-ganda", t("impor.kode-ganda", kode=kode, kali=codes[kode]), "Kode Jabatan")
    _check_reporting_lines(rows)
    outcome = impor.outcome(rows, partial, dry_run)
    if not outcome.writes:
        return outcome
    good = [r.data for r in outcome.good if isinstance(r.data, JabatanCreate)]
    writable = {new_ids[d.kode] for d in good}
    left_out = set(new_ids.values()) - writable
    values = [{**d.model_dump(), "id": new_ids[d.kode], "version": 1} for d in good]
    for v in values:
        if v["atasan_jabatan_id"] in left_out:
            v["atasan_jabatan_id"] = None  # a partial import left out the row it reports to
    # Those reporting to a position of the file go in after it, level by level (the foreign key).
    written: set[uuid.UUID | None] = {None}
    pending = values
    while pending:
        level = [v for v in pending if v["atasan_jabatan_id"] in written or v["atasan_jabatan_id"] not in writable]
        assert level, "a circle among good rows"  # _check_reporting_lines made each a row error
        await audit.insert_many(session, Jabatan, level)
        written |= {v["id"] for v in level}
        pending = [v for v in pending if v["id"] not in written]
    outcome.hasil.dibuat = len(values)
    return outcome


def _check_reporting_lines(rows: list[Row]) -> None:
    """Positions of one file that report to each other in a circle: each is a row error."""
    by_kode = {str(r.values["kode"]): r for r in rows if "kode" in r.values}
    for row in rows:
        seen: set[str] = set()
        kode = row.values.get("kode")
        while kode is not None and kode in by_kode and kode not in seen:
            seen.add(str(kode))
            kode = by_kode[str(kode)].values.get("atasan_jabatan_kode")
        if kode is not None and kode == row.values.get("kode") and len(seen) > 1:
            row.error("impor.atasan-siklus", t("impor.atasan-siklus", kode=kode), "Kode Jabatan Atasan")


async def import_pegawai(
    session: Session, scope: Scope, rows: list[Row], partial: bool, dry_run: bool = False
) -> Outcome:
    reach = await reached(scope)
    jab_codes = {str(r.values["jabatan_kode"]) for r in rows if "jabatan_kode" in r.values}
    # Like a mutasi: hold the target positions before counting who sits in them, so two
    # imports (or an import and a mutasi) cannot both fill the last seat.
    await jabatan_q.lock_by_kode(session, jab_codes)
    positions = {row.kode: row for row in await jabatan_q.seats_by_kode(session, jab_codes)}
    units = await unit_q.ids_by_kode(session, {str(r.values["unit_kode"]) for r in rows if "unit_kode" in r.values})
    unit_names = await unit_q.names(session, {p.unit_id for p in positions.values()})
    nip_counts: Counter[str] = Counter()
    taken: Counter[uuid.UUID] = Counter()
    for row in rows:
        v = dict(row.values)
        jabatan_kode, unit_kode = v.pop("jabatan_kode", None), v.pop("unit_kode", None)
        position = positions.get(jabatan_kode) if jabatan_kode else None
        if jabatan_kode and (position is None or not reach.has_unit(position.unit_id)):
            row.error("impor.jabatan-unknown", t("impor.jabatan-unknown", kode=jabatan_kode), "Kode Jabatan")
            position = None
        if position is not None:
            v["jabatan_id"] = position.id
        elif unit_kode:
            unit_id = units.get(unit_kode)
            if unit_id is None or not reach.has_unit(unit_id):
                row.error("impor.unit-unknown", t("impor.unit-unknown", kode=unit_kode), "Kode Unit")
            else:
                v["unit_id"] = unit_id
        elif not row.errors and not scope.reaches_all:
            row.error("impor.jabatan-atau-unit", t("impor.jabatan-atau-unit"), "Kode Jabatan")
        _validate(row, Jenis.PEGAWAI, PegawaiCreate, v)
        if row.data is not None:
            nip = _pegawai(row).nip
            nip_counts[nip] += 1
            if position is not None and not row.errors:
                taken[position.id] += 1
                if position.bezetting + taken[position.id] > position.kebutuhan:
                    row.error(
                        "impor.jabatan-penuh",
                        t(
                            "impor.jabatan-penuh",
                            kode=position.kode,
                            kebutuhan=position.kebutuhan,
                            terisi=position.bezetting,
                        ),
                        "Kode Jabatan",
                    )
    existing = await pegawai_q.existing_nips(session, set(nip_counts))
    for row in rows:
        if row.data is None:
            continue
        nip = _pegawai(row).nip
        if nip in existing:
            row.error("impor.nip-ada", t("impor.nip-ada", nip=nip), "NIP")
        elif nip_counts[nip] > 1:
            row.error("impor.nip-ganda", t("impor.nip-ganda", nip=nip, kali=nip_counts[nip]), "NIP")
    outcome = impor.outcome(rows, partial, dry_run)
    if not outcome.writes:
        return outcome
    by_id = {p.id: p for p in positions.values()}
    records, hist_j, hist_g, hist_p = [], [], [], []
    for row in outcome.good:
        d = _pegawai(row)
        values = d.model_dump(exclude={"paksa", "alasan", "pendidikan_institusi", "pendidikan_tahun_lulus"})
        pid = uuid.uuid4()
        position = by_id.get(d.jabatan_id) if d.jabatan_id else None
        if position is not None:
            values["unit_id"] = position.unit_id
            values["tmt_jabatan"] = d.tmt_jabatan or date.today()
        values.update(id=pid, version=1, **ranks(d.golongan, d.pendidikan_tingkat))
        records.append(values)
        if position is not None:
            hist_j.append(
                {
                    "id": uuid.uuid4(),
                    "pegawai_id": pid,
                    "jabatan_id": position.id,
                    "nama_jabatan": position.nama,
                    "nama_unit": unit_names.get(position.unit_id),
                    "tmt_mulai": values["tmt_jabatan"],
                }
            )
        if d.golongan and d.tmt_golongan:
            hist_g.append({"id": uuid.uuid4(), "pegawai_id": pid, "golongan": d.golongan, "tmt": d.tmt_golongan})
        if d.pendidikan_tingkat:
            hist_p.append(
                {
                    "id": uuid.uuid4(),
                    "pegawai_id": pid,
                    "tingkat": d.pendidikan_tingkat,
                    "jurusan": d.pendidikan_jurusan,
                }
            )
    for model, rows_ in (
        (Pegawai, records),
        (RiwayatJabatan, hist_j),
        (RiwayatGolongan, hist_g),
        (RiwayatPendidikan, hist_p),
    ):
        await audit.insert_many(session, model, rows_)
    outcome.hasil.dibuat = len(records)
    return outcome
