"""Every statement of the cadre school.

Cohorts are not personal data: every caller reads all of them. Who belongs to a cohort is: the
member list, and the cohorts listed for one employee (`nip`), are filtered in the statement
itself to the NIPs the caller reaches (`reach`, from `Scope.nips_in_reach`; None: every NIP)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, Select, exists, func, or_, select, true

from pengembangan.kader.models import AnggotaKader, KohortKader
from shared.db import Session

K, A = KohortKader, AnggotaKader


def _reached(reach: Collection[str] | None) -> ColumnElement[bool]:
    return true() if reach is None else A.nip.in_(list(reach))


def list_kohort(
    *,
    tahun: int | None,
    status: str | None,
    program_id: uuid.UUID | None,
    nip: str | None,
    reach: Collection[str] | None,
    q: str | None,
) -> Select[KohortKader]:
    """Cohorts by the filters, newest year first. `nip`: only the cohorts that employee belongs to,
    and only when the caller reaches that employee (else none: membership is personal)."""
    stmt = select(K)
    if tahun is not None:
        stmt = stmt.where(K.tahun == tahun)
    if status:
        stmt = stmt.where(K.status == status)
    if program_id is not None:
        stmt = stmt.where(K.program_id == program_id)
    if nip:
        stmt = stmt.where(exists().where(A.kohort_id == K.id, A.nip == nip, _reached(reach)))
    if q:
        stmt = stmt.where(or_(K.nama.icontains(q, autoescape=True), K.kode.icontains(q, autoescape=True)))
    return stmt.order_by(K.tahun.desc(), K.kode)


async def get_kohort(session: Session, kohort_id: uuid.UUID) -> KohortKader | None:
    return await session.get(K, kohort_id)


async def lock_kohort(session: Session, kohort_id: uuid.UUID) -> KohortKader | None:
    """The cohort, locked until the transaction ends: writes to a cohort and to its members take
    turns, so each checks the cohort's status and members as they are (an outcome set while the
    cohort is being finished, a member added while it starts)."""
    stmt = select(K).where(K.id == kohort_id).with_for_update(of=K).execution_options(populate_existing=True)
    return (await session.scalars(stmt)).one_or_none()


async def kohort_by_kode(session: Session, kode: str) -> uuid.UUID | None:
    return await session.scalar(select(K.id).where(K.kode == kode))


async def rekap(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    """Members per outcome of each cohort (all members: counts, not people)."""
    if not ids:
        return {}
    rows = await session.execute(
        select(A.kohort_id, A.hasil, func.count()).where(A.kohort_id.in_(list(ids))).group_by(A.kohort_id, A.hasil)
    )
    out: dict[uuid.UUID, dict[str, int]] = {}
    for kohort_id, hasil, n in rows.all():
        out.setdefault(kohort_id, {})[hasil] = int(n)
    return out


async def count_of_program(session: Session, program_id: uuid.UUID) -> int:
    """Cohorts running a program (the catalogue refuses to delete it, or move it off the kader path)."""
    return int(await session.scalar(select(func.count()).where(K.program_id == program_id)) or 0)


def list_anggota(kohort_id: uuid.UUID, reach: Collection[str] | None, hasil: str | None) -> Select[AnggotaKader]:
    """The members of a cohort the caller reaches, by name."""
    stmt = select(A).where(A.kohort_id == kohort_id, _reached(reach))
    if hasil:
        stmt = stmt.where(A.hasil == hasil)
    return stmt.order_by(A.nama_pegawai, A.nip)


async def get_anggota(session: Session, kohort_id: uuid.UUID, nip: str) -> AnggotaKader | None:
    return await session.scalar(select(A).where(A.kohort_id == kohort_id, A.nip == nip))


async def anggota_of(session: Session, kohort_id: uuid.UUID, nips: Sequence[str]) -> list[AnggotaKader]:
    """Those of `nips` who are members of the cohort."""
    return list((await session.scalars(select(A).where(A.kohort_id == kohort_id, A.nip.in_(list(nips))))).all())
