"""Every statement of the impact evaluation. Read as enrollments are (pengembangan.usulan.queries.Visible):
an evaluation is part of its enrollment's record."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Numeric, Select, SQLColumnExpression, cast, exists, func, select
from sqlalchemy.orm import contains_eager

from pengembangan.dampak.models import EvaluasiDampak
from pengembangan.katalog.models import Angkatan, Program
from pengembangan.peserta.models import Peserta
from pengembangan.usulan.queries import Visible
from shared.db import Session

E, P, A = EvaluasiDampak, Peserta, Angkatan


async def get(session: Session, peserta_id: uuid.UUID) -> EvaluasiDampak | None:
    return (await session.scalars(select(E).where(E.peserta_id == peserta_id))).one_or_none()


def _months_after(day: SQLColumnExpression[date], months: int) -> ColumnElement[date]:
    """`day` + `months` as PostgreSQL adds them: a day the month lacks becomes its last, as
    shared.dates.shift_months does, so the statements and the service agree on every window."""
    return cast(day + func.make_interval(0, months), Date)


def _filters(
    stmt: Select[Any], *, program_id: uuid.UUID | None, tahun: int | None, opd_id: uuid.UUID | None
) -> Select[Any]:
    if program_id is not None:
        stmt = stmt.where(P.angkatan_id.in_(select(A.id).where(A.program_id == program_id)))
    if tahun is not None:
        stmt = stmt.where(P.tahun_anggaran == tahun)
    if opd_id is not None:
        stmt = stmt.where(P.opd_id == opd_id)
    return stmt


def list_statement(
    visible: Visible,
    *,
    program_id: uuid.UUID | None,
    tahun: int | None,
    opd_id: uuid.UUID | None,
    nip: str | None,
    rekomendasi: str | None,
    terlambat: bool | None,
) -> Select[EvaluasiDampak]:
    """The evaluations the caller reads, newest first, each with its enrollment, batch and program
    (one statement: the enrollment joined, its batch and program as it loads them)."""
    stmt = select(E).join(E.peserta).options(contains_eager(E.peserta)).where(visible.where(P.opd_id, P.nip))
    stmt = _filters(stmt, program_id=program_id, tahun=tahun, opd_id=opd_id)
    if nip:
        stmt = stmt.where(P.nip == nip)
    if rekomendasi:
        stmt = stmt.where(E.rekomendasi == rekomendasi)
    if terlambat is not None:
        stmt = stmt.where(E.terlambat.is_(terlambat))
    return stmt.order_by(E.dinilai_pada.desc(), E.id)


def due_statement(
    visible: Visible, today: date, opens: int, closes: int, *, lewat: bool | None
) -> Select[*tuple[Any, ...]]:
    """The passed enrollments the caller may evaluate that have no evaluation and whose window
    (`opens` to `closes` months after the batch's last day) is open or has closed by `today`:
    one statement, oldest batch first. Rows: the enrollment, its batch and program."""
    ended = A.tanggal_selesai
    stmt = (
        select(
            P.id.label("peserta_id"),
            P.nip,
            P.nama_pegawai,
            P.opd_id,
            A.program_id,
            Program.kode.label("program_kode"),
            Program.nama.label("program_nama"),
            A.id.label("angkatan_id"),
            A.kode.label("angkatan_kode"),
            ended.label("tanggal_selesai"),
        )
        .join(A, A.id == P.angkatan_id)
        .join(Program, Program.id == A.program_id)
        .where(
            visible.where(P.opd_id, P.nip),
            P.status == "lulus",
            ~exists().where(E.peserta_id == P.id),
            _months_after(ended, opens) <= today,
        )
    )
    if lewat is not None:
        closed = _months_after(ended, closes) < today
        stmt = stmt.where(closed if lewat else ~closed)
    return stmt.order_by(ended, P.nama_pegawai, P.nip, P.id)


def summary_statement(
    visible: Visible,
    aspek: Sequence[str],
    rekomendasi: Sequence[str],
    *,
    program_id: uuid.UUID | None,
    tahun: int | None,
    opd_id: uuid.UUID | None,
) -> Select[*tuple[Any, ...]]:
    """Per program: how many evaluations the caller reads, the average score of each aspect (two
    decimals; evaluations on an older form without the aspect do not count for it), how many gave
    each recommendation and how many were late. One grouped statement, by program code.
    Columns: program_id, program_kode, program_nama, jumlah, rata_<aspek>..., rek_<code>..., terlambat."""
    averages = [func.round(func.avg(cast(E.skor[kode].astext, Numeric)), 2).label(f"rata_{kode}") for kode in aspek]
    counts = [func.count().filter(E.rekomendasi == kode).label(f"rek_{kode}") for kode in rekomendasi]
    stmt = (
        select(
            Program.id.label("program_id"),
            Program.kode.label("program_kode"),
            Program.nama.label("program_nama"),
            func.count().label("jumlah"),
            *averages,
            *counts,
            func.count().filter(E.terlambat).label("terlambat"),
        )
        .select_from(E)
        .join(P, P.id == E.peserta_id)
        .join(A, A.id == P.angkatan_id)
        .join(Program, Program.id == A.program_id)
        .where(visible.where(P.opd_id, P.nip))
    )
    stmt = _filters(stmt, program_id=program_id, tahun=tahun, opd_id=opd_id)
    return stmt.group_by(Program.id, Program.kode, Program.nama).order_by(Program.kode)
