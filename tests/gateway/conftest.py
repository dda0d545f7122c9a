from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio

from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.conftest import ENGLISH, auth


@pytest_asyncio.fixture
async def gateway(pegawai_app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway app routing to the real pegawai app in-process; kinerja points nowhere."""
    app = create_app(
        GatewaySettings(kinerja_url="http://127.0.0.1:9"),
        transports={"pegawai": httpx.ASGITransport(app=pegawai_app)},
    )
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway", headers=ENGLISH) as client:
            client.headers.update(auth("admin_bkpsdm"))
            yield client
