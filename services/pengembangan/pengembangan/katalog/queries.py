"""Every statement of the catalogue. The catalogue is not personal data: every caller reads all of it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, text
from sqlalchemy.orm.attributes import set_committed_value

from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from shared.db import Session
from shared.observability import request_id_var

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


@dataclass(frozen=True)
class Seat:
    """A seat taken: the batch's seats after it, and the budget of the OPD's year it is charged to."""

    terisi: int
    kuota: int
    alokasi: int  # 0 while the budget is not set
    terikat: int  # what the OPD's enrollments of the year not cancelled commit, this one included


# One statement: the seat (the batch's row locked by the UPDATE, a seat left, still planned or
# open; PostgreSQL re-checks that on the newest row after waiting for another writer of it), its
# audit row, and the sums of the OPD's year. The caller holds that year's budget lock, taken in
# an earlier statement, so the sums see every approval of the year committed before this one.
_TAKE_SEAT = text(
    """
WITH seat AS (
    UPDATE angkatan SET terisi = terisi + 1, version = version + 1, updated_at = now()
    WHERE id = :angkatan_id AND terisi < kuota AND status IN ('direncanakan', 'dibuka')
    RETURNING *
), logged AS (
    INSERT INTO audit_log (actor, actor_roles, request_id, entity, entity_id, action, reason, before, after)
    SELECT :actor, :actor_roles, :request_id, 'angkatan', seat.id::text, 'update', :reason,
           jsonb_set(s.j, '{terisi}', to_jsonb(seat.terisi - 1)), s.j
    FROM seat, LATERAL (SELECT to_jsonb(seat) - 'version' - 'created_at' - 'updated_at' AS j) s
)
SELECT seat.terisi, seat.kuota, seat.version,
       coalesce((SELECT a.alokasi FROM anggaran a WHERE a.opd_id = :opd_id AND a.tahun = :tahun), 0) AS alokasi,
       (SELECT coalesce(sum(p.biaya), 0)::bigint FROM peserta p
         WHERE p.opd_id = :opd_id AND p.tahun_anggaran = :tahun AND p.status <> 'batal') AS terikat
FROM seat
"""
)
# A seat freed (an enrollment cancelled), and its audit row.
_FREE_SEAT = text(
    """
WITH seat AS (
    UPDATE angkatan SET terisi = terisi - 1, version = version + 1, updated_at = now()
    WHERE id = :angkatan_id AND terisi > 0
    RETURNING *
), logged AS (
    INSERT INTO audit_log (actor, actor_roles, request_id, entity, entity_id, action, reason, before, after)
    SELECT :actor, :actor_roles, :request_id, 'angkatan', seat.id::text, 'update', :reason,
           jsonb_set(s.j, '{terisi}', to_jsonb(seat.terisi + 1)), s.j
    FROM seat, LATERAL (SELECT to_jsonb(seat) - 'version' - 'created_at' - 'updated_at' AS j) s
)
SELECT seat.terisi, seat.version FROM seat
"""
)


def _who(session: Session) -> dict[str, Any]:
    """The audit log's columns of who writes, as shared.audit stamps them."""
    return {
        "actor": session.info.get("actor") or "system",
        "actor_roles": session.info.get("actor_roles"),
        "request_id": request_id_var.get(),
        "reason": session.info.get("reason"),
    }


async def take_seat(session: Session, batch: Angkatan, opd_id: uuid.UUID, tahun: int) -> Seat | None:
    """Take a seat in the batch (None: none left, or it no longer takes enrollments) and read the
    budget of the OPD's year, in one statement (see _TAKE_SEAT); the batch the session holds
    gets its new seats and version."""
    params = {"angkatan_id": batch.id, "opd_id": opd_id, "tahun": tahun, **_who(session)}
    row = (await session.execute(_TAKE_SEAT, params)).first()
    if row is None:
        return None
    set_committed_value(batch, "terisi", row.terisi)
    set_committed_value(batch, "version", row.version)
    return Seat(terisi=row.terisi, kuota=row.kuota, alokasi=int(row.alokasi), terikat=int(row.terikat))


async def status_of(session: Session, angkatan_id: uuid.UUID) -> tuple[str, int]:
    """A batch's status and quota as stored now (not as the session holds it)."""
    row = (await session.execute(select(A.status, A.kuota).where(A.id == angkatan_id))).one()
    return str(row.status), int(row.kuota)


async def free_seat(session: Session, batch: Angkatan) -> None:
    """Give a seat of the batch back (an enrollment cancelled): the batch's row is locked by the
    UPDATE, as taking a seat locks it."""
    row = (await session.execute(_FREE_SEAT, {"angkatan_id": batch.id, **_who(session)})).first()
    if row is not None:
        set_committed_value(batch, "terisi", row.terisi)
        set_committed_value(batch, "version", row.version)


async def count_usulan(session: Session, angkatan_id: uuid.UUID) -> int:
    """Proposals and requests naming the batch (enrollments come with a proposal)."""
    from pengembangan.permintaan.models import Permintaan
    from pengembangan.usulan.models import Usulan

    proposals = select(func.count()).where(Usulan.angkatan_id == angkatan_id).scalar_subquery()
    requests = select(func.count()).where(Permintaan.angkatan_id == angkatan_id).scalar_subquery()
    return int(await session.scalar(select(proposals + requests)) or 0)
