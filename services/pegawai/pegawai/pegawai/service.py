"""Employees: registration, the record, transfers (mutasi) and history, within the caller's reach."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pegawai.jabatan import queries as jabatan_q
from pegawai.jabatan.models import Jabatan
from pegawai.pegawai import queries, tanggal
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan, ranks
from pegawai.pegawai.schemas import (
    SELF_EDITABLE,
    MutasiIn,
    PegawaiCreate,
    PegawaiOut,
    PegawaiUpdate,
    RiwayatGolonganIn,
    RiwayatPendidikanIn,
    SortField,
    anggota_dict,
    bawahan_dict,
    check_grade_scheme,
    out_dict,
    to_out,
)
from pegawai.reach import reached
from pegawai.unit_organisasi import queries as unit_q
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared import audit
from shared.access import Capability, Scope
from shared.db import Session, rows_as_dicts
from shared.errors import Conflict, Forbidden, NotFound, UnprocessableEntity
from shared.kepegawaian import ENDED, SERVING_VALUES
from shared.nip import parse_nip, split_nips
from shared.pagination import PageOf, PageParams, columns, paginate
from shared.rules import load_pendidikan

Loaded = tuple[Pegawai, dict[str, Any]]  # the record and its position's and unit's names


async def get_readable(session: Session, scope: Scope, nip: str) -> Loaded:
    """The employee as the caller reads it (an atasan its direct reports too), else 404."""
    found = await queries.readable_one(session, nip, await reached(scope, reading=True))
    if found is None:
        raise NotFound("pegawai-not-found", nip=nip)
    return found


async def get_editable(session: Session, scope: Scope, nip: str) -> Loaded:
    """The employee within the caller's write reach (an atasan's reports are not in it), else 404."""
    found = await queries.readable_one(session, nip, await reached(scope))
    if found is None:
        raise NotFound("pegawai-not-found", nip=nip)
    return found


async def as_out(session: Session, scope: Scope, pegawai: Pegawai) -> PegawaiOut:
    """The employee as the API shows it, re-read after a write (names of position and unit)."""
    return to_out(*(await get_readable(session, scope, pegawai.nip)))


async def list_pegawai(
    session: Session, scope: Scope, f: queries.PegawaiFilter, page: PageParams, sort: SortField | None, descending: bool
) -> PageOf[dict[str, Any]]:
    stmt, params = queries.list_query(f, await reached(scope, reading=True), sort=sort, descending=descending)
    return await paginate(session, stmt, page, lambda row: out_dict(columns(row)), params=params, plain=True)


async def lookup(session: Session, scope: Scope, nips: list[str]) -> dict[str, Any]:
    """Up to 1,000 employees by NIP: found, missing (valid but out of reach) and invalid (with why)."""
    valid, refused = split_nips(nips)
    rows = await queries.by_nips(session, valid, await reached(scope, reading=True))
    found = {r.nip for r in rows}
    return {
        "items": [out_dict(r) for r in rows_as_dicts(rows)],
        "missing": [n for n in dict.fromkeys(valid) if n not in found],
        "invalid": [{"nip": raw, "error": reason} for raw, reason in refused],
    }


async def ringkas(
    session: Session,
    scope: Scope,
    page: PageParams,
    unit_id: uuid.UUID | None,
    kelompok: bool,
    f: queries.RingkasFilter = queries.RingkasFilter(),
    acuan: queries.Acuan | None = None,
) -> PageOf[dict[str, Any]]:
    """The compact rows of placement, by NIP, a page at a time; a unit out of reach is not found,
    and so is the position the range is taken from (`acuan`, as the position lookup reaches it)."""
    reach = await reached(scope, reading=True)
    if unit_id is not None and await unit_q.readable_one(session, unit_id, reach) is None:
        raise NotFound("unit-not-found", id=unit_id)
    if acuan is not None:
        f = await _rentang_acuan(session, scope, acuan, f)
    stmt, params = queries.ringkas_query(reach, unit_id, kelompok, f)
    return await paginate(session, stmt, page, columns, params=params, plain=True)


async def _rentang_acuan(
    session: Session, scope: Scope, acuan: queries.Acuan, f: queries.RingkasFilter
) -> queries.RingkasFilter:
    """The range of a position: its kelas and `kelas_turun` classes below (not under 1), its rumpun
    when asked and it has one; a bound given by name as well stands."""
    jabatan = await jabatan_q.readable_one(session, acuan.jabatan_id, await reached(scope))
    if jabatan is None:
        raise NotFound("jabatan-not-found", id=acuan.jabatan_id)
    kelas = jabatan.kelas_jabatan
    rumpun = jabatan.rumpun if acuan.rumpun and jabatan.rumpun else None
    return queries.RingkasFilter(
        f.kelas_min if f.kelas_min is not None else max(1, kelas - acuan.kelas_turun),
        f.kelas_maks if f.kelas_maks is not None else kelas,
        f.rumpun if f.rumpun is not None else rumpun,
    )


async def roster(session: Session, scope: Scope, unit: UnitOrganisasi) -> dict[str, Any]:
    """The serving employees of a unit and every unit under it that the caller reaches."""
    rows = await queries.roster(session, unit.id, SERVING_VALUES, await reached(scope, reading=True))
    return {"unit_id": unit.id, "items": [anggota_dict(r) for r in rows_as_dicts(rows)]}


async def lookup_atasan(session: Session, scope: Scope, nips: list[str]) -> dict[str, Any]:
    """The direct supervisor of up to 10,000 employees, in one statement: found, missing (valid but
    out of reach) and invalid (with why)."""
    valid, refused = split_nips(nips)
    rows = await queries.atasan(session, valid, await reached(scope, reading=True))
    found = {r.nip for r in rows}
    return {
        "items": rows_as_dicts(rows),
        "missing": [n for n in dict.fromkeys(valid) if n not in found],
        "invalid": [{"nip": raw, "error": reason} for raw, reason in refused],
    }


async def bawahan(session: Session, scope: Scope, pegawai: Pegawai) -> dict[str, Any]:
    """The serving employees (within the caller's reach) whose direct supervisor is this one."""
    rows = await queries.bawahan(session, pegawai.nip, await reached(scope, reading=True))
    return {"nip": pegawai.nip, "items": [bawahan_dict(r) for r in rows_as_dicts(rows)]}


async def _check_atasan(session: Session, scope: Scope, pegawai: Pegawai, nip: str) -> None:
    """A supervisor set by hand: another employee, serving, within the caller's (write) reach."""
    if nip == pegawai.nip:
        raise UnprocessableEntity("atasan-self")
    found = await queries.readable_one(session, nip, await reached(scope))
    if found is None or found[0].kedudukan in ENDED:
        raise UnprocessableEntity("atasan-not-in-scope", nip=nip)


async def _take_seat(
    session: Session, scope: Scope, jabatan_id: uuid.UUID, *, paksa: bool, alasan: str | None, moving: Pegawai | None
) -> Jabatan:
    """Lock the position and check its headcount; only admin_bkpsdm may overfill it, with a reason."""
    jabatan = await jabatan_q.lock(session, jabatan_id)
    if jabatan is None or await jabatan_q.readable_one(session, jabatan_id, await reached(scope)) is None:
        raise UnprocessableEntity("jabatan-not-in-scope", id=jabatan_id)
    if moving is not None and moving.jabatan_id == jabatan.id:
        raise UnprocessableEntity("jabatan-already-held", nama=jabatan.nama)
    filled = await jabatan_q.bezetting(session, jabatan.id)
    if filled >= jabatan.kebutuhan:
        if not paksa:
            raise Conflict(
                "jabatan-full",
                nama=jabatan.nama,
                bezetting=filled,
                kebutuhan=jabatan.kebutuhan,
                extra={"kebutuhan": jabatan.kebutuhan, "bezetting": filled},
            )
        if not scope.may(Capability.ADMIN):
            raise Forbidden("jabatan-full-bkpsdm")
        if not alasan or not alasan.strip():
            raise UnprocessableEntity("alasan-required")
        audit.because(session, f"over headcount: {alasan.strip()}")
    return jabatan


async def _check_target_positions(session: Session, ids: list[uuid.UUID] | None) -> None:
    """Career-interest targets must be real positions (any OPD: interest may cross OPDs)."""
    if not ids:
        return
    known = await jabatan_q.existing_ids(session, ids)
    unknown = [str(i) for i in ids if i not in known]
    if unknown:
        raise UnprocessableEntity("minat-jabatan-unknown", ids=", ".join(unknown))


async def create(session: Session, scope: Scope, data: PegawaiCreate) -> PegawaiOut:
    await _check_target_positions(session, data.minat_jabatan_ids)
    if await queries.nip_exists(session, data.nip):
        raise Conflict("pegawai-duplicate-nip", nip=data.nip)
    values = data.model_dump(exclude={"paksa", "alasan", "pendidikan_institusi", "pendidikan_tahun_lulus"})
    jabatan = None
    if data.jabatan_id is not None:
        jabatan = await _take_seat(session, scope, data.jabatan_id, paksa=data.paksa, alasan=data.alasan, moving=None)
        values["unit_id"] = jabatan.unit_id
        values["tmt_jabatan"] = data.tmt_jabatan or date.today()
    elif data.unit_id is not None:
        if await unit_q.readable_one(session, data.unit_id, await reached(scope)) is None:
            raise UnprocessableEntity("unit-not-in-scope", id=data.unit_id)
    elif not scope.reaches_all:
        raise UnprocessableEntity("pegawai-placement-required")
    pegawai = Pegawai(**values, **ranks(data.golongan, data.pendidikan_tingkat))
    session.add(pegawai)
    await session.flush()
    if jabatan is not None:
        unit_names = await unit_q.names(session, [jabatan.unit_id])
        session.add(
            RiwayatJabatan(
                pegawai_id=pegawai.id,
                jabatan_id=jabatan.id,
                nama_jabatan=jabatan.nama,
                nama_unit=unit_names.get(jabatan.unit_id),
                tmt_mulai=values["tmt_jabatan"],
            )
        )
    if data.golongan and data.tmt_golongan:
        session.add(RiwayatGolongan(pegawai_id=pegawai.id, golongan=data.golongan, tmt=data.tmt_golongan))
    if data.pendidikan_tingkat:
        session.add(
            RiwayatPendidikan(
                pegawai_id=pegawai.id,
                tingkat=data.pendidikan_tingkat,
                jurusan=data.pendidikan_jurusan,
                institusi=data.pendidikan_institusi,
                tahun_lulus=data.pendidikan_tahun_lulus,
            )
        )
    await session.flush()
    return await as_out(session, scope, pegawai)


async def update_record(session: Session, scope: Scope, pegawai: Pegawai, data: PegawaiUpdate) -> PegawaiOut:
    changes = data.model_dump(exclude_unset=True)
    if not scope.may(Capability.WRITE):
        denied = sorted(set(changes) - SELF_EDITABLE)
        if denied:
            raise Forbidden("self-service-fields", fields=", ".join(denied))
    for required in ("nama", "status_kepegawaian", "kedudukan"):
        if required in changes and changes[required] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=required)
    if "status_kepegawaian" in changes and (
        wrong := check_grade_scheme(changes["status_kepegawaian"], pegawai.golongan)
    ):
        raise UnprocessableEntity("golongan-wrong-scheme-error", **wrong[1])
    await _check_target_positions(session, changes.get("minat_jabatan_ids"))
    if changes.get("atasan_nip") is not None and changes["atasan_nip"] != pegawai.atasan_nip:
        await _check_atasan(session, scope, pegawai, changes["atasan_nip"])
    for key, value in changes.items():
        setattr(pegawai, key, list(value) if key.startswith("minat_") and value is not None else value)
    await session.flush()
    return await as_out(session, scope, pegawai)


