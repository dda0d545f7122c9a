"""HTTP routes of SKP: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from kinerja.skp import service
from kinerja.skp.auth import CurrentPeriode, CurrentSkp, CurrentSubPeriode
from kinerja.skp.models import Skp
from kinerja.skp.schemas import (
    EvaluasiIn,
    EvaluasiJatuhTempo,
    EvaluasiOut,
    KembalikanSkpIn,
    KinerjaRendahOut,
    KoreksiIn,
    PenilaianIn,
    PeriodeIn,
    PeriodeOut,
    PeriodeUpdate,
    PohonOut,
    PredikatBulkIn,
    PredikatBulkOut,
    RekapSkpIn,
    RekapSkpOut,
    RencanaPut,
    SkpIn,
    SkpLamaIn,
    SkpLamaOut,
    SkpOut,
    Status,
)
from shared.access import Capability, Reader, Reporter, SelfServiceOrWriter
from shared.db import SessionDep
from shared.errors import Forbidden
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.types import NIP
from shared.writes import AdminWrites, SelfServiceWrites, Write, Writes

router = APIRouter(tags=["skp"])
ROLES = (
    "The employee (or an admin reaching it) plans and submits; its rating supervisor (penilai) or an admin agrees, "
    "returns, rates and makes it final."
)
Tahun = Annotated[int | None, Query(ge=1990, le=2100, description="Only this year")]
TahunEvaluasi = Annotated[int | None, Query(ge=2022, le=2100, description="The SKP year; this year when absent")]


@router.get(
    "/api/v1/periode-skp",
    response_model=Page[PeriodeOut],
    operation_id="listPeriodeSkp",
    summary="SKP periods",
    description="The annual periods and how often each is evaluated. Every signed-in role may read them.",
    responses=problems(422),
)
async def list_periode(session: SessionDep, _: Reader, page: Paging, tahun: Tahun = None) -> Response:
    return (await service.list_periode(session, page, tahun)).response()


@router.post(
    "/api/v1/periode-skp",
    response_model=PeriodeOut,
    status_code=201,
    operation_id="createPeriodeSkp",
    summary="Open an SKP period",
    description="admin_bkpsdm only: one per year, with the instansi's periodic evaluation. Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_periode(data: PeriodeIn, write: AdminWrites) -> Response:
    return await write.create(
        lambda: service.create_periode(write.session, data),
        out=PeriodeOut,
        location=lambda p: f"/api/v1/periode-skp/{p.id}",
    )


@router.patch(
    "/api/v1/periode-skp/{periode_id}",
    response_model=PeriodeOut,
    operation_id="updatePeriodeSkp",
    summary="Change or close an SKP period",
    description="admin_bkpsdm only. Send the ETag you read as If-Match. `evaluasi` no longer changes once an "
    "SKP of the period has a periodic evaluation (409): the evaluations name their sub-periods by number.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_periode(data: PeriodeUpdate, write: AdminWrites, periode: CurrentPeriode) -> Response:
    return await write.update(
        periode.version, lambda: service.update_periode(write.session, periode, data), out=PeriodeOut
    )


@router.get(
    "/api/v1/skp",
    response_model=Page[SkpOut],
    operation_id="listSkp",
    summary="SKPs the caller may see",
    description="The SKPs of the employees the caller reaches and those it rates, newest year first.",
    responses=problems(422),
)
async def list_skp(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    nip: Annotated[NIP | None, Query(description="Only this employee's")] = None,
    tahun: Tahun = None,
    status: Annotated[Status | None, Query(description="Only in this state")] = None,
    penilai_nip: Annotated[NIP | None, Query(description="Only those this supervisor rates")] = None,
) -> Response:
    found = await service.list_skp(session, scope, page, nip=nip, tahun=tahun, status=status, penilai_nip=penilai_nip)
    return found.response()


@router.post(
    "/api/v1/skp",
    response_model=SkpOut,
    status_code=201,
    operation_id="createSkp",
    summary="Make an SKP for a period",
    description="By the employee itself or an admin reaching it; one per employee and period. The rating "
    "supervisor is the one the pegawai service names (the holder of the position the employee's reports to, or "
    "one set by an admin); an admin may name another. Honours Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def create_skp(data: SkpIn, write: SelfServiceWrites) -> Response:
    scope = write.scope
    admin = scope.may(Capability.WRITE)
    if not admin and (data.nip != scope.self_nip or data.penilai_nip is not None):
        raise Forbidden("skp-not-owner")
    pegawai = (await scope.require_pegawai([data.nip]))[data.nip]
    penilai = data.penilai_nip if admin and data.penilai_nip else await scope.atasan_of(data.nip)

    async def make() -> SkpOut:
        return service.as_out(await service.create(write.session, scope, data, pegawai, penilai))

    return await write.create(make, out=SkpOut, location=lambda s: f"/api/v1/skp/{s.id}")


@router.get(
    "/api/v1/skp/kinerja-rendah",
    response_model=KinerjaRendahOut,
    operation_id="listKinerjaRendah",
    summary="Low performers of a unit",
    description="The employees of a unit (and the units under it) whose final predikat of the year is Butuh "
    "Perbaikan or worse, with their last three years. Staff roles only.",
    responses=problems(403, 404, 422),
)
async def low_performers(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit")],
    tahun: Annotated[int, Query(ge=2022, le=2100, description="The SKP year")],
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    return json_response((await service.low_performers(session, roster, tahun)).model_dump(mode="json"))


@router.get(
    "/api/v1/skp/rekap",
    response_model=RekapSkpOut,
    operation_id="getRekapSkp",
    summary="How many of a unit's employees have an SKP of the year and a final predikat",
    description="The serving employees of a unit and its sub-units (the whole Pemda from the root instansi; pegawai's "
    "roster with the caller's token) and how many of them have an SKP of the year `tahun` (this year when absent): "
    "in any state, agreed (disetujui, dinilai or final), final with its predikat (one statement). Evidence of the "
    "merit system's performance management (PermenPAN-RB 19/2025). Staff roles only (admin_opd: its OPD's units; "
    "another's: 404).",
    responses=problems(403, 404, 422),
)
async def rekap(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit (the root instansi: the whole Pemda)")],
    tahun: TahunEvaluasi = None,
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    return json_response(await service.rekap(session, unit_id, roster, tahun or date.today().year))


@router.post(
    "/api/v1/skp/rekap",
    response_model=RekapSkpOut,
    operation_id="getRekapSkpRoster",
    summary="getRekapSkp over a unit's roster the caller has already read",
    description="The same counts as getRekapSkp (one statement over the given NIPs), for a caller that has just "
    "read the unit's roster from pegawai with its own token (the gateway's merit evidence, which reads it once "
    "for four services): from a caller that reaches every employee kinerja counts over `pegawai` and does not "
    "ask pegawai again; anyone else's `pegawai` is ignored and its roster is pegawai's answer to its token (as "
    "getRekapSkp: admin_opd its OPD's units, another's 404). Staff roles only.",
    responses=problems(403, 404, 422),
)
async def rekap_roster(data: RekapSkpIn, session: SessionDep, scope: Reporter) -> Response:
    roster = await scope.roster(data)
    return json_response(await service.rekap(session, data.unit_id, roster, data.tahun or date.today().year))


@router.get(
    "/api/v1/skp/pohon",
    response_model=PohonOut,
    operation_id="getPohonKinerja",
    summary="The cascade of work results of a unit",
    description="The SKPs of a unit (and the units under it) for a year as a tree: each work result with those of "
    "others that support it, and the work results that support nothing though the owner's supervisor has an SKP "
    "in the unit. Staff roles only.",
    responses=problems(403, 404, 422),
)
async def cascade(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit")],
    tahun: Annotated[int, Query(ge=2022, le=2100, description="The SKP year")],
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    return json_response((await service.cascade(session, roster, tahun)).model_dump(mode="json"))


@router.get(
    "/api/v1/skp/evaluasi-jatuh-tempo",
    response_model=Page[EvaluasiJatuhTempo],
    operation_id="listEvaluasiJatuhTempo",
    summary="Periodic evaluations due",
    description="The sub-periods of the year (this year when `tahun` is absent) that have ended (their last day "
    "is past) without an evaluation, of the agreed or rated SKPs (not final) the caller may evaluate: those whose "
    "rating supervisor it is and, for an admin, those of the employees it reaches. Ordered by name, NIP and "
    "sub-period. For the roles that evaluate (atasan, pegawai as a named supervisor, admins).",
    responses=problems(403, 422),
)
async def list_due(
    session: SessionDep, scope: SelfServiceOrWriter, page: Paging, tahun: TahunEvaluasi = None
) -> Response:
    return (await service.due(session, scope, page, tahun)).response()


@router.get(
    "/api/v1/skp/{skp_id}",
    response_model=SkpOut,
    operation_id="getSkp",
    summary="One SKP with its work results and ratings",
    description="For the employee, its rating supervisor and whoever reaches the employee. Its version is the ETag.",
    responses=problems(404),
)
async def get_skp(_: Reader, skp: CurrentSkp) -> Response:
    return record_response(service.as_out(skp))


@router.put(
    "/api/v1/skp/{skp_id}/rencana",
    response_model=SkpOut,
    operation_id="putRencanaHasilKerja",
    summary="Set the work results of a draft SKP",
    description="The whole list, replaced. An item may name the supervisor's work result it supports "
    "(`mendukung_id`, in the supervisor's SKP of the same year). " + ROLES + " Send the ETag as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def put_rencana(data: RencanaPut, write: SelfServiceWrites, skp: CurrentSkp) -> Response:
    async def replace() -> SkpOut:
        return service.as_out(await service.put_rencana(write.session, write.scope, skp, data))

    return await write.update(skp.version, replace, out=SkpOut)


def _step(name: str, summary: str, description: str) -> dict[str, Any]:
    return {
        "response_model": SkpOut,
        "operation_id": name,
        "summary": summary,
        "description": description + " " + ROLES + " Send the ETag as If-Match; honours Idempotency-Key.",
        "responses": problems(403, 404, 409, 412, 422, 428),
    }


async def _act(write: Write, skp: Skp, step: Callable[[], Awaitable[Skp]]) -> Response:
    """A step of the workflow on the SKP as the client read it (If-Match, Idempotency-Key)."""

    async def run() -> SkpOut:
        return service.as_out(await step())

    return await write.act(skp.version, run, out=SkpOut)


@router.post("/api/v1/skp/{skp_id}/ajukan", **_step("submitSkp", "Submit a draft SKP", "draft -> diajukan."))
async def submit(write: SelfServiceWrites, skp: CurrentSkp) -> Response:
    return await _act(write, skp, lambda: service.submit(write.session, write.scope, skp))


@router.post(
    "/api/v1/skp/{skp_id}/setujui", **_step("approveSkp", "Agree to a submitted SKP", "diajukan -> disetujui.")
)
async def approve(write: SelfServiceWrites, skp: CurrentSkp) -> Response:
    return await _act(write, skp, lambda: service.approve(write.session, write.scope, skp))


@router.post(
    "/api/v1/skp/{skp_id}/kembalikan",
    **_step("returnSkp", "Return a submitted SKP to its draft", "diajukan -> draft, with a note."),
)
async def send_back(data: KembalikanSkpIn, write: SelfServiceWrites, skp: CurrentSkp) -> Response:
    return await _act(write, skp, lambda: service.send_back(write.session, write.scope, skp, data.catatan))


@router.post(
    "/api/v1/skp/{skp_id}/nilai",
    **_step(
        "rateSkp",
        "Rate an agreed SKP",
        "disetujui (or dinilai, to rate again) -> dinilai: the realisation of each work result, the rating of the "
        "results and of each BerAKHLAK value; the predikat follows from the matrix.",
    ),
)
async def rate(data: PenilaianIn, write: SelfServiceWrites, skp: CurrentSkp) -> Response:
    return await _act(write, skp, lambda: service.rate(write.session, write.scope, skp, data))


@router.post("/api/v1/skp/{skp_id}/final", **_step("finalizeSkp", "Make a rated SKP final", "dinilai -> final."))
async def finalize(write: SelfServiceWrites, skp: CurrentSkp) -> Response:
    return await _act(write, skp, lambda: service.finalize(write.session, write.scope, skp))


@router.post(
    "/api/v1/skp/{skp_id}/koreksi",
    response_model=SkpOut,
    operation_id="correctSkp",
    summary="Correct a final SKP",
    description="admin_bkpsdm only (e.g. after an objection): a new rating with its reason, logged with the rating "
    "before and after; the predikat follows from the matrix. Send the ETag as If-Match; honours Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def correct(data: KoreksiIn, write: AdminWrites, skp: CurrentSkp) -> Response:
    return await _act(write, skp, lambda: service.correct(write.session, skp, data, write.scope.principal.sub))


EVALUASI = (
    "The year is cut into the period's sub-periods: 12 months (bulanan), 4 quarters (triwulanan) or 2 halves "
    "(semesteran); `ke` numbers them from January."
)


@router.get(
    "/api/v1/skp/{skp_id}/evaluasi",
    response_model=Page[EvaluasiOut],
    operation_id="listEvaluasiPeriodik",
    summary="The periodic evaluations of an SKP",
    description="Those recorded, by sub-period, each with its version (the ETag to change it). " + EVALUASI + " For "
    "whoever sees the SKP: the employee, its rating supervisor and whoever reaches the employee.",
    responses=problems(404, 422),
)
async def list_evaluasi(session: SessionDep, _: Reader, skp: CurrentSkp, page: Paging) -> Response:
    return (await service.list_evaluasi(session, skp, page)).response()


@router.put(
    "/api/v1/skp/{skp_id}/evaluasi/{ke}",
    response_model=EvaluasiOut,
    operation_id="putEvaluasiPeriodik",
    summary="Record or change the evaluation of a sub-period",
    description="The realisation of work results with feedback, the rating of the results and of each BerAKHLAK "
    "value, and a note; the behaviour rating is derived as the year's is and the predikat comes from the matrix. "
    + EVALUASI
    + " By the SKP's rating supervisor or an admin reaching the employee (403 for the employee), while the SKP is "
    "disetujui or dinilai (409 otherwise), for a sub-period of the period (422 naming `ke`) that has started (422). "
    "The first evaluation of a sub-period needs no If-Match; changing one needs its ETag as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def put_evaluasi(data: EvaluasiIn, write: SelfServiceWrites, skp: CurrentSkp, sub: CurrentSubPeriode) -> Response:
    return await write.put(
        sub.version,
        lambda: service.put_evaluasi(write.session, write.scope, skp, sub.ke, data, sub.evaluasi),
        out=EvaluasiOut,
    )


@router.post(
    "/api/v1/skp-lama",
    response_model=SkpLamaOut,
    status_code=201,
    operation_id="createSkpLama",
    summary="Record a numeric SKP of before 2022",
    description="History on its own scale (PP 46/2011 or PP 30/2019); the predikat follows from that scale's bands. "
    "admin_bkpsdm, or admin_opd for its OPD's employees. Honours Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def create_lama(data: SkpLamaIn, write: Writes) -> Response:
    await write.scope.require_pegawai([data.nip])
    return await write.create(lambda: service.create_lama(write.session, data), out=SkpLamaOut)


@router.post(
    "/api/v1/predikat-kinerja/bulk",
    response_model=PredikatBulkOut,
    operation_id="listPredikatKinerjaBulk",
    summary="Latest predikat and recent history of up to 10,000 employees",
    description="Final SKPs and numeric SKPs of before 2022, newest first. Every role that reads employees: NIPs "
    "the caller does not read come back in `missing` (an employee reads itself, an atasan its direct reports too). "
    "`semua: true` instead of `nips`: every employee the caller reads (for a caller that reaches everyone, each one "
    "with a predikat; the gateway's talent map asks so beside pegawai's list of the successors' pool, not after it); "
    "naming both or neither: 422.",
    responses=problems(422),
)
async def predikat_bulk(data: PredikatBulkIn, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.predikat_bulk(session, scope, data.nips, data.tahun_terakhir))
