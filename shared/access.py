"""The access contract of every service: what each role may do, and which records it reaches.

Two questions, answered once here:
- May this role ever do this kind of thing (a capability)? If not: 403, the only 403 there is.
- Is this record within the caller's reach? If not: 404, as if it did not exist.

Reach is decided by where people, positions and units sit in the organisation tree, which the
pegawai service owns. A `Directory` answers it: pegawai's own answers from its tables (see
pegawai/access.py), every other service's asks the pegawai service with the caller's token
(shared.clients.RemoteDirectory), so the same Scope methods work in every app.

Routes take one of the ready-made dependencies (`Reader`, `Reporter`, `Writer`, ...), which
authenticate, check the capability and hand over the caller's Scope.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Annotated, Any, NotRequired, Protocol

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from typing_extensions import TypedDict

from shared.auth import CurrentPrincipal, Principal, Role
from shared.db import SessionDep
from shared.errors import Forbidden, NotFound


class Capability(StrEnum):
    READ = "read"  # read records within reach
    REPORT = "report"  # reports over many employees: staffing, JPM of many, gap matrices, exports
    WRITE = "write"  # create and change records within reach
    SELF_SERVICE = "self_service"  # change one's own contact details and career interest
    ADMIN = "admin"  # BKPSDM's own: the dictionary, structural fields, overfilling a position, the audit log
    INGEST = "ingest"  # results another service of the platform sends (e.g. training outcomes)


class Reach(IntEnum):
    SELF = 1  # one's own record, position and unit
    OPD = 2  # every unit under the OPD named in the token's opd claim
    ALL = 3  # every unit


@dataclass(frozen=True)
class RolePolicy:
    reach: Reach
    capabilities: frozenset[Capability]
    # Reads reach the caller's direct reports too (whom it supervises; pegawai resolves them).
    reads_reports: bool = False


C = Capability
POLICIES: dict[Role, RolePolicy] = {
    Role.ADMIN_BKPSDM: RolePolicy(Reach.ALL, frozenset({C.READ, C.REPORT, C.WRITE, C.ADMIN, C.INGEST})),
    Role.ADMIN_OPD: RolePolicy(Reach.OPD, frozenset({C.READ, C.REPORT, C.WRITE})),
    Role.INTEGRASI: RolePolicy(Reach.ALL, frozenset({C.READ, C.REPORT})),
    Role.LAYANAN: RolePolicy(Reach.ALL, frozenset({C.READ, C.REPORT, C.INGEST})),
    # atasan reads its direct reports' records too (not their units, and writes only its own).
    Role.ATASAN: RolePolicy(Reach.SELF, frozenset({C.READ, C.SELF_SERVICE}), reads_reports=True),
    Role.PEGAWAI: RolePolicy(Reach.SELF, frozenset({C.READ, C.SELF_SERVICE})),
}
NO_POLICY = RolePolicy(Reach.SELF, frozenset())


def policy_of(principal: Principal) -> RolePolicy:
    """A token with several roles gets the widest reach and every capability of its roles."""
    known = {r.value for r in Role}
    policies = [POLICIES[Role(r)] for r in principal.roles if r in known]
    if not policies:
        return NO_POLICY
    return RolePolicy(
        max(p.reach for p in policies),
        frozenset(c for p in policies for c in p.capabilities),
        any(p.reads_reports for p in policies),
    )


def roles_with(capability: Capability) -> list[str]:
    return sorted(r.value for r, p in POLICIES.items() if capability in p.capabilities)


Record = dict[str, Any]


class Directory(Protocol):
    """People, positions and units as far as the caller reaches them (what is out of reach is
    simply absent from the answers)."""

    async def opd_units(self, opd_id: uuid.UUID) -> frozenset[uuid.UUID]: ...

    async def pegawai(self, scope: Scope, nips: Sequence[str]) -> dict[str, Record]: ...

    async def jabatan(self, scope: Scope, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Record]: ...

    async def unit(self, scope: Scope, unit_id: uuid.UUID) -> Record | None: ...

    async def pegawai_in_unit(self, scope: Scope, unit_id: uuid.UUID) -> list[Record] | None:
        """Serving employees of a unit and its sub-units; None when the unit is out of reach."""
        ...

    async def bawahan(self, scope: Scope, nip: str) -> frozenset[str]:
        """NIPs of the serving employees whose resolved supervisor is `nip` (its direct reports)."""
        ...

    async def atasan(self, scope: Scope, nips: Sequence[str]) -> dict[str, str | None]:
        """The direct supervisor's NIP (None when none) of each employee the caller reads."""
        ...


