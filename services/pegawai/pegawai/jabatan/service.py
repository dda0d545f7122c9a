from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.access import Scope
from pegawai.jabatan import queries
from pegawai.jabatan.models import Jabatan
from pegawai.jabatan.schemas import JabatanCreate, JabatanUpdate
from pegawai.pegawai.models import Pegawai
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared import audit
from shared.errors import Conflict, NotFound, UnprocessableEntity


async def get_in_scope(session: AsyncSession, scope: Scope, jabatan_id: uuid.UUID) -> Jabatan:
    jabatan = await session.get(Jabatan, jabatan_id)
    if jabatan is None or not _sees(scope, jabatan):
        raise NotFound(f"No position (jabatan) {jabatan_id} in your scope.")
    return jabatan


def _sees(scope: Scope, jabatan: Jabatan) -> bool:
    return scope.sees_unit(jabatan.unit_id)


async def _check_unit(session: AsyncSession, scope: Scope, unit_id: uuid.UUID) -> None:
    if await session.get(UnitOrganisasi, unit_id) is None or not scope.sees_unit(unit_id):
        raise UnprocessableEntity(f"Unit {unit_id} does not exist in your scope.")


async def _check_kode(session: AsyncSession, kode: str, own_id: uuid.UUID | None = None) -> None:
    other = await queries.get_by_kode(session, kode)
    if other is not None and other.id != own_id:
        raise Conflict(f"Position code {kode} is already used by '{other.nama}'. Choose another code.")


async def create(session: AsyncSession, scope: Scope, data: JabatanCreate) -> Jabatan:
    scope.require_writer()
    await _check_unit(session, scope, data.unit_id)
    await _check_kode(session, data.kode)
    jabatan = Jabatan(**data.model_dump())
    session.add(jabatan)
    await session.flush()
    return jabatan


async def update(session: AsyncSession, scope: Scope, jabatan: Jabatan, data: JabatanUpdate) -> Jabatan:
    scope.require_write_unit(jabatan.unit_id, "position")
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items()}
    for required in ("kode", "nama", "jenis", "kelas_jabatan", "unit_id", "kebutuhan"):
        if required in changes and changes[required] is None:
            raise UnprocessableEntity(f"{required} cannot be emptied.")
    if "kode" in changes:
        await _check_kode(session, changes["kode"], jabatan.id)
    if "unit_id" in changes and changes["unit_id"] != jabatan.unit_id:
        await _check_unit(session, scope, changes["unit_id"])
        # Employees follow their position to the new unit: audited, and their ETags go stale.
        await audit.update_many(session, Pegawai, Pegawai.jabatan_id == jabatan.id, {"unit_id": changes["unit_id"]})
    for key, value in changes.items():
        setattr(jabatan, key, value)
    await session.flush()
    return jabatan


async def delete(session: AsyncSession, scope: Scope, jabatan: Jabatan) -> None:
    scope.require_write_unit(jabatan.unit_id, "position")
    holders = await session.scalar(select(func.count()).select_from(Pegawai).where(Pegawai.jabatan_id == jabatan.id))
    if holders:
        raise Conflict(
            f"Position '{jabatan.nama}' is held by {holders} employee(s); transfer them first.", code="jabatan-occupied"
        )
    await session.delete(jabatan)
    await session.flush()


async def lookup(session: AsyncSession, scope: Scope, ids: list[uuid.UUID]) -> tuple[list[Jabatan], list[uuid.UUID]]:
    stmt = select(Jabatan).where(Jabatan.id.in_(set(ids)))
    if scope.unit_ids is not None:
        stmt = stmt.where(Jabatan.unit_id.in_(scope.unit_ids))
    found = list((await session.execute(stmt)).scalars())
    seen = {j.id for j in found}
    missing = list(dict.fromkeys(i for i in ids if i not in seen))
    return found, missing
