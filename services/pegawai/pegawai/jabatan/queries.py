"""Reads and locks of positions (jabatan): the readable statement, filters, headcount."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, literal, or_, select
from sqlalchemy.orm import aliased

from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai
from pegawai.reach import Reached
from pegawai.unit_organisasi.models import UnitOrganisasi
from pegawai.unit_organisasi.queries import subtree_cte
from shared.db import Session
from shared.kepegawaian import ENDED_VALUES

J = Jabatan


def visible(reach: Reached) -> ColumnElement[bool] | None:
    """Positions of the units the caller reaches, and its own; None when it reaches all."""
    if reach.units is None:
        return None
    conditions: list[ColumnElement[bool]] = [J.unit_id.in_(reach.units)] if reach.units else []
    if reach.nip:
        conditions.append(J.id == select(Pegawai.jabatan_id).where(Pegawai.nip == reach.nip).scalar_subquery())
    return or_(*conditions) if conditions else false()


def readable(reach: Reached) -> Select[Jabatan]:
    condition = visible(reach)
    return select(J) if condition is None else select(J).where(condition)


def list_statement(
    reach: Reached,
    *,
    unit_id: uuid.UUID | None = None,
    include_sub_units: bool = True,
    jenis: Sequence[str] | None = None,
    kelas_min: int | None = None,
    kelas_max: int | None = None,
    rumpun: str | None = None,
    q: str | None = None,
) -> Select[Jabatan]:
    stmt = readable(reach)
    if unit_id is not None:
        if include_sub_units:
            stmt = stmt.where(J.unit_id.in_(select(subtree_cte([unit_id]).c.id)))
        else:
            stmt = stmt.where(J.unit_id == unit_id)
    if jenis:
        stmt = stmt.where(J.jenis.in_(jenis))
    if kelas_min is not None:
        stmt = stmt.where(J.kelas_jabatan >= kelas_min)
    if kelas_max is not None:
        stmt = stmt.where(J.kelas_jabatan <= kelas_max)
    if rumpun:
        stmt = stmt.where(J.rumpun == rumpun)
    if q:
        stmt = stmt.where(or_(J.nama.icontains(q, autoescape=True), J.kode.icontains(q, autoescape=True)))
    return stmt.order_by(J.kode)


async def readable_one(session: Session, jabatan_id: uuid.UUID, reach: Reached) -> Jabatan | None:
    return (await session.execute(readable(reach).where(J.id == jabatan_id))).scalar_one_or_none()


async def by_ids(session: Session, ids: Sequence[uuid.UUID], reach: Reached) -> list[Jabatan]:
    if not ids:
        return []
    return list((await session.execute(readable(reach).where(J.id.in_(set(ids))))).scalars())


# Deeper than any organisation chart: a guard that ends the walk even on rows written around the checks.
MAX_CHAIN = 64


async def reports_to(session: Session, jabatan_id: uuid.UUID, atasan_id: uuid.UUID) -> bool:
    """Whether `jabatan_id` reports to `atasan_id`, directly or through positions between them
    (one recursive statement up the chain from `jabatan_id`)."""
    up = (
        select(J.atasan_jabatan_id.label("id"), literal(1).label("depth"))
        .where(J.id == jabatan_id, J.atasan_jabatan_id.is_not(None))
        .cte("up", recursive=True)
    )
    parent = aliased(J)
    up = up.union_all(
        select(parent.atasan_jabatan_id, up.c.depth + 1)
        .join(up, parent.id == up.c.id)
        .where(parent.atasan_jabatan_id.is_not(None), up.c.depth < MAX_CHAIN)
    )
    return bool(await session.scalar(select(exists().where(up.c.id == atasan_id))))


async def get_by_kode(session: Session, kode: str) -> Jabatan | None:
    return (await session.execute(select(J).where(J.kode == kode))).scalar_one_or_none()


async def existing_codes(session: Session, codes: Iterable[str]) -> set[str]:
    wanted = set(codes)
    if not wanted:
        return set()
    return set((await session.execute(select(J.kode).where(J.kode.in_(wanted)))).scalars())


async def ids_by_kode(session: Session, codes: Iterable[str]) -> dict[str, tuple[uuid.UUID, uuid.UUID]]:
    """kode -> (id, unit_id) of the positions with these codes."""
    wanted = set(codes)
    if not wanted:
        return {}
    rows = await session.execute(select(J.kode, J.id, J.unit_id).where(J.kode.in_(wanted)))
    return {kode: (jid, unit_id) for kode, jid, unit_id in rows.tuples()}


async def existing_ids(session: Session, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    wanted = set(ids)
    if not wanted:
        return set()
    return set((await session.execute(select(J.id).where(J.id.in_(wanted)))).scalars())


def bezetting_subquery() -> Any:
    """Serving employees per position (those whose employment has ended no longer count)."""
    return (
        select(Pegawai.jabatan_id, func.count().label("bezetting"))
        .where(Pegawai.jabatan_id.is_not(None), Pegawai.kedudukan.notin_(ENDED_VALUES))
        .group_by(Pegawai.jabatan_id)
        .subquery("bez")
    )


async def bezetting(session: Session, jabatan_id: uuid.UUID) -> int:
    """Serving employees holding the position now."""
    stmt = (
        select(func.count())
        .select_from(Pegawai)
        .where(Pegawai.jabatan_id == jabatan_id, Pegawai.kedudukan.notin_(ENDED_VALUES))
    )
    return int(await session.scalar(stmt) or 0)


async def holders(session: Session, jabatan_id: uuid.UUID) -> int:
    """Every employee record still pointing at the position, serving or not."""
    stmt = select(func.count()).select_from(Pegawai).where(Pegawai.jabatan_id == jabatan_id)
    return int(await session.scalar(stmt) or 0)


async def lock(session: Session, jabatan_id: uuid.UUID) -> Jabatan | None:
    """Lock the position row so two concurrent transfers cannot both take its last seat."""
    return (await session.execute(select(J).where(J.id == jabatan_id).with_for_update())).scalar_one_or_none()


async def lock_by_kode(session: Session, codes: set[str]) -> None:
    """Lock many positions at once, in id order so that two writers never wait on each other crosswise."""
    if codes:
        await session.execute(select(J.id).where(J.kode.in_(codes)).order_by(J.id).with_for_update())


async def seats_by_kode(session: Session, codes: set[str]) -> list[Any]:
    """(kode, id, nama, unit_id, kebutuhan, bezetting) of the positions with these codes."""
    if not codes:
        return []
    bez = bezetting_subquery()
    stmt = (
        select(J.kode, J.id, J.nama, J.unit_id, J.kebutuhan, func.coalesce(bez.c.bezetting, 0).label("bezetting"))
        .outerjoin(bez, bez.c.jabatan_id == J.id)
        .where(J.kode.in_(codes))
    )
    return list((await session.execute(stmt)).all())


async def export_rows(session: Session, reach: Reached, **filters: Any) -> list[Any]:
    """The positions of the list statement, each with its unit's code and the code of the position
    it reports to (exports)."""
    atasan = aliased(J)
    stmt = list_statement(reach, **filters).add_columns(
        UnitOrganisasi.kode.label("unit_kode"), atasan.kode.label("atasan_jabatan_kode")
    )
    stmt = stmt.join(UnitOrganisasi, UnitOrganisasi.id == J.unit_id).outerjoin(atasan, atasan.id == J.atasan_jabatan_id)
    return list((await session.execute(stmt)).all())


async def reference_rows(session: Session, reach: Reached) -> list[Any]:
    """(kode, nama, unit code, jenis, kebutuhan) of the positions the caller reaches (reference sheets)."""
    stmt = (
        select(J.kode, J.nama, UnitOrganisasi.kode, J.jenis, J.kebutuhan)
        .join(UnitOrganisasi, UnitOrganisasi.id == J.unit_id)
        .order_by(J.kode)
    )
    condition = visible(reach)
    return list((await session.execute(stmt if condition is None else stmt.where(condition))).all())


def ringkas_statement(reach: Reached, unit_id: uuid.UUID | None) -> Select[Any]:
    """The compact rows of placement: each position within reach (of a unit's subtree when given)
    with what placement reads of it, its serving holders (bezetting) included, by code."""
    bez = bezetting_subquery()
    stmt = (
        select(
            J.id,
            J.kode,
            J.nama,
            J.jenis,
            J.kelas_jabatan,
            J.rumpun,
            J.unit_id,
            UnitOrganisasi.nama.label("unit_nama"),
            J.kebutuhan,
            func.coalesce(bez.c.bezetting, 0).label("bezetting"),
            J.syarat_pendidikan_min,
            J.syarat_golongan_min,
            J.kunci,
        )
        .join(UnitOrganisasi, UnitOrganisasi.id == J.unit_id)
        .outerjoin(bez, bez.c.jabatan_id == J.id)
    )
    condition = visible(reach)
    if condition is not None:
        stmt = stmt.where(condition)
    if unit_id is not None:
        stmt = stmt.where(J.unit_id.in_(select(subtree_cte([unit_id]).c.id)))
    return stmt.order_by(J.kode)


async def rekap(session: Session, reach: Reached, unit_id: uuid.UUID | None) -> dict[str, Any]:
    """The positions within reach (of a unit's subtree) counted in one statement: how many have
    their job analysis recorded (tasks, work results and a required headcount), a kelas, a need;
    the seats needed and filled (each position's serving holders counted up to its need)."""
    bez = bezetting_subquery()
    filled = func.coalesce(bez.c.bezetting, 0)
    anjab = and_(
        func.jsonb_array_length(J.uraian_tugas) > 0, func.jsonb_array_length(J.hasil_kerja) > 0, J.kebutuhan > 0
    )
    stmt = select(
        func.count().label("jumlah_jabatan"),
        func.count().filter(anjab).label("dengan_anjab"),
        func.count().filter(J.kelas_jabatan.is_not(None)).label("dengan_kelas"),
        func.count().filter(J.kebutuhan > 0).label("dengan_kebutuhan"),
        func.coalesce(func.sum(J.kebutuhan), 0).label("kebutuhan"),
        func.coalesce(func.sum(filled), 0).label("bezetting"),
        func.coalesce(func.sum(func.least(filled, J.kebutuhan)), 0).label("terisi"),
    ).outerjoin(bez, bez.c.jabatan_id == J.id)
    condition = visible(reach)
    if condition is not None:
        stmt = stmt.where(condition)
    if unit_id is not None:
        stmt = stmt.where(J.unit_id.in_(select(subtree_cte([unit_id]).c.id)))
    row = (await session.execute(stmt)).one()
    return {k: int(v) for k, v in row._mapping.items()}