async def mutasi(session: Session, scope: Scope, pegawai: Pegawai, data: MutasiIn) -> PegawaiOut:
    """Move an employee to another position and write the history, in the request's transaction."""
    if pegawai.kedudukan in ENDED:
        raise UnprocessableEntity("mutasi-ended", kedudukan=pegawai.kedudukan)
    if pegawai.tmt_jabatan and data.tmt < pegawai.tmt_jabatan:
        raise UnprocessableEntity(
            "mutasi-before-current", tmt=data.tmt.isoformat(), current=pegawai.tmt_jabatan.isoformat()
        )
    tanggal.refuse_tmt("tmt", data.tmt, parse_nip(pegawai.nip))
    if data.alasan:
        audit.because(session, data.alasan)
    jabatan = await _take_seat(session, scope, data.jabatan_id, paksa=data.paksa, alasan=data.alasan, moving=pegawai)
    await audit.update_many(
        session, RiwayatJabatan, queries.open_jabatan_history(pegawai.id), {"tmt_selesai": data.tmt}
    )
    unit_names = await unit_q.names(session, [jabatan.unit_id])
    session.add(
        RiwayatJabatan(
            pegawai_id=pegawai.id,
            jabatan_id=jabatan.id,
            nama_jabatan=jabatan.nama,
            nama_unit=unit_names.get(jabatan.unit_id),
            tmt_mulai=data.tmt,
            nomor_sk=data.nomor_sk,
            keterangan=data.keterangan,
        )
    )
    pegawai.jabatan_id = jabatan.id
    pegawai.unit_id = jabatan.unit_id
    pegawai.tmt_jabatan = data.tmt
    await session.flush()
    return await as_out(session, scope, pegawai)


