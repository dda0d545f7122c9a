"""Positions (jabatan): their headcount, tasks and requirements, within the caller's reach."""

from __future__ import annotations

import uuid
from typing import Any

from pegawai.jabatan import queries
from pegawai.jabatan.models import Jabatan
from pegawai.jabatan.schemas import JabatanCreate, JabatanOut, JabatanUpdate
from pegawai.pegawai.models import Pegawai
from pegawai.reach import reached
from pegawai.unit_organisasi import queries as unit_q
from shared import audit
from shared.access import Scope
from shared.db import Session, lock_named
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.pagination import PageOf, PageParams, columns, entity, paginate

REQUIRED = ("kode", "nama", "jenis", "kelas_jabatan", "unit_id", "kebutuhan", "kunci")
# Lists are never NULL in the table: sending null empties them.
LISTS = ("uraian_tugas", "hasil_kerja")


async def get_readable(session: Session, scope: Scope, jabatan_id: uuid.UUID) -> Jabatan:
    jabatan = await queries.readable_one(session, jabatan_id, await reached(scope))
    if jabatan is None:
        raise NotFound("jabatan-not-found", id=jabatan_id)
    return jabatan


async def list_jabatan(session: Session, scope: Scope, page: PageParams, **filters: Any) -> PageOf[JabatanOut]:
    stmt = queries.list_statement(await reached(scope), **filters)
    return await paginate(session, stmt, page, entity(JabatanOut))


async def ringkas(
    session: Session, scope: Scope, page: PageParams, unit_id: uuid.UUID | None
) -> PageOf[dict[str, Any]]:
    """The compact rows of placement; a unit out of reach is not found."""
    reach = await reached(scope)
    if unit_id is not None and await unit_q.readable_one(session, unit_id, reach) is None:
        raise NotFound("unit-not-found", id=unit_id)
    return await paginate(session, queries.ringkas_statement(reach, unit_id), page, columns, plain=True)


async def lookup(session: Session, scope: Scope, ids: list[uuid.UUID]) -> tuple[list[Jabatan], list[uuid.UUID]]:
    found = await queries.by_ids(session, ids, await reached(scope))
    seen = {j.id for j in found}
    return found, list(dict.fromkeys(i for i in ids if i not in seen))


async def _check_unit(session: Session, scope: Scope, unit_id: uuid.UUID) -> None:
    if await unit_q.readable_one(session, unit_id, await reached(scope)) is None:
        raise UnprocessableEntity("unit-not-in-scope", id=unit_id)


async def _check_kode(session: Session, kode: str, own_id: uuid.UUID | None = None) -> None:
    other = await queries.get_by_kode(session, kode)
    if other is not None and other.id != own_id:
        raise Conflict("jabatan-kode-taken", kode=kode, nama=other.nama)


async def _check_atasan(session: Session, scope: Scope, jabatan: Jabatan | None, atasan_id: uuid.UUID) -> None:
    """The position named as superior exists within reach, and is neither this one nor one that
    reports to it (directly or through others): the chain stays a tree."""
    if jabatan is not None and atasan_id == jabatan.id:
        raise UnprocessableEntity("jabatan-atasan-self")
    atasan = await queries.readable_one(session, atasan_id, await reached(scope))
    if atasan is None:
        raise UnprocessableEntity("jabatan-not-in-scope", id=atasan_id)
    if jabatan is not None:
        # Two concurrent changes (A under B, B under A) would each pass alone: one at a time.
        await lock_named(session, "jabatan-atasan")
        if await queries.reports_to(session, atasan_id, jabatan.id):
            raise UnprocessableEntity("jabatan-atasan-cycle", nama=jabatan.nama, atasan=atasan.nama)


async def create(session: Session, scope: Scope, data: JabatanCreate) -> Jabatan:
    await _check_unit(session, scope, data.unit_id)
    await _check_kode(session, data.kode)
    if data.atasan_jabatan_id is not None:
        await _check_atasan(session, scope, None, data.atasan_jabatan_id)
    jabatan = Jabatan(**data.model_dump())
    session.add(jabatan)
    await session.flush()
    return jabatan


async def update(session: Session, scope: Scope, jabatan: Jabatan, data: JabatanUpdate) -> Jabatan:
    changes = data.model_dump(exclude_unset=True)
    for required in REQUIRED:
        if required in changes and changes[required] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=required)
    for key in LISTS:
        if key in changes and changes[key] is None:
            changes[key] = []
    if "kode" in changes:
        await _check_kode(session, changes["kode"], jabatan.id)
    if changes.get("atasan_jabatan_id") is not None and changes["atasan_jabatan_id"] != jabatan.atasan_jabatan_id:
        await _check_atasan(session, scope, jabatan, changes["atasan_jabatan_id"])
    if "unit_id" in changes and changes["unit_id"] != jabatan.unit_id:
        await _check_unit(session, scope, changes["unit_id"])
        # Employees follow their position to the new unit: audited, and their ETags go stale.
        await audit.update_many(session, Pegawai, Pegawai.jabatan_id == jabatan.id, {"unit_id": changes["unit_id"]})
    for key, value in changes.items():
        setattr(jabatan, key, value)
    await session.flush()
    return jabatan


async def delete(session: Session, scope: Scope, jabatan: Jabatan) -> None:
    holders = await queries.holders(session, jabatan.id)
    if holders:
        raise Conflict("jabatan-occupied", nama=jabatan.nama, count=holders)
    # Positions reporting to this one report to none now: audited, and their ETags go stale.
    await audit.update_many(session, Jabatan, Jabatan.atasan_jabatan_id == jabatan.id, {"atasan_jabatan_id": None})
    await session.delete(jabatan)
    await session.flush()


async def rekap(session: Session, scope: Scope, unit_id: uuid.UUID | None) -> dict[str, Any]:
    """The positions' job-analysis and peta jabatan counts; a unit out of reach is not found."""
    reach = await reached(scope)
    if unit_id is not None and await unit_q.readable_one(session, unit_id, reach) is None:
        raise NotFound("unit-not-found", id=unit_id)
    return {"unit_id": unit_id, **await queries.rekap(session, reach, unit_id)}
