"""Which proposal a route acts on: loaded only when the caller reads it (else 404)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.usulan import service
from pengembangan.usulan.models import Usulan
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_usulan(
    usulan_id: Annotated[uuid.UUID, Path(description="Id of the proposal")], session: SessionDep, scope: CurrentScope
) -> Usulan:
    return await service.get_readable(session, scope, usulan_id)


CurrentUsulan = Annotated[Usulan, Depends(current_usulan)]
