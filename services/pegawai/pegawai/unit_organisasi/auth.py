"""Which organisation unit a route acts on: loaded within the caller's reach, else 404."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pegawai.unit_organisasi import service
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared.access import Reader
from shared.db import SessionDep

UnitId = Annotated[uuid.UUID, Path(description="Id of the organisation unit")]


async def current_unit(unit_id: UnitId, session: SessionDep, scope: Reader) -> UnitOrganisasi:
    return await service.get_readable(session, scope, unit_id)


CurrentUnit = Annotated[UnitOrganisasi, Depends(current_unit)]
