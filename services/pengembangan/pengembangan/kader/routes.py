"""HTTP routes of the cadre school: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pengembangan.kader import service
from pengembangan.kader.auth import CurrentAnggota, CurrentKohort, LockedAnggota, LockedKohort
from pengembangan.kader.schemas import (
    ANGGOTA_MAX,
    AnggotaAdded,
    AnggotaIn,
    AnggotaOut,
    AnggotaUpdate,
    Hasil,
    KohortIn,
    KohortOut,
    KohortUpdate,
    Status,
)
from shared.access import Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import record_response
from shared.types import NIP
from shared.writes import AdminWrites

router = APIRouter(prefix="/api/v1/sekolah-kader", tags=["sekolah-kader"])
READERS = "Every signed-in role reads the cohorts (they are not personal data)."
MEMBERS = (
    "Members are personal: the caller sees those it reaches (admin_bkpsdm and integrasi all, admin_opd its "
    "OPD's employees, an atasan itself and its direct reports, a pegawai itself)."
)
WRITERS = "admin_bkpsdm only (the cadre school is BKPSDM's)."


@router.get(
    "",
    response_model=Page[KohortOut],
    operation_id="listKohortKader",
    summary="Cohorts of the cadre school",
    description=f"Newest year first, then by code. {READERS} `nip`: only the cohorts that employee belongs to, "
    "and none when the caller does not reach the employee (who belongs to a cohort is personal).",
    responses=problems(422),
)
async def list_kohort(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="Only cohorts of this year")] = None,
    status: Annotated[Status | None, Query(description="Only cohorts in this status")] = None,
    program_id: Annotated[uuid.UUID | None, Query(description="Only cohorts running this program")] = None,
    nip: Annotated[NIP | None, Query(description="Only the cohorts this employee belongs to")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Code or name contains")] = None,
) -> Response:
    found = await service.list_kohort(
        session, scope, page, tahun=tahun, status=status, program_id=program_id, nip=nip, q=q
    )
    return found.response()


@router.post(
    "",
    response_model=KohortOut,
    status_code=201,
    operation_id="createKohortKader",
    summary="Open a cohort of the cadre school",
    description=f"{WRITERS} It starts in selection (seleksi). The code is unique and never changes; the last day "
    "is not before the first; a program, when given, is in the catalogue and of a kind on the `kader` path "
    "(422 otherwise). Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_kohort(data: KohortIn, write: AdminWrites) -> Response:
    return await write.create(
        lambda: service.create_kohort(write.session, data),
        out=KohortOut,
        location=lambda k: f"/api/v1/sekolah-kader/{k.id}",
    )


@router.get(
    "/{kohort_id}",
    response_model=KohortOut,
    operation_id="getKohortKader",
    summary="One cohort",
    description=f"With its program and the count of members per outcome. Its version comes as the ETag. {READERS}",
    responses=problems(404),
)
async def get_kohort(session: SessionDep, kohort: CurrentKohort) -> Response:
    return record_response(await service.out_of(session, kohort))


@router.patch(
    "/{kohort_id}",
    response_model=KohortOut,
    operation_id="updateKohortKader",
    summary="Change a cohort or move its status",
    description=f"{WRITERS} Only the fields sent change; the code never does. Status: seleksi -> berjalan (it has "
    "members and has started) -> selesai (no member is still peserta); seleksi or berjalan may be dibatalkan. "
    "A finished or cancelled cohort no longer changes (409). Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_kohort(data: KohortUpdate, write: AdminWrites, kohort: LockedKohort) -> Response:
    return await write.update(kohort.version, lambda: service.update_kohort(write.session, kohort, data), out=KohortOut)


@router.delete(
    "/{kohort_id}",
    status_code=204,
    operation_id="deleteKohortKader",
    summary="Delete a cohort opened in error",
    description=f"{WRITERS} Only in selection and without members (409 otherwise: remove them first, or cancel "
    "the cohort to keep its history). Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_kohort(write: AdminWrites, kohort: LockedKohort) -> Response:
    return await write.delete(kohort.version, lambda: service.delete_kohort(write.session, kohort))


@router.get(
    "/{kohort_id}/anggota",
    response_model=Page[AnggotaOut],
    operation_id="listAnggotaKader",
    summary="Members of a cohort",
    description=f"By name. {MEMBERS}",
    responses=problems(404, 422),
)
async def list_anggota(
    session: SessionDep,
    scope: Reader,
    kohort: CurrentKohort,
    page: Paging,
    hasil: Annotated[Hasil | None, Query(description="Only members with this outcome")] = None,
) -> Response:
    return (await service.list_anggota(session, scope, kohort, page, hasil=hasil)).response()


@router.post(
    "/{kohort_id}/anggota",
    response_model=AnggotaAdded,
    status_code=201,
    operation_id="addAnggotaKader",
    summary="Add the employees selected to a cohort",
    description=f"{WRITERS} Up to {ANGGOTA_MAX} NIPs, each once, all or none: every one must be an existing "
    "employee (404 naming those that are not) and not yet a member (409 naming them); only while the cohort is "
    "in selection (409). Each joins as `peserta` with its name and unit of today. Honours Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def add_anggota(data: AnggotaIn, write: AdminWrites, kohort: LockedKohort) -> Response:
    pegawai = await write.scope.require_pegawai(data.nips)
    return await write.create(
        lambda: service.add_anggota(write.session, kohort, data.nips, pegawai),
        out=AnggotaAdded,
        location=lambda _: f"/api/v1/sekolah-kader/{kohort.id}/anggota",
    )


@router.get(
    "/{kohort_id}/anggota/{nip}",
    response_model=AnggotaOut,
    operation_id="getAnggotaKader",
    summary="One member of a cohort",
    description=f"404 when the employee is not a member or out of the caller's reach. {MEMBERS} Its version "
    "comes as the ETag.",
    responses=problems(404, 422),
)
async def get_anggota(anggota: CurrentAnggota) -> Response:
    return record_response(AnggotaOut.model_validate(anggota))


@router.patch(
    "/{kohort_id}/anggota/{nip}",
    response_model=AnggotaOut,
    operation_id="updateAnggotaKader",
    summary="Record a member's outcome",
    description=f"{WRITERS} `hasil` lulus, tidak_lulus or mengundurkan_diri only while the cohort runs "
    "(berjalan); back to peserta to correct one. The note may change while the cohort is in selection or runs; "
    "a finished or cancelled cohort no longer changes (409). Send the member's ETag as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_anggota(
    data: AnggotaUpdate, write: AdminWrites, anggota: LockedAnggota, kohort: LockedKohort
) -> Response:
    return await write.update(
        anggota.version, lambda: service.update_anggota(write.session, kohort, anggota, data), out=AnggotaOut
    )


@router.delete(
    "/{kohort_id}/anggota/{nip}",
    status_code=204,
    operation_id="deleteAnggotaKader",
    summary="Remove a member from a cohort",
    description=f"{WRITERS} Only while the cohort is in selection (409 once it runs: record the member's "
    "withdrawal, mengundurkan_diri, instead). Send the member's ETag as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_anggota(write: AdminWrites, anggota: LockedAnggota, kohort: LockedKohort) -> Response:
    return await write.delete(anggota.version, lambda: service.remove_anggota(write.session, kohort, anggota))
