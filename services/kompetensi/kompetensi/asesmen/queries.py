"""The profile: the latest valid assessment per (NIP, competency).

`profil_kompetensi` holds it; `refresh` re-derives it from the history for the pairs a write
touched (a corrected record no longer counts; among the rest the latest date, then the latest
entry, then the later row of one batch wins). Reads then join the projection.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ARRAY, Select, String, Text, TextClause, Uuid, any_, bindparam, cast, exists, func, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import aliased

from kompetensi.asesmen.models import Asesmen, ProfilKompetensi
from kompetensi.kamus.models import Kompetensi

P, K = ProfilKompetensi, Kompetensi

PAIRS = "SELECT DISTINCT * FROM unnest(CAST(:nips AS varchar[]), CAST(:kids AS uuid[])) AS t(nip, kompetensi_id)"

# One transaction-scoped lock per pair, taken in key order so that two batches cannot deadlock.
LOCK = text(
    f"""
    SELECT pg_advisory_xact_lock(k) FROM (
        SELECT DISTINCT hashtextextended(nip || '/' || kompetensi_id::text, 0) AS k FROM ({PAIRS}) AS p ORDER BY k
    ) AS keys
    """
)


def _project(source: str) -> TextClause:
    return text(
        f"""
        INSERT INTO profil_kompetensi (nip, kompetensi_id, level, tanggal, metode, asesmen_id)
        SELECT DISTINCT ON (a.nip, a.kompetensi_id) a.nip, a.kompetensi_id, a.level, a.tanggal, a.metode, a.id
        FROM {source}
        WHERE NOT EXISTS (SELECT 1 FROM asesmen c WHERE c.koreksi_dari = a.id)
        ORDER BY a.nip, a.kompetensi_id, a.tanggal DESC, a.created_at DESC, a.seq DESC
        ON CONFLICT (nip, kompetensi_id) DO UPDATE
        SET level = excluded.level, tanggal = excluded.tanggal, metode = excluded.metode,
            asesmen_id = excluded.asesmen_id
        """
    )


REFRESH = _project(f"asesmen a JOIN ({PAIRS}) AS pairs USING (nip, kompetensi_id)")
PROJECT_ALL = _project("asesmen a")


async def refresh(conn: AsyncSession | AsyncConnection, pairs: Sequence[tuple[str, uuid.UUID]]) -> None:
    """Re-derive the current level of these (nip, kompetensi) pairs, set-based, in the caller's transaction.

    Concurrent writers to the same pair are serialised: without the lock each would derive the
    row from its own snapshot and the last to commit could leave an older level. The lock is a
    statement of its own so that the derivation (READ COMMITTED: a fresh snapshot per statement)
    sees what the previous holder committed.
    """
    if not pairs:
        return
    params = (
        bindparam("nips", [p[0] for p in pairs], type_=ARRAY(String)),
        bindparam("kids", [p[1] for p in pairs], type_=ARRAY(Uuid)),
    )
    await conn.execute(LOCK.bindparams(*params))
    await conn.execute(REFRESH.bindparams(*params))


async def project_all(conn: AsyncSession | AsyncConnection) -> None:
    """The whole projection at once (bulk loads)."""
    await conn.execute(PROJECT_ALL)


def profile_statement(nips: Sequence[str]) -> Any:
    return (
        select(
            P.nip,
            P.kompetensi_id,
            K.kode.label("kompetensi_kode"),
            K.nama,
            K.jenis,
            P.level,
            P.tanggal,
            P.metode,
            P.asesmen_id,
        )
        .join(K, K.id == P.kompetensi_id)
        .where(P.nip == any_(bindparam("nips", list(nips), type_=ARRAY(String))))
        .order_by(P.nip, K.jenis, K.kode)
    )


def history_statement(nip: str, kompetensi_kode: str | None) -> Select[Asesmen, str, bool]:
    """An employee's assessments, newest first, each with its competency code and whether a
    later record corrects it."""
    correction = aliased(Asesmen)
    stmt = (
        select(Asesmen, K.kode, exists().where(correction.koreksi_dari == Asesmen.id).label("dikoreksi"))
        .join(K, K.id == Asesmen.kompetensi_id)
        .where(Asesmen.nip == nip)
    )
    if kompetensi_kode:
        stmt = stmt.where(K.kode == kompetensi_kode)
    return stmt.order_by(Asesmen.tanggal.desc(), Asesmen.created_at.desc(), Asesmen.__table__.c.seq.desc())


async def get(session: AsyncSession, asesmen_id: uuid.UUID) -> Asesmen | None:
    return await session.get(Asesmen, asesmen_id)


async def is_corrected(session: AsyncSession, asesmen_id: uuid.UUID) -> bool:
    return await session.scalar(select(Asesmen.id).where(Asesmen.koreksi_dari == asesmen_id)) is not None


def levels_statement(every: bool = False) -> Any:
    """(nip, its levels as a JSON object {code: level} as text, the date of its
    latest assessment) of the current profile of many NIPs: the compact read of placement and the
    talent map, one `= ANY($1)` over the projection; `every`: of every NIP (no parameter), by NIP.
    One row per person with PostgreSQL writing each map: a tenth of the rows to decode (10,000
    rather than 106,000 on a Pemda), the maps passed on unparsed (orjson.Fragment). Each map in
    the order of the primary key (nip, kompetensi_id), which the scan already has: a stable answer
    at no cost of sorting."""
    levels = cast(func.json_object_agg(K.kode, aggregate_order_by(P.level, P.kompetensi_id)), Text)
    statement = (
        select(P.nip, levels, func.max(P.tanggal)).join(K, K.id == P.kompetensi_id).group_by(P.nip).order_by(P.nip)
    )
    return statement if every else statement.where(P.nip == any_(bindparam("nips", type_=ARRAY(String))))


async def measured_since(session: AsyncSession, nips: Sequence[str], since: date, metode: Sequence[str]) -> set[str]:
    """The NIPs with an assessment by one of `metode` dated `since` or later that no later record
    corrects (one statement)."""
    if not nips:
        return set()
    corrected = aliased(Asesmen)
    stmt = (
        select(Asesmen.nip)
        .where(
            Asesmen.nip == any_(bindparam("nips", list(nips), type_=ARRAY(String))),
            Asesmen.tanggal >= since,
            Asesmen.metode == any_(bindparam("metode", list(metode), type_=ARRAY(String))),
            ~exists().where(corrected.koreksi_dari == Asesmen.id),
        )
        .distinct()
    )
    return set((await session.execute(stmt)).scalars().all())
