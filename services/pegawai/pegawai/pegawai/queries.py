"""Set-based reads of employees. `list_statement` is the one query behind the list, search,
export and benchmark: reach, filters, typo-tolerant search and sorting in a single SELECT."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    String,
    Uuid,
    and_,
    any_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased
from sqlalchemy.types import NullType

from pegawai.jabatan.models import Jabatan
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan
from pegawai.pegawai.schemas import JOINED_FIELDS, OWN_FIELDS, SortField
from pegawai.reach import Reached
from pegawai.unit_organisasi.models import UnitOrganisasi
from pegawai.unit_organisasi.queries import subtree_cte
from shared.db import Session
from shared.kepegawaian import SERVING_VALUES

P, J, U = Pegawai, Jabatan, UnitOrganisasi
# Columns joined from the position and unit for each employee row.
JOINED = (
    J.nama.label("jabatan_nama"),
    J.jenis.label("jabatan_jenis"),
    J.kelas_jabatan,
    J.rumpun,
    U.nama.label("unit_nama"),
)
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


@dataclass(frozen=True)
class Shape:
    """What decides the SQL of a list or lookup, as opposed to the values it is run with. Each
    shape's statement is built once (building one costs ~2 ms of Python per request; see
    docs/benchmarks.md) and then run with the request's values as bound parameters."""

    reach: str  # "all", "units" (and/or self), "self", "none"
    reach_self: bool = False
    reach_reports: bool = False  # an atasan's direct reports, named by NIP
    unit: str | None = None  # None, "subtree" or "exact"
    jabatan_id: bool = False
    jenis_jabatan: bool = False
    kelas_min: bool = False
    kelas_max: bool = False
    golongan_min: bool = False
    golongan_max: bool = False
    pendidikan_min: bool = False
    rumpun: bool = False
    kedudukan: bool = False
    status: bool = False
    search: str | None = None  # None, "nip" or "nama"
    sort: SortField = SortField.NAMA
    descending: bool = False


# What decides the SQL of a reach: (kind, with its own NIP, with its direct reports' NIPs).
ReachKey = tuple[str, bool, bool]


def _reach_shape(reach: Reached) -> tuple[ReachKey, dict[str, Any]]:
    if reach.units is None:
        return ("all", False, False), {}
    params: dict[str, Any] = {}
    if reach.units:
        params["reach_units"] = list(reach.units)
    if reach.nip:
        params["reach_nip"] = reach.nip
    with_reports = bool(reach.nip and reach.reports)
    if with_reports:
        params["reach_reports"] = sorted(reach.reports)
    kind = "units" if reach.units else "self" if reach.nip else "none"
    return (kind, bool(reach.units and reach.nip), with_reports), params


def _visible(key: ReachKey) -> ColumnElement[bool] | None:
    kind, with_self, with_reports = key
    if kind == "all":
        return None
    if kind == "none":
        return false()
    conditions: list[ColumnElement[bool]] = []
    if kind == "units":
        conditions.append(P.unit_id == any_(bindparam("reach_units", type_=ARRAY(Uuid))))
    if kind == "self" or with_self:
        conditions.append(P.nip == bindparam("reach_nip", type_=String))
    if with_reports:
        conditions.append(P.nip == any_(bindparam("reach_reports", type_=ARRAY(String))))
    return conditions[0] if len(conditions) == 1 else or_(*conditions)


def visible(reach: Reached) -> ColumnElement[bool] | None:
    """Employees of the units the caller reaches, itself and (reading) its direct reports; None
    when it reaches all (values bound)."""
    key, params = _reach_shape(reach)
    condition = _visible(key)
    return None if condition is None else condition.params(**params)


