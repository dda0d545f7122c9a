"""Which cohort or member a route acts on. Every signed-in role reads a cohort; a member only
when the caller reaches the employee (404 otherwise, as if not a member). Writes load the cohort
locked (service.lock_kohort), so writes to one cohort and its members take turns."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from pengembangan.kader import service
from pengembangan.kader.models import AnggotaKader, KohortKader
from shared.access import CurrentScope, Reader
from shared.db import SessionDep
from shared.types import NipPath

KohortId = Annotated[uuid.UUID, Path(description="Id of the cohort")]


async def current_kohort(kohort_id: KohortId, session: SessionDep, _: Reader) -> KohortKader:
    return await service.get_kohort(session, kohort_id)


async def locked_kohort(kohort_id: KohortId, session: SessionDep) -> KohortKader:
    """For a write: declare it after the write dependency, which checks the caller's role first."""
    return await service.lock_kohort(session, kohort_id)


CurrentKohort = Annotated[KohortKader, Depends(current_kohort)]
LockedKohort = Annotated[KohortKader, Depends(locked_kohort)]


async def current_anggota(
    kohort: CurrentKohort, nip: NipPath, session: SessionDep, scope: CurrentScope
) -> AnggotaKader:
    return await service.get_anggota(session, scope, kohort, nip)


async def locked_anggota(kohort: LockedKohort, nip: NipPath, session: SessionDep, scope: CurrentScope) -> AnggotaKader:
    return await service.get_anggota(session, scope, kohort, nip)


CurrentAnggota = Annotated[AnggotaKader, Depends(current_anggota)]
LockedAnggota = Annotated[AnggotaKader, Depends(locked_anggota)]
