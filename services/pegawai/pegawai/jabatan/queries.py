from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai
from pegawai.unit_organisasi.queries import subtree_cte


def filtered(
    *,
    unit_ids: frozenset[uuid.UUID] | None,
    unit_id: uuid.UUID | None = None,
    include_sub_units: bool = True,
    jenis: Sequence[str] | None = None,
    kelas_min: int | None = None,
    kelas_max: int | None = None,
    rumpun: str | None = None,
    q: str | None = None,
) -> Select[Any]:
    stmt = select(Jabatan)
    if unit_ids is not None:
        stmt = stmt.where(Jabatan.unit_id.in_(unit_ids))
    if unit_id is not None:
        if include_sub_units:
            cte = subtree_cte([unit_id])
            stmt = stmt.where(Jabatan.unit_id.in_(select(cte.c.id)))
        else:
            stmt = stmt.where(Jabatan.unit_id == unit_id)
    if jenis:
        stmt = stmt.where(Jabatan.jenis.in_(jenis))
    if kelas_min is not None:
        stmt = stmt.where(Jabatan.kelas_jabatan >= kelas_min)
    if kelas_max is not None:
        stmt = stmt.where(Jabatan.kelas_jabatan <= kelas_max)
    if rumpun:
        stmt = stmt.where(Jabatan.rumpun == rumpun)
    if q:
        stmt = stmt.where(or_(Jabatan.nama.ilike(f"%{q}%"), Jabatan.kode.ilike(f"%{q}%")))
    return stmt


async def get_by_kode(session: AsyncSession, kode: str) -> Jabatan | None:
    return (await session.execute(select(Jabatan).where(Jabatan.kode == kode))).scalar_one_or_none()


async def bezetting(session: AsyncSession, jabatan_id: uuid.UUID, *, lock: bool = False) -> int:
    """Employees currently holding the position (active or otherwise still on the post)."""
    stmt = select(func.count()).select_from(Pegawai).where(
        Pegawai.jabatan_id == jabatan_id, Pegawai.kedudukan.notin_(["pensiun", "berhenti", "meninggal"])
    )
    return int(await session.scalar(stmt) or 0)


async def lock(session: AsyncSession, jabatan_id: uuid.UUID) -> Jabatan | None:
    """Lock the position row so two concurrent transfers cannot both take its last seat."""
    return (await session.execute(select(Jabatan).where(Jabatan.id == jabatan_id).with_for_update())).scalar_one_or_none()


async def lock_by_kode(session: AsyncSession, codes: set[str]) -> None:
    """Lock many positions at once, in id order so that two writers never wait on each other crosswise."""
    if codes:
        await session.execute(select(Jabatan.id).where(Jabatan.kode.in_(codes)).order_by(Jabatan.id).with_for_update())
