"""HTTP routes of self-service requests: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from pengembangan.permintaan import service
from pengembangan.permintaan.auth import CurrentPermintaan
from pengembangan.permintaan.schemas import (
    FIT,
    STATUS,
    AngkatanSesuaiOut,
    PermintaanIn,
    PermintaanOut,
    StatusPermintaan,
    TeruskanIn,
    TolakPermintaanIn,
)
from pengembangan.upstream import KompetensiDep
from shared.access import Capability, Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import record_response
from shared.types import NIP
from shared.writes import Write, Writes, writing

router = APIRouter(prefix="/api/v1/permintaan", tags=["permintaan"])
# Asking to join is the employee's own act: the self-service roles (pegawai, atasan) only.
OwnWrites = Annotated[Write, Depends(writing(Capability.SELF_SERVICE))]
READERS = (
    "An employee reads its own requests (an atasan its direct reports' too), an OPD admin those of its OPD's "
    "employees, admin_bkpsdm and the machine readers all."
)


@router.get(
    "/angkatan-sesuai",
    response_model=Page[AngkatanSesuaiOut],
    operation_id="listAngkatanSesuai",
    summary="Open batches that fit an employee's job and gaps",
    description=f"The caller's own, or an employee's it reads (`nip`; 404 otherwise). Batches open for enrollment "
    f"with a seat left, starting today or later, not yet asked for, proposed or enrolled in. {FIT} Those filling a "
    "gap first, then the earliest. One call to pegawai and one to kompetensi.",
    responses=problems(404, 422),
)
async def list_angkatan_sesuai(
    session: SessionDep,
    scope: Reader,
    kompetensi: KompetensiDep,
    page: Paging,
    nip: Annotated[NIP | None, Query(description="The employee (default: the caller)")] = None,
    hanya_gap: Annotated[bool, Query(description="Only batches that fill a gap")] = False,
) -> Response:
    found = await service.fitting_batches(session, scope, kompetensi, page, nip=nip, hanya_gap=hanya_gap)
    return found.response()


@router.get(
    "",
    response_model=Page[PermintaanOut],
    operation_id="listPermintaan",
    summary="Employees' requests to join batches",
    description=f"Newest first. Filters: batch, employee, status ({STATUS}). {READERS}",
    responses=problems(422),
)
async def list_permintaan(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    angkatan_id: Annotated[uuid.UUID | None, Query(description="Only requests for this batch")] = None,
    nip: Annotated[NIP | None, Query(description="Only this employee's")] = None,
    status: Annotated[StatusPermintaan | None, Query(description="Only in this status")] = None,
) -> Response:
    found = await service.list_permintaan(session, scope, page, angkatan_id=angkatan_id, nip=nip, status=status)
    return found.response()


@router.post(
    "",
    response_model=PermintaanOut,
    status_code=201,
    operation_id="createPermintaan",
    summary="Ask to join a batch (self-service)",
    description="An employee (pegawai, atasan) for itself; other roles propose instead (403). The batch must be open "
    "for enrollment with a seat left (409) and fit the employee's job (422); one pending request per batch, and "
    f"none once proposed or enrolled (409). {FIT} The request reaches the employee's OPD admin. Honours "
    "Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def create_permintaan(data: PermintaanIn, write: OwnWrites, kompetensi: KompetensiDep) -> Response:
    return await write.create(
        lambda: service.create(write.session, write.scope, kompetensi, data),
        out=PermintaanOut,
        location=lambda r: f"/api/v1/permintaan/{r.id}",
    )


@router.get(
    "/{permintaan_id}",
    response_model=PermintaanOut,
    operation_id="getPermintaan",
    summary="One request",
    description=f"{READERS} Its version comes as the ETag.",
    responses=problems(404),
)
async def get_permintaan(_: Reader, row: CurrentPermintaan) -> Response:
    return record_response(PermintaanOut.model_validate(row))


@router.post(
    "/{permintaan_id}/teruskan",
    response_model=PermintaanOut,
    operation_id="forwardPermintaan",
    summary="Turn a request into a proposal",
    description="The employee's OPD admin (its own OPD pays) or admin_bkpsdm (naming the OPD). A pending request "
    "(else 409); the rules of proposing apply (createUsulan). Send the ETag as If-Match; honours Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def forward_permintaan(
    data: TeruskanIn, write: Writes, row: CurrentPermintaan, kompetensi: KompetensiDep
) -> Response:
    return await write.act(
        row.version, lambda: service.forward(write.session, write.scope, kompetensi, row, data), out=PermintaanOut
    )


@router.post(
    "/{permintaan_id}/tolak",
    response_model=PermintaanOut,
    operation_id="declinePermintaan",
    summary="Decline a request, with a reason",
    description="The employee's OPD admin or admin_bkpsdm. A pending request (else 409). Send the ETag as If-Match; "
    "honours Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def decline_permintaan(data: TolakPermintaanIn, write: Writes, row: CurrentPermintaan) -> Response:
    return await write.act(
        row.version, lambda: service.decline(write.session, write.scope, row, data.alasan), out=PermintaanOut
    )
