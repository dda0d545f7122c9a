"""HTTP routes of proposals: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response

from pengembangan.upstream import KompetensiDep
from pengembangan.usulan import service
from pengembangan.usulan.auth import CurrentUsulan
from pengembangan.usulan.schemas import (
    RELEVANSI,
    RELEVANSI_MAX,
    RekapUsulanIn,
    RekapUsulanOut,
    RelevansiBulkOut,
    RelevansiIn,
    RelevansiItem,
    SetujuiIn,
    StatusUsulan,
    TolakIn,
    UsulanBulkOut,
    UsulanIn,
    UsulanOut,
)
from shared.access import Admin, Reader, Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.types import NIP
from shared.writes import AdminWrites, Writes

router = APIRouter(prefix="/api/v1/usulan", tags=["usulan"])
# An approval needs no body when there is nothing to explain.
SETUJUI = SetujuiIn()
NoBody = Annotated[SetujuiIn, Body(description="Optional: the reasons an approval may need")]
READERS = (
    "admin_bkpsdm and the machine readers read every proposal, an OPD admin those of its OPD, an employee its own "
    "(an atasan its direct reports' too)."
)


@router.get(
    "",
    response_model=Page[UsulanOut],
    operation_id="listUsulan",
    summary="Proposals of employees for batches",
    description="Newest first. Filters: batch, program, employee, OPD, status, the relevance flag (relevan=false: "
    f"approved though not relevant to the job), the year the batch starts. {READERS}",
    responses=problems(422),
)
async def list_usulan(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    angkatan_id: Annotated[uuid.UUID | None, Query(description="Only proposals for this batch")] = None,
    program_id: Annotated[uuid.UUID | None, Query(description="Only proposals for batches of this program")] = None,
    nip: Annotated[NIP | None, Query(description="Only this employee's")] = None,
    opd_id: Annotated[uuid.UUID | None, Query(description="Only those charged to this OPD")] = None,
    status: Annotated[StatusUsulan | None, Query(description="Only in this status")] = None,
    relevan: Annotated[bool | None, Query(description="Only those whose relevance check found this")] = None,
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="Only for batches starting this year")] = None,
) -> Response:
    found = await service.list_usulan(
        session,
        scope,
        page,
        angkatan_id=angkatan_id,
        program_id=program_id,
        nip=nip,
        opd_id=opd_id,
        status=status,
        relevan=relevan,
        tahun=tahun,
    )
    return found.response()


@router.post(
    "",
    response_model=UsulanBulkOut,
    status_code=201,
    operation_id="createUsulan",
    summary="Propose employees of an OPD for a batch",
    description="An OPD admin proposes serving employees of its own OPD (another OPD's, or an employee not serving "
    "in it: 422 naming them); admin_bkpsdm names the OPD. Up to 500 NIPs for one batch that is planned or open "
    "(else 409), all or none: an employee already proposed (pending) or enrolled in the batch is refused (409). "
    f"Each proposal carries the relevance check ({RELEVANSI}); one not relevant is flagged (relevan=false) and is "
    "approved only with an explicit reason, given here (alasan_tidak_relevan) or by BKPSDM. One call to pegawai "
    "(three for admin_bkpsdm, at once) and one to kompetensi for all. Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_usulan(data: UsulanIn, write: Writes, kompetensi: KompetensiDep) -> Response:
    async def made() -> UsulanBulkOut:
        rows = await service.create(write.session, write.scope, kompetensi, data)
        return UsulanBulkOut(jumlah=len(rows), items=[UsulanOut.model_validate(r) for r in rows])

    return await write.create(made, out=UsulanBulkOut)


@router.post(
    "/relevansi",
    response_model=RelevansiBulkOut,
    operation_id="checkRelevansiUsulan",
    summary="The relevance check of proposals, before deciding them",
    description=f"admin_bkpsdm only (the check reads the standards of career-target positions anywhere). {RELEVANSI} "
    f"Up to {RELEVANSI_MAX} proposals: one call to pegawai and one to kompetensi for all; nothing is written.",
    responses=problems(403, 422),
)
async def check_relevansi(data: RelevansiIn, session: SessionDep, scope: Admin, kompetensi: KompetensiDep) -> Response:
    checked, missing = await service.relevance_of(session, scope, kompetensi, data.ids)
    items = [RelevansiItem(usulan_id=u.id, nip=u.nip, **r.model_dump()).model_dump() for u, r in checked]
    return json_response({"items": items, "missing": missing})


@router.get(
    "/rekap",
    response_model=RekapUsulanOut,
    operation_id="getRekapUsulan",
    summary="A unit's approved proposals of a year by their relevance to the job",
    description="The serving employees of a unit and its sub-units (the whole Pemda from the root instansi; pegawai's "
    "roster with the caller's token): their approved proposals for batches starting in the year `tahun` (this year "
    "when absent), counted by the relevance check each carries from when it was proposed (the program develops a "
    "competency the standard of the employee's position or of a career target requires): relevant, approved "
    "though not relevant, not checked (one statement). Evidence of the merit system's competency development "
    "(PermenPAN-RB 19/2025). Staff roles only (admin_opd: its OPD's units; another's: 404).",
    responses=problems(403, 404, 422),
)
async def rekap_usulan(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit (the root instansi: the whole Pemda)")],
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="The year; this year when absent")] = None,
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    return json_response(await service.rekap(session, unit_id, roster, tahun or date.today().year))


@router.post(
    "/rekap",
    response_model=RekapUsulanOut,
    operation_id="getRekapUsulanRoster",
    summary="getRekapUsulan over a unit's roster the caller has already read",
    description="The same counts as getRekapUsulan (one statement over the given NIPs), for a caller that has just "
    "read the unit's roster from pegawai with its own token (the gateway's merit evidence, which reads it once "
    "for four services): from a caller that reaches every employee pengembangan counts over `pegawai` and does "
    "not ask pegawai again; anyone else's `pegawai` is ignored and its roster is pegawai's answer to its token (as "
    "getRekapUsulan: admin_opd its OPD's units, another's 404). Staff roles only.",
    responses=problems(403, 404, 422),
)
async def rekap_usulan_roster(data: RekapUsulanIn, session: SessionDep, scope: Reporter) -> Response:
    roster = await scope.roster(data)
    return json_response(await service.rekap(session, data.unit_id, roster, data.tahun or date.today().year))


@router.get(
    "/{usulan_id}",
    response_model=UsulanOut,
    operation_id="getUsulan",
    summary="One proposal",
    description=f"{READERS} Its version comes as the ETag.",
    responses=problems(404),
)
async def get_usulan(_: Reader, usulan: CurrentUsulan) -> Response:
    return record_response(UsulanOut.model_validate(usulan))


@router.post(
    "/{usulan_id}/setujui",
    response_model=UsulanOut,
    operation_id="approveUsulan",
    summary="Approve a proposal: enroll the employee",
    description="admin_bkpsdm only; a pending proposal (else 409) for a batch still planned or open (409). The "
    "checks: a proposal flagged not relevant to the job (its program develops no competency of the employee's "
    "position standard or career target) is approved only with an explicit reason, the proposer's or "
    "`alasan_tidak_relevan` here (without one the check runs again with BKPSDM's reach, and 422 if still not "
    "relevant); a seat left in the batch (409); the OPD's remaining allocation for the year the batch starts "
    "(409), unless `override_anggaran` with `alasan_override`. Concurrent approvals take the batch's seat and the "
    "budget one after the other, so none overfills or overspends; a refusal writes nothing. Makes the enrollment "
    "(status terdaftar) and takes its seat. Send the ETag as If-Match; honours Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def approve_usulan(
    write: AdminWrites, usulan: CurrentUsulan, kompetensi: KompetensiDep, data: NoBody = SETUJUI
) -> Response:
    return await write.act(
        usulan.version,
        lambda: service.approve(write.session, write.scope, kompetensi, usulan, data),
        out=UsulanOut,
    )


@router.post(
    "/{usulan_id}/tolak",
    response_model=UsulanOut,
    operation_id="rejectUsulan",
    summary="Reject a proposal, with a reason",
    description="admin_bkpsdm only; a pending proposal (else 409). Send the ETag as If-Match; honours Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def reject_usulan(data: TolakIn, write: AdminWrites, usulan: CurrentUsulan) -> Response:
    return await write.act(
        usulan.version, lambda: service.reject(write.session, write.scope, usulan, data.alasan), out=UsulanOut
    )
