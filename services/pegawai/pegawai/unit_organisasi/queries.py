from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.jabatan.models import Jabatan
from pegawai.unit_organisasi.models import UnitOrganisasi

U = UnitOrganisasi


def subtree_cte(root_ids: Iterable[uuid.UUID]):  # type: ignore[no-untyped-def]
    """All units under (and including) the roots, as a recursive CTE with their depth."""
    base = select(U.id, U.parent_id, literal(0).label("depth")).where(U.id.in_(list(root_ids)))
    cte = base.cte("subtree", recursive=True)
    step = select(U.id, U.parent_id, (cte.c.depth + 1).label("depth")).join(cte, U.parent_id == cte.c.id)
    return cte.union_all(step)


async def subtree_ids(session: AsyncSession, root_id: uuid.UUID) -> list[uuid.UUID]:
    cte = subtree_cte([root_id])
    return list((await session.execute(select(cte.c.id))).scalars())


async def subtree(session: AsyncSession, root_id: uuid.UUID) -> list[tuple[UnitOrganisasi, int]]:
    cte = subtree_cte([root_id])
    rows = await session.execute(select(U, cte.c.depth).join(cte, cte.c.id == U.id).order_by(cte.c.depth, U.kode))
    return [(u, d) for u, d in rows.all()]


async def get(session: AsyncSession, unit_id: uuid.UUID) -> UnitOrganisasi | None:
    return await session.get(U, unit_id)


async def get_by_kode(session: AsyncSession, kode: str) -> UnitOrganisasi | None:
    return (await session.execute(select(U).where(U.kode == kode))).scalar_one_or_none()


async def ancestors(session: AsyncSession, unit_id: uuid.UUID) -> list[UnitOrganisasi]:
    """The unit and every unit above it, nearest first."""
    base = select(U.id, U.parent_id, literal(0).label("depth")).where(U.id == unit_id)
    cte = base.cte("up", recursive=True)
    cte = cte.union_all(select(U.id, U.parent_id, (cte.c.depth + 1)).join(cte, U.id == cte.c.parent_id))
    rows = await session.execute(select(U).join(cte, cte.c.id == U.id).order_by(cte.c.depth))
    return list(rows.scalars())


async def opd_of(session: AsyncSession, unit_id: uuid.UUID) -> UnitOrganisasi | None:
    for unit in await ancestors(session, unit_id):
        if unit.jenis == "opd":
            return unit
    return None


async def counts(session: AsyncSession, unit_id: uuid.UUID) -> tuple[int, int]:
    children = await session.scalar(select(func.count()).select_from(U).where(U.parent_id == unit_id))
    jabatan = await session.scalar(select(func.count()).select_from(Jabatan).where(Jabatan.unit_id == unit_id))
    return int(children or 0), int(jabatan or 0)
