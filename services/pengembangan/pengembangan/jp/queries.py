"""Every statement of the JP ledger. Lists are filtered to the NIPs the caller reaches
(Scope.nips_in_reach); totals take their NIPs as one array parameter however many."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, SmallInteger, String, Uuid, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from pengembangan.jp.models import JpEntri
from shared.db import Session, among

E = JpEntri


def list_statement(
    nips: Collection[str] | None, *, nip: str | None, tahun: int | None, sumber: str | None
) -> Select[JpEntri]:
    """Entries of the given NIPs (None: every NIP), newest first."""
    stmt = select(E)
    if nips is not None:
        stmt = stmt.where(E.nip == any_(bindparam("reach", list(nips), type_=ARRAY(String))))
    if nip:
        stmt = stmt.where(E.nip == nip)
    if tahun is not None:
        stmt = stmt.where(E.tahun == tahun)
    if sumber:
        stmt = stmt.where(E.sumber == sumber)
    return stmt.order_by(E.nip, E.tahun.desc(), E.tanggal.desc().nulls_last(), E.created_at.desc(), E.id)


async def get(session: Session, entry_id: uuid.UUID) -> JpEntri | None:
    return await session.get(E, entry_id)


def totals_statement() -> Select[str, int]:
    """(nip, total JP) of the year `tahun` for the NIPs bound as `nips` (an array: one parameter
    however many), read from the (nip, tahun) index alone; a NIP without entries has no row."""
    return (
        select(E.nip, func.sum(E.jp).label("total")).where(among(E.nip), E.tahun == bindparam("tahun")).group_by(E.nip)
    )


async def totals(session: Session, nips: Sequence[str], tahun: int) -> dict[str, int]:
    if not nips:
        return {}
    connection = await session.connection()  # plain rows: no ORM result processing
    rows = await connection.execute(totals_statement(), {"nips": list(nips), "tahun": tahun})
    return {nip: int(total) for nip, total in rows}


def last_developed_statement() -> Select[str, date, int]:
    """(nip, the day of the latest development, JP of the last `sejak` years on) of the NIPs bound
    as `nips`, from every source of the ledger; an entry known by year only counts from the first
    of January of its year."""
    nips = bindparam("nips", type_=ARRAY(String))
    day = func.coalesce(E.tanggal, func.make_date(E.tahun, 1, 1))
    recent = func.sum(E.jp).filter(E.tahun >= bindparam("sejak", type_=SmallInteger))
    return (
        select(E.nip, func.max(day).label("terakhir"), func.coalesce(recent, 0).label("jp"))
        .where(E.nip == any_(nips))
        .group_by(E.nip)
    )


async def last_developed(session: Session, nips: Sequence[str], sejak: int) -> dict[str, tuple[Any, int]]:
    """nip -> (the day of its latest development, its JP since the year `sejak`); one statement."""
    if not nips:
        return {}
    connection = await session.connection()
    rows = await connection.execute(last_developed_statement(), {"nips": list(nips), "sejak": sejak})
    return {nip: (terakhir, int(jp)) for nip, terakhir, jp in rows}


def _in_window() -> Any:
    """An entry counts in the window bound as `dari`..`sampai` when its day lies in it, or (history
    known by year only) its year overlaps it; a kind bound in `sepanjang` counts at any time up to
    `sampai`."""
    dari, sampai = bindparam("dari", type_=Date), bindparam("sampai", type_=Date)
    day = func.coalesce(E.tanggal, func.make_date(E.tahun, 1, 1))
    dated = E.tanggal.between(dari, sampai)
    undated = E.tanggal.is_(None) & E.tahun.between(
        func.extract("year", dari).cast(SmallInteger), func.extract("year", sampai).cast(SmallInteger)
    )
    always = (E.jenis == any_(bindparam("sepanjang", type_=ARRAY(String)))) & (day <= sampai)
    return (
        (E.nip == any_(bindparam("nips", type_=ARRAY(String))))
        & (E.jenis == any_(bindparam("jenis", type_=ARRAY(String))))
        & (dated | undated | always)
    )


async def window(
    session: Session, nips: Sequence[str], jenis: Sequence[str], sepanjang: Sequence[str], dari: date, sampai: date
) -> list[tuple[str, str, int, int, date | None]]:
    """(nip, jenis, JP, entries, the latest day) of the NIPs' entries of the kinds `jenis` in the
    window; one statement on the (nip, tahun) index."""
    if not nips:
        return []
    stmt = (
        select(E.nip, E.jenis, func.sum(E.jp), func.count(), func.max(E.tanggal))
        .where(_in_window())
        .group_by(E.nip, E.jenis)
    )
    params = {"nips": list(nips), "jenis": list(jenis), "sepanjang": list(sepanjang), "dari": dari, "sampai": sampai}
    connection = await session.connection()
    rows = await connection.execute(stmt, params)
    return [(nip, str(kind), int(jp), int(n), last) for nip, kind, jp, n, last in rows]


async def window_entries(
    session: Session, nips: Sequence[str], jenis: Sequence[str], sepanjang: Sequence[str], dari: date, sampai: date
) -> list[tuple[str, str, int, date | None, int, str]]:
    """(nip, jenis, JP, day, year, uraian) of the same entries, newest first; one statement."""
    if not nips:
        return []
    stmt = (
        select(E.nip, E.jenis, E.jp, E.tanggal, E.tahun, E.uraian)
        .where(_in_window())
        .order_by(E.nip, E.tahun.desc(), E.tanggal.desc().nulls_last(), E.id)
    )
    params = {"nips": list(nips), "jenis": list(jenis), "sepanjang": list(sepanjang), "dari": dari, "sampai": sampai}
    connection = await session.connection()
    rows = await connection.execute(stmt, params)
    return [(nip, str(kind), int(jp), day, int(year), uraian) for nip, kind, jp, day, year, uraian in rows]


async def by_sumber(session: Session, nip: str, tahun: int) -> dict[str, tuple[int, int]]:
    """sumber -> (JP, entries) of one employee's year."""
    rows = await session.execute(
        select(E.sumber, func.sum(E.jp), func.count()).where(E.nip == nip, E.tahun == tahun).group_by(E.sumber)
    )
    return {sumber: (int(jp), int(n)) for sumber, jp, n in rows.tuples()}


