"""Every statement of the daily activity log. Lists are filtered to the NIPs the caller reaches."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.exc import IntegrityError

from kinerja.aktivitas.models import AktivitasHarian
from kinerja.skp.models import RencanaHasilKerja, Skp
from shared.audit import insert_many
from shared.db import Session, lock_named
from shared.errors import Conflict

A = AktivitasHarian
EXCLUSION_VIOLATION = "23P01"


def readable(nips: Collection[str] | None) -> Select[AktivitasHarian]:
    stmt = select(A)
    return stmt if nips is None else stmt.where(A.nip.in_(list(nips)))


def list_statement(
    nips: Collection[str] | None, *, nip: str | None, dari: date | None, sampai: date | None, status: str | None
) -> Select[AktivitasHarian]:
    stmt = readable(nips)
    if nip:
        stmt = stmt.where(A.nip == nip)
    if dari:
        stmt = stmt.where(A.tanggal >= dari)
    if sampai:
        stmt = stmt.where(A.tanggal <= sampai)
    if status:
        stmt = stmt.where(A.status == status)
    return stmt.order_by(A.tanggal.desc(), A.nip, A.menit_mulai, A.id)


async def get(session: Session, aktivitas_id: uuid.UUID) -> AktivitasHarian | None:
    return await session.get(A, aktivitas_id)


async def lock_day(session: Session, nip: str, tanggal: date) -> None:
    """Writers of one person's day take turns (until commit), so the count and overlap checks
    see each other's entries; the exclusion constraint is the net beneath."""
    await lock_named(session, f"aktivitas:{nip}:{tanggal.isoformat()}")


async def day_spans(session: Session, nip: str, tanggal: date) -> list[tuple[uuid.UUID, int, int]]:
    """(id, start, end) of every entry of one person's day."""
    rows = await session.execute(
        select(A.id, A.menit_mulai, A.menit_selesai).where(A.nip == nip, A.tanggal == tanggal).order_by(A.menit_mulai)
    )
    return [(r[0], r[1], r[2]) for r in rows]