def _shape_of(
    f: PegawaiFilter, reach: Reached, sort: SortField | None, descending: bool
) -> tuple[Shape, dict[str, Any]]:
    (kind, with_self, with_reports), params = _reach_shape(reach)
    unit = None
    if f.unit_id is not None:
        unit = "subtree" if f.include_sub_units else "exact"
        params["unit_id"] = f.unit_id
    search = None
    if f.q and f.q.strip():
        term = f.q.strip()
        digits = term.replace(" ", "")
        if digits.isdigit():
            search, params["q"] = "nip", digits
        else:
            search, params["q"], params["q_lower"] = "nama", term, term.lower()
    values = {
        "jabatan_id": f.jabatan_id,
        "jenis_jabatan": list(f.jenis_jabatan or []) or None,
        "kelas_min": f.kelas_min,
        "kelas_max": f.kelas_max,
        "golongan_min": f.golongan_min_rank,
        "golongan_max": f.golongan_max_rank,
        "pendidikan_min": f.pendidikan_min_rank,
        "rumpun": f.rumpun or None,
        "kedudukan": list(f.kedudukan or []) or None,
        "status": list(f.status_kepegawaian or []) or None,
    }
    params.update({k: v for k, v in values.items() if v is not None})
    if sort is None:
        sort = SortField.RELEVANSI if search else SortField.NAMA
    shape = Shape(
        reach=kind,
        reach_self=with_self,
        reach_reports=with_reports,
        unit=unit,
        search=search,
        sort=sort,
        descending=descending,
        **{k: v is not None for k, v in values.items()},
    )
    return shape, params


@lru_cache(maxsize=1024)
def _list_of(shape: Shape) -> Select[Any]:
    stmt = select(*OUT_COLUMNS).outerjoin(J, J.id == P.jabatan_id).outerjoin(U, U.id == P.unit_id)
    conditions: list[Any] = []
    in_reach = _visible((shape.reach, shape.reach_self, shape.reach_reports))
    if in_reach is not None:
        conditions.append(in_reach)
    if shape.unit == "subtree":
        conditions.append(P.unit_id.in_(select(subtree_cte(bindparam("unit_id", type_=Uuid)).c.id)))
    elif shape.unit == "exact":
        conditions.append(P.unit_id == bindparam("unit_id", type_=Uuid))
    if shape.jabatan_id:
        conditions.append(P.jabatan_id == bindparam("jabatan_id", type_=Uuid))
    if shape.jenis_jabatan:
        conditions.append(J.jenis == any_(bindparam("jenis_jabatan", type_=ARRAY(String))))
    if shape.kelas_min:
        conditions.append(J.kelas_jabatan >= bindparam("kelas_min", type_=Integer))
    if shape.kelas_max:
        conditions.append(J.kelas_jabatan <= bindparam("kelas_max", type_=Integer))
    if shape.golongan_min:
        conditions.append(P.golongan_rank >= bindparam("golongan_min", type_=Integer))
    if shape.golongan_max:
        conditions.append(P.golongan_rank <= bindparam("golongan_max", type_=Integer))
    if shape.pendidikan_min:
        conditions.append(P.pendidikan_rank >= bindparam("pendidikan_min", type_=Integer))
    if shape.rumpun:
        conditions.append(J.rumpun == bindparam("rumpun", type_=String))
    if shape.kedudukan:
        conditions.append(P.kedudukan == any_(bindparam("kedudukan", type_=ARRAY(String))))
    if shape.status:
        conditions.append(P.status_kepegawaian == any_(bindparam("status", type_=ARRAY(String))))
    relevance = None
    if shape.search == "nip":
        digits = bindparam("q", type_=String)
        conditions.append(or_(P.nip.startswith(digits), P.nip.op("%")(digits)))
        relevance = func.similarity(P.nip, digits)
    elif shape.search == "nama":
        # word_similarity (<%) matches a misspelt part of a longer name; the fragment test catches exact ones.
        term = bindparam("q", type_=String)
        conditions.append(or_(func.lower(P.nama).contains(bindparam("q_lower", type_=String)), P.nama.op("%>")(term)))
        relevance = func.word_similarity(term, P.nama)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    columns = {
        SortField.NAMA: P.nama,
        SortField.NIP: P.nip,
        SortField.GOLONGAN: P.golongan_rank,
        SortField.TMT_GOLONGAN: P.tmt_golongan,
        SortField.KELAS: J.kelas_jabatan,
        SortField.TANGGAL_LAHIR: P.tanggal_lahir,
    }
    if shape.sort == SortField.RELEVANSI:
        order = [relevance.desc() if relevance is not None else P.nama, P.nip]
    else:
        col = columns[shape.sort]
        order = [(col.desc() if shape.descending else col.asc()).nulls_last(), P.nip]
    return stmt.order_by(*order)


def list_query(
    f: PegawaiFilter, reach: Reached, *, sort: SortField | None = None, descending: bool = False
) -> tuple[Select[Any], dict[str, Any]]:
    """The one query behind the list, search and exports: the statement of its shape (built once)
    and the values to run it with."""
    shape, params = _shape_of(f, reach, sort, descending)
    return _list_of(shape), params


