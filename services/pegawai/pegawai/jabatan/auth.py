"""Which position a route acts on: loaded within the caller's reach, else 404."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pegawai.jabatan import service
from pegawai.jabatan.models import Jabatan
from shared.access import Reader
from shared.db import SessionDep

JabatanId = Annotated[uuid.UUID, Path(description="Id of the position (jabatan)")]


async def current_jabatan(jabatan_id: JabatanId, session: SessionDep, scope: Reader) -> Jabatan:
    return await service.get_readable(session, scope, jabatan_id)


CurrentJabatan = Annotated[Jabatan, Depends(current_jabatan)]
