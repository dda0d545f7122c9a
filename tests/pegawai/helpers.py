"""Small readers the pegawai tests share."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx

from shared.auth import create_dev_token
from tests.conftest import SETTINGS


async def audit_entries(client: httpx.AsyncClient, entity: str, entity_id: Any) -> list[dict[str, Any]]:
    """The audit log of one record, newest first (read as admin_bkpsdm, as a user would)."""
    r = await client.get("/api/v1/audit-log", params={"entity": entity, "entity_id": str(entity_id), "limit": 1000})
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def store_unchecked(session: Any, model: Any, record_id: Any, **values: Any) -> None:
    """Write values straight into a row, as data stored before today's input checks would be
    (e.g. a control character in a name)."""
    from sqlalchemy import update

    await session.execute(update(model).where(model.id == uuid.UUID(str(record_id))).values(**values))
    await session.commit()


def if_match(record: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{record["version"]}"'}


# If-Match: * accepts whatever version is current (a deliberate overwrite).
ANY_VERSION = {"If-Match": "*"}


# Values for the path parameters of the pegawai routes; a new parameter name fails loudly here.
PATH_VALUES = {
    "nip": "198503122010011003",
    "unit_id": str(uuid.UUID(int=1)),
    "jabatan_id": str(uuid.UUID(int=2)),
    "jenis": "pegawai",
}


def api_operations() -> list[tuple[str, str]]:
    """(METHOD, path template) of every /api/v1 operation the pegawai app publishes."""
    from pegawai.app import create_app
    from pegawai.config import PegawaiSettings

    spec = create_app(PegawaiSettings()).openapi()
    return [(m.upper(), path) for path, ops in spec["paths"].items() if path.startswith("/api/v1/") for m in ops]


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path)


def bad_credentials() -> dict[str, dict[str, str]]:
    expired = create_dev_token(SETTINGS, sub="test-expired", roles=["admin_bkpsdm"], ttl_seconds=-60)
    return {
        "no-token": {},
        "not-a-jwt": {"Authorization": "Bearer x.y.z"},
        "expired": {"Authorization": f"Bearer {expired}"},
        "basic-scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
    }
