"""Which enrollment a route acts on: loaded only when the caller reads it (else 404)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.peserta import service
from pengembangan.peserta.models import Peserta
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_peserta(
    peserta_id: Annotated[uuid.UUID, Path(description="Id of the enrollment")],
    session: SessionDep,
    scope: CurrentScope,
) -> Peserta:
    return await service.get_readable(session, scope, peserta_id)


CurrentPeserta = Annotated[Peserta, Depends(current_peserta)]
