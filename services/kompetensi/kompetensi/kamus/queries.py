"""Reads of the competency dictionary."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, exists, or_, select

from kompetensi.asesmen.models import Asesmen
from kompetensi.kamus.models import Kompetensi
from kompetensi.standar.models import StandarKompetensi
from shared.db import Session

K = Kompetensi


def list_statement(*, jenis: str | None, aktif: bool | None, q: str | None) -> Select[Kompetensi]:
    stmt = select(K)
    if jenis:
        stmt = stmt.where(K.jenis == jenis)
    if aktif is not None:
        stmt = stmt.where(K.aktif == aktif)
    if q:
        stmt = stmt.where(or_(K.nama.icontains(q, autoescape=True), K.kode.icontains(q, autoescape=True)))
    return stmt.order_by(K.jenis, K.kode)


async def get(session: Session, kompetensi_id: uuid.UUID) -> Kompetensi | None:
    return await session.get(K, kompetensi_id)


async def by_codes(session: Session, codes: set[str]) -> dict[str, Kompetensi]:
    if not codes:
        return {}
    rows = await session.execute(select(K).where(K.kode.in_(codes)))
    return {k.kode: k for k in rows.scalars()}


async def kode_exists(session: Session, kode: str) -> bool:
    return await session.scalar(select(K.id).where(K.kode == kode)) is not None


async def in_use(session: Session, kompetensi_id: uuid.UUID) -> bool:
    used_by_standard = exists().where(StandarKompetensi.kompetensi_id == kompetensi_id)
    used_by_assessment = exists().where(Asesmen.kompetensi_id == kompetensi_id)
    return bool(await session.scalar(select(used_by_standard | used_by_assessment)))
