"""Which award a route acts on: loaded only when its employee is within the caller's reach."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from kinerja.penghargaan import service
from kinerja.penghargaan.models import Penghargaan
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_penghargaan(
    penghargaan_id: Annotated[uuid.UUID, Path(description="Id of the award")], session: SessionDep, scope: CurrentScope
) -> Penghargaan:
    return await service.get_readable(session, scope, penghargaan_id)


CurrentPenghargaan = Annotated[Penghargaan, Depends(current_penghargaan)]