DirectoryFactory = Callable[[Request, Principal, Any], Directory]

# A Pemda's whole roster fits (the largest provinces hold some tens of thousands of ASN).
ROSTER_MAX = 100_000
Kode = Annotated[str, StringConstraints(max_length=40)]


class AnggotaRoster(TypedDict):
    """One serving employee of a unit's roster as pegawai answered it to the caller, with only the
    fields a count reads (a TypedDict: 10,000 of them are validated straight into dicts)."""

    nip: Kode
    status_kepegawaian: NotRequired[Kode | None]
    jabatan_jenis: NotRequired[Kode | None]


ROSTER_EXAMPLE: dict[str, Any] = {
    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
    "pegawai": [{"nip": "198503122010011003", "status_kepegawaian": "PNS", "jabatan_jenis": "pelaksana"}],
}


class RosterIn(BaseModel):
    """A count over a unit's serving employees whose roster the caller has already read (the
    gateway's merit evidence reads it once for four services): `Scope.roster` takes it."""

    model_config = ConfigDict(json_schema_extra={"examples": [ROSTER_EXAMPLE]})

    unit_id: uuid.UUID = Field(description="The unit (the root instansi: the whole Pemda)")
    pegawai: list[AnggotaRoster] = Field(
        max_length=ROSTER_MAX,
        description="The unit's serving employees as pegawai's roster (GET /api/v1/unit-organisasi/{id}/pegawai) "
        "answered them to the caller's own token, with the fields the count reads. Taken at its word only from a "
        "caller that reaches every employee (for it pegawai's roster is the whole unit, so nothing is widened); "
        "anyone else's is ignored and pegawai's roster is read with its token (404 when the unit is out of reach).",
    )


def _shown(values: Sequence[Any], limit: int = 5) -> str:
    head = ", ".join(str(v) for v in values[:limit])
    return head + (f" (+{len(values) - limit})" if len(values) > limit else "")


