"""HTTP routes of employees and their history: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pegawai.pegawai import queries, service
from pegawai.pegawai.auth import CurrentPegawai, EditablePegawai
from pegawai.pegawai.params import Filters
from pegawai.pegawai.schemas import (
    AtasanLookup,
    AtasanLookupOut,
    BawahanOut,
    DaftarPegawaiUnitOut,
    MutasiIn,
    NipLookup,
    NipLookupOut,
    PegawaiCreate,
    PegawaiOut,
    PegawaiRingkas,
    PegawaiUpdate,
    RekapPegawai,
    RiwayatGolonganIn,
    RiwayatGolonganOut,
    RiwayatJabatanOut,
    RiwayatPendidikanIn,
    RiwayatPendidikanOut,
    SortField,
    to_out,
)
from pegawai.unit_organisasi.auth import CurrentUnit
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, PageParams, Paging
from shared.responses import json_response, record_response
from shared.writes import SelfServiceWrites, Writes, WritesOrIngest

router = APIRouter(prefix="/api/v1/pegawai", tags=["pegawai"])
# The employees of a unit: read under the unit's path, answered by this domain.
unit_router = APIRouter(prefix="/api/v1/unit-organisasi", tags=["pegawai"])


@router.get(
    "",
    response_model=Page[PegawaiOut],
    operation_id="listPegawai",
    summary="List, filter and search employees",
    description="The employees the caller reaches (admin_opd: its OPD; pegawai: itself; atasan: itself and its "
    "direct reports), filtered and sorted; "
    "`q` searches names and NIPs and tolerates typos.",
)
async def list_pegawai(
    session: SessionDep,
    scope: Reader,
    f: Filters,
    page: Paging,
    sort: SortField | None = None,
    desc: bool = False,
) -> Response:
    return (await service.list_pegawai(session, scope, f, page, sort, desc)).response()


@router.post(
    "",
    response_model=PegawaiOut,
    status_code=201,
    operation_id="createPegawai",
    summary="Register an employee",
    description="The NIP is checked part by part and against the birth date and gender given. A position that is "
    "full is refused unless admin_bkpsdm places the employee anyway (paksa) with a reason. Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_pegawai(data: PegawaiCreate, write: Writes) -> Response:
    write.because(data.alasan)
    return await write.create(
        lambda: service.create(write.session, write.scope, data),
        out=PegawaiOut,
        location=lambda pegawai: f"/api/v1/pegawai/{pegawai.nip}",
    )


RINGKAS_LIMIT = 10000  # a kabupaten's employees in one page; a province's in a few


@router.get(
    "/ringkas",
    response_model=Page[PegawaiRingkas],
    operation_id="listPegawaiRingkas",
    summary="Compact rows of every employee still employed, for placement",
    description="What placement decisions read of each employee (position, its kelas and rumpun, unit, education, "
    "golongan, kedudukan, career interest), ordered by NIP, up to 10,000 a page; every kedudukan but the ended ones "
    "(retired, dismissed, deceased). Within the caller's reach (admin_opd: its OPD; an employee: itself; an atasan: "
    "its direct reports too); `unit_id` narrows to a unit's subtree (404 when out of reach). Gender and birth date "
    "only with `kelompok=true`, for an adverse-impact report over the selection. `kelas_min`, `kelas_maks` and "
    "`rumpun` narrow to the holders of positions in that kelas jabatan range (both ends included) and rumpun: "
    "the people a placement mode could accept for a position; someone without a position matches none of them. "
    "`jabatan_acuan` takes that range from a position in the same request (its kelas and `kelas_turun` classes "
    "below, its rumpun with `rumpun_acuan`; a bound given by name stands): a position out of reach is 404.",
    responses=problems(404, 422),
)
async def list_pegawai_ringkas(
    session: SessionDep,
    scope: Reader,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only this unit and the units under it")] = None,
    kelompok: Annotated[
        bool, Query(description="Add jenis_kelamin and tanggal_lahir (adverse-impact reports)")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=RINGKAS_LIMIT, description="Rows per page (1-10,000)")] = RINGKAS_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
    kelas_min: Annotated[
        int | None, Query(ge=1, le=17, description="Only holders of a position of this kelas jabatan or above")
    ] = None,
    kelas_maks: Annotated[
        int | None, Query(ge=1, le=17, description="Only holders of a position of this kelas jabatan or below")
    ] = None,
    rumpun: Annotated[
        str | None, Query(min_length=1, max_length=100, description="Only holders of a position of this rumpun")
    ] = None,
    jabatan_acuan: Annotated[
        uuid.UUID | None,
        Query(description="The range of this position: its kelas and `kelas_turun` below (404 when out of reach)"),
    ] = None,
    kelas_turun: Annotated[
        int, Query(ge=0, le=16, description="With `jabatan_acuan`: classes below its kelas included")
    ] = 0,
    rumpun_acuan: Annotated[
        bool, Query(description="With `jabatan_acuan`: only holders of a position of its rumpun (when it has one)")
    ] = False,
) -> Response:
    page = PageParams(limit, offset)
    f = queries.RingkasFilter(kelas_min, kelas_maks, rumpun)
    acuan = queries.Acuan(jabatan_acuan, kelas_turun, rumpun_acuan) if jabatan_acuan is not None else None
    return (await service.ringkas(session, scope, page, unit_id, kelompok, f, acuan)).response()


@router.get(
    "/rekap",
    response_model=RekapPegawai,
    operation_id="getRekapPegawai",
    summary="Record completeness and promotions of the serving employees",
    description="The serving employees within the caller's reach (of a unit's subtree with `unit_id`, 404 when out "
    "of reach), counted in one statement: how many have their education, golongan, position and birth date "
    "recorded, and all four; and the promotions of the calendar year `tahun` (this year when absent): entries of "
    "the position history whose position has a higher kelas jabatan than the entry before. Evidence of the merit "
    "system (PermenPAN-RB 19/2025). A report: admin_bkpsdm, admin_opd (its OPD), integrasi and layanan; other "
    "roles 403.",
    responses=problems(403, 404, 422),
)
async def rekap_pegawai(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only this unit and the units under it")] = None,
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="The year; this year when absent")] = None,
) -> Response:
    return json_response(await service.rekap(session, scope, unit_id, tahun or date.today().year))


@router.post(
    "/lookup",
    response_model=NipLookupOut,
    operation_id="lookupPegawai",
    summary="Read up to 1,000 employees by NIP in one request",
    description="Valid NIPs out of the caller's reach come back in `missing`; entries that are not NIPs in "
    "`invalid`, with the reason.",
)
async def lookup_pegawai(data: NipLookup, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.lookup(session, scope, data.nips))


@router.post(
    "/atasan",
    response_model=AtasanLookupOut,
    operation_id="lookupAtasan",
    summary="The direct supervisor of up to 10,000 employees in one request",
    description="Who rates whom: each employee's supervisor is the one an admin set (`atasan_nip`, sumber "
    "`manual`); otherwise the serving holder of the position its position reports to (`jabatan`); when that "
    "position is empty, the holder of the next position up the chain (`jabatan_di_atas`); of several holders, the "
    "lowest NIP; null when none. Valid NIPs out of the caller's reach come back in `missing`; entries that are "
    "not NIPs in `invalid`, with the reason.",
)
async def lookup_atasan(data: AtasanLookup, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.lookup_atasan(session, scope, data.nips))


@router.get(
    "/{nip}",
    response_model=PegawaiOut,
    operation_id="getPegawai",
    summary="Read an employee",
    description="One employee with position, unit and grade; its version comes as the ETag.",
    responses=problems(404),
)
async def get_pegawai(pegawai: CurrentPegawai) -> Response:
    return record_response(to_out(*pegawai))


@router.patch(
    "/{nip}",
    response_model=PegawaiOut,
    operation_id="updatePegawai",
    summary="Change an employee's record",
    description="Send the ETag you read as If-Match. An employee (pegawai token) may change only its own contact "
    "details and career interest; transfers, grades and education have their own endpoints.",
    responses=problems(403, 404, 412, 422, 428),
)
async def update_pegawai(data: PegawaiUpdate, write: SelfServiceWrites, pegawai: EditablePegawai) -> Response:
    record = pegawai[0]
    return await write.update(
        record.version, lambda: service.update_record(write.session, write.scope, record, data), out=PegawaiOut
    )


@router.post(
    "/{nip}/mutasi",
    response_model=PegawaiOut,
    operation_id="createMutasi",
    summary="Transfer an employee to another position",
    description="Closes the current position history and opens the new one in one transaction. Send the ETag you "
    "read as If-Match; honours Idempotency-Key (a retry after success replays the answer).",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def mutasi(data: MutasiIn, write: Writes, pegawai: EditablePegawai) -> Response:
    record = pegawai[0]
    return await write.act(
        record.version, lambda: service.mutasi(write.session, write.scope, record, data), out=PegawaiOut
    )


@router.get(
    "/{nip}/bawahan",
    response_model=BawahanOut,
    operation_id="listBawahan",
    summary="The direct reports of an employee",
    description="The serving employees whose direct supervisor (as `POST /api/v1/pegawai/atasan` resolves it) is "
    "this employee, by name; those out of the caller's reach are left out. An atasan token reads its own reports.",
    responses=problems(404),
)
async def list_bawahan(pegawai: CurrentPegawai, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.bawahan(session, scope, pegawai[0]))


@router.get(
    "/{nip}/riwayat-jabatan",
    response_model=list[RiwayatJabatanOut],
    operation_id="listRiwayatJabatan",
    summary="Position history",
    description="Newest first.",
    responses=problems(404),
)
async def riwayat_jabatan(pegawai: CurrentPegawai, session: SessionDep) -> Response:
    rows = await service.riwayat_jabatan(session, pegawai[0])
    return json_response([RiwayatJabatanOut.model_validate(r).model_dump() for r in rows])


@router.get(
    "/{nip}/riwayat-golongan",
    response_model=list[RiwayatGolonganOut],
    operation_id="listRiwayatGolongan",
    summary="Grade history",
    description="Newest TMT first.",
    responses=problems(404),
)
async def riwayat_golongan(pegawai: CurrentPegawai, session: SessionDep) -> Response:
    rows = await service.riwayat_golongan(session, pegawai[0])
    return json_response([RiwayatGolonganOut.model_validate(r).model_dump() for r in rows])


@router.post(
    "/{nip}/riwayat-golongan",
    response_model=RiwayatGolonganOut,
    status_code=201,
    operation_id="createRiwayatGolongan",
    summary="Record a grade (kenaikan pangkat)",
    description="The employee's current grade follows the newest TMT. Honours Idempotency-Key.",
    responses=problems(403, 404, 422),
)
async def add_golongan(data: RiwayatGolonganIn, write: Writes, pegawai: EditablePegawai) -> Response:
    return await write.create(lambda: service.add_golongan(write.session, pegawai[0], data), out=RiwayatGolonganOut)


@router.get(
    "/{nip}/riwayat-pendidikan",
    response_model=list[RiwayatPendidikanOut],
    operation_id="listRiwayatPendidikan",
    summary="Education history",
    description="Latest graduation first.",
    responses=problems(404),
)
async def riwayat_pendidikan(pegawai: CurrentPegawai, session: SessionDep) -> Response:
    rows = await service.riwayat_pendidikan(session, pegawai[0])
    return json_response([RiwayatPendidikanOut.model_validate(r).model_dump() for r in rows])


@router.post(
    "/{nip}/riwayat-pendidikan",
    response_model=RiwayatPendidikanOut,
    status_code=201,
    operation_id="createRiwayatPendidikan",
    summary="Record an education",
    description="The employee's current education follows the highest level. The admins reaching the employee, "
    "and the platform's services (role layanan: pengembangan delivers the education of a finished study through "
    "its outbox). Honours Idempotency-Key.",
    responses=problems(403, 404, 422),
)
async def add_pendidikan(data: RiwayatPendidikanIn, write: WritesOrIngest, pegawai: EditablePegawai) -> Response:
    return await write.create(lambda: service.add_pendidikan(write.session, pegawai[0], data), out=RiwayatPendidikanOut)


@unit_router.get(
    "/{unit_id}/pegawai",
    response_model=DaftarPegawaiUnitOut,
    operation_id="listUnitOrganisasiPegawai",
    summary="The serving employees of a unit and the units under it",
    description="One list, not paged, ordered by unit code and name: who works in the unit and in which position "
    "(services that compose over a unit, such as the gap matrix, read it in one call). Only employees in a serving "
    "kedudukan; the caller sees those it reaches (an employee: itself; an atasan: its direct reports too).",
    responses=problems(404),
)
async def list_unit_pegawai(unit: CurrentUnit, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.roster(session, scope, unit))
