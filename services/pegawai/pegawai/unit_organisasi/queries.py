"""Reads and locks of organisation units: the readable statement, the tree (recursive CTEs) and counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import CTE, BindParameter, ColumnElement, Select, false, func, literal, or_, select

from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai
from pegawai.reach import Reached
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared.db import Session

U = UnitOrganisasi


def own_unit(nip: str) -> Any:
    """The unit of the employee with this NIP, as a scalar subquery."""
    return select(Pegawai.unit_id).where(Pegawai.nip == nip).scalar_subquery()


def visible(reach: Reached) -> ColumnElement[bool] | None:
    """Units the caller reaches: those of its scope and its own; None when it reaches all."""
    if reach.units is None:
        return None
    conditions: list[ColumnElement[bool]] = [U.id.in_(reach.units)] if reach.units else []
    if reach.nip:
        conditions.append(U.id == own_unit(reach.nip))
    return or_(*conditions) if conditions else false()


def readable(reach: Reached) -> Select[UnitOrganisasi]:
    stmt = select(U)
    condition = visible(reach)
    return stmt if condition is None else stmt.where(condition)


def list_statement(
    reach: Reached, *, parent_id: uuid.UUID | None, jenis: str | None, q: str | None
) -> Select[UnitOrganisasi]:
    stmt = readable(reach)
    if parent_id:
        stmt = stmt.where(U.parent_id == parent_id)
    if jenis:
        stmt = stmt.where(U.jenis == jenis)
    if q:
        stmt = stmt.where(or_(U.nama.icontains(q, autoescape=True), U.kode.icontains(q, autoescape=True)))
    return stmt.order_by(U.kode)


async def readable_one(session: Session, unit_id: uuid.UUID, reach: Reached) -> UnitOrganisasi | None:
    return (await session.execute(readable(reach).where(U.id == unit_id))).scalar_one_or_none()


def subtree_cte(root_ids: Iterable[uuid.UUID] | BindParameter[Any]) -> CTE:
    """All units under (and including) the roots, as a recursive CTE with their depth. The
    root may be one bound parameter (a statement built once, run with the unit's id)."""
    if isinstance(root_ids, BindParameter):
        base = select(U.id, U.parent_id, literal(0).label("depth")).where(U.id == root_ids)
    else:
        base = select(U.id, U.parent_id, literal(0).label("depth")).where(U.id.in_(list(root_ids)))
    cte = base.cte("subtree", recursive=True)
    step = select(U.id, U.parent_id, (cte.c.depth + 1).label("depth")).join(cte, U.parent_id == cte.c.id)
    return cte.union_all(step)


async def subtree_ids(session: Session, root_id: uuid.UUID) -> list[uuid.UUID]:
    cte = subtree_cte([root_id])
    return list((await session.execute(select(cte.c.id))).scalars())


async def subtree(session: Session, root_id: uuid.UUID) -> list[tuple[UnitOrganisasi, int]]:
    cte = subtree_cte([root_id])
    rows = await session.execute(select(U, cte.c.depth).join(cte, cte.c.id == U.id).order_by(cte.c.depth, U.kode))
    return [(u, d) for u, d in rows.tuples().all()]


async def get(session: Session, unit_id: uuid.UUID) -> UnitOrganisasi | None:
    return await session.get(U, unit_id)


async def get_by_kode(session: Session, kode: str) -> UnitOrganisasi | None:
    return (await session.execute(select(U).where(U.kode == kode))).scalar_one_or_none()


async def ids_by_kode(session: Session, codes: Iterable[str]) -> dict[str, uuid.UUID]:
    wanted = set(codes)
    if not wanted:
        return {}
    rows = await session.execute(select(U.kode, U.id).where(U.kode.in_(wanted)))
    return dict(rows.tuples().all())


async def names(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = await session.execute(select(U.id, U.nama).where(U.id.in_(wanted)))
    return dict(rows.tuples().all())


async def counts(session: Session, unit_id: uuid.UUID) -> tuple[int, int]:
    """(sub-units, positions) directly in the unit."""
    children = await session.scalar(select(func.count()).select_from(U).where(U.parent_id == unit_id))
    jabatan = await session.scalar(select(func.count()).select_from(Jabatan).where(Jabatan.unit_id == unit_id))
    return int(children or 0), int(jabatan or 0)


async def reference_rows(session: Session, reach: Reached) -> list[Any]:
    """(kode, nama, jenis) of the units the caller reaches (reference sheets of workbooks)."""
    stmt = select(U.kode, U.nama, U.jenis).order_by(U.kode)
    condition = visible(reach)
    return list((await session.execute(stmt if condition is None else stmt.where(condition))).all())
