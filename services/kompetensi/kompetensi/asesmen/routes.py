"""HTTP routes of assessments and profiles: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, get_args

from fastapi import APIRouter, Query, Request, Response

from kompetensi.asesmen import service
from kompetensi.asesmen.schemas import (
    AsesmenIn,
    AsesmenOut,
    HasilPelatihanIn,
    HasilPelatihanOut,
    LevelBulkIn,
    LevelBulkOut,
    Metode,
    Profil,
    ProfilBulkIn,
    ProfilBulkOut,
    RekapAsesmenIn,
    RekapAsesmenOut,
)
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response
from shared.types import NIP, NipPath, valid_nips
from shared.writes import IngestWrites, Writes

router = APIRouter(tags=["asesmen"])


@router.post(
    "/api/v1/asesmen",
    response_model=AsesmenOut,
    status_code=201,
    operation_id="createAsesmen",
    summary="Record an assessment",
    description="History, never overwritten: a correction is a new record naming the one it corrects "
    "(koreksi_dari). admin_opd records assessments of its own OPD's employees only. Honours Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def create_asesmen(data: AsesmenIn, write: Writes) -> Response:
    await write.scope.require_pegawai([data.nip])
    return await write.create(lambda: service.record(write.session, data, write.scope.principal.sub), out=AsesmenOut)


@router.get(
    "/api/v1/asesmen",
    response_model=Page[AsesmenOut],
    operation_id="listAsesmen",
    summary="Assessment history of an employee",
    description="Newest first; `dikoreksi` marks records a later one corrects. A pegawai token reads only its own.",
    responses=problems(404, 422),
)
async def list_asesmen(
    nip: Annotated[NIP, Query(description="NIP of the employee")],
    session: SessionDep,
    scope: Reader,
    page: Paging,
    kompetensi_kode: Annotated[str | None, Query(max_length=30)] = None,
) -> Response:
    await scope.require_pegawai([nip])
    return (await service.history(session, nip, kompetensi_kode, page)).response()


@router.get(
    "/api/v1/asesmen/rekap",
    response_model=RekapAsesmenOut,
    operation_id="getRekapAsesmen",
    summary="How many of a unit's employees had their competency measured lately",
    description="The serving employees of a unit and its sub-units (the whole Pemda from the root instansi; pegawai's "
    "roster with the caller's token) and how many of them have an assessment by one of `metode` (all but "
    "hasil_pelatihan when absent: a training's outcome is not a measurement) dated within the last "
    "`tahun_terakhir` years that no later record corrects, in all and per kind of position (one statement). "
    "Evidence of the merit system's competency measurement (PermenPAN-RB 19/2025). A report: admin_bkpsdm, "
    "admin_opd (its OPD's units; another's: 404), integrasi and layanan; other roles 403.",
    responses=problems(403, 404, 422),
)
async def rekap_asesmen(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit (the root instansi: the whole Pemda)")],
    tahun_terakhir: Annotated[int, Query(ge=1, le=10, description="Years back a measurement counts")] = 3,
    metode: Annotated[
        list[Metode] | None, Query(max_length=5, description="Methods that count; repeat for several")
    ] = None,
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    return json_response(await service.rekap(session, unit_id, roster, tahun_terakhir, _counted(metode), date.today()))


@router.post(
    "/api/v1/asesmen/rekap",
    response_model=RekapAsesmenOut,
    operation_id="getRekapAsesmenRoster",
    summary="getRekapAsesmen over a unit's roster the caller has already read",
    description="The same counts as getRekapAsesmen (one statement over the given NIPs, per `jabatan_jenis` as "
    "given), for a caller that has just read the unit's roster from pegawai with its own token (the gateway's "
    "merit evidence, which reads it once for four services): from a caller that reaches every employee "
    "kompetensi counts over `pegawai` and does not ask pegawai again; anyone else's `pegawai` is ignored and its "
    "roster is pegawai's answer to its token (as getRekapAsesmen: admin_opd its OPD's units, another's 404). A "
    "report: admin_bkpsdm, admin_opd, integrasi and layanan; other roles 403.",
    responses=problems(403, 404, 422),
)
async def rekap_asesmen_roster(data: RekapAsesmenIn, session: SessionDep, scope: Reporter) -> Response:
    roster = await scope.roster(data)
    counted = _counted(data.metode)
    return json_response(await service.rekap(session, data.unit_id, roster, data.tahun_terakhir, counted, date.today()))


def _counted(metode: list[Metode] | None) -> list[str]:
    """The methods asked for, each once; else every one but a training's outcome (no measurement)."""
    return list(dict.fromkeys(metode)) if metode else [m for m in get_args(Metode) if m != "hasil_pelatihan"]


@router.post(
    "/api/v1/asesmen/hasil-pelatihan",
    response_model=HasilPelatihanOut,
    status_code=201,
    operation_id="createHasilPelatihan",
    summary="Ingest training outcomes from another service",
    description="For the platform's own services (role layanan, e.g. the pengembangan outbox relay) and "
    "admin_bkpsdm. Up to 1,000 results in one transaction; honours Idempotency-Key.",
    responses=problems(403, 404, 422),
)
async def ingest(data: HasilPelatihanIn, write: IngestWrites) -> Response:
    await write.scope.require_pegawai([h.nip for h in data.hasil])
    write.because(f"ingested from {data.sumber}")
    return await write.create(
        lambda: service.ingest(write.session, data, write.scope.principal.sub), out=HasilPelatihanOut
    )


@router.get(
    "/api/v1/profil-kompetensi/{nip}",
    response_model=Profil,
    operation_id="getProfilKompetensi",
    summary="Current competency profile of an employee",
    description="The latest valid level per competency, marked `kedaluwarsa` when older than the validity period. "
    "A pegawai token reads only its own.",
    responses=problems(404, 422),
)
async def profil(nip: NipPath, request: Request, session: SessionDep, scope: Reader) -> Response:
    await scope.require_pegawai([nip])
    validity = request.app.state.settings.asesmen_validity_years
    return json_response((await service.profiles(session, [nip], validity))[0].model_dump())


@router.post(
    "/api/v1/profil-kompetensi/bulk",
    response_model=ProfilBulkOut,
    operation_id="listProfilKompetensiBulk",
    summary="Profiles of up to 1,000 employees",
    description="NIPs out of the caller's reach come back in `missing`.",
    responses=problems(403, 422),
)
async def profil_bulk(data: ProfilBulkIn, request: Request, session: SessionDep, scope: Reporter) -> Response:
    validity = request.app.state.settings.asesmen_validity_years
    return json_response(await service.profiles_in_reach(session, scope, valid_nips(data.nips), validity))


@router.post(
    "/api/v1/profil-kompetensi/level",
    response_model=LevelBulkOut,
    operation_id="listLevelKompetensiBulk",
    summary="Current competency levels of up to 10,000 employees, compact",
    description="Per employee only the current level per competency code (the levels JPM counts), for decisions "
    "over a whole Pemda (the gateway's placement). NIPs the caller does not read (admin_opd: outside its OPD; an "
    "employee: anyone else; an atasan: beyond its direct reports) come back in `missing`; an invalid NIP: 422. "
    "`semua: true` instead of `nips`: every employee the caller reads (for one that reaches everyone, each one with a "
    "profile; the gateway's talent map "
    "asks so beside pegawai's list of the successors' pool, not after it); naming both or neither: 422.",
    responses=problems(422),
)
async def level_bulk(data: LevelBulkIn, session: SessionDep, scope: Reader) -> Response:
    nips = None if data.nips is None else valid_nips(data.nips)
    return json_response(await service.levels_in_reach(session, scope, nips))
