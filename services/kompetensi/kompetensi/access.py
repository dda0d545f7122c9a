"""Roles and scope in the kompetensi service, as route dependencies and checks.

The OPD of an employee or a position lives in the pegawai service, so scope checks ask it
(one bulk call, with the caller's token): what the caller may not see comes back missing.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from kompetensi.clients import PegawaiClient
from shared.auth import CurrentPrincipal, Principal, Role, require_roles
from shared.errors import Forbidden, NotFound

Staff = Annotated[Principal, Depends(require_roles(Role.ADMIN_BKPSDM, Role.ADMIN_OPD, Role.INTEGRASI))]
Writer = Annotated[Principal, Depends(require_roles(Role.ADMIN_BKPSDM, Role.ADMIN_OPD))]
Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN_BKPSDM))]
Ingest = Annotated[Principal, Depends(require_roles(Role.ADMIN_BKPSDM, Role.INTEGRASI))]
Anyone = CurrentPrincipal


def pegawai_client(request: Request) -> PegawaiClient:
    return request.app.state.pegawai


PegawaiDep = Annotated[PegawaiClient, Depends(pegawai_client)]


def sees_everyone(principal: Principal) -> bool:
    return principal.reads_all


async def require_nips_visible(pegawai: PegawaiClient, principal: Principal, nips: list[str]) -> dict[str, dict]:
    """Every NIP must be an employee the caller may see; answers their pegawai records."""
    if principal.nip and not principal.has(Role.ADMIN_BKPSDM, Role.ADMIN_OPD, Role.INTEGRASI):
        if set(nips) != {principal.nip}:
            raise NotFound("A pegawai token reaches only its own NIP.")
    found = await pegawai.lookup_pegawai(nips, principal.token)
    missing = [n for n in dict.fromkeys(nips) if n not in found]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise NotFound(f"No employee with NIP {shown} in your scope.", missing=missing[:100])
    return found


async def require_positions_visible(
    pegawai: PegawaiClient, principal: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict]:
    found = await pegawai.lookup_jabatan(ids, principal.token)
    missing = [str(i) for i in dict.fromkeys(ids) if i not in found]
    if missing:
        raise NotFound(f"No position (jabatan) {', '.join(missing[:5])} in the pegawai service within your scope.",
                       missing=missing[:100])
    return found


def require_self_or_staff(principal: Principal, nip: str) -> None:
    if principal.has(Role.ADMIN_BKPSDM, Role.ADMIN_OPD, Role.INTEGRASI):
        return
    if principal.nip != nip:
        raise Forbidden("You may read only your own competency profile.")
