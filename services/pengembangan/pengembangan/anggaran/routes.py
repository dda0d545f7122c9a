"""HTTP routes of budgets: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pengembangan.anggaran import service
from pengembangan.anggaran.auth import CurrentAnggaran
from pengembangan.anggaran.schemas import FIGURES, TAHUN_MAX, TAHUN_MIN, AnggaranIn, AnggaranOut
from shared.access import Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import record_response
from shared.writes import AdminWrites

router = APIRouter(prefix="/api/v1/anggaran", tags=["anggaran"])
READERS = "admin_bkpsdm and the machine readers read every OPD's, an OPD admin its own OPD's (else 404); employees 403."
Tahun = Annotated[int | None, Query(ge=TAHUN_MIN, le=TAHUN_MAX)]


@router.get(
    "",
    response_model=Page[AnggaranOut],
    operation_id="listAnggaran",
    summary="Development budgets per OPD and year, several years side by side",
    description="By OPD, then year: every OPD-year with a budget set or an enrollment charged, with the pagu, the "
    f"allocation and its percentage of the pagu, and what enrollments commit and realise ({FIGURES}). Filters: "
    f"an OPD, a range of years. {READERS}",
    responses=problems(403, 422),
)
async def list_anggaran(
    session: SessionDep,
    scope: Reporter,
    page: Paging,
    opd_id: Annotated[uuid.UUID | None, Query(description="Only this OPD")] = None,
    tahun_dari: Tahun = None,
    tahun_sampai: Tahun = None,
) -> Response:
    found = await service.list_anggaran(
        session, scope, page, opd_id=opd_id, tahun_dari=tahun_dari, tahun_sampai=tahun_sampai
    )
    return found.response()


@router.get(
    "/{opd_id}/{tahun}",
    response_model=AnggaranOut,
    operation_id="getAnggaran",
    summary="An OPD's development budget of a year",
    description=f"The amounts set and what is charged to them. 404 when neither is there. {READERS} Its version "
    "comes as the ETag (none while the budget is not set).",
    responses=problems(403, 404, 422),
)
async def get_anggaran(budget: CurrentAnggaran, session: SessionDep) -> Response:
    return record_response(await service.figures(session, budget.opd_id, budget.tahun))


@router.put(
    "/{opd_id}/{tahun}",
    response_model=AnggaranOut,
    operation_id="putAnggaran",
    summary="Set an OPD's pagu and development allocation for a year",
    description="admin_bkpsdm only. The unit must be an OPD (kind opd; else 422); the allocation may not exceed the "
    "pagu. The first budget of an OPD's year needs no If-Match; replacing it needs its ETag. An allocation below "
    "what is already committed is kept: the remaining amount then shows negative, and new approvals are refused "
    "unless overridden.",
    responses=problems(403, 404, 412, 422, 428),
)
async def put_anggaran(data: AnggaranIn, write: AdminWrites, budget: CurrentAnggaran) -> Response:
    unit = await write.scope.require_unit(budget.opd_id)
    existing = budget.row
    return await write.put(
        existing.version if existing else None,
        lambda: service.put(write.session, unit, budget.tahun, data, existing),
        out=AnggaranOut,
    )
