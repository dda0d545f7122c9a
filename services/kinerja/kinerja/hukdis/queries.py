"""Reads of disciplinary sanctions: every list is filtered to the NIPs the caller may see."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import ColumnElement, Select, String, any_, bindparam, case, false, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY

from kinerja.hukdis.models import HukumanDisiplin
from shared.db import Session

H = HukumanDisiplin


def readable(nips: Collection[str] | None) -> Select[HukumanDisiplin]:
    """Sanctions of the given NIPs (None: every NIP)."""
    stmt = select(H)
    return stmt if nips is None else stmt.where(H.nip.in_(list(nips)))


def running_on(day: date) -> ColumnElement[bool]:
    return (H.tmt <= day) & or_(H.tanggal_selesai.is_(None), H.tanggal_selesai >= day)


def list_statement(
    nips: Collection[str] | None, *, nip: str | None, tingkat: str | None, aktif_pada: date | None
) -> Select[HukumanDisiplin]:
    stmt = readable(nips)
    if nip:
        stmt = stmt.where(H.nip == nip)
    if tingkat:
        stmt = stmt.where(H.tingkat == tingkat)
    if aktif_pada:
        stmt = stmt.where(running_on(aktif_pada))
    return stmt.order_by(H.tmt.desc(), H.nip, H.id)


async def running(session: Session, nips: list[str], day: date) -> list[HukumanDisiplin]:
    """Every sanction of `nips` running on `day`, in one statement."""
    if not nips:
        return []
    stmt = select(H).where(H.nip.in_(nips), running_on(day)).order_by(H.nip, H.tmt)
    return list((await session.scalars(stmt)).all())


def heaviest_statement() -> Select[HukumanDisiplin]:
    """Per NIP of the array bound as `nips`, its heaviest sanction whose TMT lies from `dari` to
    `sampai` (the latest TMT among equals): one row per NIP that has one, on the (nip, tmt) index."""
    weight = case({"ringan": 1, "sedang": 2, "berat": 3}, value=H.tingkat, else_=0)
    return (
        select(H)
        .where(H.nip == any_(bindparam("nips", type_=ARRAY(String))))
        .where(H.tmt >= bindparam("dari"), H.tmt <= bindparam("sampai"))
        .order_by(H.nip, weight.desc(), H.tmt.desc(), H.id)
        .distinct(H.nip)
    )


async def heaviest(session: Session, nips: list[str], dari: date, sampai: date) -> list[HukumanDisiplin]:
    if not nips:
        return []
    return list((await session.scalars(heaviest_statement(), {"nips": nips, "dari": dari, "sampai": sampai})).all())


def announced_statement(day: date) -> Select[str, str | None, str, date, date | None]:
    return (
        select(H.nama_pegawai, H.unit_nama, H.jenis, H.tmt, H.tanggal_selesai)
        .where(H.diumumkan_internal, running_on(day))
        .order_by(H.tmt.desc(), H.nama_pegawai, H.id)
    )


async def get(session: Session, hukdis_id: uuid.UUID) -> HukumanDisiplin | None:
    return await session.get(H, hukdis_id)


async def rekap(session: Session, nips: Collection[str] | None, tahun: int) -> dict[str, int]:
    """The sanctions whose SK is dated in the year (of these employees; None: everyone's) and how
    many carry the SK's number and date, in one statement."""
    recorded = (func.length(func.trim(H.nomor_sk)) > 0) & H.tanggal_sk.is_not(None)
    stmt = select(func.count().label("jumlah"), func.count().filter(recorded).label("dengan_sk")).where(
        H.tanggal_sk.between(date(tahun, 1, 1), date(tahun, 12, 31))
    )
    if nips is not None:
        stmt = stmt.where(H.nip.in_(list(nips)) if nips else false())
    row = (await session.execute(stmt)).one()
    return {k: int(v) for k, v in row._mapping.items()}
