"""The filters of the employee list as query parameters (the list and the export share them).

An async function: FastAPI would run a plain def dependency in a worker thread."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query

from pegawai.pegawai.queries import PegawaiFilter
from shared.kepegawaian import Kedudukan, StatusKepegawaian
from shared.rules import load_golongan, load_pendidikan
from shared.types import Golongan, JenisJabatan, Pendidikan


async def filters(
    unit_id: Annotated[
        uuid.UUID | None, Query(description="Unit; its sub-units are included unless include_sub_units=false")
    ] = None,
    include_sub_units: bool = True,
    jabatan_id: uuid.UUID | None = None,
    jenis_jabatan: Annotated[
        list[JenisJabatan] | None, Query(max_length=20, description="Kind of position; repeat for several")
    ] = None,
    kelas_min: Annotated[int | None, Query(ge=1, le=17)] = None,
    kelas_max: Annotated[int | None, Query(ge=1, le=17)] = None,
    golongan_min: Annotated[Golongan, Query(examples=["III/a"])] = None,
    golongan_max: Annotated[Golongan, Query(examples=["IV/b"])] = None,
    pendidikan_min: Annotated[
        Pendidikan, Query(description="Minimum education level, e.g. S1 (D4 counts as S1)")
    ] = None,
    rumpun: Annotated[str | None, Query(max_length=100)] = None,
    kedudukan: Annotated[list[Kedudukan] | None, Query(max_length=20)] = None,
    status_kepegawaian: Annotated[list[StatusKepegawaian] | None, Query(max_length=5)] = None,
    q: Annotated[str | None, Query(min_length=2, max_length=100, description="Name or NIP; tolerates typos")] = None,
) -> PegawaiFilter:
    return PegawaiFilter(
        unit_id=unit_id,
        include_sub_units=include_sub_units,
        jabatan_id=jabatan_id,
        jenis_jabatan=jenis_jabatan,
        kelas_min=kelas_min,
        kelas_max=kelas_max,
        golongan_min_rank=load_golongan().rank(golongan_min),
        golongan_max_rank=load_golongan().rank(golongan_max),
        pendidikan_min_rank=load_pendidikan().comparison_rank(pendidikan_min),
        rumpun=rumpun,
        kedudukan=[k.value for k in kedudukan] if kedudukan else None,
        status_kepegawaian=[s.value for s in status_kepegawaian] if status_kepegawaian else None,
        q=q,
    )


Filters = Annotated[PegawaiFilter, Depends(filters)]
