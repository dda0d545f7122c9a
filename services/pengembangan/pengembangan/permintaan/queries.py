"""Every statement of self-service requests and of the open batches an employee may ask to join."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import Select, exists, select

from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from pengembangan.permintaan.models import Permintaan
from pengembangan.peserta.models import Peserta
from pengembangan.usulan.models import Usulan
from shared.db import Session

R, A = Permintaan, Angkatan


def readable(nips: Collection[str] | None) -> Select[Permintaan]:
    """Requests of the given NIPs (None: every NIP)."""
    stmt = select(R)
    return stmt if nips is None else stmt.where(R.nip.in_(sorted(nips)))


def list_statement(
    nips: Collection[str] | None, *, angkatan_id: uuid.UUID | None, nip: str | None, status: str | None
) -> Select[Permintaan]:
    stmt = readable(nips)
    if angkatan_id is not None:
        stmt = stmt.where(R.angkatan_id == angkatan_id)
    if nip:
        stmt = stmt.where(R.nip == nip)
    if status:
        stmt = stmt.where(R.status == status)
    return stmt.order_by(R.created_at.desc(), R.nip, R.id)


async def get(session: Session, permintaan_id: uuid.UUID) -> Permintaan | None:
    return await session.get(R, permintaan_id)


async def pending(session: Session, angkatan_id: uuid.UUID, nip: str) -> bool:
    stmt = select(R.id).where(R.angkatan_id == angkatan_id, R.nip == nip, R.status == "diajukan").limit(1)
    return await session.scalar(stmt) is not None


async def open_developing(session: Session, codes: Collection[str], nip: str, today: date) -> list[Angkatan]:
    """Batches open for enrollment with seats left, starting today or later, whose program develops one of
    `codes`, that the employee has not asked for, been proposed for or enrolled in; earliest first."""
    develops = exists().where(
        ProgramKompetensi.program_id == A.program_id, ProgramKompetensi.kode_kompetensi.in_(sorted(codes))
    )
    asked = exists().where(R.angkatan_id == A.id, R.nip == nip, R.status == "diajukan")
    proposed = exists().where(Usulan.angkatan_id == A.id, Usulan.nip == nip, Usulan.status == "diajukan")
    enrolled = exists().where(Peserta.angkatan_id == A.id, Peserta.nip == nip, Peserta.status != "batal")
    stmt = (
        select(A)
        .join(Program, Program.id == A.program_id)
        .where(A.status == "dibuka", A.terisi < A.kuota, A.tanggal_mulai >= today, develops)
        .where(~asked, ~proposed, ~enrolled)
        .order_by(A.tanggal_mulai, Program.kode, A.kode, A.id)
    )
    return list((await session.scalars(stmt)).all())
