"""Who may see what in this service: roles and OPD scope, as route dependencies.

admin_bkpsdm and integrasi see every unit; admin_opd sees the units under its OPD; pegawai
(and atasan, until their direct reports arrive with kinerja) see only themselves. Anything out
of scope answers 404, as if it did not exist.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from pegawai.unit_organisasi import queries as unit_q
from shared.auth import CurrentPrincipal, Principal, Role
from shared.db import SessionDep
from shared.errors import Forbidden, NotFound


@dataclass(frozen=True)
class Scope:
    principal: Principal
    unit_ids: frozenset[uuid.UUID] | None  # None: every unit
    self_nip: str | None  # set when the principal may see only its own record

    @property
    def employee_units(self) -> frozenset[uuid.UUID] | None:
        """Unit filter for employee queries; a self-only principal is filtered by NIP instead."""
        return None if self.self_nip is not None else self.unit_ids

    @property
    def can_write(self) -> bool:
        return self.principal.has(Role.ADMIN_BKPSDM, Role.ADMIN_OPD)

    @property
    def is_admin(self) -> bool:
        return self.principal.is_admin

    def sees_unit(self, unit_id: uuid.UUID | None) -> bool:
        return self.unit_ids is None or (unit_id is not None and unit_id in self.unit_ids)

    def require_unit(self, unit_id: uuid.UUID | None, what: str = "unit") -> None:
        if not self.sees_unit(unit_id):
            raise NotFound(f"No {what} with that id in your scope.")

    def require_writer(self) -> None:
        if not self.can_write:
            raise Forbidden("Only admin_bkpsdm or admin_opd may change data here.")

    def require_write_unit(self, unit_id: uuid.UUID | None, what: str = "unit") -> None:
        self.require_writer()
        self.require_unit(unit_id, what)


async def get_scope(principal: CurrentPrincipal, session: SessionDep) -> Scope:
    if principal.reads_all:
        return Scope(principal, None, None)
    if principal.has(Role.ADMIN_OPD) and principal.opd_id:
        ids = await unit_q.subtree_ids(session, principal.opd_id)
        return Scope(principal, frozenset(ids), None)
    if principal.nip:
        return Scope(principal, frozenset(), principal.nip)
    raise Forbidden("Your token carries no role that can read this service.")


ScopeDep = Annotated[Scope, Depends(get_scope)]
