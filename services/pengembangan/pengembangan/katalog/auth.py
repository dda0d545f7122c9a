"""Which program or batch a route acts on (the catalogue is readable by every signed-in role)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.katalog import service
from pengembangan.katalog.models import Angkatan, Program
from shared.access import Reader
from shared.db import SessionDep


async def current_program(
    program_id: Annotated[uuid.UUID, Path(description="Id of the program")], session: SessionDep, _: Reader
) -> Program:
    return await service.get_program(session, program_id)


async def current_angkatan(
    angkatan_id: Annotated[uuid.UUID, Path(description="Id of the batch")], session: SessionDep, _: Reader
) -> Angkatan:
    return await service.get_angkatan(session, angkatan_id)


CurrentProgram = Annotated[Program, Depends(current_program)]
CurrentAngkatan = Annotated[Angkatan, Depends(current_angkatan)]
