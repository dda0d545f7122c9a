"""Which position's standard a route acts on: the position must be within the caller's reach
(asked of the pegawai service), else 404."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path

from kompetensi.standar import service
from kompetensi.standar.models import StandarJabatan
from shared.access import Reader, Record
from shared.db import SessionDep


@dataclass(frozen=True)
class PositionStandard:
    jabatan: Record  # the position as the pegawai service answers it
    header: StandarJabatan | None  # None while the position has no standard

    @property
    def version(self) -> int | None:
        return self.header.version if self.header else None


async def current_position(
    jabatan_id: Annotated[uuid.UUID, Path(description="Id of the position (jabatan)")],
    session: SessionDep,
    scope: Reader,
) -> PositionStandard:
    jabatan = (await scope.require_jabatan([jabatan_id]))[jabatan_id]
    return PositionStandard(jabatan, await service.current(session, jabatan_id))


CurrentPosition = Annotated[PositionStandard, Depends(current_position)]
