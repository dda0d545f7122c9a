"""Honest failure codes when a database is down: 503 with Retry-After from the service, from a
service relaying it and from the gateway, and /readyz says not ready (issue 10)."""

from __future__ import annotations

import asyncio
import importlib
import os
import shutil
import signal
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from devtools.pg import start_embedded
from gateway.app import create_app as create_gateway
from gateway.config import GatewaySettings
from tests.conftest import ENGLISH, auth
from tests.problem import assert_problem
from tests.shared.live import free_port

NIP = "198503122010011003"


@asynccontextmanager
async def running(app: Any, base_url: str = "http://app") -> AsyncIterator[httpx.AsyncClient]:
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=base_url, headers={**ENGLISH, **auth("admin_bkpsdm")}
        ) as client,
    ):
        yield client


def pegawai_on(url: str) -> Any:
    from pegawai.app import create_app
    from pegawai.config import PegawaiSettings

    return create_app(PegawaiSettings(database_url=url, db_connect_timeout_seconds=2.0))


def assert_unavailable(r: httpx.Response, code: str = "database-unavailable") -> dict[str, Any]:
    body = assert_problem(r, 503)
    assert body["type"].endswith(f"/{code}"), body
    assert int(r.headers["retry-after"]) > 0
    return body


async def test_a_database_nobody_listens_on_is_503_everywhere(kompetensi_db):
    from kompetensi.app import create_app
    from kompetensi.config import KompetensiSettings

    pegawai = pegawai_on(f"postgresql://postgres@127.0.0.1:{free_port()}/asn_nowhere")
    async with running(pegawai) as direct:
        assert_unavailable(await direct.get("/api/v1/jabatan"))
        assert_unavailable(await direct.post("/api/v1/pegawai/lookup", json={"nips": [NIP]}))
        assert_problem(await direct.get("/readyz"), 503)

        gateway = create_gateway(GatewaySettings(), transports={"pegawai": httpx.ASGITransport(app=pegawai)})
        async with running(gateway) as through:
            assert_unavailable(await through.get("/api/v1/jabatan"))

        kompetensi = create_app(KompetensiSettings(), transports={"pegawai": httpx.ASGITransport(app=pegawai)})
        kompetensi.state.db = kompetensi_db
        async with running(kompetensi) as relaying:
            body = assert_unavailable(await relaying.get(f"/api/v1/profil-kompetensi/{NIP}"), "upstream-unavailable")
            assert body["service"] == "pegawai"

    kompetensi = create_app(KompetensiSettings(database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/x"))
    async with running(kompetensi) as own:
        assert_unavailable(await own.get("/api/v1/kompetensi"))
        assert_problem(await own.get("/readyz"), 503)


@pytest.mark.parametrize("service", ["kinerja", "pengembangan"])
async def test_the_services_still_to_come_answer_503_from_the_first_day(service):
    """kinerja and pengembangan are built on the same factory: their audit log and readiness answer
    503 with Retry-After when their database is down, before they hold any domain."""
    module = importlib.import_module(f"{service}.app")
    settings = (
        importlib.import_module(f"{service}.config")
        .get_settings()
        .model_copy(
            update={
                "database_url": f"postgresql://postgres@127.0.0.1:{free_port()}/x",
                "db_connect_timeout_seconds": 2.0,
            }
        )
    )
    async with running(module.create_app(settings)) as app:
        assert_unavailable(await app.get("/api/v1/audit-log"))
        assert_problem(await app.get("/readyz"), 503)


def _stop(handle: Any) -> None:
    """Fast shutdown, as an operator's `pg_ctl stop -m fast`: open sessions are ended."""
    pid = handle.get_pid()
    os.kill(pid, signal.SIGINT)
    for _ in range(600):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError("PostgreSQL did not stop")


@pytest.fixture
def own_postgres() -> Any:
    """An embedded PostgreSQL of this test's own, to stop and start."""
    folder = Path(tempfile.mkdtemp(prefix="asn-stop-pg-"))
    handle = start_embedded(folder / "data", cleanup_mode="delete")
    try:
        yield handle
    finally:
        handle.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


async def test_postgres_stopped_mid_test_is_503_then_ready_again(own_postgres):
    pegawai = pegawai_on(own_postgres.get_uri("postgres"))
    gateway = create_gateway(GatewaySettings(), transports={"pegawai": httpx.ASGITransport(app=pegawai)})
    async with running(pegawai) as direct, running(gateway) as through:
        assert (await direct.get("/readyz")).status_code == 200  # the pool now holds a live connection
        await asyncio.to_thread(_stop, own_postgres)
        assert_unavailable(await direct.get("/api/v1/jabatan"))
        assert_problem(await direct.get("/readyz"), 503)
        assert_unavailable(await through.get("/api/v1/unit-organisasi"))
        await asyncio.to_thread(own_postgres.ensure_postgres_running)
        assert (await direct.get("/readyz")).status_code == 200
