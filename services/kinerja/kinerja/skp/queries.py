"""Reads of SKP. Lists are filtered to what the caller reaches (its NIPs) plus the SKPs it rates."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Executable,
    Numeric,
    Select,
    String,
    any_,
    bindparam,
    case,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY

from kinerja.skp.models import (
    DIEVALUASI,
    EvaluasiHasilKerja,
    EvaluasiPerilaku,
    EvaluasiPeriodik,
    PerilakuKerja,
    PeriodeSkp,
    RencanaHasilKerja,
    Skp,
    SkpLama,
)
from shared.db import Session, among


async def get_periode(session: Session, periode_id: uuid.UUID) -> PeriodeSkp | None:
    return await session.get(PeriodeSkp, periode_id)


def periode_statement(tahun: int | None) -> Select[PeriodeSkp]:
    stmt = select(PeriodeSkp)
    if tahun:
        stmt = stmt.where(PeriodeSkp.tahun == tahun)
    return stmt.order_by(PeriodeSkp.tahun.desc())


async def periode_exists(session: Session, tahun: int) -> bool:
    return await session.scalar(select(PeriodeSkp.id).where(PeriodeSkp.tahun == tahun)) is not None


async def get(session: Session, skp_id: uuid.UUID) -> Skp | None:
    return await session.get(Skp, skp_id)


async def exists_for(session: Session, nip: str, periode_id: uuid.UUID) -> bool:
    found = await session.scalar(select(Skp.id).where(Skp.nip == nip, Skp.periode_id == periode_id))
    return found is not None


def list_statement(
    nips: Collection[str] | None,
    rater: str | None,
    *,
    nip: str | None,
    tahun: int | None,
    status: str | None,
    penilai_nip: str | None,
) -> Select[Skp]:
    """SKPs of the NIPs reached (None: all), and those `rater` rates, filtered."""
    stmt = select(Skp)
    if nips is not None:
        seen = Skp.nip.in_(list(nips))
        stmt = stmt.where(or_(seen, Skp.penilai_nip == rater) if rater else seen)
    if nip:
        stmt = stmt.where(Skp.nip == nip)
    if tahun:
        stmt = stmt.where(Skp.tahun == tahun)
    if status:
        stmt = stmt.where(Skp.status == status)
    if penilai_nip:
        stmt = stmt.where(Skp.penilai_nip == penilai_nip)
    return stmt.order_by(Skp.tahun.desc(), Skp.nip)


async def supported_items(session: Session, ids: Collection[uuid.UUID], penilai_nip: str, tahun: int) -> set[uuid.UUID]:
    """Of `ids`, the work results of the supervisor's SKP of the same year."""
    if not ids:
        return set()
    rows = await session.scalars(
        select(RencanaHasilKerja.id)
        .join(Skp, Skp.id == RencanaHasilKerja.skp_id)
        .where(RencanaHasilKerja.id.in_(list(ids)), Skp.nip == penilai_nip, Skp.tahun == tahun)
    )
    return set(rows)


def history_statement(since: int | None, every: bool = False) -> CompoundSelect:
    """Final predikat of SKP and numeric SKP of before 2022 of the NIPs bound as `nips` (an
    array: one parameter however many; `every`: of every NIP), newest first per NIP: (nip, tahun,
    predikat, sumber, skala, nilai)."""
    nips = bindparam("nips", type_=ARRAY(String))
    final = select(
        Skp.nip,
        Skp.tahun,
        Skp.predikat,
        literal("skp").label("sumber"),
        literal(None, String).label("skala"),
        literal(None, Numeric(5, 2)).label("nilai"),
    ).where(Skp.status == "final", Skp.predikat.is_not(None))
    old = select(SkpLama.nip, SkpLama.tahun, SkpLama.predikat, literal("skp_lama"), SkpLama.skala, SkpLama.nilai)
    if not every:
        final = final.where(Skp.nip == any_(nips))
        old = old.where(SkpLama.nip == any_(nips))
    if since is not None:
        final = final.where(Skp.tahun >= since)
        old = old.where(SkpLama.tahun >= since)
    return union_all(final, old).order_by(text("nip"), text("tahun DESC"))


