"""Which entry a route acts on: loaded only for a caller who reads its employee (else 404)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from kinerja.aktivitas import service
from kinerja.aktivitas.models import AktivitasHarian
from shared.access import CurrentScope
from shared.db import SessionDep


async def current_aktivitas(
    aktivitas_id: Annotated[uuid.UUID, Path(description="Id of the entry")], session: SessionDep, scope: CurrentScope
) -> AktivitasHarian:
    return await service.get_visible(session, scope, aktivitas_id)


CurrentAktivitas = Annotated[AktivitasHarian, Depends(current_aktivitas)]
