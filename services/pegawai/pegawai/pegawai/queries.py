"""Set-based reads of employees. `list_statement` is the one query behind the list, search,
export and benchmark: filters, typo-tolerant search and sorting in a single SELECT."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ARRAY, Select, String, and_, any_, bindparam, func, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import NullType

from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai
from pegawai.pegawai.schemas import OWN_FIELDS, SortField
from pegawai.unit_organisasi.models import UnitOrganisasi
from pegawai.unit_organisasi.queries import subtree_cte

P, J, U = Pegawai, Jabatan, UnitOrganisasi
# Columns joined from the position and unit for each employee row.
JOINED = (J.nama.label("jabatan_nama"), J.jenis.label("jabatan_jenis"), J.kelas_jabatan, J.rumpun, U.nama.label("unit_nama"))
# Reads select plain columns, not ORM entities: a page of 1,000 employees then costs no object
# construction or identity-map work (see docs/benchmarks.md).
# Array columns skip SQLAlchemy's per-item result processing: asyncpg already returns lists.
_RAW_ARRAYS = {"minat_rumpun", "minat_jabatan_ids"}
OUT_COLUMNS = (
    *(type_coerce(getattr(P, f), NullType()).label(f) if f in _RAW_ARRAYS else getattr(P, f) for f in OWN_FIELDS),
    *JOINED,
)


@dataclass
class PegawaiFilter:
    unit_id: uuid.UUID | None = None
    include_sub_units: bool = True
    jabatan_id: uuid.UUID | None = None
    jenis_jabatan: Sequence[str] | None = None
    kelas_min: int | None = None
    kelas_max: int | None = None
    golongan_min_rank: int | None = None
    golongan_max_rank: int | None = None
    pendidikan_min_rank: int | None = None
    rumpun: str | None = None
    kedudukan: Sequence[str] | None = None
    status_kepegawaian: Sequence[str] | None = None
    q: str | None = None


def _search(q: str) -> tuple[Any, Any]:
    """Where-clause and relevance for a name or NIP search that tolerates typos (pg_trgm)."""
    term = q.strip()
    digits = term.replace(" ", "")
    if digits.isdigit():
        return or_(P.nip.startswith(digits), P.nip.op("%")(digits)), func.similarity(P.nip, digits)
    # word_similarity (<%) matches a misspelt part of a longer name; ILIKE catches exact fragments.
    return (
        or_(func.lower(P.nama).contains(term.lower()), P.nama.op("%>")(term)),
        func.word_similarity(term, P.nama),
    )


def list_statement(
    f: PegawaiFilter,
    *,
    unit_scope: frozenset[uuid.UUID] | None,
    self_nip: str | None = None,
    sort: SortField | None = None,
    descending: bool = False,
) -> Select[Any]:
    stmt = select(*OUT_COLUMNS).outerjoin(J, J.id == P.jabatan_id).outerjoin(U, U.id == P.unit_id)
    conditions: list[Any] = []
    if self_nip is not None:
        conditions.append(P.nip == self_nip)
    if unit_scope is not None:
        conditions.append(P.unit_id.in_(unit_scope))
    if f.unit_id is not None:
        if f.include_sub_units:
            cte = subtree_cte([f.unit_id])
            conditions.append(P.unit_id.in_(select(cte.c.id)))
        else:
            conditions.append(P.unit_id == f.unit_id)
    if f.jabatan_id is not None:
        conditions.append(P.jabatan_id == f.jabatan_id)
    if f.jenis_jabatan:
        conditions.append(J.jenis.in_(f.jenis_jabatan))
    if f.kelas_min is not None:
        conditions.append(J.kelas_jabatan >= f.kelas_min)
    if f.kelas_max is not None:
        conditions.append(J.kelas_jabatan <= f.kelas_max)
    if f.golongan_min_rank is not None:
        conditions.append(P.golongan_rank >= f.golongan_min_rank)
    if f.golongan_max_rank is not None:
        conditions.append(P.golongan_rank <= f.golongan_max_rank)
    if f.pendidikan_min_rank is not None:
        conditions.append(P.pendidikan_rank >= f.pendidikan_min_rank)
    if f.rumpun:
        conditions.append(J.rumpun == f.rumpun)
    if f.kedudukan:
        conditions.append(P.kedudukan.in_(f.kedudukan))
    if f.status_kepegawaian:
        conditions.append(P.status_kepegawaian.in_(f.status_kepegawaian))
    relevance = None
    if f.q:
        where, relevance = _search(f.q)
        conditions.append(where)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    order: list[Any]
    if sort is None:
        sort = SortField.RELEVANSI if relevance is not None else SortField.NAMA
    columns = {
        SortField.NAMA: P.nama,
        SortField.NIP: P.nip,
        SortField.GOLONGAN: P.golongan_rank,
        SortField.TMT_GOLONGAN: P.tmt_golongan,
        SortField.KELAS: J.kelas_jabatan,
        SortField.TANGGAL_LAHIR: P.tanggal_lahir,
    }
    if sort == SortField.RELEVANSI:
        order = [relevance.desc() if relevance is not None else P.nama, P.nip]
    else:
        col = columns[sort]
        order = [(col.desc() if descending else col.asc()).nulls_last(), P.nip]
    return stmt.order_by(*order)


async def by_nip(session: AsyncSession, nip: str) -> tuple[Pegawai, dict[str, Any]] | None:
    row = (
        await session.execute(
            select(P, *JOINED).outerjoin(J, J.id == P.jabatan_id).outerjoin(U, U.id == P.unit_id).where(P.nip == nip)
        )
    ).first()
    if row is None:
        return None
    return row[0], extras(row)


def by_nips_statement(nips: Sequence[str], unit_scope: frozenset[uuid.UUID] | None) -> Select[Any]:
    """One query for many NIPs: `= ANY($1)` with one array parameter, however many NIPs."""
    stmt = (
        select(*OUT_COLUMNS)
        .outerjoin(J, J.id == P.jabatan_id)
        .outerjoin(U, U.id == P.unit_id)
        .where(P.nip == any_(bindparam("nips", list(nips), type_=ARRAY(String))))
    )
    if unit_scope is not None:
        stmt = stmt.where(P.unit_id.in_(unit_scope))
    return stmt


async def by_nips(session: AsyncSession, nips: Sequence[str], unit_scope: frozenset[uuid.UUID] | None) -> list[Any]:
    return list((await session.execute(by_nips_statement(nips, unit_scope))).all())


def extras(row: Any) -> dict[str, Any]:
    m = row._mapping
    return {k: m[k] for k in ("jabatan_nama", "jabatan_jenis", "kelas_jabatan", "rumpun", "unit_nama")}