async def history(session: Session, nips: list[str] | None, since: int | None) -> list[tuple[object, ...]]:
    """The history of `nips` (None: of every NIP) in one statement (see history_statement)."""
    if nips is not None and not nips:
        return []
    connection = await session.connection()  # plain rows: no ORM result processing
    every = nips is None
    rows = await connection.execute(history_statement(since, every), {} if every else {"nips": nips})
    return [tuple(r) for r in rows]


async def get_lama(session: Session, nip: str, tahun: int) -> SkpLama | None:
    return await session.scalar(select(SkpLama).where(SkpLama.nip == nip, SkpLama.tahun == tahun))


async def cascade_items(session: Session, nips: list[str], tahun: int) -> list[tuple[object, ...]]:
    """Every work result of the SKPs of `nips` in `tahun`: (id, uraian, target, mendukung_id,
    skp_id, nip, penilai_nip, nama), in one statement."""
    if not nips:
        return []
    R = RencanaHasilKerja
    rows = await session.execute(
        select(R.id, R.uraian, R.target, R.mendukung_id, Skp.id, Skp.nip, Skp.penilai_nip, Skp.nama_pegawai)
        .join(Skp, Skp.id == R.skp_id)
        .where(Skp.nip.in_(nips), Skp.tahun == tahun)
        .order_by(Skp.nip, R.urutan)
    )
    return [tuple(r) for r in rows]


# --- periodic evaluations ---------------------------------------------------------------


async def get_evaluasi(session: Session, skp_id: uuid.UUID, ke: int) -> EvaluasiPeriodik | None:
    return await session.scalar(
        select(EvaluasiPeriodik).where(EvaluasiPeriodik.skp_id == skp_id, EvaluasiPeriodik.ke == ke)
    )


def evaluasi_statement(skp_id: uuid.UUID) -> Select[EvaluasiPeriodik]:
    return select(EvaluasiPeriodik).where(EvaluasiPeriodik.skp_id == skp_id).order_by(EvaluasiPeriodik.ke)


async def periode_evaluated(session: Session, periode_id: uuid.UUID) -> int:
    """How many periodic evaluations the SKPs of a period have."""
    found = await session.scalar(
        select(func.count())
        .select_from(EvaluasiPeriodik)
        .join(Skp, Skp.id == EvaluasiPeriodik.skp_id)
        .where(Skp.periode_id == periode_id)
    )
    return int(found or 0)


def due_statement(tahun: int, ended: Mapping[str, int], nips: Collection[str] | None, rater: str | None) -> Select[Any]:
    """The sub-periods of `tahun` that have ended without an evaluation, one row per SKP and `ke`,
    in one statement: each SKP that can still be evaluated (DIEVALUASI) of the NIPs given (None:
    every NIP) or rated by `rater`, joined to 1..the number of its period's sub-periods that have
    ended (`ended`, by the period's evaluasi), less those evaluated.
    Rows: (skp_id, nip, nama_pegawai, unit_nama, penilai_nip, status, tahun, evaluasi, ke)."""
    last = case(dict(ended), value=PeriodeSkp.evaluasi, else_=0)
    ke = func.generate_series(1, last).table_valued("ke").render_derived(name="sub").lateral()
    evaluated = exists().where(EvaluasiPeriodik.skp_id == Skp.id, EvaluasiPeriodik.ke == ke.c.ke)
    stmt = (
        select(
            Skp.id.label("skp_id"),
            Skp.nip,
            Skp.nama_pegawai,
            Skp.unit_nama,
            Skp.penilai_nip,
            Skp.status,
            Skp.tahun,
            PeriodeSkp.evaluasi,
            ke.c.ke,
        )
        .join(PeriodeSkp, PeriodeSkp.id == Skp.periode_id)
        .join(ke, true())
        .where(PeriodeSkp.tahun == tahun, Skp.status.in_(DIEVALUASI), ~evaluated)
    )
    if nips is not None:
        mine = Skp.penilai_nip == rater if rater else false()
        stmt = stmt.where(or_(Skp.nip.in_(list(nips)), mine) if nips else mine)
    return stmt.order_by(Skp.nama_pegawai, Skp.nip, ke.c.ke)


