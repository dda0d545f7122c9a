"""Which SKP or period a route acts on: an SKP only for a caller who may see it (else 404)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path

from kinerja.skp import service
from kinerja.skp.models import KE_MAX, EvaluasiPeriodik, PeriodeSkp, Skp
from shared.access import CurrentScope, Reader
from shared.db import SessionDep


async def current_skp(
    skp_id: Annotated[uuid.UUID, Path(description="Id of the SKP")], session: SessionDep, scope: CurrentScope
) -> Skp:
    return await service.get_visible(session, scope, skp_id)


async def current_periode(
    periode_id: Annotated[uuid.UUID, Path(description="Id of the SKP period")], session: SessionDep, _: Reader
) -> PeriodeSkp:
    return await service.get_periode(session, periode_id)


CurrentSkp = Annotated[Skp, Depends(current_skp)]
CurrentPeriode = Annotated[PeriodeSkp, Depends(current_periode)]
Ke = Annotated[
    int,
    Path(
        ge=1,
        le=KE_MAX,
        description="Which sub-period of the year: 1-12 (bulanan), 1-4 (triwulanan) or 1-2 (semesteran), as the "
        "period evaluates",
    ),
]


@dataclass(frozen=True)
class SubPeriode:
    """A sub-period of the SKP named in the path, and its evaluation (None while there is none)."""

    ke: int
    evaluasi: EvaluasiPeriodik | None

    @property
    def version(self) -> int | None:
        return self.evaluasi.version if self.evaluasi else None


async def current_subperiode(skp: CurrentSkp, ke: Ke, session: SessionDep) -> SubPeriode:
    return SubPeriode(ke, await service.get_evaluasi(session, skp, ke))


CurrentSubPeriode = Annotated[SubPeriode, Depends(current_subperiode)]
