"""HTTP routes of the daily activity log: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kinerja.aktivitas import service
from kinerja.aktivitas.auth import CurrentAktivitas
from kinerja.aktivitas.schemas import (
    AktivitasBulkIn,
    AktivitasBulkOut,
    AktivitasIn,
    AktivitasOut,
    AktivitasUpdate,
    IndikasiPenempatanOut,
    KembalikanAktivitasIn,
    Periode,
    RingkasanPegawaiOut,
    RingkasanUnitOut,
    Status,
    Tanggal,
)
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.types import NIP, NipPath
from shared.writes import SelfServiceWrites

router = APIRouter(prefix="/api/v1/aktivitas", tags=["aktivitas harian"])
RULES = (
    "Refused with nothing written: an entry overlapping another of the person's (409), in the future, outside the "
    "working day or beyond the daily maximum (422), of a week whose grace period has passed (409, "
    "`aktivitas-locked`), serving a work result not of the employee's own SKP of the year or a task its position "
    "does not have (422)."
)
WHO = "By the employee itself, or an admin reaching it."
PeriodeQuery = Annotated[Periode, Query(description="minggu (Monday to Sunday) or bulan (the calendar month)")]
TanggalQuery = Annotated[Tanggal | None, Query(description="A day within the period; today when absent")]


@router.get(
    "",
    response_model=Page[AktivitasOut],
    operation_id="listAktivitas",
    summary="Activity entries the caller may see",
    description="The entries of the employees the caller reads (an atasan: its own and its direct reports'), "
    "newest day first.",
    responses=problems(422),
)
async def list_aktivitas(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    nip: Annotated[NIP | None, Query(description="Only this employee's")] = None,
    dari: Annotated[Tanggal | None, Query(description="From this day")] = None,
    sampai: Annotated[Tanggal | None, Query(description="Up to this day")] = None,
    status: Annotated[Status | None, Query(description="Only in this state")] = None,
) -> Response:
    found = await service.list_aktivitas(session, scope, page, nip=nip, dari=dari, sampai=sampai, status=status)
    return found.response()


@router.post(
    "",
    response_model=AktivitasOut,
    status_code=201,
    operation_id="createAktivitas",
    summary="Record an activity entry",
    description=WHO + " " + RULES + " Honours Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def create_aktivitas(data: AktivitasIn, write: SelfServiceWrites) -> Response:
    service.require_writer_of(write.scope, data.nip)
    pegawai = (await write.scope.require_pegawai([data.nip]))[data.nip]
    return await write.create(
        lambda: service.create(write.session, write.scope, data, pegawai),
        out=AktivitasOut,
        location=lambda a: f"/api/v1/aktivitas/{a.id}",
    )


@router.post(
    "/bulk",
    response_model=AktivitasBulkOut,
    status_code=201,
    operation_id="createAktivitasBulk",
    summary="Record a person's day of entries at once",
    description="Up to 20 entries of one employee's day, in one transaction: all are written or none. "
    + WHO
    + " "
    + RULES
    + " Honours Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def create_bulk(data: AktivitasBulkIn, write: SelfServiceWrites) -> Response:
    service.require_writer_of(write.scope, data.nip)
    pegawai = (await write.scope.require_pegawai([data.nip]))[data.nip]

    async def make() -> AktivitasBulkOut:
        made = await service.create_many(write.session, write.scope, data.nip, data.tanggal, data.items, pegawai)
        return AktivitasBulkOut(items=made)

    return await write.create(make, out=AktivitasBulkOut)


@router.get(
    "/ringkasan/pegawai/{nip}",
    response_model=RingkasanPegawaiOut,
    operation_id="getRingkasanAktivitasPegawai",
    summary="An employee's effective hours of a week or month",
    description="The sum of the entries' minutes, and the share spent on the SKP's work results and on the "
    "position's tasks. For whoever reads the employee (404 otherwise).",
    responses=problems(404, 422),
)
async def summary_pegawai(
    nip: NipPath, session: SessionDep, scope: Reader, periode: PeriodeQuery = "minggu", tanggal: TanggalQuery = None
) -> Response:
    pegawai = (await scope.require_pegawai([nip]))[nip]
    return json_response((await service.summary_pegawai(session, pegawai, periode, tanggal)).model_dump(mode="json"))


@router.get(
    "/ringkasan/unit",
    response_model=RingkasanUnitOut,
    operation_id="getRingkasanAktivitasUnit",
    summary="Effective hours of a unit's employees for a week or month",
    description="Every serving employee of the unit and its sub-units (its roster, from the pegawai service), "
    "with the same figures as the employee's summary. Staff roles; 404 for a unit out of reach.",
    responses=problems(403, 404, 422),
)
async def summary_unit(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit")],
    periode: PeriodeQuery = "minggu",
    tanggal: TanggalQuery = None,
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    found = await service.summary_unit(session, unit_id, roster, periode, tanggal)
    return json_response(found.model_dump(mode="json"))


@router.get(
    "/indikasi-penempatan",
    response_model=IndikasiPenempatanOut,
    operation_id="listIndikasiPenempatan",
    summary="Employees whose activity reads like another position's tasks",
    description="For a unit and a month: each employee whose entries match the task list of another position held "
    "in the unit better than its own (mean trigram word similarity of each entry to the best-matching task), with "
    "both scores; a signal to look at, not a decision. Staff roles; 404 for a unit out of reach.",
    responses=problems(403, 404, 422),
)
async def placement_signal(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit")],
    tahun: Annotated[int, Query(ge=2000, le=2100, description="The year")],
    bulan: Annotated[int, Query(ge=1, le=12, description="The month, 1-12")],
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    found = await service.placement_signal(session, scope, unit_id, roster, tahun, bulan)
    return json_response(found.model_dump(mode="json"))


@router.get(
    "/{aktivitas_id}",
    response_model=AktivitasOut,
    operation_id="getAktivitas",
    summary="One activity entry",
    description="For the employee and whoever reads it (an atasan its direct reports'). Its version is the ETag.",
    responses=problems(404),
)
async def get_aktivitas(_: Reader, entry: CurrentAktivitas) -> Response:
    return record_response(AktivitasOut.model_validate(entry))


@router.patch(
    "/{aktivitas_id}",
    response_model=AktivitasOut,
    operation_id="updateAktivitas",
    summary="Correct an activity entry",
    description=WHO
    + " Not once confirmed (409). A returned entry goes back to its supervisor. "
    + RULES
    + " Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_aktivitas(data: AktivitasUpdate, write: SelfServiceWrites, entry: CurrentAktivitas) -> Response:
    return await write.update(
        entry.version, lambda: service.update(write.session, write.scope, entry, data), out=AktivitasOut
    )


@router.delete(
    "/{aktivitas_id}",
    status_code=204,
    operation_id="deleteAktivitas",
    summary="Delete an activity entry",
    description=WHO + " Not once confirmed, nor after the week's grace period (409). Send the ETag as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_aktivitas(write: SelfServiceWrites, entry: CurrentAktivitas) -> Response:
    return await write.delete(entry.version, lambda: service.delete(write.session, write.scope, entry))


REVIEW = (
    "By the employee's direct supervisor (an atasan whose direct report it is) or an admin reaching it; only a "
    "submitted (diajukan) entry. Send the ETag as If-Match; honours Idempotency-Key."
)


@router.post(
    "/{aktivitas_id}/konfirmasi",
    response_model=AktivitasOut,
    operation_id="confirmAktivitas",
    summary="Confirm an activity entry",
    description="diajukan -> dikonfirmasi. " + REVIEW,
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def confirm(write: SelfServiceWrites, entry: CurrentAktivitas) -> Response:
    return await write.act(
        entry.version, lambda: service.review(write.session, write.scope, entry, "dikonfirmasi", None), out=AktivitasOut
    )


@router.post(
    "/{aktivitas_id}/kembalikan",
    response_model=AktivitasOut,
    operation_id="returnAktivitas",
    summary="Return an activity entry to its employee",
    description="diajukan -> dikembalikan, with a note of what to correct. " + REVIEW,
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def send_back(data: KembalikanAktivitasIn, write: SelfServiceWrites, entry: CurrentAktivitas) -> Response:
    return await write.act(
        entry.version,
        lambda: service.review(write.session, write.scope, entry, "dikembalikan", data.catatan),
        out=AktivitasOut,
    )
