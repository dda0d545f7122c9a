"""Budgets per OPD per year: plain functions taking the session and the caller's scope.

BKPSDM sets two amounts per OPD and year, the pagu and the allocation for development. What the
enrollments commit and realise is never stored: it is summed from the enrollments (peserta)
whenever it is read or checked, so there is no second copy to drift. Everything that changes
what a budget has left (an approval, a cancellation, a new allocation) first takes the budget's
lock (`lock`, an advisory lock per OPD and year, which exists before the budget row does), so
two approvals at the same moment see each other's commitment and cannot overspend it.
"""

from __future__ import annotations

import uuid
from typing import Any

from pengembangan.anggaran import queries
from pengembangan.anggaran.models import Anggaran
from pengembangan.anggaran.schemas import AnggaranIn, AnggaranOut
from shared.access import Record, Scope
from shared.db import Session, lock_named
from shared.errors import NotFound, UnprocessableEntity
from shared.pagination import PageOf, PageParams, paginate


def _opd_filter(scope: Scope, opd_id: uuid.UUID | None) -> tuple[bool, uuid.UUID | None]:
    """(anything visible, the OPD to filter by): an OPD admin reads its own OPD's budgets only."""
    if scope.reaches_all:
        return True, opd_id
    own = scope.principal.opd_id
    if own is None or (opd_id is not None and opd_id != own):
        return False, None
    return True, own


def reads(scope: Scope, opd_id: uuid.UUID) -> bool:
    """Whether the caller reads this OPD's budgets: reaching all, or the OPD's own admin."""
    return scope.reaches_all or (scope.principal.opd_id is not None and scope.principal.opd_id == opd_id)


async def lock(session: Session, opd_id: uuid.UUID, tahun: int) -> None:
    """Hold the budget of an OPD's year until the transaction ends (see the module's text)."""
    await lock_named(session, f"anggaran:{opd_id}:{tahun}")


async def list_anggaran(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    opd_id: uuid.UUID | None,
    tahun_dari: int | None,
    tahun_sampai: int | None,
) -> PageOf[dict[str, Any]]:
    visible, only = _opd_filter(scope, opd_id)
    if not visible:
        return PageOf(items=[], total=0, limit=page.limit, offset=page.offset)
    stmt = queries.figures(opd_id=only, tahun_dari=tahun_dari, tahun_sampai=tahun_sampai)
    return await paginate(session, stmt, page, _row, plain=True)


def _row(row: Any) -> dict[str, Any]:
    out = {k: v for k, v in row._mapping.items() if k in AnggaranOut.model_fields}
    if out["persen_alokasi"] is not None:
        out["persen_alokasi"] = float(out["persen_alokasi"])
    return out


async def current(session: Session, scope: Scope, opd_id: uuid.UUID, tahun: int) -> Anggaran | None:
    """The budget row of an OPD's year (None while not set), when the caller reads that OPD; 404 otherwise."""
    if not reads(scope, opd_id):
        raise NotFound("anggaran-not-found", opd_id=opd_id, tahun=tahun)
    return await queries.get(session, opd_id, tahun)


async def figures(session: Session, opd_id: uuid.UUID, tahun: int) -> AnggaranOut:
    """An OPD's year as read: the amounts set and the figures charged; 404 when it has neither."""
    row = await queries.figures_of(session, opd_id, tahun)
    if row is None:
        raise NotFound("anggaran-not-found", opd_id=opd_id, tahun=tahun)
    if row["persen_alokasi"] is not None:
        row["persen_alokasi"] = float(row["persen_alokasi"])
    return AnggaranOut.model_validate(row)


async def put(session: Session, unit: Record, tahun: int, data: AnggaranIn, existing: Anggaran | None) -> AnggaranOut:
    """Set (or replace) an OPD's budget of a year. `unit` is the OPD as pegawai answers it."""
    if unit.get("jenis") != "opd":
        raise UnprocessableEntity("anggaran-bukan-opd", nama=unit.get("nama"), jenis=unit.get("jenis"))
    opd_id = uuid.UUID(str(unit["id"]))
    await lock(session, opd_id, tahun)
    row = existing or Anggaran(opd_id=opd_id, tahun=tahun)
    row.opd_nama = str(unit.get("nama") or "")[:300] or None
    row.pagu, row.alokasi, row.keterangan = data.pagu, data.alokasi, data.keterangan
    if existing is None:
        session.add(row)
    await session.flush()
    return await figures(session, opd_id, tahun)