def list_statement(
    f: PegawaiFilter, reach: Reached, *, sort: SortField | None = None, descending: bool = False
) -> Select[Any]:
    """`list_query` with its values bound into the statement (for callers that compose it further)."""
    stmt, params = list_query(f, reach, sort=sort, descending=descending)
    return stmt.params(**params)


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


@lru_cache(maxsize=16)
def _by_nips_of(key: ReachKey) -> Select[Any]:
    stmt = (
        select(*OUT_COLUMNS)
        .outerjoin(J, J.id == P.jabatan_id)
        .outerjoin(U, U.id == P.unit_id)
        .where(P.nip == any_(bindparam("nips", type_=ARRAY(String))))
    )
    in_reach = _visible(key)
    return stmt if in_reach is None else stmt.where(in_reach)


def by_nips_query(nips: Sequence[str], reach: Reached) -> tuple[Select[Any], dict[str, Any]]:
    """One query for many NIPs: `= ANY($1)` with one array parameter, however many NIPs."""
    key, params = _reach_shape(reach)
    return _by_nips_of(key), {**params, "nips": list(nips)}


def by_nips_statement(nips: Sequence[str], reach: Reached) -> Select[Any]:
    stmt, params = by_nips_query(nips, reach)
    return stmt.params(**params)


async def by_nips(session: Session, nips: Sequence[str], reach: Reached) -> list[Any]:
    # Plain columns: the Core connection, without the ORM's result machinery.
    stmt, params = by_nips_query(nips, reach)
    return list((await (await session.connection()).execute(stmt, params)).all())


# The few columns a unit's roster carries (services composing over a unit need no more).
ROSTER_COLUMNS: tuple[Any, ...] = (
    P.nip,
    P.nama,
    P.gelar_depan,
    P.gelar_belakang,
    P.status_kepegawaian,
    P.golongan,
    P.jabatan_id,
    J.nama.label("jabatan_nama"),
    J.jenis.label("jabatan_jenis"),
    J.kelas_jabatan,
    P.unit_id,
    U.nama.label("unit_nama"),
)


@lru_cache(maxsize=16)
def _roster_of(key: ReachKey) -> Select[Any]:
    stmt = (
        select(*ROSTER_COLUMNS)
        .outerjoin(J, J.id == P.jabatan_id)
        .join(U, U.id == P.unit_id)
        .where(
            P.unit_id.in_(select(subtree_cte(bindparam("unit_id", type_=Uuid)).c.id)),
            P.kedudukan == any_(bindparam("kedudukan", type_=ARRAY(String))),
        )
        .order_by(U.kode, P.nama, P.nip)
    )
    in_reach = _visible(key)
    return stmt if in_reach is None else stmt.where(in_reach)


def roster_query(unit_id: uuid.UUID, kedudukan: Sequence[str], reach: Reached) -> tuple[Select[Any], dict[str, Any]]:
    """The employees of a unit and its sub-units in the given employment states, within reach:
    the statement of the reach's shape (built once) and the values to run it with."""
    key, params = _reach_shape(reach)
    return _roster_of(key), {**params, "unit_id": unit_id, "kedudukan": list(kedudukan)}


def roster_statement(unit_id: uuid.UUID, kedudukan: Sequence[str], reach: Reached) -> Select[Any]:
    stmt, params = roster_query(unit_id, kedudukan, reach)
    return stmt.params(**params)


async def roster(session: Session, unit_id: uuid.UUID, kedudukan: Sequence[str], reach: Reached) -> list[Any]:
    stmt, params = roster_query(unit_id, kedudukan, reach)
    return list((await (await session.connection()).execute(stmt, params)).all())


# Who rates whom. The direct supervisor of employee E: E.atasan_nip when set (and still serving);
# otherwise the serving holder of the position E's position reports to; when that position has no
# serving holder, the holder of the next position up the chain, and so on; of several holders, the
# lowest NIP. Both directions are one recursive statement each, whatever the number of employees.
MAX_CHAIN = 64  # deeper than any organisation chart: ends a walk even over rows written around the checks


def _serving(p: Any) -> ColumnElement[bool]:
    return p.kedudukan.in_(SERVING_VALUES)


