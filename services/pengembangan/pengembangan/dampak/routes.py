"""HTTP routes of the impact evaluation: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pengembangan.dampak import service
from pengembangan.dampak.auth import CurrentPenilaian
from pengembangan.dampak.schemas import (
    EvaluasiDampakIn,
    EvaluasiDampakOut,
    EvaluasiJatuhTempo,
    FormulirOut,
    Rekomendasi,
    RingkasanProgram,
)
from shared.access import Reader, Reporter, SelfServiceOrWriter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.rules import load_pengembangan
from shared.types import NIP
from shared.writes import SelfServiceWrites

router = APIRouter(prefix="/api/v1/evaluasi-dampak", tags=["evaluasi-dampak"])
peserta_router = APIRouter(prefix="/api/v1/peserta", tags=["evaluasi-dampak"])

FORM = load_pengembangan().dampak
WINDOW = (
    f"The window opens {FORM.mulai_bulan} months after the batch's last day and closes {FORM.selesai_bulan} months "
    "after it (the issue's and BKPSDM's practice); an evaluation recorded after it closes is marked late."
)
READERS = (
    "Read as the enrollment is: admin_bkpsdm and the machine readers every one, an OPD admin those charged to its OPD, "
    "an employee its own, an atasan its direct reports' too."
)
Tahun = Annotated[
    int | None, Query(ge=2000, le=2100, description="Only enrollments charged to this budget year (the batch's start)")
]
ProgramId = Annotated[uuid.UUID | None, Query(description="Only this program's batches")]
OpdId = Annotated[uuid.UUID | None, Query(description="Only enrollments charged to this OPD")]


@router.get(
    "/formulir",
    response_model=FormulirOut,
    operation_id="getFormulirDampak",
    summary="The impact evaluation form",
    description="The aspects, what each score of the scale means, the recommendations and the window, from "
    "shared/rules/pengembangan.yaml with its basis (LAN's rules ask for evaluation after learning; the window is "
    "practice; the aspects follow Kirkpatrick's level 3). Every signed-in role reads it.",
    responses=problems(),
)
async def get_form(_: Reader) -> Response:
    return json_response(service.form().model_dump(mode="json"))


@router.get(
    "",
    response_model=Page[EvaluasiDampakOut],
    operation_id="listEvaluasiDampak",
    summary="Impact evaluations recorded",
    description="Newest first. Filters: program, budget year, OPD, employee, recommendation, late. " + READERS,
    responses=problems(422),
)
async def list_evaluasi(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    program_id: ProgramId = None,
    tahun: Tahun = None,
    opd_id: OpdId = None,
    nip: Annotated[NIP | None, Query(description="Only this employee's")] = None,
    rekomendasi: Annotated[Rekomendasi | None, Query(description="Only with this recommendation")] = None,
    terlambat: Annotated[bool | None, Query(description="Only those recorded late (true) or in time (false)")] = None,
) -> Response:
    found = await service.list_evaluasi(
        session,
        scope,
        page,
        program_id=program_id,
        tahun=tahun,
        opd_id=opd_id,
        nip=nip,
        rekomendasi=rekomendasi,
        terlambat=terlambat,
    )
    return found.response()


@router.get(
    "/jatuh-tempo",
    response_model=Page[EvaluasiJatuhTempo],
    operation_id="listEvaluasiDampakJatuhTempo",
    summary="Impact evaluations due",
    description="The reminders: passed enrollments without an impact evaluation whose window is open or has closed "
    "(`lewat`: overdue), each with its window, oldest batch first. " + WINDOW + " An atasan sees its direct "
    "reports', an OPD admin those charged to its OPD, admin_bkpsdm all; an employee evaluates no one (an empty "
    "list). The machine roles never evaluate (403).",
    responses=problems(403, 422),
)
async def list_due(
    session: SessionDep,
    scope: SelfServiceOrWriter,
    page: Paging,
    lewat: Annotated[bool | None, Query(description="Only overdue (true) or still in the window (false)")] = None,
) -> Response:
    return (await service.due(session, scope, page, lewat)).response()


@router.get(
    "/ringkasan",
    response_model=Page[RingkasanProgram],
    operation_id="getRingkasanDampak",
    summary="Impact per program: count and average score per aspect",
    description="Which programs change behaviour: per program with evaluations the caller reads (an OPD admin: "
    "those charged to its OPD), how many, the average score of each aspect (two decimals), how many gave each "
    "recommendation and how many were late; by program code. Filters: program, budget year, OPD. A report over "
    "many employees: staff and machine roles (403 for employees and atasan).",
    responses=problems(403, 422),
)
async def get_summary(
    session: SessionDep,
    scope: Reporter,
    page: Paging,
    program_id: ProgramId = None,
    tahun: Tahun = None,
    opd_id: OpdId = None,
) -> Response:
    found = await service.summary(session, scope, page, program_id=program_id, tahun=tahun, opd_id=opd_id)
    return found.response()


@peserta_router.get(
    "/{peserta_id}/evaluasi-dampak",
    response_model=EvaluasiDampakOut,
    operation_id="getEvaluasiDampak",
    summary="The impact evaluation of an enrollment",
    description=READERS + " 404 while it has none. Its version comes as the ETag.",
    responses=problems(404),
)
async def get_evaluasi(_: Reader, penilaian: CurrentPenilaian) -> Response:
    evaluasi = service.require_evaluasi(penilaian.peserta, penilaian.evaluasi)
    return record_response(service.as_out(evaluasi))


@peserta_router.put(
    "/{peserta_id}/evaluasi-dampak",
    response_model=EvaluasiDampakOut,
    operation_id="putEvaluasiDampak",
    summary="Record or replace the impact evaluation of a passed enrollment",
    description="A score for every aspect of the form (`GET /api/v1/evaluasi-dampak/formulir`), a recommendation "
    "and a note; the whole evaluation is replaced. By the employee's direct supervisor (atasan) or an admin reaching "
    "the enrollment; the employee reads its own but does not write it (403). Only a passed enrollment (lulus; any "
    "other status: 409; a failed one's follow-up is a new proposal), once its window has opened (409 naming the day "
    "it opens). " + WINDOW + " The first evaluation needs no If-Match; replacing one needs its ETag as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def put_evaluasi(data: EvaluasiDampakIn, write: SelfServiceWrites, penilaian: CurrentPenilaian) -> Response:
    return await write.put(
        penilaian.version,
        lambda: service.put(write.session, write.scope, penilaian.peserta, penilaian.evaluasi, data),
        out=EvaluasiDampakOut,
    )
