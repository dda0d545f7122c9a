"""What pengembangan asks the kompetensi service: the standards of positions and an employee's
job-person match, with the caller's token (kompetensi applies the caller's reach).

pegawai is asked through the caller's Scope (shared.access: `require_pegawai`, `pegawai_in_unit`);
kompetensi through this, one call per request at most, never one per employee.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from shared.access import Record
from shared.auth import CurrentPrincipal
from shared.clients import KompetensiClient


@dataclass(frozen=True)
class Kompetensi:
    client: KompetensiClient
    token: str

    async def standar(self, jabatan_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Record]]:
        """The competency standard of each position (its items), in one call."""
        return await self.client.standar(jabatan_ids, self.token)

    async def jpm_pegawai(self, nip: str, jabatan_id: uuid.UUID) -> Record:
        """One employee against one position: per competency of its standard, required, held and gap."""
        return await self.client.jpm_pegawai(nip, [jabatan_id], self.token)


async def kompetensi(request: Request, principal: CurrentPrincipal) -> Kompetensi:
    return Kompetensi(request.app.state.kompetensi, principal.token)


KompetensiDep = Annotated[Kompetensi, Depends(kompetensi)]
