"""Reads of awards: every list is filtered to the NIPs the caller reaches (Scope.nips_in_reach)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import Select, select

from kinerja.penghargaan.models import Penghargaan
from shared.db import Session

P = Penghargaan


def readable(nips: Collection[str] | None) -> Select[Penghargaan]:
    """Awards of the given NIPs (None: every NIP)."""
    stmt = select(P)
    return stmt if nips is None else stmt.where(P.nip.in_(list(nips)))


def list_statement(
    nips: Collection[str] | None, *, nip: str | None, jenis: str | None, tahun: int | None
) -> Select[Penghargaan]:
    stmt = readable(nips)
    if nip:
        stmt = stmt.where(P.nip == nip)
    if jenis:
        stmt = stmt.where(P.jenis == jenis)
    if tahun:
        stmt = stmt.where(P.tanggal.between(date(tahun, 1, 1), date(tahun, 12, 31)))
    return stmt.order_by(P.tanggal.desc(), P.nip, P.id)


def public_statement(tahun: int | None) -> Select[str, str | None, str, date]:
    stmt = select(P.nama_pegawai, P.unit_nama, P.jenis, P.tanggal).where(P.diumumkan)
    if tahun:
        stmt = stmt.where(P.tanggal.between(date(tahun, 1, 1), date(tahun, 12, 31)))
    return stmt.order_by(P.tanggal.desc(), P.nama_pegawai, P.id)


async def get(session: Session, penghargaan_id: uuid.UUID) -> Penghargaan | None:
    return await session.get(P, penghargaan_id)
