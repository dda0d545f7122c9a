"""Which competency a route acts on (the dictionary is readable by every role)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from kompetensi.kamus import service
from kompetensi.kamus.models import Kompetensi
from shared.access import Reader
from shared.db import SessionDep


async def current_kompetensi(
    kompetensi_id: Annotated[uuid.UUID, Path(description="Id of the competency")], session: SessionDep, _: Reader
) -> Kompetensi:
    return await service.get(session, kompetensi_id)


CurrentKompetensi = Annotated[Kompetensi, Depends(current_kompetensi)]
