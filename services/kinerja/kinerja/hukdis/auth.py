"""Which sanction a route acts on: loaded only for a caller who may see it (else 404)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from kinerja.hukdis import service
from kinerja.hukdis.models import HukumanDisiplin
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_hukdis(
    hukdis_id: Annotated[uuid.UUID, Path(description="Id of the sanction")], session: SessionDep, scope: CurrentScope
) -> HukumanDisiplin:
    return await service.get_visible(session, scope, hukdis_id)


CurrentHukdis = Annotated[HukumanDisiplin, Depends(current_hukdis)]
