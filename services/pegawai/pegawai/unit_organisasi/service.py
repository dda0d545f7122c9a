from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.access import Scope
from pegawai.unit_organisasi import queries
from pegawai.unit_organisasi.models import JenisUnit, UnitOrganisasi
from pegawai.unit_organisasi.schemas import UnitCreate, UnitUpdate
from shared.db import lock_named
from shared.errors import Conflict, Forbidden, NotFound, UnprocessableEntity

TREE_MOVE_LOCK = "pegawai.unit_organisasi.move"


async def get_in_scope(session: AsyncSession, scope: Scope, unit_id: uuid.UUID) -> UnitOrganisasi:
    unit = await queries.get(session, unit_id)
    if unit is None or not scope.sees_unit(unit.id):
        raise NotFound(f"No organisation unit {unit_id} in your scope.")
    return unit


async def _check_kode_free(session: AsyncSession, kode: str, own_id: uuid.UUID | None = None) -> None:
    other = await queries.get_by_kode(session, kode)
    if other is not None and other.id != own_id:
        raise Conflict(f"Unit code {kode} is already used by '{other.nama}'. Choose another code.")


async def create(session: AsyncSession, scope: Scope, data: UnitCreate) -> UnitOrganisasi:
    scope.require_writer()
    if data.parent_id is None:
        if not scope.is_admin:
            raise Forbidden("Only admin_bkpsdm may create a top-level unit.")
        if data.jenis not in (JenisUnit.INSTANSI, JenisUnit.OPD):
            raise UnprocessableEntity("A unit without a parent must be an instansi or an OPD.")
    else:
        parent = await queries.get(session, data.parent_id)
        if parent is None or not scope.sees_unit(parent.id):
            raise UnprocessableEntity(f"Parent unit {data.parent_id} does not exist in your scope.")
    await _check_kode_free(session, data.kode)
    unit = UnitOrganisasi(**data.model_dump())
    session.add(unit)
    await session.flush()
    return unit


async def update(session: AsyncSession, scope: Scope, unit: UnitOrganisasi, data: UnitUpdate) -> UnitOrganisasi:
    scope.require_write_unit(unit.id)
    changes = data.model_dump(exclude_unset=True)
    if "kode" in changes and changes["kode"] is not None:
        await _check_kode_free(session, changes["kode"], unit.id)
    if "parent_id" in changes:
        new_parent = changes["parent_id"]
        if not scope.is_admin and (new_parent is None or not scope.sees_unit(new_parent) or unit.id == scope.principal.opd_id):
            raise Forbidden("admin_opd may move units only within its own OPD, and not the OPD itself.")
        if new_parent is not None:
            # The cycle check reads the tree and the move then changes it: two moves at once
            # (A under B, B under A) would each pass the check. Moves wait for each other, and
            # each statement after the wait sees the tree the previous move committed.
            await lock_named(session, TREE_MOVE_LOCK)
            if new_parent == unit.id:
                raise UnprocessableEntity("A unit cannot be its own parent.")
            if await queries.get(session, new_parent) is None:
                raise UnprocessableEntity(f"Parent unit {new_parent} does not exist.")
            if new_parent in await queries.subtree_ids(session, unit.id):
                raise UnprocessableEntity(
                    "Moving this unit under one of its own sub-units would create a cycle in the organisation tree.",
                    code="unit-cycle",
                )
    for key, value in changes.items():
        if value is None and key != "parent_id":
            continue
        setattr(unit, key, value)
    await session.flush()
    return unit


async def delete(session: AsyncSession, scope: Scope, unit: UnitOrganisasi) -> None:
    scope.require_write_unit(unit.id)
    children, jabatan = await queries.counts(session, unit.id)
    if jabatan:
        raise Conflict(
            f"Unit '{unit.nama}' still holds {jabatan} position(s); move or delete them first.", code="unit-not-empty"
        )
    if children:
        raise Conflict(
            f"Unit '{unit.nama}' still has {children} sub-unit(s); move or delete them first.", code="unit-not-empty"
        )
    await session.delete(unit)
    await session.flush()
