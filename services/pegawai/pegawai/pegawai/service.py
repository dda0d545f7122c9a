from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.access import Scope
from pegawai.jabatan import queries as jabatan_q
from pegawai.jabatan.models import Jabatan
from pegawai.pegawai import queries, tanggal
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan
from pegawai.pegawai.schemas import (
    SELF_EDITABLE,
    MutasiIn,
    PegawaiCreate,
    PegawaiUpdate,
    RiwayatGolonganIn,
    RiwayatPendidikanIn,
    check_grade_scheme,
)
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared import audit
from shared.errors import Conflict, Forbidden, NotFound, UnprocessableEntity
from shared.nip import InvalidNIP, parse_nip
from shared.rules import load_golongan, load_pendidikan


async def get_in_scope(session: AsyncSession, scope: Scope, nip: str) -> tuple[Pegawai, dict[str, Any]]:
    try:
        value = parse_nip(nip).value
    except InvalidNIP as exc:
        raise UnprocessableEntity(str(exc), code="invalid-nip") from exc
    found = await queries.by_nip(session, value)
    if found is None or not _sees(scope, found[0]):
        raise NotFound(f"No employee with NIP {value} in your scope.")
    return found


def _sees(scope: Scope, p: Pegawai) -> bool:
    if scope.self_nip is not None:
        return p.nip == scope.self_nip
    return scope.sees_unit(p.unit_id)


def _ranks(p: Pegawai) -> None:
    grade = load_golongan().get(p.golongan) if p.golongan else None
    p.golongan_rank = grade.rank if grade else None
    level = load_pendidikan().resolve(p.pendidikan_tingkat) if p.pendidikan_tingkat else None
    p.pendidikan_rank = level.comparison_rank if level else None


async def _take_seat(
    session: AsyncSession, scope: Scope, jabatan_id: Any, *, paksa: bool, alasan: str | None, moving: Pegawai | None
) -> Jabatan:
    """Lock the position and check its headcount; only admin_bkpsdm may overfill it, with a reason."""
    jabatan = await jabatan_q.lock(session, jabatan_id)
    if jabatan is None or not scope.sees_unit(jabatan.unit_id):
        raise UnprocessableEntity(f"Position {jabatan_id} does not exist in your scope.")
    if moving is not None and moving.jabatan_id == jabatan.id:
        raise UnprocessableEntity(f"The employee already holds '{jabatan.nama}'.")
    filled = await jabatan_q.bezetting(session, jabatan.id)
    if filled >= jabatan.kebutuhan:
        if not paksa:
            raise Conflict(
                f"Position '{jabatan.nama}' is full ({filled} of {jabatan.kebutuhan} filled). "
                "Choose another position, or ask admin_bkpsdm to place the employee anyway with a reason.",
                code="jabatan-full",
                kebutuhan=jabatan.kebutuhan,
                bezetting=filled,
            )
        if not scope.is_admin:
            raise Forbidden("Only admin_bkpsdm may place an employee into a full position.")
        if not alasan or not alasan.strip():
            raise UnprocessableEntity("Placing into a full position needs a reason (alasan).")
        session.info["reason"] = f"over headcount: {alasan.strip()}"
    return jabatan


async def _check_target_positions(session: AsyncSession, ids: list[Any] | None) -> None:
    """Career-interest targets must be real positions (any OPD: interest may cross OPDs)."""
    if not ids:
        return
    found = set((await session.execute(select(Jabatan.id).where(Jabatan.id.in_(set(ids))))).scalars())
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise UnprocessableEntity(f"minat_jabatan_ids: no position with id {', '.join(unknown)}.")


async def create(session: AsyncSession, scope: Scope, data: PegawaiCreate) -> Pegawai:
    scope.require_writer()
    await _check_target_positions(session, data.minat_jabatan_ids)
    if await session.scalar(select(Pegawai.id).where(Pegawai.nip == data.nip)) is not None:
        raise Conflict(f"An employee with NIP {data.nip} already exists.", code="duplicate-nip")
    values = data.model_dump(exclude={"paksa", "alasan", "pendidikan_institusi", "pendidikan_tahun_lulus"})
    jabatan = None
    if data.jabatan_id is not None:
        jabatan = await _take_seat(session, scope, data.jabatan_id, paksa=data.paksa, alasan=data.alasan, moving=None)
        values["unit_id"] = jabatan.unit_id
        values["tmt_jabatan"] = data.tmt_jabatan or date.today()
    elif data.unit_id is not None:
        if await session.get(UnitOrganisasi, data.unit_id) is None or not scope.sees_unit(data.unit_id):
            raise UnprocessableEntity(f"Unit {data.unit_id} does not exist in your scope.")
    elif not scope.is_admin:
        raise UnprocessableEntity("Give the employee a position (jabatan_id) or a unit (unit_id) in your OPD.")
    pegawai = Pegawai(**values)
    _ranks(pegawai)
    session.add(pegawai)
    await session.flush()
    if jabatan is not None:
        unit = await session.get(UnitOrganisasi, jabatan.unit_id)
        session.add(
            RiwayatJabatan(
                pegawai_id=pegawai.id, jabatan_id=jabatan.id, nama_jabatan=jabatan.nama,
                nama_unit=unit.nama if unit else None, tmt_mulai=values["tmt_jabatan"],
            )
        )
    if data.golongan and data.tmt_golongan:
        session.add(RiwayatGolongan(pegawai_id=pegawai.id, golongan=data.golongan, tmt=data.tmt_golongan))
    if data.pendidikan_tingkat:
        session.add(
            RiwayatPendidikan(
                pegawai_id=pegawai.id, tingkat=data.pendidikan_tingkat, jurusan=data.pendidikan_jurusan,
                institusi=data.pendidikan_institusi, tahun_lulus=data.pendidikan_tahun_lulus,
            )
        )
    await session.flush()
    return pegawai


