"""Every statement of enrollment. Read and listed as proposals are (pengembangan.usulan.queries
`Visible`, `listed`)."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, Select

from pengembangan.peserta.models import Peserta
from pengembangan.usulan.queries import Visible, listed
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
    in_year = () if tahun is None else (P.tahun_anggaran == tahun,)
    return listed(
        P, visible, *in_year, angkatan_id=angkatan_id, program_id=program_id, nip=nip, opd_id=opd_id, status=status
    )


async def get(session: Session, peserta_id: uuid.UUID) -> Peserta | None:
    return await session.get(P, peserta_id)


def open_in(angkatan_id: uuid.UUID) -> ColumnElement[bool]:
    """The batch's participants still registered or attended (what cancelling the batch cancels)."""
    return (P.angkatan_id == angkatan_id) & P.status.in_(("terdaftar", "hadir"))
