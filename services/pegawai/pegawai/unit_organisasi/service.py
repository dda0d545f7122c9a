"""Organisation units: the tree of instansi, OPD, bidang, sub-bidang, seksi and UPT."""

from __future__ import annotations

import uuid

from pegawai.reach import reached
from pegawai.unit_organisasi import queries
from pegawai.unit_organisasi.models import JenisUnit, UnitOrganisasi
from pegawai.unit_organisasi.schemas import UnitCreate, UnitOut, UnitTreeNode, UnitUpdate
from shared.access import Capability, Scope
from shared.db import Session, lock_named
from shared.errors import Conflict, Forbidden, NotFound, UnprocessableEntity
from shared.pagination import PageOf, PageParams, entity, paginate

TREE_MOVE_LOCK = "pegawai.unit_organisasi.move"
# An OPD's own officers shape the inside of their OPD; what sits at OPD level and above is BKPSDM's.
OPD_INTERNAL_KINDS = frozenset({JenisUnit.BIDANG, JenisUnit.SUB_BIDANG, JenisUnit.SEKSI, JenisUnit.UPT})
STRUCTURAL_FIELDS = ("kode", "jenis", "parent_id")


async def get_readable(session: Session, scope: Scope, unit_id: uuid.UUID) -> UnitOrganisasi:
    unit = await queries.readable_one(session, unit_id, await reached(scope))
    if unit is None:
        raise NotFound("unit-not-found", id=unit_id)
    return unit


async def list_units(
    session: Session, scope: Scope, page: PageParams, *, parent_id: uuid.UUID | None, jenis: str | None, q: str | None
) -> PageOf[UnitOut]:
    stmt = queries.list_statement(await reached(scope), parent_id=parent_id, jenis=jenis, q=q)
    return await paginate(session, stmt, page, entity(UnitOut))


async def subtree(session: Session, unit: UnitOrganisasi) -> list[UnitTreeNode]:
    return [
        UnitTreeNode.model_validate({**UnitOut.model_validate(u).model_dump(), "depth": d})
        for u, d in await queries.subtree(session, unit.id)
    ]


async def _check_kode_free(session: Session, kode: str, own_id: uuid.UUID | None = None) -> None:
    other = await queries.get_by_kode(session, kode)
    if other is not None and other.id != own_id:
        raise Conflict("unit-kode-taken", kode=kode, nama=other.nama)


def _check_kind_for(scope: Scope, jenis: str) -> None:
    if not scope.may(Capability.ADMIN) and jenis not in OPD_INTERNAL_KINDS:
        raise Forbidden("unit-kind-bkpsdm", jenis=jenis, allowed=", ".join(sorted(OPD_INTERNAL_KINDS)))


async def create(session: Session, scope: Scope, data: UnitCreate) -> UnitOrganisasi:
    _check_kind_for(scope, data.jenis)
    if data.parent_id is None:
        if not scope.may(Capability.ADMIN):
            raise Forbidden("unit-top-level-bkpsdm")
        if data.jenis not in (JenisUnit.INSTANSI, JenisUnit.OPD):
            raise UnprocessableEntity("unit-top-level-kind")
    elif await queries.readable_one(session, data.parent_id, await reached(scope)) is None:
        raise UnprocessableEntity("unit-parent-unknown", id=data.parent_id)
    await _check_kode_free(session, data.kode)
    unit = UnitOrganisasi(**data.model_dump())
    session.add(unit)
    await session.flush()
    return unit


async def update(session: Session, scope: Scope, unit: UnitOrganisasi, data: UnitUpdate) -> UnitOrganisasi:
    changes = data.model_dump(exclude_unset=True)
    for required in ("kode", "nama", "jenis"):
        if required in changes and changes[required] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=required)
    if not scope.may(Capability.ADMIN):
        touched = [f for f in STRUCTURAL_FIELDS if f in changes and changes[f] != getattr(unit, f)]
        if touched and unit.id == scope.principal.opd_id:
            raise Forbidden("unit-structure-bkpsdm", fields=", ".join(touched))
        if "jenis" in changes:
            _check_kind_for(scope, changes["jenis"])
    if changes.get("kode") is not None:
        await _check_kode_free(session, changes["kode"], unit.id)
    if "parent_id" in changes and changes["parent_id"] != unit.parent_id:
        await _move(session, scope, unit, changes["parent_id"])
    for key, value in changes.items():
        setattr(unit, key, value)
    await session.flush()
    return unit


async def _move(session: Session, scope: Scope, unit: UnitOrganisasi, new_parent: uuid.UUID | None) -> None:
    if new_parent is None:
        if not scope.may(Capability.ADMIN):
            raise Forbidden("unit-top-level-bkpsdm")
        return
    # The cycle check reads the tree and the move then changes it: two moves at once (A under
    # B, B under A) would each pass the check. Moves wait for each other, and each statement
    # after the wait sees the tree the previous move committed.
    await lock_named(session, TREE_MOVE_LOCK)
    if new_parent == unit.id:
        raise UnprocessableEntity("unit-own-parent")
    if await queries.readable_one(session, new_parent, await reached(scope)) is None:
        raise UnprocessableEntity("unit-parent-unknown", id=new_parent)
    if new_parent in await queries.subtree_ids(session, unit.id):
        raise UnprocessableEntity("unit-cycle")


async def delete(session: Session, scope: Scope, unit: UnitOrganisasi) -> None:
    if unit.id == scope.principal.opd_id and not scope.may(Capability.ADMIN):
        raise Forbidden("unit-delete-opd-bkpsdm")
    children, jabatan = await queries.counts(session, unit.id)
    if jabatan:
        raise Conflict("unit-holds-jabatan", nama=unit.nama, count=jabatan)
    if children:
        raise Conflict("unit-holds-units", nama=unit.nama, count=children)
    await session.delete(unit)
    await session.flush()