@dataclass
class Scope:
    """The caller, what it may do, and what it reaches."""

    principal: Principal
    policy: RolePolicy
    directory: Directory
    _units: frozenset[uuid.UUID] | None = field(default=None, repr=False)
    _reports: frozenset[str] | None = field(default=None, repr=False)

    @property
    def reach(self) -> Reach:
        return self.policy.reach

    @property
    def reaches_all(self) -> bool:
        return self.policy.reach is Reach.ALL

    @property
    def self_nip(self) -> str | None:
        """The caller's own NIP: always within reach, and all a SELF reach sees."""
        return self.principal.nip

    @property
    def only_self(self) -> bool:
        return self.policy.reach is Reach.SELF

    def may(self, capability: Capability) -> bool:
        return capability in self.policy.capabilities

    def require(self, capability: Capability) -> None:
        """403 when no role of the caller may ever do this; use it for actions, not records."""
        if not self.may(capability):
            raise Forbidden("role-forbidden", roles=", ".join(roles_with(capability)))

    async def units(self) -> frozenset[uuid.UUID] | None:
        """Units whose employees and positions the caller reaches in full; None means every unit.
        A SELF reach has none: it sees only its own record (see self_nip)."""
        if self.policy.reach is Reach.ALL:
            return None
        if self.policy.reach is Reach.SELF or self.principal.opd_id is None:
            return frozenset()
        if self._units is None:
            self._units = await self.directory.opd_units(self.principal.opd_id)
        return self._units

    async def direct_reports(self) -> frozenset[str]:
        """The employees the caller supervises directly, when a role of its reads them (atasan):
        within its read reach, not its write reach. Asked once per request."""
        if not self.policy.reads_reports or self.principal.nip is None or self.reaches_all:
            return frozenset()
        if self._reports is None:
            self._reports = await self.directory.bawahan(self, self.principal.nip)
        return self._reports

    async def nips_in_reach(self) -> frozenset[str] | None:
        """The NIPs whose records the caller reaches, for services that keep records by NIP
        (kinerja, pengembangan) to filter a list in one statement; None means every NIP. An OPD
        reach is the serving employees of its units (one call to the directory)."""
        if self.policy.reach is Reach.ALL:
            return None
        if self.policy.reach is Reach.SELF or self.principal.opd_id is None:
            own = frozenset({self.self_nip}) if self.self_nip else frozenset()
            return own | await self.direct_reports()  # an atasan reads its direct reports too
        roster = await self.directory.pegawai_in_unit(self, self.principal.opd_id)
        return frozenset(p["nip"] for p in roster or ()) | ({self.self_nip} if self.self_nip else set())

    async def reads_pegawai(self, nip: str) -> bool:
        """Whether the caller reads this employee's records: its own, those within its reach (an
        atasan's direct reports included). For services that keep records by NIP: 404 otherwise."""
        return nip == self.self_nip or nip in await self.directory.pegawai(self, [nip])

    async def atasan_of(self, nip: str) -> str | None:
        """The direct supervisor of an employee the caller reads (None when it has none)."""
        return (await self.directory.atasan(self, [nip])).get(nip)

    async def require_pegawai(self, nips: Sequence[str]) -> dict[str, Record]:
        """The employees by NIP, as the caller reads them (an atasan its direct reports too); 404
        naming those out of reach (or not existing)."""
        wanted = list(dict.fromkeys(nips))
        found = await self.directory.pegawai(self, wanted) if wanted else {}
        missing = [n for n in wanted if n not in found]
        if missing:
            raise NotFound("pegawai-not-found", nip=_shown(missing), extra={"missing": missing[:100]})
        return found

    async def require_jabatan(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Record]:
        wanted = list(dict.fromkeys(ids))
        found = await self.directory.jabatan(self, wanted) if wanted else {}
        missing = [i for i in wanted if i not in found]
        if missing:
            raise NotFound("jabatan-not-found", id=_shown(missing), extra={"missing": [str(m) for m in missing[:100]]})
        return found

    async def require_unit(self, unit_id: uuid.UUID) -> Record:
        found = await self.directory.unit(self, unit_id)
        if found is None:
            raise NotFound("unit-not-found", id=unit_id)
        return found

    async def pegawai_in_unit(self, unit_id: uuid.UUID) -> list[Record]:
        """Every serving employee of a unit and its sub-units; 404 when the unit is out of reach."""
        found = await self.directory.pegawai_in_unit(self, unit_id)
        if found is None:
            raise NotFound("unit-not-found", id=unit_id)
        return found

    async def roster(self, given: RosterIn) -> list[Record]:
        """The unit's serving employees for a count: the roster the caller passed, from a caller
        that reaches every employee (pegawai's roster to its token is the whole unit: no access
        changes, and pegawai is not asked again); anyone else's reach is still pegawai's answer to
        its token (`pegawai_in_unit`). Each NIP once, as pegawai lists it."""
        if not self.reaches_all:
            return await self.pegawai_in_unit(given.unit_id)
        return list({p["nip"]: dict(p) for p in given.pegawai}.values())


async def get_scope(request: Request, principal: CurrentPrincipal, session: SessionDep) -> Scope:
    """The caller's Scope, once per request (FastAPI caches it for every dependency that asks)."""
    factory: DirectoryFactory = request.app.state.directory
    scope = Scope(principal, policy_of(principal), factory(request, principal, session))
    request.state.scope = scope
    return scope


CurrentScope = Annotated[Scope, Depends(get_scope)]


def authorize(*capabilities: Capability) -> Callable[..., Awaitable[Scope]]:
    """A route dependency: the caller's Scope, once it holds one of `capabilities` (else 403)."""

    async def dependency(scope: CurrentScope) -> Scope:
        if not any(scope.may(c) for c in capabilities):
            roles = sorted({r for c in capabilities for r in roles_with(c)})
            raise Forbidden("role-forbidden", roles=", ".join(roles))
        return scope

    return dependency


Reader = Annotated[Scope, Depends(authorize(Capability.READ))]
Reporter = Annotated[Scope, Depends(authorize(Capability.REPORT))]
Writer = Annotated[Scope, Depends(authorize(Capability.WRITE))]
SelfServiceOrWriter = Annotated[Scope, Depends(authorize(Capability.WRITE, Capability.SELF_SERVICE))]
Admin = Annotated[Scope, Depends(authorize(Capability.ADMIN))]
Ingester = Annotated[Scope, Depends(authorize(Capability.INGEST))]

__all__ = [
    "Admin",
    "Capability",
    "CurrentScope",
    "Directory",
    "Ingester",
    "Reach",
    "Reader",
    "Reporter",
    "Scope",
    "SelfServiceOrWriter",
    "Writer",
    "authorize",
]