async def own_work_results(session: Session, nip: str, tahun: int, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Of `ids`, the work results of `nip`'s own SKP of `tahun`."""
    if not ids:
        return set()
    rows = await session.scalars(
        select(RencanaHasilKerja.id)
        .join(Skp, Skp.id == RencanaHasilKerja.skp_id)
        .where(RencanaHasilKerja.id.in_(list(ids)), Skp.nip == nip, Skp.tahun == tahun)
    )
    return set(rows)


def _overlap(exc: IntegrityError) -> bool:
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(getattr(orig, "__cause__", None), "sqlstate", None)
    return code == EXCLUSION_VIOLATION


async def insert_entries(session: Session, rows: list[dict[str, Any]], nip: str, tanggal: date) -> None:
    """One INSERT of the rows and one of their audit entries. A concurrent writer's overlapping
    entry (the exclusion constraint) answers 409 like the checked case."""
    try:
        await insert_many(session, A, rows)
    except IntegrityError as exc:
        if _overlap(exc):
            raise Conflict("aktivitas-overlap-concurrent", nip=nip, tanggal=tanggal.isoformat()) from exc
        raise


async def flush(session: Session, entry: AktivitasHarian) -> None:
    try:
        await session.flush()
    except IntegrityError as exc:
        if _overlap(exc):
            raise Conflict("aktivitas-overlap-concurrent", nip=entry.nip, tanggal=entry.tanggal.isoformat()) from exc
        raise


async def delete(session: Session, entry: AktivitasHarian) -> None:
    await session.delete(entry)
    await session.flush()


SUMMARY = text(
    """
    SELECT p.nip,
           count(a.id) AS jumlah_entri,
           coalesce(sum(a.menit_selesai - a.menit_mulai), 0) AS menit_efektif,
           coalesce(sum(a.menit_selesai - a.menit_mulai) FILTER (WHERE a.rhk_id IS NOT NULL), 0) AS menit_skp,
           coalesce(sum(a.menit_selesai - a.menit_mulai) FILTER (WHERE a.tugas_indeks IS NOT NULL), 0)
               AS menit_tugas_jabatan,
           coalesce(sum(a.menit_selesai - a.menit_mulai) FILTER (WHERE a.status = 'dikonfirmasi'), 0)
               AS menit_dikonfirmasi
    FROM unnest(CAST(:nips AS text[])) WITH ORDINALITY AS p(nip, urutan)
    LEFT JOIN aktivitas_harian a ON a.nip = p.nip AND a.tanggal BETWEEN :dari AND :sampai
    GROUP BY p.nip, p.urutan
    ORDER BY p.urutan
    """
)


async def summary(session: Session, nips: Sequence[str], dari: date, sampai: date) -> list[dict[str, Any]]:
    """Minutes per employee over a period, in the order of `nips` (those without entries too): one statement."""
    if not nips:
        return []
    rows = await session.execute(SUMMARY, {"nips": list(nips), "dari": dari, "sampai": sampai})
    return [dict(r) for r in rows.mappings()]


SIMILARITY = text(
    """
    WITH peg AS (
        SELECT * FROM unnest(CAST(:nips AS text[]), CAST(:jabatan AS uuid[])) AS p(nip, jabatan_id)
    ), tugas AS (
        SELECT * FROM unnest(CAST(:tugas_jabatan AS uuid[]), CAST(:tugas_teks AS text[])) AS t(jabatan_id, teks)
    ), entri AS (
        SELECT a.id, a.nip, a.uraian
        FROM aktivitas_harian a JOIN peg ON peg.nip = a.nip
        WHERE a.tanggal BETWEEN :dari AND :sampai
    ), skor AS (
        -- each entry against each position: how well its best-matching task reads in the entry
        SELECT e.id, e.nip, t.jabatan_id, max(word_similarity(t.teks, e.uraian)) AS s
        FROM entri e CROSS JOIN tugas t
        GROUP BY e.id, e.nip, t.jabatan_id
    ), per_jabatan AS (
        SELECT nip, jabatan_id, avg(s) AS skor, count(*) AS n FROM skor GROUP BY nip, jabatan_id
    ), dihitung AS (
        SELECT nip, count(*) AS n FROM entri GROUP BY nip
    )
    SELECT p.nip, p.jabatan_id, d.n AS jumlah_entri,
           coalesce(sendiri.skor, 0)::float AS skor_sendiri,
           terdekat.jabatan_id AS terdekat_id, terdekat.skor::float AS skor_terdekat
    FROM peg p
    JOIN dihitung d ON d.nip = p.nip
    LEFT JOIN per_jabatan sendiri ON sendiri.nip = p.nip AND sendiri.jabatan_id = p.jabatan_id
    JOIN LATERAL (
        SELECT pj.jabatan_id, pj.skor FROM per_jabatan pj
        WHERE pj.nip = p.nip AND pj.jabatan_id IS DISTINCT FROM p.jabatan_id
        ORDER BY pj.skor DESC, pj.jabatan_id LIMIT 1
    ) terdekat ON true
    WHERE d.n >= :min_entri AND terdekat.skor > coalesce(sendiri.skor, 0) + :selisih
    ORDER BY terdekat.skor - coalesce(sendiri.skor, 0) DESC, p.nip
    """
)


async def similarity(
    session: Session,
    people: Sequence[tuple[str, uuid.UUID | None]],
    tasks: Sequence[tuple[uuid.UUID, str]],
    dari: date,
    sampai: date,
    *,
    min_entri: int,
    selisih: float,
) -> list[dict[str, Any]]:
    """Employees (nip, position) whose entries of the period match another position's tasks
    (position, task text) better than their own by more than `selisih`: one statement."""
    if not people or not tasks:
        return []
    params = {
        "nips": [n for n, _ in people],
        "jabatan": [j for _, j in people],
        "tugas_jabatan": [j for j, _ in tasks],
        "tugas_teks": [t for _, t in tasks],
        "dari": dari,
        "sampai": sampai,
        "min_entri": min_entri,
        "selisih": selisih,
    }
    return [dict(r) for r in (await session.execute(SIMILARITY, params)).mappings()]
