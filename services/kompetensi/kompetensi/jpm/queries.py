"""Job-person match and gaps, computed in PostgreSQL over the current-profile projection.

JPM% = 100 * sum(min(held, required)) / sum(required) over the position's standard
(shared/rules/jpm.yaml); a competency never assessed counts as held 0.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, String, TextClause, Uuid, bindparam, text

from shared.db import Session

# NIPs are digits: byte order ("C") sorts them as any collation would, without locale rules.
# Unrounded: the category is chosen before rounding, so 77.996 stays below the 78 band.
JPM = "100.0 * sum(least(coalesce(c.level, 0), s.level)) / sum(s.level)"
ORDER = "ORDER BY k.jenis, k.kode"  # the order of a standard's items everywhere


def _nips(nips: Sequence[str]) -> Any:
    return bindparam("nips", list(nips), type_=ARRAY(String))


def standard_of_sql(jabatan_id: uuid.UUID) -> TextClause:
    return text(
        f"SELECT k.kode AS kompetensi_kode, k.nama, k.jenis, s.level AS dibutuhkan FROM standar_kompetensi s "
        f"JOIN kompetensi k ON k.id = s.kompetensi_id WHERE s.jabatan_id = :jabatan_id {ORDER}"
    ).bindparams(bindparam("jabatan_id", jabatan_id, type_=Uuid))


def kategori_case(bands: Sequence[tuple[str, float]], column: str) -> str:
    """The JPM category as SQL, from the band table (shared/rules/jpm.yaml), highest first."""
    whens = " ".join(f"WHEN {column} >= {float(minimum)!r} THEN '{kode}'" for kode, minimum in bands)
    return f"CASE {whens} END"


def for_position_sql(
    jabatan_id: uuid.UUID,
    nips: Sequence[str],
    required: Sequence[int],
    bands: Sequence[tuple[str, float]],
    detail: bool,
) -> TextClause:
    """One position, many distinct employees: one row holding the items as a JSON array text,
    [{nip, jpm, kategori[, dimiliki, gap]}] best first, with the arrays in the order of
    standard_of() (`required` holds its levels), so the standard is sent once rather than
    repeated per person.

    PostgreSQL builds the JSON so that the service passes 10,000 items through without decoding
    and re-encoding each row. Only the profile rows of the standard's competencies for the
    given NIPs are aggregated (people never assessed join as 0), and the per-item levels are a
    pivot (one FILTERed max per item), so grouping needs a hash rather than a sort. The category
    is taken from the unrounded percentage, so 77.996 is not lifted into the 78 band. The
    percentage is float8 rather than numeric (a third faster over 10,000 rows): 100 * held / total
    of two small integers is one correctly rounded division, so a share that is exactly a band
    minimum compares equal to it. The numbers interpolated here are the standard's levels and the
    band minimums, read from the database or the rules, never from the request.
    """
    n = len(required)
    pivot = "".join(f", max(c.level) FILTER (WHERE s.ord = {i}) AS l{i}" for i in range(1, n + 1))
    arrays, fields = "", ""
    if detail:
        held = ", ".join(f"h.l{i}" for i in range(1, n + 1))
        gap = ", ".join(f"coalesce(h.l{i}, 0) - {int(r)}" for i, r in enumerate(required, start=1))
        arrays = f", ARRAY[{held}]::int[] AS dimiliki, ARRAY[{gap}]::int[] AS gap"
        fields = ", 'dimiliki', dimiliki, 'gap', gap"
    sql = f"""
        WITH s AS (
                SELECT st.kompetensi_id, st.level, row_number() OVER (ORDER BY k.jenis, k.kode) AS ord
                FROM standar_kompetensi st JOIN kompetensi k ON k.id = st.kompetensi_id
                WHERE st.jabatan_id = :jabatan_id),
             held AS (
                SELECT c.nip, sum(least(c.level, s.level)) AS got{pivot}
                FROM profil_kompetensi c
                JOIN s ON s.kompetensi_id = c.kompetensi_id
                WHERE c.nip = ANY(CAST(:nips AS varchar[]))
                GROUP BY c.nip),
             scored AS (
                SELECT p.nip, (100 * coalesce(h.got, 0))::float8 / {int(sum(required))} AS pct{arrays}
                FROM unnest(CAST(:nips AS varchar[])) AS p(nip) LEFT JOIN held h ON h.nip = p.nip)
        SELECT coalesce(json_agg(json_build_object(
                   'nip', nip, 'jpm', round(pct * 100) / 100, 'kategori', {kategori_case(bands, "pct")}{fields})
               ORDER BY pct DESC, nip COLLATE "C"), '[]')::text
        FROM scored
    """
    return text(sql).bindparams(_nips(nips), bindparam("jabatan_id", jabatan_id, type_=Uuid))


def for_person_sql(nip: str, jabatan_ids: Sequence[uuid.UUID]) -> TextClause:
    """One employee, many positions: (jabatan_id, jpm, rincian as JSON text)."""
    sql = f"""
        SELECT s.jabatan_id, {JPM} AS jpm,
               json_agg(json_build_object('kompetensi_kode', k.kode, 'jenis', k.jenis, 'dibutuhkan', s.level,
                        'dimiliki', c.level, 'gap', coalesce(c.level, 0) - s.level,
                        'tanggal_asesmen', c.tanggal) {ORDER})::text AS rincian
        FROM standar_kompetensi s
        JOIN kompetensi k ON k.id = s.kompetensi_id
        LEFT JOIN profil_kompetensi c ON c.kompetensi_id = s.kompetensi_id AND c.nip = :nip
        WHERE s.jabatan_id = ANY(:jabatan_ids)
        GROUP BY s.jabatan_id
        ORDER BY jpm DESC
    """
    return text(sql).bindparams(
        bindparam("nip", nip, type_=String), bindparam("jabatan_ids", list(jabatan_ids), type_=ARRAY(Uuid))
    )


def gaps_sql(nips: Sequence[str], jabatan_ids: Sequence[uuid.UUID]) -> TextClause:
    """Each employee against their own position's standard: (nip, kode, nama, jenis, dibutuhkan, dimiliki, gap).

    Each held level is one primary-key probe (LATERAL): with a few hundred people the planner
    would otherwise hash the whole profile table, and an `= ANY(:nips)` filter degrades to a
    linear search per row when PostgreSQL switches the prepared statement to a generic plan.
    """
    sql = """
        SELECT p.nip, k.kode, k.nama, k.jenis, s.level AS dibutuhkan, c.level AS dimiliki,
               coalesce(c.level, 0) - s.level AS gap
        FROM unnest(CAST(:nips AS varchar[]), CAST(:jabatan_ids AS uuid[])) AS p(nip, jabatan_id)
        JOIN standar_kompetensi s ON s.jabatan_id = p.jabatan_id
        JOIN kompetensi k ON k.id = s.kompetensi_id
        LEFT JOIN LATERAL (
            SELECT pk.level FROM profil_kompetensi pk WHERE pk.nip = p.nip AND pk.kompetensi_id = s.kompetensi_id
            LIMIT 1  -- at most one row anyway (primary key); keeps the planner from flattening the probe
        ) c ON true
        ORDER BY p.nip COLLATE "C", k.jenis, k.kode
    """
    return text(sql).bindparams(_nips(nips), bindparam("jabatan_ids", list(jabatan_ids), type_=ARRAY(Uuid)))


async def standard_of(session: Session, jabatan_id: uuid.UUID) -> list[dict[str, Any]]:
    return [dict(r) for r in (await session.execute(standard_of_sql(jabatan_id))).mappings()]


async def for_position(
    session: Session,
    jabatan_id: uuid.UUID,
    nips: Sequence[str],
    required: Sequence[int],
    bands: Sequence[tuple[str, float]],
    detail: bool,
) -> str:
    """The items of one position's JPM as JSON text (see for_position_sql)."""
    return str((await session.execute(for_position_sql(jabatan_id, nips, required, bands, detail))).scalar_one())


async def for_person(session: Session, nip: str, jabatan_ids: Sequence[uuid.UUID]) -> list[tuple[Any, ...]]:
    """(jabatan_id, jpm, rincian as JSON text) per position that has a standard, best first."""
    return [tuple(r) for r in await session.execute(for_person_sql(nip, jabatan_ids))]


async def gaps(session: Session, nips: Sequence[str], jabatan_ids: Sequence[uuid.UUID]) -> list[tuple[Any, ...]]:
    """(nip, kode, nama, jenis, dibutuhkan, dimiliki, gap) per employee and required competency."""
    return [tuple(r) for r in await session.execute(gaps_sql(nips, jabatan_ids))]
