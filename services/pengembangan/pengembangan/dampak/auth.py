"""Which impact evaluation a route acts on: that of the enrollment named in the path, loaded only
when the caller reads the enrollment (else 404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from pengembangan.dampak import service
from pengembangan.dampak.models import EvaluasiDampak
from pengembangan.peserta.auth import CurrentPeserta
from pengembangan.peserta.models import Peserta
from shared.db import SessionDep


@dataclass(frozen=True)
class Penilaian:
    """An enrollment within the caller's reach and its impact evaluation (None while there is none)."""

    peserta: Peserta
    evaluasi: EvaluasiDampak | None

    @property
    def version(self) -> int | None:
        return self.evaluasi.version if self.evaluasi else None


async def current_penilaian(peserta: CurrentPeserta, session: SessionDep) -> Penilaian:
    return Penilaian(peserta, await service.get(session, peserta))


CurrentPenilaian = Annotated[Penilaian, Depends(current_penilaian)]