async def credited(session: Session, pairs: Collection[tuple[uuid.UUID, str]]) -> set[tuple[uuid.UUID, str]]:
    """Which (batch, NIP) pairs already have their credit (two array parameters however many)."""
    if not pairs:
        return set()
    batches = list({a for a, _ in pairs})
    nips = list({n for _, n in pairs})
    rows = await session.execute(
        select(E.angkatan_id, E.nip).where(
            E.angkatan_id == any_(bindparam("batches", batches, type_=ARRAY(Uuid))),
            E.nip == any_(bindparam("credit_nips", nips, type_=ARRAY(String))),
        )
    )
    wanted = set(pairs)
    return {(a, n) for a, n in rows.tuples() if a is not None and (a, n) in wanted}


async def existing(session: Session, nips: Collection[str], years: Collection[int]) -> set[tuple[Any, ...]]:
    """The entries of the given employees in the given years, as (nip, tahun, tanggal, jp, sumber,
    jenis, uraian): what an import compares its rows with."""
    if not nips:
        return set()
    rows = await session.execute(
        select(E.nip, E.tahun, E.tanggal, E.jp, E.sumber, E.jenis, E.uraian).where(
            E.nip == any_(bindparam("import_nips", list(nips), type_=ARRAY(String))),
            E.tahun == any_(bindparam("import_years", list(years), type_=ARRAY(SmallInteger))),
        )
    )
    return {tuple(r) for r in rows}
