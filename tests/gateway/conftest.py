"""Scenario fixtures of the gateway tests (its app fixtures are in fixtures.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio

from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.conftest import ENGLISH, auth


@pytest_asyncio.fixture
async def gateway_without_kinerja(pegawai_app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A gateway routing to the real pegawai app in-process while kinerja cannot be reached."""
    app = create_app(
        GatewaySettings(kinerja_url="http://127.0.0.1:9"),
        transports={"pegawai": httpx.ASGITransport(app=pegawai_app)},
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway", headers=ENGLISH) as client:
            client.headers.update(auth("admin_bkpsdm"))
            yield client
