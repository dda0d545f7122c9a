"""Which budget a route acts on: an OPD's year, when the caller reads that OPD (else 404)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.anggaran import service
from pengembangan.anggaran.models import Anggaran
from pengembangan.anggaran.schemas import TAHUN_MAX, TAHUN_MIN
from shared.access import Reporter
from shared.db import SessionDep

OpdPath = Annotated[uuid.UUID, Path(description="Id of the OPD (a unit of kind opd in the pegawai service)")]
TahunPath = Annotated[int, Path(ge=TAHUN_MIN, le=TAHUN_MAX, description="Budget year")]


@dataclass(frozen=True)
class TahunAnggaran:
    opd_id: uuid.UUID
    tahun: int
    row: Anggaran | None  # None while BKPSDM has not set it


async def current_anggaran(opd_id: OpdPath, tahun: TahunPath, session: SessionDep, scope: Reporter) -> TahunAnggaran:
    return TahunAnggaran(opd_id, tahun, await service.current(session, scope, opd_id, tahun))


CurrentAnggaran = Annotated[TahunAnggaran, Depends(current_anggaran)]