@lru_cache(maxsize=16)
def _atasan_of(key: ReachKey) -> Select[Any]:
    nips = bindparam("nips", type_=ARRAY(String))
    asked, step_j, holder, empty, manual = (
        aliased(P, name="asked"),
        aliased(J, name="step_j"),
        aliased(P, name="holder"),
        aliased(P, name="empty"),
        aliased(P, name="manual"),
    )
    # (employee, a position above its own, how far above), walking up while a position has no serving holder.
    chain = (
        select(asked.nip.label("nip"), J.atasan_jabatan_id.label("jabatan_id"), literal(1).label("depth"))
        .join(J, J.id == asked.jabatan_id)
        .where(asked.nip == any_(nips), J.atasan_jabatan_id.is_not(None))
        .cte("chain", recursive=True)
    )
    chain = chain.union_all(
        select(chain.c.nip, step_j.atasan_jabatan_id, chain.c.depth + 1)
        .join(step_j, step_j.id == chain.c.jabatan_id)
        .where(
            step_j.atasan_jabatan_id.is_not(None),
            chain.c.depth < MAX_CHAIN,
            ~exists().where(empty.jabatan_id == chain.c.jabatan_id, _serving(empty)),
        )
    )
    derived = (
        select(chain.c.nip, holder.nip.label("atasan_nip"), holder.nama.label("atasan_nama"), chain.c.depth)
        .join(holder, and_(holder.jabatan_id == chain.c.jabatan_id, _serving(holder)))
        .distinct(chain.c.nip)
        .order_by(chain.c.nip, chain.c.depth, holder.nip)
        .subquery("derived")
    )
    sumber = case(
        (manual.nip.is_not(None), literal("manual")),
        (derived.c.depth == 1, literal("jabatan")),
        (derived.c.depth > 1, literal("jabatan_di_atas")),
    )
    stmt = (
        select(
            P.nip,
            func.coalesce(manual.nip, derived.c.atasan_nip).label("atasan_nip"),
            func.coalesce(manual.nama, derived.c.atasan_nama).label("atasan_nama"),
            sumber.label("sumber"),
        )
        .select_from(P)
        .outerjoin(manual, and_(manual.nip == P.atasan_nip, _serving(manual)))
        .outerjoin(derived, derived.c.nip == P.nip)
        .where(P.nip == any_(nips))
        .order_by(P.nip)
    )
    in_reach = _visible(key)
    return stmt if in_reach is None else stmt.where(in_reach)


def atasan_query(nips: Sequence[str], reach: Reached) -> tuple[Select[Any], dict[str, Any]]:
    """The resolved supervisor of each employee named (within reach): nip, atasan_nip, atasan_nama, sumber."""
    key, params = _reach_shape(reach)
    return _atasan_of(key), {**params, "nips": list(nips)}


async def atasan(session: Session, nips: Sequence[str], reach: Reached) -> list[Any]:
    stmt, params = atasan_query(nips, reach)
    return list((await (await session.connection()).execute(stmt, params)).all())


BAWAHAN_COLUMNS: tuple[Any, ...] = (
    P.nip,
    P.nama,
    P.gelar_depan,
    P.gelar_belakang,
    P.jabatan_id,
    J.nama.label("jabatan_nama"),
    P.unit_id,
    U.nama.label("unit_nama"),
)


@lru_cache(maxsize=16)
def _bawahan_of(key: ReachKey) -> Select[Any]:
    nip = bindparam("atasan_nip", type_=String)
    boss, other, down_j, empty, manual = (
        aliased(P, name="boss"),
        aliased(P, name="other"),
        aliased(J, name="down_j"),
        aliased(P, name="empty"),
        aliased(P, name="manual"),
    )
    # The position the supervisor holds, when it serves and is that position's lowest-NIP serving holder.
    seat = (
        select(boss.jabatan_id)
        .where(
            boss.nip == nip,
            _serving(boss),
            ~exists().where(other.jabatan_id == boss.jabatan_id, _serving(other), other.nip < boss.nip),
        )
        .scalar_subquery()
    )
    # Positions whose holders it supervises: those reporting to its seat, and below any of them
    # that has no serving holder, those reporting to that one (the walk up, run downwards).
    down = (
        select(J.id.label("id"), literal(1).label("depth"))
        .where(J.atasan_jabatan_id == seat)
        .cte("down", recursive=True)
    )
    down = down.union_all(
        select(down_j.id, down.c.depth + 1)
        .join(down, down_j.atasan_jabatan_id == down.c.id)
        .where(down.c.depth < MAX_CHAIN, ~exists().where(empty.jabatan_id == down.c.id, _serving(empty)))
    )
    boss_serves = exists().where(boss.nip == nip, _serving(boss))
    manual_set = exists().where(manual.nip == P.atasan_nip, _serving(manual))
    stmt = (
        select(*BAWAHAN_COLUMNS)
        .select_from(P)
        .outerjoin(J, J.id == P.jabatan_id)
        .outerjoin(U, U.id == P.unit_id)
        .where(
            _serving(P),
            P.nip != nip,
            or_(
                and_(P.atasan_nip == nip, boss_serves),
                and_(P.jabatan_id.in_(select(down.c.id)), ~manual_set),
            ),
        )
        .order_by(P.nama, P.nip)
    )
    in_reach = _visible(key)
    return stmt if in_reach is None else stmt.where(in_reach)