async def add_golongan(session: Session, pegawai: Pegawai, data: RiwayatGolonganIn) -> RiwayatGolongan:
    if wrong := check_grade_scheme(pegawai.status_kepegawaian, data.golongan):
        raise UnprocessableEntity("golongan-wrong-scheme-error", **wrong[1])
    tanggal.refuse_tmt("tmt", data.tmt, parse_nip(pegawai.nip))
    row = RiwayatGolongan(pegawai_id=pegawai.id, **data.model_dump())
    session.add(row)
    if pegawai.tmt_golongan is None or data.tmt >= pegawai.tmt_golongan:
        pegawai.golongan, pegawai.tmt_golongan = data.golongan, data.tmt
        pegawai.golongan_rank = ranks(pegawai.golongan, None)["golongan_rank"]
    await session.flush()
    return row


async def add_pendidikan(session: Session, pegawai: Pegawai, data: RiwayatPendidikanIn) -> RiwayatPendidikan:
    tanggal.refuse_tahun_lulus("tahun_lulus", data.tahun_lulus, pegawai.tanggal_lahir)
    row = RiwayatPendidikan(pegawai_id=pegawai.id, **data.model_dump())
    session.add(row)
    rules = load_pendidikan()
    new = rules.levels[str(data.tingkat)]
    current = rules.resolve(pegawai.pendidikan_tingkat or "")
    if current is None or new.rank >= current.rank:
        pegawai.pendidikan_tingkat, pegawai.pendidikan_jurusan = data.tingkat, data.jurusan
        pegawai.pendidikan_rank = ranks(None, pegawai.pendidikan_tingkat)["pendidikan_rank"]
    await session.flush()
    return row


