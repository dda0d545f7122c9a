"""Set-based reads of employees. `list_statement` is the one query behind the list, search,
export and benchmark: reach, filters, typo-tolerant search and sorting in a single SELECT."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Select,
    String,
    and_,
    any_,
    bindparam,
    false,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.types import NullType

from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan
from pegawai.pegawai.schemas import JOINED_FIELDS, OWN_FIELDS, SortField
from pegawai.reach import Reached
from pegawai.unit_organisasi.models import UnitOrganisasi
from pegawai.unit_organisasi.queries import subtree_cte
from shared.db import Session

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


def visible(reach: Reached) -> ColumnElement[bool] | None:
    """Employees of the units the caller reaches, and itself; None when it reaches all."""
    if reach.units is None:
        return None
    conditions: list[ColumnElement[bool]] = [P.unit_id.in_(reach.units)] if reach.units else []
    if reach.nip:
        conditions.append(P.nip == reach.nip)
    return or_(*conditions) if conditions else false()


def list_statement(
    f: PegawaiFilter,
    reach: Reached,
    *,
    sort: SortField | None = None,
    descending: bool = False,
) -> Select[Any]:
    stmt = select(*OUT_COLUMNS).outerjoin(J, J.id == P.jabatan_id).outerjoin(U, U.id == P.unit_id)
    conditions: list[Any] = []
    in_reach = visible(reach)
    if in_reach is not None:
        conditions.append(in_reach)
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


async def readable_one(session: Session, nip: str, reach: Reached) -> tuple[Pegawai, dict[str, Any]] | None:
    """The employee with its position and unit names, when the caller reaches it."""
    stmt = select(P, *JOINED).outerjoin(J, J.id == P.jabatan_id).outerjoin(U, U.id == P.unit_id).where(P.nip == nip)
    in_reach = visible(reach)
    if in_reach is not None:
        stmt = stmt.where(in_reach)
    row = (await session.execute(stmt)).first()
    if row is None:
        return None
    return row[0], {k: row._mapping[k] for k in JOINED_FIELDS}


def by_nips_statement(nips: Sequence[str], reach: Reached) -> Select[Any]:
    """One query for many NIPs: `= ANY($1)` with one array parameter, however many NIPs."""
    stmt = (
        select(*OUT_COLUMNS)
        .outerjoin(J, J.id == P.jabatan_id)
        .outerjoin(U, U.id == P.unit_id)
        .where(P.nip == any_(bindparam("nips", list(nips), type_=ARRAY(String))))
    )
    in_reach = visible(reach)
    return stmt if in_reach is None else stmt.where(in_reach)


async def by_nips(session: Session, nips: Sequence[str], reach: Reached) -> list[Any]:
    return list((await session.execute(by_nips_statement(nips, reach))).all())


async def nip_exists(session: Session, nip: str) -> bool:
    return await session.scalar(select(P.id).where(P.nip == nip)) is not None


async def existing_nips(session: Session, nips: set[str]) -> set[str]:
    if not nips:
        return set()
    return set((await session.execute(select(P.nip).where(P.nip.in_(nips)))).scalars())


async def riwayat_jabatan(session: Session, pegawai_id: uuid.UUID) -> list[RiwayatJabatan]:
    stmt = select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == pegawai_id).order_by(RiwayatJabatan.tmt_mulai.desc())
    return list((await session.execute(stmt)).scalars())


async def riwayat_golongan(session: Session, pegawai_id: uuid.UUID) -> list[RiwayatGolongan]:
    stmt = select(RiwayatGolongan).where(RiwayatGolongan.pegawai_id == pegawai_id).order_by(RiwayatGolongan.tmt.desc())
    return list((await session.execute(stmt)).scalars())


async def riwayat_pendidikan(session: Session, pegawai_id: uuid.UUID) -> list[RiwayatPendidikan]:
    order = RiwayatPendidikan.tahun_lulus.desc().nulls_last()
    stmt = select(RiwayatPendidikan).where(RiwayatPendidikan.pegawai_id == pegawai_id).order_by(order)
    return list((await session.execute(stmt)).scalars())


def open_jabatan_history(pegawai_id: uuid.UUID) -> ColumnElement[bool]:
    """The position-history rows of an employee that have no end yet."""
    return (RiwayatJabatan.pegawai_id == pegawai_id) & RiwayatJabatan.tmt_selesai.is_(None)


async def export_rows(session: Session, f: PegawaiFilter, reach: Reached) -> list[Any]:
    """The employees of the list statement with their position's and unit's codes (exports)."""
    stmt = list_statement(f, reach).add_columns(J.kode.label("jabatan_kode"), U.kode.label("unit_kode"))
    return list((await session.execute(stmt)).all())
