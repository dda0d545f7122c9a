"""Typed clients of the platform's services, and the Directory every service but pegawai uses.

Calls carry the caller's token, so the pegawai service applies the caller's scope: a NIP, a
position or a unit out of reach simply comes back missing. Bulk calls are chunked to the
service's limits and sent concurrently; nothing here calls once per employee.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Any

from fastapi import Request

from shared.access import Record, Scope
from shared.auth import Principal
from shared.errors import NotFound
from shared.http import ServiceClient

LOOKUP_LIMIT = 1000  # POST /pegawai/lookup takes up to 1,000 NIPs
JABATAN_LOOKUP_LIMIT = 10000  # POST /jabatan/lookup takes up to 10,000 ids
STANDAR_BULK_LIMIT = 10000  # POST /standar-kompetensi/bulk takes up to 10,000 positions


def chunks(values: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


class PegawaiClient(ServiceClient):
    """The pegawai service: employees, positions and units, as the token's holder sees them."""

    service = "pegawai"

    async def lookup_pegawai(self, nips: Sequence[str], token: str) -> dict[str, Record]:
        """Employees by NIP, in concurrent chunks of 1,000; absent NIPs are missing from the answer."""
        if not nips:
            return {}
        answers = await asyncio.gather(
            *(
                self.json("POST", "/api/v1/pegawai/lookup", json={"nips": part}, token=token)
                for part in chunks(list(dict.fromkeys(nips)), LOOKUP_LIMIT)
            )
        )
        return {p["nip"]: p for a in answers for p in a["items"]}

    async def lookup_jabatan(self, ids: Sequence[uuid.UUID], token: str) -> dict[uuid.UUID, Record]:
        """Positions by id; absent ids are missing from the answer."""
        if not ids:
            return {}
        answers = await asyncio.gather(
            *(
                self.json("POST", "/api/v1/jabatan/lookup", json={"ids": [str(i) for i in part]}, token=token)
                for part in chunks(list(dict.fromkeys(ids)), JABATAN_LOOKUP_LIMIT)
            )
        )
        return {uuid.UUID(j["id"]): j for a in answers for j in a["items"]}

    async def unit(self, unit_id: uuid.UUID, token: str) -> Record | None:
        try:
            found: Record = await self.json("GET", f"/api/v1/unit-organisasi/{unit_id}", token=token)
        except NotFound:
            return None
        return found

    async def subtree_ids(self, unit_id: uuid.UUID, token: str) -> frozenset[uuid.UUID]:
        nodes = await self.json("GET", f"/api/v1/unit-organisasi/{unit_id}/subtree", token=token)
        return frozenset(uuid.UUID(n["id"]) for n in nodes)

    async def pegawai_in_unit(self, unit_id: uuid.UUID, token: str) -> list[Record] | None:
        """The serving employees of a unit and its sub-units (one call, the unit's roster); None when
        the unit is not within the caller's reach."""
        try:
            roster: Record = await self.json("GET", f"/api/v1/unit-organisasi/{unit_id}/pegawai", token=token)
        except NotFound:
            return None
        items: list[Record] = roster["items"]
        return items

    async def bawahan(self, nip: str, token: str) -> frozenset[str]:
        """NIPs of the direct reports of `nip` (one call); none when `nip` is out of the caller's reach."""
        try:
            answer: Record = await self.json("GET", f"/api/v1/pegawai/{nip}/bawahan", token=token)
        except NotFound:
            return frozenset()
        return frozenset(str(b["nip"]) for b in answer["items"])

    async def atasan(self, nips: Sequence[str], token: str) -> dict[str, str | None]:
        """The direct supervisor of each employee the caller reads, in one call (up to 10,000)."""
        if not nips:
            return {}
        answer: Record = await self.json("POST", "/api/v1/pegawai/atasan", json={"nips": list(nips)}, token=token)
        return {str(i["nip"]): i.get("atasan_nip") for i in answer["items"]}


class KompetensiClient(ServiceClient):
    """The kompetensi service: job competency standards and job-person match, as the token's
    holder reaches them (a position out of reach answers 404 for the whole call)."""

    service = "kompetensi"

    async def standar(self, jabatan_ids: Sequence[uuid.UUID], token: str) -> dict[uuid.UUID, list[Record]]:
        """The standard of each position (its items: kompetensi_kode, level, ...; [] when it has
        none), in one call. A position kompetensi's caller does not find (deleted since it was
        named, e.g. an old career target) is left out: the call is sent once more without it."""
        wanted = list(dict.fromkeys(jabatan_ids))[:STANDAR_BULK_LIMIT]
        if not wanted:
            return {}
        try:
            answer = await self.json(
                "POST", "/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": [str(i) for i in wanted]}, token=token
            )
        except NotFound as exc:
            missing = {str(m) for m in exc.extra.get("missing") or ()}
            rest = [i for i in wanted if str(i) not in missing]
            if not missing or len(rest) == len(wanted):
                raise
            return await self.standar(rest, token) if rest else {}
        return {uuid.UUID(s["jabatan_id"]): list(s["items"]) for s in answer}

    async def jpm_pegawai(self, nip: str, jabatan_ids: Sequence[uuid.UUID], token: str) -> Record:
        """Job-person match of one employee against positions: per competency of each standard the
        required and held level and the gap (one call)."""
        found: Record = await self.json(
            "POST", f"/api/v1/jpm/pegawai/{nip}", json={"jabatan_ids": [str(i) for i in jabatan_ids]}, token=token
        )
        return found


class RemoteDirectory:
    """The Directory of a service that holds no organisation data: it asks the pegawai service."""

    def __init__(self, client: PegawaiClient, token: str) -> None:
        self.client = client
        self.token = token

    async def opd_units(self, opd_id: uuid.UUID) -> frozenset[uuid.UUID]:
        return await self.client.subtree_ids(opd_id, self.token)

    async def pegawai(self, scope: Scope, nips: Sequence[str]) -> dict[str, Record]:
        return await self.client.lookup_pegawai(nips, self.token)

    async def jabatan(self, scope: Scope, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Record]:
        return await self.client.lookup_jabatan(ids, self.token)

    async def unit(self, scope: Scope, unit_id: uuid.UUID) -> Record | None:
        return await self.client.unit(unit_id, self.token)

    async def pegawai_in_unit(self, scope: Scope, unit_id: uuid.UUID) -> list[Record] | None:
        return await self.client.pegawai_in_unit(unit_id, self.token)

    async def bawahan(self, scope: Scope, nip: str) -> frozenset[str]:
        return await self.client.bawahan(nip, self.token)

    async def atasan(self, scope: Scope, nips: Sequence[str]) -> dict[str, str | None]:
        return await self.client.atasan(nips, self.token)


def remote_directory(request: Request, principal: Principal, session: Any) -> RemoteDirectory:
    return RemoteDirectory(request.app.state.pegawai, principal.token)
