"""Which study a route acts on: loaded only when its employee is within the caller's reach."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.studi import service
from pengembangan.studi.models import StudiLanjut
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_studi(
    studi_id: Annotated[uuid.UUID, Path(description="Id of the study")], session: SessionDep, scope: CurrentScope
) -> StudiLanjut:
    return await service.get_readable(session, scope, studi_id)


CurrentStudi = Annotated[StudiLanjut, Depends(current_studi)]
