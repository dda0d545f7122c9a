"""HTTP routes of disciplinary sanctions: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kinerja.hukdis import service
from kinerja.hukdis.auth import CurrentHukdis
from kinerja.hukdis.schemas import (
    AktifIn,
    AktifOut,
    HukumanDisiplinIn,
    HukumanDisiplinOut,
    HukumanDisiplinUpdate,
    Pengumuman,
    RekapHukdisOut,
    Tanggal,
    TerberatIn,
    TerberatOut,
    Tingkat,
)
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.types import NIP
from shared.writes import Writes

router = APIRouter(prefix="/api/v1/hukuman-disiplin", tags=["hukuman disiplin"])
WHO = (
    "Only admin_bkpsdm, the admin of the employee's OPD and the employee see sanctions; to anyone else they do "
    "not exist (404, and absent from lists)."
)


@router.get(
    "",
    response_model=Page[HukumanDisiplinOut],
    operation_id="listHukumanDisiplin",
    summary="Disciplinary sanctions the caller may see",
    description="Newest first. " + WHO,
    responses=problems(422),
)
async def list_hukdis(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    nip: Annotated[NIP | None, Query(description="Only this employee's sanctions")] = None,
    tingkat: Annotated[Tingkat | None, Query(description="Only this level")] = None,
    aktif_pada: Annotated[Tanggal | None, Query(description="Only those running on this day")] = None,
) -> Response:
    return (await service.list_hukdis(session, scope, page, nip=nip, tingkat=tingkat, aktif_pada=aktif_pada)).response()


@router.post(
    "",
    response_model=HukumanDisiplinOut,
    status_code=201,
    operation_id="createHukumanDisiplin",
    summary="Record a disciplinary sanction",
    description="admin_bkpsdm, or admin_opd for its OPD's employees. The kind must belong to the level (PP 94/2021 "
    "Pasal 8); its end follows from the kind's duration. Honours Idempotency-Key.",
    responses=problems(403, 404, 422),
)
async def create_hukdis(data: HukumanDisiplinIn, write: Writes) -> Response:
    pegawai = (await write.scope.require_pegawai([data.nip]))[data.nip]
    return await write.create(
        lambda: service.create(write.session, data, pegawai),
        out=HukumanDisiplinOut,
        location=lambda h: f"/api/v1/hukuman-disiplin/{h.id}",
    )


@router.post(
    "/aktif",
    response_model=AktifOut,
    operation_id="listHukumanDisiplinAktif",
    summary="Sanctions running on a day, for up to 10,000 NIPs",
    description="One request for a promotion or selection list: each NIP with the sanctions running on the day "
    "(today when absent). NIPs the caller may not see come back in `missing`. " + WHO,
    responses=problems(422),
)
async def running(data: AktifIn, session: SessionDep, scope: Reader) -> Response:
    return json_response(
        (await service.running(session, scope, data.nips, data.tanggal, data.dari_pegawai)).model_dump(mode="json")
    )


@router.post(
    "/terberat",
    response_model=TerberatOut,
    operation_id="listHukumanDisiplinTerberat",
    summary="The heaviest sanction in a window, for up to 10,000 NIPs",
    description="For an index scored on discipline (IP ASN): each NIP the caller reads with the level (ringan, "
    "sedang, berat; null: none) of its heaviest sanction whose TMT lies from `dari` to `sampai`. The sanction itself "
    "(kind, SK, TMT, reason) only where the caller may see it (`terlihat`): admin_bkpsdm, the admin of the "
    "employee's OPD and the employee; an atasan reading its direct reports gets the level alone. NIPs the caller does "
    "not read come back in `missing`.",
    responses=problems(422),
)
async def heaviest(data: TerberatIn, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.heaviest(session, scope, data.nips, data.dari, data.sampai))


@router.get(
    "/pengumuman",
    response_model=Page[Pengumuman],
    operation_id="listPengumumanHukumanDisiplin",
    summary="Sanctions announced inside the instansi",
    description="Every signed-in role: the running sanctions whose decision says to announce them (name, unit, "
    "sanction, period). Never on the public feed.",
    responses=problems(422),
)
async def announced(
    session: SessionDep,
    _: Reader,
    page: Paging,
    tanggal: Annotated[Tanggal | None, Query(description="Running on this day; today when absent")] = None,
) -> Response:
    return (await service.announced(session, page, tanggal)).response()


@router.get(
    "/rekap",
    response_model=RekapHukdisOut,
    operation_id="getRekapHukumanDisiplin",
    summary="The sanctions of a year and how many carry their SK's number and date",
    description="The sanctions whose SK is dated in the year `tahun` (this year when absent), of the serving "
    "employees of a unit and its sub-units when `unit_id` is given (pegawai's roster with the caller's token; out "
    "of reach: 404), else of every employee the caller reaches, and how many were recorded with the SK's number "
    "and date (one statement). Evidence of the merit system's discipline aspect (PermenPAN-RB 19/2025). Only the "
    "admins, who see sanctions (admin_bkpsdm, admin_opd for its OPD); every other role 403.",
    responses=problems(403, 404, 422),
)
async def rekap(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only this unit and the units under it")] = None,
    tahun: Annotated[int | None, Query(ge=1990, le=2100, description="The year; this year when absent")] = None,
) -> Response:
    return json_response(await service.rekap(scope, session, unit_id, tahun or date.today().year))


@router.get(
    "/{hukdis_id}",
    response_model=HukumanDisiplinOut,
    operation_id="getHukumanDisiplin",
    summary="One disciplinary sanction",
    description=WHO + " Its version comes as the ETag.",
    responses=problems(404),
)
async def get_hukdis(_: Reader, sanction: CurrentHukdis) -> Response:
    return record_response(HukumanDisiplinOut.model_validate(sanction))


@router.patch(
    "/{hukdis_id}",
    response_model=HukumanDisiplinOut,
    operation_id="updateHukumanDisiplin",
    summary="Correct a disciplinary sanction",
    description="admin_bkpsdm, or admin_opd for its OPD's employees; the end is worked out again. Send the ETag "
    "you read as If-Match.",
    responses=problems(403, 404, 412, 422, 428),
)
async def update_hukdis(data: HukumanDisiplinUpdate, write: Writes, sanction: CurrentHukdis) -> Response:
    return await write.update(
        sanction.version, lambda: service.update(write.session, sanction, data), out=HukumanDisiplinOut
    )


@router.delete(
    "/{hukdis_id}",
    status_code=204,
    operation_id="deleteHukumanDisiplin",
    summary="Delete a sanction recorded in error",
    description="admin_bkpsdm, or admin_opd for its OPD's employees. Send the ETag you read as If-Match.",
    responses=problems(403, 404, 412, 428),
)
async def delete_hukdis(write: Writes, sanction: CurrentHukdis) -> Response:
    return await write.delete(sanction.version, lambda: service.delete(write.session, sanction))
