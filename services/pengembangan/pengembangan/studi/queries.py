"""Reads of further study: every list is filtered to the NIPs the caller reaches."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import Select, exists, select

from pengembangan.studi.models import StudiLanjut
from shared.db import Session

S = StudiLanjut


def readable(nips: Collection[str] | None) -> Select[StudiLanjut]:
    """Studies of the given NIPs (None: every NIP)."""
    stmt = select(S)
    return stmt if nips is None else stmt.where(S.nip.in_(list(nips)))


def list_statement(
    nips: Collection[str] | None, *, nip: str | None, jenis: str | None, status: str | None, tahun: int | None
) -> Select[StudiLanjut]:
    stmt = readable(nips)
    if nip:
        stmt = stmt.where(S.nip == nip)
    if jenis:
        stmt = stmt.where(S.jenis == jenis)
    if status:
        stmt = stmt.where(S.status == status)
    if tahun:  # studying at some point of that year
        stmt = stmt.where(S.tanggal_mulai <= date(tahun, 12, 31), S.tanggal_selesai >= date(tahun, 1, 1))
    return stmt.order_by(S.tanggal_mulai.desc(), S.nip, S.id)


async def get(session: Session, studi_id: uuid.UUID) -> StudiLanjut | None:
    return await session.get(S, studi_id)


async def running_of(session: Session, nip: str, other_than: uuid.UUID | None = None) -> bool:
    """Whether the employee already has a running study."""
    condition = (S.nip == nip) & (S.status == "berjalan")
    if other_than is not None:
        condition &= S.id != other_than
    return bool(await session.scalar(select(exists().where(condition))))
