"""Every statement of budgets: the stored amounts and the figures computed from enrollments."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import BigInteger, Numeric, Select, and_, case, cast, func, select

from pengembangan.anggaran.models import Anggaran
from pengembangan.peserta.models import SELESAI, Peserta
from shared.db import Session

A, P = Anggaran, Peserta


def _charged(opd_id: uuid.UUID | None, tahun_dari: int | None, tahun_sampai: int | None) -> Any:
    """Per OPD and budget year: what the enrollments not cancelled commit and realise, set-based."""
    done = P.status.in_(SELESAI)
    stmt = select(
        P.opd_id,
        P.tahun_anggaran.label("tahun"),
        # sum() of bigint is numeric in PostgreSQL: back to bigint (rupiah are whole).
        cast(func.sum(P.biaya), BigInteger).label("terikat"),
        cast(func.coalesce(func.sum(P.biaya).filter(done), 0), BigInteger).label("terealisasi"),
        func.count().label("peserta"),
        func.count().filter(done).label("peserta_selesai"),
    ).where(P.status != "batal")
    if opd_id is not None:
        stmt = stmt.where(P.opd_id == opd_id)
    if tahun_dari is not None:
        stmt = stmt.where(P.tahun_anggaran >= tahun_dari)
    if tahun_sampai is not None:
        stmt = stmt.where(P.tahun_anggaran <= tahun_sampai)
    return stmt.group_by(P.opd_id, P.tahun_anggaran).subquery("charged")


def figures(*, opd_id: uuid.UUID | None, tahun_dari: int | None, tahun_sampai: int | None) -> Select[Any]:
    """Budgets side by side with what is charged to them: every OPD-year that has a budget set
    or an enrollment charged (a full join), by OPD then year."""
    c = _charged(opd_id, tahun_dari, tahun_sampai)
    budgets = select(A)
    if opd_id is not None:
        budgets = budgets.where(A.opd_id == opd_id)
    if tahun_dari is not None:
        budgets = budgets.where(A.tahun >= tahun_dari)
    if tahun_sampai is not None:
        budgets = budgets.where(A.tahun <= tahun_sampai)
    b = budgets.subquery("budget")
    alokasi = func.coalesce(b.c.alokasi, 0)
    terikat = func.coalesce(c.c.terikat, 0)
    opd = func.coalesce(b.c.opd_id, c.c.opd_id)
    tahun = func.coalesce(b.c.tahun, c.c.tahun)
    persen = case(
        (b.c.pagu > 0, func.round(cast(alokasi, Numeric) * 100 / b.c.pagu, 2)),
        else_=None,
    )
    return (
        select(
            opd.label("opd_id"),
            b.c.opd_nama,
            tahun.label("tahun"),
            b.c.id.is_not(None).label("ditetapkan"),
            b.c.pagu,
            alokasi.label("alokasi"),
            persen.label("persen_alokasi"),
            terikat.label("terikat"),
            func.coalesce(c.c.terealisasi, 0).label("terealisasi"),
            (alokasi - terikat).label("sisa"),
            func.coalesce(c.c.peserta, 0).label("peserta"),
            func.coalesce(c.c.peserta_selesai, 0).label("peserta_selesai"),
            b.c.keterangan,
            b.c.version,
            b.c.updated_at,
        )
        .select_from(b.join(c, and_(b.c.opd_id == c.c.opd_id, b.c.tahun == c.c.tahun), full=True))
        .order_by(opd, tahun)
    )


async def get(session: Session, opd_id: uuid.UUID, tahun: int) -> Anggaran | None:
    return await session.scalar(select(A).where(A.opd_id == opd_id, A.tahun == tahun))


async def figures_of(session: Session, opd_id: uuid.UUID, tahun: int) -> dict[str, Any] | None:
    stmt = figures(opd_id=opd_id, tahun_dari=tahun, tahun_sampai=tahun)
    row = (await session.execute(stmt)).mappings().first()
    return dict(row) if row else None


async def alokasi_and_terikat(session: Session, opd_id: uuid.UUID, tahun: int) -> tuple[int, int]:
    """The allocation (0 when not set) and what is committed against it now, in one statement:
    what an approval checks while it holds the budget's lock."""
    alokasi = select(A.alokasi).where(A.opd_id == opd_id, A.tahun == tahun).scalar_subquery()
    terikat = (
        select(func.coalesce(func.sum(P.biaya), 0))
        .where(P.opd_id == opd_id, P.tahun_anggaran == tahun, P.status != "batal")
        .scalar_subquery()
    )
    row = (await session.execute(select(func.coalesce(alokasi, 0), terikat))).one()
    return int(row[0]), int(row[1])
