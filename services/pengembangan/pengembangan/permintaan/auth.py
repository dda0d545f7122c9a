"""Which request a route acts on: loaded only when the caller reads its employee (else 404)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.permintaan import service
from pengembangan.permintaan.models import Permintaan
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_permintaan(
    permintaan_id: Annotated[uuid.UUID, Path(description="Id of the request")], session: SessionDep, scope: CurrentScope
) -> Permintaan:
    return await service.get_readable(session, scope, permintaan_id)


CurrentPermintaan = Annotated[Permintaan, Depends(current_permintaan)]
