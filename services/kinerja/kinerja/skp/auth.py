"""Which SKP or period a route acts on: an SKP only for a caller who may see it (else 404)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from kinerja.skp import service
from kinerja.skp.models import PeriodeSkp, Skp
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
