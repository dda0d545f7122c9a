"""Every statement of enrollment. Read as proposals are (pengembangan.usulan.queries.Visible)."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, Select, select

from pengembangan.katalog.models import Angkatan
from pengembangan.peserta.models import Peserta
from pengembangan.usulan.queries import Visible
from shared.db import Session

P = Peserta


def list_statement(
    visible: Visible,
    *,
    angkatan_id: uuid.UUID | None,
    program_id: uuid.UUID | None,
    nip: str | None,
    opd_id: uuid.UUID | None,
    tahun: int | None,
    status: str | None,
) -> Select[Peserta]:
    stmt = select(P).where(visible.where(P.opd_id, P.nip))
    if angkatan_id is not None:
        stmt = stmt.where(P.angkatan_id == angkatan_id)
    if program_id is not None:
        stmt = stmt.where(P.angkatan_id.in_(select(Angkatan.id).where(Angkatan.program_id == program_id)))
    if nip:
        stmt = stmt.where(P.nip == nip)
    if opd_id is not None:
        stmt = stmt.where(P.opd_id == opd_id)
    if tahun is not None:
        stmt = stmt.where(P.tahun_anggaran == tahun)
    if status:
        stmt = stmt.where(P.status == status)
    return stmt.order_by(P.created_at.desc(), P.nip, P.id)


async def get(session: Session, peserta_id: uuid.UUID) -> Peserta | None:
    return await session.get(P, peserta_id)


def open_in(angkatan_id: uuid.UUID) -> ColumnElement[bool]:
    """The batch's participants still registered or attended (what cancelling the batch cancels)."""
    return (P.angkatan_id == angkatan_id) & P.status.in_(("terdaftar", "hadir"))
