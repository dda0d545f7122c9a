"""HTTP routes of enrollment: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pengembangan.peserta import service
from pengembangan.peserta.auth import CurrentPeserta
from pengembangan.peserta.schemas import STATUS, BatalIn, PesertaOut, StatusIn, StatusPeserta
from shared.access import Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import record_response
from shared.types import NIP
from shared.writes import AdminWrites, Writes

router = APIRouter(prefix="/api/v1/peserta", tags=["peserta"])
READERS = (
    "admin_bkpsdm and the machine readers read every enrollment, an OPD admin those charged to its OPD, an employee "
    "its own (an atasan its direct reports' too)."
)


@router.get(
    "",
    response_model=Page[PesertaOut],
    operation_id="listPeserta",
    summary="Participants enrolled in batches",
    description=f"Newest first. Filters: batch, program, employee, OPD, budget year, status ({STATUS}). {READERS}",
    responses=problems(422),
)
async def list_peserta(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    angkatan_id: Annotated[uuid.UUID | None, Query(description="Only this batch's participants")] = None,
    program_id: Annotated[uuid.UUID | None, Query(description="Only participants of this program's batches")] = None,
    nip: Annotated[NIP | None, Query(description="Only this employee's enrollments")] = None,
    opd_id: Annotated[uuid.UUID | None, Query(description="Only those charged to this OPD")] = None,
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="Only those charged to this budget year")] = None,
    status: Annotated[StatusPeserta | None, Query(description="Only in this status")] = None,
) -> Response:
    found = await service.list_peserta(
        session,
        scope,
        page,
        angkatan_id=angkatan_id,
        program_id=program_id,
        nip=nip,
        opd_id=opd_id,
        tahun=tahun,
        status=status,
    )
    return found.response()


@router.get(
    "/{peserta_id}",
    response_model=PesertaOut,
    operation_id="getPeserta",
    summary="One enrollment",
    description=f"{READERS} Its version comes as the ETag.",
    responses=problems(404),
)
async def get_peserta(_: Reader, peserta: CurrentPeserta) -> Response:
    return record_response(PesertaOut.model_validate(peserta))


@router.post(
    "/{peserta_id}/status",
    response_model=PesertaOut,
    operation_id="updateStatusPeserta",
    summary="Record attendance or the outcome of a participant",
    description="admin_bkpsdm only (BKPSDM runs the batches). terdaftar -> hadir -> lulus or tidak_lulus (another "
    "move: 409), once the batch has started and unless it was cancelled (409). A pass may carry competency test "
    "results, each a competency the program develops (else 422). Send the ETag as If-Match; honours "
    "Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_status(data: StatusIn, write: AdminWrites, peserta: CurrentPeserta) -> Response:
    return await write.act(peserta.version, lambda: service.change_status(write.session, peserta, data), out=PesertaOut)


@router.post(
    "/{peserta_id}/batalkan",
    response_model=PesertaOut,
    operation_id="cancelPeserta",
    summary="Cancel an enrollment, with a reason",
    description="admin_bkpsdm, or the admin of the OPD it is charged to. A registered or attended participant only "
    "(else 409). Frees its seat in the batch and its cost from the OPD's budget. Send the ETag as If-Match; honours "
    "Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def cancel_peserta(data: BatalIn, write: Writes, peserta: CurrentPeserta) -> Response:
    return await write.act(peserta.version, lambda: service.cancel(write.session, peserta, data), out=PesertaOut)
