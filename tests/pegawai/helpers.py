"""Small readers the pegawai tests share."""

from __future__ import annotations

from typing import Any

import httpx


async def audit_entries(client: httpx.AsyncClient, entity: str, entity_id: Any) -> list[dict[str, Any]]:
    """The audit log of one record, newest first (read as admin_bkpsdm, as a user would)."""
    r = await client.get("/api/v1/audit-log", params={"entity": entity, "entity_id": str(entity_id), "limit": 1000})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def if_match(record: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{record["version"]}"'}
