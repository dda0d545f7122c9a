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


async def editable_pegawai(nip: NipPath, session: SessionDep, scope: Reader) -> service.Loaded:
    return await service.get_editable(session, scope, nip)


# Reads: as the caller reads the record (an atasan its direct reports too).
CurrentPegawai = Annotated[service.Loaded, Depends(current_pegawai)]
# Writes: within the caller's write reach (the route's write dependency checks the capability first).
EditablePegawai = Annotated[service.Loaded, Depends(editable_pegawai)]
