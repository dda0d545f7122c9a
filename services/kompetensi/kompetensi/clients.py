"""Calls to the pegawai service, always with the caller's token so that pegawai applies the
caller's OPD scope: a NIP or position outside it simply comes back as missing."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from shared.http import ServiceClient

LOOKUP_LIMIT = 1000


def chunks(values: list[Any], size: int = LOOKUP_LIMIT) -> list[list[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


class PegawaiClient(ServiceClient):
    service = "pegawai"

    async def lookup_jabatan(self, ids: list[uuid.UUID], token: str) -> dict[uuid.UUID, dict[str, Any]]:
        """Positions by id (in the caller's scope); absent ids are missing from the answer."""
        if not ids:
            return {}
        answers = await asyncio.gather(
            *(self.json("POST", "/api/v1/jabatan/lookup", json={"ids": [str(i) for i in part]}, token=token)
              for part in chunks(list(dict.fromkeys(ids)), 10000))
        )
        return {uuid.UUID(j["id"]): j for a in answers for j in a["items"]}

    async def lookup_pegawai(self, nips: list[str], token: str) -> dict[str, dict[str, Any]]:
        """Employees by NIP (in the caller's scope), in concurrent chunks of 1,000."""
        if not nips:
            return {}
        answers = await asyncio.gather(
            *(self.json("POST", "/api/v1/pegawai/lookup", json={"nips": part}, token=token)
              for part in chunks(list(dict.fromkeys(nips))))
        )
        return {p["nip"]: p for a in answers for p in a["items"]}

    async def pegawai_in_unit(self, unit_id: uuid.UUID, token: str) -> list[dict[str, Any]]:
        """Every employee of a unit and its sub-units: the first page tells how many pages follow."""
        params = {"unit_id": str(unit_id), "limit": LOOKUP_LIMIT, "kedudukan": ["aktif", "tugas_belajar"]}
        first = await self.json("GET", "/api/v1/pegawai", params={**params, "offset": 0}, token=token)
        rest = await asyncio.gather(
            *(self.json("GET", "/api/v1/pegawai", params={**params, "offset": off}, token=token)
              for off in range(LOOKUP_LIMIT, first["total"], LOOKUP_LIMIT))
        )
        return [p for page in (first, *rest) for p in page["items"]]