async def update_record(session: AsyncSession, scope: Scope, pegawai: Pegawai, data: PegawaiUpdate) -> Pegawai:
    changes = data.model_dump(exclude_unset=True)
    if scope.self_nip is not None:
        denied = set(changes) - SELF_EDITABLE
        if denied:
            raise Forbidden(f"You may change only your contact and career interest, not: {', '.join(sorted(denied))}.")
    else:
        scope.require_write_unit(pegawai.unit_id, "employee")
    for required in ("nama", "status_kepegawaian", "kedudukan"):
        if required in changes and changes[required] is None:
            raise UnprocessableEntity(f"{required} cannot be emptied.")
    if "status_kepegawaian" in changes:
        try:
            check_grade_scheme(changes["status_kepegawaian"], pegawai.golongan)
        except ValueError as exc:
            raise UnprocessableEntity(str(exc)) from exc
    await _check_target_positions(session, changes.get("minat_jabatan_ids"))
    if changes.get("bup_khusus") not in (None, "guru", "dosen", "profesor"):
        raise UnprocessableEntity("bup_khusus must be guru, dosen or profesor.")
    for key, value in changes.items():
        setattr(pegawai, key, list(value) if key.startswith("minat_") and value is not None else value)
    await session.flush()
    return pegawai


async def mutasi(session: AsyncSession, scope: Scope, pegawai: Pegawai, data: MutasiIn) -> Pegawai:
    """Move an employee to another position and write the history, in the request's transaction."""
    scope.require_write_unit(pegawai.unit_id, "employee")
    if pegawai.kedudukan in ("pensiun", "berhenti", "meninggal"):
        raise UnprocessableEntity(f"An employee with kedudukan '{pegawai.kedudukan}' cannot be transferred.")
    if pegawai.tmt_jabatan and data.tmt < pegawai.tmt_jabatan:
        raise UnprocessableEntity(
            f"The transfer date {data.tmt} is before the start of the current position ({pegawai.tmt_jabatan})."
        )
    tanggal.refuse_tmt("tmt", data.tmt, parse_nip(pegawai.nip))
    jabatan = await _take_seat(session, scope, data.jabatan_id, paksa=data.paksa, alasan=data.alasan, moving=pegawai)
    open_rows = (RiwayatJabatan.pegawai_id == pegawai.id) & RiwayatJabatan.tmt_selesai.is_(None)
    await audit.update_many(session, RiwayatJabatan, open_rows, {"tmt_selesai": data.tmt})
    unit = await session.get(UnitOrganisasi, jabatan.unit_id)
    session.add(
        RiwayatJabatan(
            pegawai_id=pegawai.id, jabatan_id=jabatan.id, nama_jabatan=jabatan.nama,
            nama_unit=unit.nama if unit else None, tmt_mulai=data.tmt, nomor_sk=data.nomor_sk,
            keterangan=data.keterangan,
        )
    )
    pegawai.jabatan_id = jabatan.id
    pegawai.unit_id = jabatan.unit_id
    pegawai.tmt_jabatan = data.tmt
    await session.flush()
    return pegawai


async def add_golongan(session: AsyncSession, scope: Scope, pegawai: Pegawai, data: RiwayatGolonganIn) -> RiwayatGolongan:
    scope.require_write_unit(pegawai.unit_id, "employee")
    try:
        check_grade_scheme(pegawai.status_kepegawaian, data.golongan)
    except ValueError as exc:
        raise UnprocessableEntity(str(exc)) from exc
    tanggal.refuse_tmt("tmt", data.tmt, parse_nip(pegawai.nip))
    row = RiwayatGolongan(pegawai_id=pegawai.id, **data.model_dump())
    session.add(row)
    if pegawai.tmt_golongan is None or data.tmt >= pegawai.tmt_golongan:
        pegawai.golongan, pegawai.tmt_golongan = data.golongan, data.tmt
        _ranks(pegawai)
    await session.flush()
    return row


async def add_pendidikan(
    session: AsyncSession, scope: Scope, pegawai: Pegawai, data: RiwayatPendidikanIn
) -> RiwayatPendidikan:
    scope.require_write_unit(pegawai.unit_id, "employee")
    tanggal.refuse_tahun_lulus("tahun_lulus", data.tahun_lulus, pegawai.tanggal_lahir)
    row = RiwayatPendidikan(pegawai_id=pegawai.id, **data.model_dump())
    session.add(row)
    rules = load_pendidikan()
    new = rules.levels[data.tingkat]
    current = rules.resolve(pegawai.pendidikan_tingkat or "")
    if current is None or new.rank >= current.rank:
        pegawai.pendidikan_tingkat, pegawai.pendidikan_jurusan = data.tingkat, data.jurusan
        _ranks(pegawai)
    await session.flush()
    return row


async def riwayat(session: AsyncSession, model: Any, pegawai: Pegawai, order: Any) -> list[Any]:
    return list((await session.execute(select(model).where(model.pegawai_id == pegawai.id).order_by(order))).scalars())


__all__ = ["NotFound", "create", "get_in_scope", "mutasi", "update_record"]
