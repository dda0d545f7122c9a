from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pegawai.access import Scope, ScopeDep
from pegawai.pegawai import queries, service
from pegawai.pegawai.models import Pegawai, RiwayatGolongan, RiwayatJabatan, RiwayatPendidikan
from pegawai.pegawai.schemas import (
    Kedudukan,
    MutasiIn,
    NipLookup,
    NipLookupOut,
    PegawaiCreate,
    PegawaiOut,
    PegawaiUpdate,
    RiwayatGolonganIn,
    RiwayatGolonganOut,
    RiwayatJabatanOut,
    RiwayatPendidikanIn,
    RiwayatPendidikanOut,
    SortField,
    StatusKepegawaian,
    out_dict,
    to_out,
)
from shared.audit import set_actor
from shared.concurrency import check_if_match, set_etag
from shared.db import SessionDep, rows_as_dicts
from shared.errors import UnprocessableEntity
from shared.idempotency import Answer, answer, idempotent
from shared.nip import split_nips
from shared.pagination import Page, PageParams, paginate
from shared.responses import json_response
from shared.rules import load_golongan, load_pendidikan

router = APIRouter(prefix="/api/v1/pegawai", tags=["pegawai"])


def _grade_rank(code: str | None, what: str) -> int | None:
    if not code:
        return None
    grade = load_golongan().get(code)
    if grade is None:
        raise UnprocessableEntity(f"{what}: unknown golongan '{code}'; PNS use I/a..IV/e, PPPK use I..XVII.")
    return grade.rank


def filters(
    unit_id: Annotated[uuid.UUID | None, Query(description="Unit; its sub-units are included unless include_sub_units=false")] = None,
    include_sub_units: bool = True,
    jabatan_id: uuid.UUID | None = None,
    jenis_jabatan: Annotated[list[str] | None, Query(description="Kind of position; repeat for several")] = None,
    kelas_min: Annotated[int | None, Query(ge=1, le=17)] = None,
    kelas_max: Annotated[int | None, Query(ge=1, le=17)] = None,
    golongan_min: Annotated[str | None, Query(examples=["III/a"])] = None,
    golongan_max: Annotated[str | None, Query(examples=["IV/b"])] = None,
    pendidikan_min: Annotated[str | None, Query(description="Minimum education level, e.g. S1 (D4 counts as S1)")] = None,
    rumpun: str | None = None,
    kedudukan: Annotated[list[Kedudukan] | None, Query()] = None,
    status_kepegawaian: Annotated[list[StatusKepegawaian] | None, Query()] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100, description="Name or NIP; tolerates typos")] = None,
) -> queries.PegawaiFilter:
    level = None
    if pendidikan_min:
        level = load_pendidikan().resolve(pendidikan_min)
        if level is None:
            raise UnprocessableEntity(f"pendidikan_min: unknown education level '{pendidikan_min}'.")
    return queries.PegawaiFilter(
        unit_id=unit_id,
        include_sub_units=include_sub_units,
        jabatan_id=jabatan_id,
        jenis_jabatan=jenis_jabatan,
        kelas_min=kelas_min,
        kelas_max=kelas_max,
        golongan_min_rank=_grade_rank(golongan_min, "golongan_min"),
        golongan_max_rank=_grade_rank(golongan_max, "golongan_max"),
        pendidikan_min_rank=level.comparison_rank if level else None,
        rumpun=rumpun,
        kedudukan=[k.value for k in kedudukan] if kedudukan else None,
        status_kepegawaian=[s.value for s in status_kepegawaian] if status_kepegawaian else None,
        q=q,
    )


FilterDep = Annotated[queries.PegawaiFilter, Depends(filters)]


@router.get("", response_model=Page[PegawaiOut], summary="List, filter and search employees")
async def list_pegawai(
    session: SessionDep,
    scope: ScopeDep,
    f: FilterDep,
    page: Annotated[PageParams, Depends()],
    sort: SortField | None = None,
    desc: bool = False,
) -> Response:
    stmt = queries.list_statement(f, unit_scope=scope.employee_units, self_nip=scope.self_nip, sort=sort, descending=desc)
    result = await paginate(session, stmt, page)
    items = [out_dict(row) for row in rows_as_dicts(result.items)]
    return json_response({"items": items, "total": result.total, "limit": result.limit, "offset": result.offset})


@router.post("", response_model=PegawaiOut, status_code=201, summary="Register an employee")
async def create_pegawai(data: PegawaiCreate, request: Request, session: SessionDep, scope: ScopeDep) -> JSONResponse:
    set_actor(session, scope.principal, data.alasan)

    async def handler() -> Answer:
        created = await service.create(session, scope, data)
        pegawai, extra = await service.get_in_scope(session, scope, created.nip)
        return answer(to_out(pegawai, extra), version=pegawai.version, location=f"/api/v1/pegawai/{pegawai.nip}")

    return await idempotent(request, session, scope.principal.sub, handler)