def demo_evaluasi_statements(before: int, per_year: Mapping[str, int], actor: str) -> list[Executable]:
    """The demo's periodic evaluations, set-based: for every final SKP of a year before `before`,
    each sub-period of its period (`per_year`: evaluasi -> evaluations a year) rated as the year
    was, with each work result realised and each BerAKHLAK value rated as the SKP's, five days
    after the sub-period ends. Three INSERT ... SELECT statements, run in order."""
    count = case(dict(per_year), value=PeriodeSkp.evaluasi)
    months = case({k: 12 // n for k, n in per_year.items()}, value=PeriodeSkp.evaluasi)
    ke = func.generate_series(1, count).table_valued("ke").render_derived(name="sub").lateral()
    rated = func.make_date(Skp.tahun, 1, 1) + func.make_interval(0, ke.c.ke * months, 0, 4)
    E = EvaluasiPeriodik
    periodic = insert(E).from_select(
        [
            "id",
            "version",
            "skp_id",
            "ke",
            "rating_hasil_kerja",
            "rating_perilaku_kerja",
            "predikat",
            "catatan_penilai",
            "dinilai_oleh",
            "dinilai_oleh_nip",
            "dinilai_pada",
        ],
        select(
            func.gen_random_uuid(),
            literal(1),
            Skp.id,
            ke.c.ke,
            Skp.rating_hasil_kerja,
            Skp.rating_perilaku_kerja,
            Skp.predikat,
            literal(None, String),
            literal(actor),
            Skp.penilai_nip,
            rated,
        )
        .join(PeriodeSkp, PeriodeSkp.id == Skp.periode_id)
        .join(ke, true())
        .where(Skp.tahun < before, Skp.status == "final", Skp.predikat.is_not(None)),
    )
    demo = select(E.id, E.skp_id, E.ke).join(Skp, Skp.id == E.skp_id).where(Skp.tahun < before).subquery()
    R, P = RencanaHasilKerja, PerilakuKerja
    hasil = insert(EvaluasiHasilKerja).from_select(
        ["evaluasi_id", "rhk_id", "urutan", "realisasi"],
        select(demo.c.id, R.id, R.urutan, func.concat("Sesuai rencana (evaluasi ke-", demo.c.ke, ")")).join(
            R, R.skp_id == demo.c.skp_id
        ),
    )
    perilaku = insert(EvaluasiPerilaku).from_select(
        ["evaluasi_id", "nilai", "urutan", "rating"],
        select(demo.c.id, P.nilai, P.urutan, P.rating).join(P, P.skp_id == demo.c.skp_id),
    )
    return [periodic, hasil, perilaku]


async def rekap(session: Session, nips: Collection[str], tahun: int) -> dict[str, int]:
    """Of these employees, how many have an SKP of the year, one agreed (or rated since) and one
    final with its predikat, in one statement."""
    if not nips:
        return {"dengan_skp": 0, "disetujui": 0, "dengan_predikat": 0}
    agreed = Skp.status.in_(("disetujui", "dinilai", "final"))
    final = (Skp.status == "final") & Skp.predikat.is_not(None)
    row = (
        await session.execute(
            select(
                func.count(Skp.nip.distinct()).label("dengan_skp"),
                func.count(Skp.nip.distinct()).filter(agreed).label("disetujui"),
                func.count(Skp.nip.distinct()).filter(final).label("dengan_predikat"),
            ).where(among(Skp.nip, values=list(nips)), Skp.tahun == tahun)
        )
    ).one()
    return {k: int(v) for k, v in row._mapping.items()}
