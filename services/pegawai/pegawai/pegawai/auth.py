"""Which employee a route acts on: loaded by the NIP in the path within the caller's reach, else 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pegawai.pegawai import service
from shared.access import Reader
from shared.db import SessionDep
from shared.types import NipPath


async def current_pegawai(nip: NipPath, session: SessionDep, scope: Reader) -> service.Loaded:
    return await service.get_readable(session, scope, nip)


CurrentPegawai = Annotated[service.Loaded, Depends(current_pegawai)]