@router.post("/lookup", response_model=NipLookupOut, summary="Read up to 1,000 employees by NIP in one request")
async def lookup(data: NipLookup, session: SessionDep, scope: ScopeDep) -> Response:
    valid, refused = split_nips(data.nips)
    invalid = [{"nip": raw, "error": reason} for raw, reason in refused]
    rows = await queries.by_nips(session, valid, scope.employee_units)
    if scope.self_nip is not None:
        rows = [r for r in rows if r.nip == scope.self_nip]
    found = {r.nip for r in rows}
    return json_response(
        {
            "items": [out_dict(r) for r in rows_as_dicts(rows)],
            "missing": [n for n in dict.fromkeys(valid) if n not in found],
            "invalid": invalid,
        }
    )


@router.get("/{nip}", response_model=PegawaiOut, summary="Read an employee")
async def get_pegawai(nip: str, session: SessionDep, scope: ScopeDep, response: Response) -> PegawaiOut:
    pegawai, extra = await service.get_in_scope(session, scope, nip)
    set_etag(response, pegawai.version)
    return to_out(pegawai, extra)


@router.patch("/{nip}", response_model=PegawaiOut, summary="Change an employee's record (If-Match required)")
async def update_pegawai(
    nip: str, data: PegawaiUpdate, request: Request, session: SessionDep, scope: ScopeDep, response: Response
) -> PegawaiOut:
    set_actor(session, scope.principal)
    pegawai, _ = await service.get_in_scope(session, scope, nip)
    check_if_match(request, pegawai.version)
    await service.update_record(session, scope, pegawai, data)
    pegawai, extra = await service.get_in_scope(session, scope, nip)
    set_etag(response, pegawai.version)
    return to_out(pegawai, extra)


@router.post(
    "/{nip}/mutasi", response_model=PegawaiOut,
    summary="Transfer an employee to another position (If-Match honoured; honours Idempotency-Key)",
)
async def mutasi(nip: str, data: MutasiIn, request: Request, session: SessionDep, scope: ScopeDep) -> JSONResponse:
    set_actor(session, scope.principal, data.alasan)

    async def handler() -> Answer:
        # Inside the handler: a retry of a transfer that went through replays its answer
        # instead of failing the If-Match check against the version it created.
        pegawai, _ = await service.get_in_scope(session, scope, nip)
        if request.headers.get("if-match"):
            check_if_match(request, pegawai.version)
        await service.mutasi(session, scope, pegawai, data)
        pegawai, extra = await service.get_in_scope(session, scope, nip)
        return answer(to_out(pegawai, extra), status=200, version=pegawai.version)

    return await idempotent(request, session, scope.principal.sub, handler)


@router.get("/{nip}/riwayat-jabatan", response_model=list[RiwayatJabatanOut], summary="Position history")
async def riwayat_jabatan(nip: str, session: SessionDep, scope: ScopeDep) -> list[RiwayatJabatan]:
    pegawai, _ = await service.get_in_scope(session, scope, nip)
    return await service.riwayat(session, RiwayatJabatan, pegawai, RiwayatJabatan.tmt_mulai.desc())


@router.get("/{nip}/riwayat-golongan", response_model=list[RiwayatGolonganOut], summary="Grade history")
async def riwayat_golongan(nip: str, session: SessionDep, scope: ScopeDep) -> list[RiwayatGolongan]:
    pegawai, _ = await service.get_in_scope(session, scope, nip)
    return await service.riwayat(session, RiwayatGolongan, pegawai, RiwayatGolongan.tmt.desc())


async def _record_history(
    request: Request, session: SessionDep, scope: Scope, nip: str,
    add: Callable[[Pegawai], Awaitable[Any]], out: type[BaseModel],
) -> JSONResponse:
    """Add a history row to an employee, once per Idempotency-Key."""
    set_actor(session, scope.principal)

    async def handler() -> Answer:
        pegawai, _ = await service.get_in_scope(session, scope, nip)
        return answer(out.model_validate(await add(pegawai)))

    return await idempotent(request, session, scope.principal.sub, handler)


@router.post(
    "/{nip}/riwayat-golongan", response_model=RiwayatGolonganOut, status_code=201,
    summary="Record a grade (kenaikan pangkat; honours Idempotency-Key)",
)
async def add_golongan(nip: str, data: RiwayatGolonganIn, request: Request, session: SessionDep, scope: ScopeDep) -> JSONResponse:
    return await _record_history(
        request, session, scope, nip, lambda p: service.add_golongan(session, scope, p, data), RiwayatGolonganOut
    )


@router.get("/{nip}/riwayat-pendidikan", response_model=list[RiwayatPendidikanOut], summary="Education history")
async def riwayat_pendidikan(nip: str, session: SessionDep, scope: ScopeDep) -> list[RiwayatPendidikan]:
    pegawai, _ = await service.get_in_scope(session, scope, nip)
    return await service.riwayat(session, RiwayatPendidikan, pegawai, RiwayatPendidikan.tahun_lulus.desc().nulls_last())


@router.post(
    "/{nip}/riwayat-pendidikan", response_model=RiwayatPendidikanOut, status_code=201,
    summary="Record an education (honours Idempotency-Key)",
)
async def add_pendidikan(nip: str, data: RiwayatPendidikanIn, request: Request, session: SessionDep, scope: ScopeDep) -> JSONResponse:
    return await _record_history(
        request, session, scope, nip, lambda p: service.add_pendidikan(session, scope, p, data), RiwayatPendidikanOut
    )