async def riwayat_jabatan(session: Session, pegawai: Pegawai) -> list[RiwayatJabatan]:
    return await queries.riwayat_jabatan(session, pegawai.id)


async def riwayat_golongan(session: Session, pegawai: Pegawai) -> list[RiwayatGolongan]:
    return await queries.riwayat_golongan(session, pegawai.id)


async def riwayat_pendidikan(session: Session, pegawai: Pegawai) -> list[RiwayatPendidikan]:
    return await queries.riwayat_pendidikan(session, pegawai.id)


async def rekap(session: Session, scope: Scope, unit_id: uuid.UUID | None, tahun: int) -> dict[str, Any]:
    """The serving employees' record completeness and the promotions of a calendar year, within
    reach (of a unit's subtree: a unit out of reach is not found)."""
    reach = await reached(scope, reading=True)
    if unit_id is not None and await unit_q.readable_one(session, unit_id, await reached(scope)) is None:
        raise NotFound("unit-not-found", id=unit_id)
    promotions = await queries.promosi(session, reach, unit_id, date(tahun, 1, 1), date(tahun, 12, 31))
    return {
        "unit_id": unit_id,
        "tahun": tahun,
        "kelengkapan": await queries.kelengkapan(session, reach, unit_id),
        "promosi": promotions,
    }