async def bawahan(session: Session, nip: str, reach: Reached) -> list[Any]:
    """The serving employees (within reach) whose resolved supervisor is `nip`."""
    key, params = _reach_shape(reach)
    stmt = _bawahan_of(key)
    return list((await (await session.connection()).execute(stmt, {**params, "atasan_nip": nip})).all())


@lru_cache(maxsize=1)
def _bawahan_nips_of() -> Select[Any]:
    return _bawahan_of(("all", False, False)).with_only_columns(P.nip)


async def bawahan_nips(session: Session, nip: str) -> list[str]:
    """Every direct report of `nip`, whoever asks (what an atasan's read reach is made of)."""
    result = await (await session.connection()).execute(_bawahan_nips_of(), {"atasan_nip": nip})
    return list(result.scalars())


async def nip_exists(session: Session, nip: str) -> bool:
    return await session.scalar(select(P.id).where(P.nip == nip)) is not None


async def existing_nips(session: Session, nips: set[str]) -> set[str]:
    if not nips:
        return set()
    return set((await session.execute(select(P.nip).where(P.nip.in_(nips)))).scalars())


async def riwayat_jabatan(session: Session, pegawai_id: uuid.UUID) -> list[RiwayatJabatan]:
    stmt = (
        select(RiwayatJabatan).where(RiwayatJabatan.pegawai_id == pegawai_id).order_by(RiwayatJabatan.tmt_mulai.desc())
    )
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


# The compact rows of placement (the gateway's penempatan): what its decisions read of every
# employee still employed, and no more, so 10,000 of them fit in one small answer. Gender and
# birth date only when asked (`kelompok`): the gateway's adverse-impact report alone reads them.
RINGKAS_COLUMNS: tuple[Any, ...] = (
    P.nip,
    P.nama,
    P.jabatan_id,
    J.nama.label("jabatan_nama"),
    J.kelas_jabatan,
    J.rumpun,
    P.unit_id,
    U.nama.label("unit_nama"),
    P.pendidikan_tingkat,
    P.golongan,
    P.kedudukan,
    P.status_kepegawaian,
    type_coerce(P.minat_jabatan_ids, NullType()).label("minat_jabatan_ids"),
)
KELOMPOK_COLUMNS: tuple[Any, ...] = (P.jenis_kelamin, P.tanggal_lahir)


@dataclass(frozen=True)
class RingkasFilter:
    """Who a placement decision could accept: the kelas jabatan range of the position each holds
    (both ends included) and its rumpun. Someone without a position matches no range or rumpun."""

    kelas_min: int | None = None
    kelas_maks: int | None = None
    rumpun: str | None = None


@dataclass(frozen=True)
class Acuan:
    """The range taken from a position (placement's candidates): its kelas and `kelas_turun`
    classes below, in its rumpun when `rumpun` (a position without one: any rumpun)."""

    jabatan_id: uuid.UUID
    kelas_turun: int = 0
    rumpun: bool = False


@lru_cache(maxsize=64)
def _ringkas_of(
    key: ReachKey, unit: bool, kelompok: bool, kelas_min: bool, kelas_maks: bool, rumpun: bool
) -> Select[Any]:
    cols = RINGKAS_COLUMNS + (KELOMPOK_COLUMNS if kelompok else ())
    stmt = (
        select(*cols)
        .outerjoin(J, J.id == P.jabatan_id)
        .outerjoin(U, U.id == P.unit_id)
        .where(P.kedudukan == any_(bindparam("serving", type_=ARRAY(String))))
    )
    if unit:
        stmt = stmt.where(P.unit_id.in_(select(subtree_cte(bindparam("unit_id", type_=Uuid)).c.id)))
    # On the position's columns (indexed: jabatan.kelas_jabatan, jabatan.rumpun), then its holders
    # by pegawai.jabatan_id: a narrow range reads a few hundred people, not the whole Pemda.
    if kelas_min:
        stmt = stmt.where(J.kelas_jabatan >= bindparam("kelas_min", type_=Integer))
    if kelas_maks:
        stmt = stmt.where(J.kelas_jabatan <= bindparam("kelas_maks", type_=Integer))
    if rumpun:
        stmt = stmt.where(J.rumpun == bindparam("rumpun", type_=String))
    in_reach = _visible(key)
    if in_reach is not None:
        stmt = stmt.where(in_reach)
    return stmt.order_by(P.nip)


