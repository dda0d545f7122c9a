"""HTTP routes of the catalogue: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pengembangan.katalog import service
from pengembangan.katalog.auth import CurrentAngkatan, CurrentProgram
from pengembangan.katalog.schemas import (
    KODE,
    AngkatanIn,
    AngkatanLookupOut,
    AngkatanOut,
    AngkatanUpdate,
    Jalur,
    JenisProgram,
    JenisProgramOut,
    Lookup,
    Penyelenggara,
    ProgramIn,
    ProgramLookupOut,
    ProgramOut,
    ProgramUpdate,
    StatusAngkatan,
)
from shared.access import Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.writes import AdminWrites

program_router = APIRouter(prefix="/api/v1/program", tags=["program"])
angkatan_router = APIRouter(prefix="/api/v1/angkatan", tags=["angkatan"])

JenisQuery = Annotated[JenisProgram | None, Query(description="Only this kind of development")]
JalurQuery = Annotated[Jalur | None, Query(description="Only kinds on this path")]
KompetensiQuery = Annotated[
    str | None,
    Query(min_length=2, max_length=30, pattern=KODE, description="Only programs developing this competency (its code)"),
]
PenyelenggaraQuery = Annotated[Penyelenggara | None, Query(description="Only programs of this provider")]
Tahun = Annotated[int | None, Query(ge=2000, le=2100, description="Only batches starting in this year")]
Tersedia = Annotated[
    bool | None,
    Query(description="true: only with a batch open for enrollment (dibuka) with seats left; false: only without"),
]
READERS = "Every signed-in role reads the catalogue (it is not personal data)."
WRITERS = "admin_bkpsdm only (the catalogue is BKPSDM's)."


@program_router.get(
    "",
    response_model=Page[ProgramOut],
    operation_id="listProgram",
    summary="The catalogue of development programs",
    description=f"By code. Filters: kind, path, competency developed, provider, a batch starting in a year, "
    f"an open batch with seats left, code or name. {READERS}",
    responses=problems(422),
)
async def list_program(
    session: SessionDep,
    _: Reader,
    page: Paging,
    jenis: JenisQuery = None,
    jalur: JalurQuery = None,
    kompetensi: KompetensiQuery = None,
    penyelenggara: PenyelenggaraQuery = None,
    tahun: Annotated[
        int | None, Query(ge=2000, le=2100, description="Only programs with a batch starting then")
    ] = None,
    tersedia: Tersedia = None,
    q: Annotated[str | None, Query(max_length=100, description="Code or name contains")] = None,
) -> Response:
    found = await service.list_programs(
        session,
        page,
        jenis=jenis,
        jalur=jalur,
        kompetensi=kompetensi,
        penyelenggara=penyelenggara,
        tahun=tahun,
        tersedia=tersedia,
        q=q,
    )
    return found.response()


@program_router.get(
    "/jenis",
    response_model=list[JenisProgramOut],
    operation_id="listJenisProgram",
    summary="The kinds of development a program may be",
    description="From shared/rules/pengembangan.yaml (Perlan 10/2018): each kind with its path (klasikal, "
    f"nonklasikal, pendidikan, kader) and whether it costs nothing by nature. {READERS}",
)
async def list_jenis_program(_: Reader) -> Response:
    return json_response([k.model_dump() for k in service.jenis_list()])


@program_router.post(
    "",
    response_model=ProgramOut,
    status_code=201,
    operation_id="createProgram",
    summary="Add a program to the catalogue",
    description=f"{WRITERS} The code is unique and never changes; a travel cost only for a program out of town. "
    "Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_program(data: ProgramIn, write: AdminWrites) -> Response:
    return await write.create(
        lambda: service.create_program(write.session, data),
        out=ProgramOut,
        location=lambda p: f"/api/v1/program/{p.id}",
    )


@program_router.post(
    "/lookup",
    response_model=ProgramLookupOut,
    operation_id="lookupProgram",
    summary="Read many programs by id in one request",
    description=f"Up to 1,000 ids; unknown ones come back in `missing`. {READERS}",
    responses=problems(422),
)
async def lookup_program(data: Lookup, session: SessionDep, _: Reader) -> Response:
    found, missing = await service.lookup_programs(session, data.ids)
    return json_response({"items": [ProgramOut.model_validate(p).model_dump() for p in found], "missing": missing})


@program_router.get(
    "/{program_id}",
    response_model=ProgramOut,
    operation_id="getProgram",
    summary="One program",
    description=f"Its version comes as the ETag. {READERS}",
    responses=problems(404),
)
async def get_program(program: CurrentProgram) -> Response:
    return record_response(ProgramOut.model_validate(program))


@program_router.patch(
    "/{program_id}",
    response_model=ProgramOut,
    operation_id="updateProgram",
    summary="Change a program",
    description=f"{WRITERS} Only the fields sent change; `kompetensi` replaces the whole list. The code never "
    "changes (sending it is refused). Send the ETag you read as If-Match.",
    responses=problems(403, 404, 412, 422, 428),
)
async def update_program(data: ProgramUpdate, write: AdminWrites, program: CurrentProgram) -> Response:
    return await write.update(
        program.version, lambda: service.update_program(write.session, program, data), out=ProgramOut
    )


@program_router.delete(
    "/{program_id}",
    status_code=204,
    operation_id="deleteProgram",
    summary="Delete a program without batches",
    description=f"{WRITERS} A program that has batches is refused (409): delete or keep them first. "
    "Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_program(write: AdminWrites, program: CurrentProgram) -> Response:
    return await write.delete(program.version, lambda: service.delete_program(write.session, program))


@angkatan_router.get(
    "",
    response_model=Page[AngkatanOut],
    operation_id="listAngkatan",
    summary="Batches of the catalogue's programs",
    description="Earliest first. Filters: program, its kind, path, competency and provider, the year it starts, "
    f"status, online, open for enrollment with seats left. {READERS}",
    responses=problems(422),
)
async def list_angkatan(
    session: SessionDep,
    _: Reader,
    page: Paging,
    program_id: Annotated[uuid.UUID | None, Query(description="Only batches of this program")] = None,
    jenis: JenisQuery = None,
    jalur: JalurQuery = None,
    kompetensi: KompetensiQuery = None,
    penyelenggara: PenyelenggaraQuery = None,
    tahun: Tahun = None,
    status: Annotated[StatusAngkatan | None, Query(description="Only batches in this status")] = None,
    tersedia: Annotated[
        bool | None, Query(description="true: only open for enrollment (dibuka) with seats left; false: the others")
    ] = None,
    daring: Annotated[bool | None, Query(description="Only online (true) or on-site (false) batches")] = None,
) -> Response:
    found = await service.list_angkatan(
        session,
        page,
        program_id=program_id,
        jenis=jenis,
        jalur=jalur,
        kompetensi=kompetensi,
        penyelenggara=penyelenggara,
        tahun=tahun,
        status=status,
        tersedia=tersedia,
        daring=daring,
    )
    return found.response()


@angkatan_router.post(
    "",
    response_model=AngkatanOut,
    status_code=201,
    operation_id="createAngkatan",
    summary="Schedule a batch of a program",
    description=f"{WRITERS} The last day is not before the first; the code is unique within the program; a "
    "batch running or finished has started (its first day is not ahead). Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_angkatan(data: AngkatanIn, write: AdminWrites) -> Response:
    return await write.create(
        lambda: service.create_angkatan(write.session, data),
        out=AngkatanOut,
        location=lambda a: f"/api/v1/angkatan/{a.id}",
    )


@angkatan_router.post(
    "/lookup",
    response_model=AngkatanLookupOut,
    operation_id="lookupAngkatan",
    summary="Read many batches by id in one request",
    description=f"Up to 1,000 ids; unknown ones come back in `missing`. {READERS}",
    responses=problems(422),
)
async def lookup_angkatan(data: Lookup, session: SessionDep, _: Reader) -> Response:
    found, missing = await service.lookup_angkatan(session, data.ids)
    return json_response({"items": [AngkatanOut.model_validate(a).model_dump() for a in found], "missing": missing})


@angkatan_router.get(
    "/{angkatan_id}",
    response_model=AngkatanOut,
    operation_id="getAngkatan",
    summary="One batch",
    description=f"With its program's code and name and the seats left. Its version comes as the ETag. {READERS}",
    responses=problems(404),
)
async def get_angkatan(batch: CurrentAngkatan) -> Response:
    return record_response(AngkatanOut.model_validate(batch))


@angkatan_router.patch(
    "/{angkatan_id}",
    response_model=AngkatanOut,
    operation_id="updateAngkatan",
    summary="Change a batch or move its status",
    description=f"{WRITERS} Only the fields sent change. Status: direncanakan -> dibuka -> berjalan -> selesai; "
    "dibuka may go back to direncanakan and anything unfinished may be dibatalkan; a finished or cancelled "
    "batch no longer changes (409). Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_angkatan(data: AngkatanUpdate, write: AdminWrites, batch: CurrentAngkatan) -> Response:
    return await write.update(
        batch.version, lambda: service.update_angkatan(write.session, batch, data), out=AngkatanOut
    )


@angkatan_router.delete(
    "/{angkatan_id}",
    status_code=204,
    operation_id="deleteAngkatan",
    summary="Delete a batch that has not started",
    description=f"{WRITERS} A batch running or finished stays (409); cancel a planned one instead of deleting it "
    "when its history matters. Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_angkatan(write: AdminWrites, batch: CurrentAngkatan) -> Response:
    return await write.delete(batch.version, lambda: service.delete_angkatan(write.session, batch))
