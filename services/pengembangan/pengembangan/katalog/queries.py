"""Every statement of the catalogue. The catalogue is not personal data: every caller reads all of it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, or_, select

from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from shared.db import Session

P, PK, A = Program, ProgramKompetensi, Angkatan
S = TypeVar("S", bound=Select[Any])


def _in_year(tahun: int) -> tuple[ColumnElement[bool], ...]:
    return (A.tanggal_mulai >= date(tahun, 1, 1), A.tanggal_mulai <= date(tahun, 12, 31))


def _open_with_seats() -> tuple[ColumnElement[bool], ...]:
    return (A.status == "dibuka", A.terisi < A.kuota)


def _program_filters(
    stmt: S,
    *,
    jenis: str | None,
    jalur_kinds: Sequence[str] | None,
    kompetensi: str | None,
    penyelenggara: str | None,
) -> S:
    if jenis:
        stmt = stmt.where(P.jenis == jenis)
    if jalur_kinds is not None:
        stmt = stmt.where(P.jenis.in_(list(jalur_kinds)))
    if kompetensi:
        stmt = stmt.where(exists().where(PK.program_id == P.id, PK.kode_kompetensi == kompetensi))
    if penyelenggara:
        stmt = stmt.where(P.penyelenggara == penyelenggara)
    return stmt


def list_programs(
    *,
    jenis: str | None,
    jalur_kinds: Sequence[str] | None,
    kompetensi: str | None,
    penyelenggara: str | None,
    tahun: int | None,
    tersedia: bool | None,
    q: str | None,
) -> Select[Program]:
    """Programs by the filters; `tahun`: with a batch starting that year; `tersedia`: with (true) or
    without (false) a batch open for enrollment with seats left."""
    stmt = _program_filters(
        select(P), jenis=jenis, jalur_kinds=jalur_kinds, kompetensi=kompetensi, penyelenggara=penyelenggara
    )
    if tahun is not None:
        stmt = stmt.where(exists().where(A.program_id == P.id, *_in_year(tahun)))
    if tersedia is not None:
        has_seats = exists().where(A.program_id == P.id, *_open_with_seats())
        stmt = stmt.where(has_seats if tersedia else ~has_seats)
    if q:
        stmt = stmt.where(or_(P.nama.icontains(q, autoescape=True), P.kode.icontains(q, autoescape=True)))
    return stmt.order_by(P.kode)


def list_angkatan(
    *,
    program_id: uuid.UUID | None,
    jenis: str | None,
    jalur_kinds: Sequence[str] | None,
    kompetensi: str | None,
    penyelenggara: str | None,
    tahun: int | None,
    status: str | None,
    tersedia: bool | None,
    daring: bool | None,
) -> Select[Angkatan]:
    """Batches by the filters, earliest first; `tersedia`: open for enrollment with seats left."""
    stmt = select(A).join(P, A.program_id == P.id)
    stmt = _program_filters(
        stmt, jenis=jenis, jalur_kinds=jalur_kinds, kompetensi=kompetensi, penyelenggara=penyelenggara
    )
    if program_id is not None:
        stmt = stmt.where(A.program_id == program_id)
    if tahun is not None:
        stmt = stmt.where(*_in_year(tahun))
    if status:
        stmt = stmt.where(A.status == status)
    if tersedia is not None:
        stmt = (
            stmt.where(*_open_with_seats()) if tersedia else stmt.where((A.status != "dibuka") | (A.terisi >= A.kuota))
        )
    if daring is not None:
        stmt = stmt.where(A.daring == daring)
    return stmt.order_by(A.tanggal_mulai, P.kode, A.kode, A.id)


async def get_program(session: Session, program_id: uuid.UUID) -> Program | None:
    return await session.get(P, program_id)


async def program_by_kode(session: Session, kode: str) -> uuid.UUID | None:
    return await session.scalar(select(P.id).where(P.kode == kode))


async def programs_by_ids(session: Session, ids: Sequence[uuid.UUID]) -> list[Program]:
    return list((await session.scalars(select(P).where(P.id.in_(list(ids))))).all())


async def count_angkatan(session: Session, program_id: uuid.UUID) -> int:
    return int(await session.scalar(select(func.count()).where(A.program_id == program_id)) or 0)


async def get_angkatan(session: Session, angkatan_id: uuid.UUID) -> Angkatan | None:
    return await session.get(A, angkatan_id)


async def angkatan_by_kode(session: Session, program_id: uuid.UUID, kode: str) -> uuid.UUID | None:
    return await session.scalar(select(A.id).where(A.program_id == program_id, A.kode == kode))


async def angkatan_by_ids(session: Session, ids: Sequence[uuid.UUID]) -> list[Angkatan]:
    return list((await session.scalars(select(A).where(A.id.in_(list(ids))))).all())