def ringkas_query(
    reach: Reached, unit_id: uuid.UUID | None, kelompok: bool, f: RingkasFilter = RingkasFilter()
) -> tuple[Select[Any], dict[str, Any]]:
    """The employees still employed (every kedudukan but the ended ones) within reach, of a unit's
    subtree when given, narrowed by `f`, by NIP: the statement of the shape (built once) and its values."""
    key, params = _reach_shape(reach)
    params["serving"] = list(SERVING_VALUES)
    if unit_id is not None:
        params["unit_id"] = unit_id
    for name in ("kelas_min", "kelas_maks", "rumpun"):
        if (value := getattr(f, name)) is not None:
            params[name] = value
    shape = (f.kelas_min is not None, f.kelas_maks is not None, f.rumpun is not None)
    return _ringkas_of(key, unit_id is not None, kelompok, *shape), params


# --- counts of the serving employees (the merit system's evidence) ---------------------------


def _serving_within(reach: Reached, unit_id: uuid.UUID | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [P.kedudukan.in_(SERVING_VALUES)]
    in_reach = visible(reach)
    if in_reach is not None:
        conditions.append(in_reach)
    if unit_id is not None:
        conditions.append(P.unit_id.in_(select(subtree_cte([unit_id]).c.id)))
    return conditions


async def kelengkapan(session: Session, reach: Reached, unit_id: uuid.UUID | None) -> dict[str, int]:
    """The serving employees within reach and how many have each part of their record that the
    merit evaluation reads (education, golongan, position, birth date) and all four, in one statement."""
    filled = {
        "pendidikan": P.pendidikan_tingkat.is_not(None),
        "golongan": P.golongan.is_not(None),
        "jabatan": P.jabatan_id.is_not(None),
        "tanggal_lahir": P.tanggal_lahir.is_not(None),
    }
    stmt = select(
        func.count().label("jumlah_pegawai"),
        *(func.count().filter(c).label(f"dengan_{name}") for name, c in filled.items()),
        func.count().filter(and_(*filled.values())).label("lengkap"),
    ).where(*_serving_within(reach, unit_id))
    row = (await session.execute(stmt)).one()
    return {k: int(v) for k, v in row._mapping.items()}


async def promosi(
    session: Session, reach: Reached, unit_id: uuid.UUID | None, dari: Any, sampai: Any
) -> list[dict[str, Any]]:
    """Promotions of the serving employees within reach that took effect between `dari` and
    `sampai`: an entry of the position history whose position has a higher kelas jabatan than the
    entry before it (one statement, a window over each employee's history)."""
    history = (
        select(
            RiwayatJabatan.pegawai_id,
            RiwayatJabatan.jabatan_id,
            RiwayatJabatan.tmt_mulai,
            J.kelas_jabatan.label("kelas_baru"),
            func.lag(J.kelas_jabatan)
            .over(
                partition_by=RiwayatJabatan.pegawai_id,
                order_by=(RiwayatJabatan.tmt_mulai, RiwayatJabatan.created_at, RiwayatJabatan.id),
            )
            .label("kelas_lama"),
        )
        .outerjoin(J, J.id == RiwayatJabatan.jabatan_id)
        .subquery("h")
    )
    stmt = (
        select(
            P.nip, history.c.jabatan_id, history.c.kelas_lama, history.c.kelas_baru, history.c.tmt_mulai.label("tmt")
        )
        .join(history, history.c.pegawai_id == P.id)
        .where(
            *_serving_within(reach, unit_id),
            history.c.tmt_mulai.between(dari, sampai),
            history.c.kelas_baru > history.c.kelas_lama,
        )
        .order_by(history.c.tmt_mulai, P.nip)
    )
    return [dict(r._mapping) for r in (await session.execute(stmt)).all()]
