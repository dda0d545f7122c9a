"""pegawai scenarios: an organisation of two OPDs, and a committed database for concurrent writers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

import pegawai
from devtools.pg import Cluster, ensure_databases, with_database
from shared.db import Database
from shared.migrations import upgrade
from tests.conftest import ENGLISH, STATEMENT_TIMEOUT, _admin_url, auth
from tests.pegawai.factories import make_jabatan, make_unit

LIVE_TABLES = (
    "audit_log, idempotency_record, riwayat_jabatan, riwayat_golongan, riwayat_pendidikan, pegawai, jabatan, "
    "unit_organisasi"
)


@pytest_asyncio.fixture
async def org(pegawai_client) -> dict[str, Any]:
    """Two OPDs, each with a bidang, and a position in each bidang."""
    instansi = await make_unit(pegawai_client, jenis="instansi", nama="Pemerintah Kabupaten Contoh")
    opd_a = await make_unit(pegawai_client, parent_id=instansi["id"], jenis="opd", nama="Dinas Kesehatan")
    opd_b = await make_unit(pegawai_client, parent_id=instansi["id"], jenis="opd", nama="Dinas Pendidikan")
    bidang_a = await make_unit(pegawai_client, parent_id=opd_a["id"], nama="Bidang Pelayanan Kesehatan")
    bidang_b = await make_unit(pegawai_client, parent_id=opd_b["id"], nama="Bidang SD")
    jab_a = await make_jabatan(pegawai_client, bidang_a["id"], nama="Pranata Komputer", kebutuhan=2)
    jab_b = await make_jabatan(
        pegawai_client, bidang_b["id"], nama="Guru Ahli Pertama", jenis="ahli_pertama", kelas_jabatan=8
    )
    return {
        "instansi": instansi,
        "opd_a": opd_a,
        "opd_b": opd_b,
        "bidang_a": bidang_a,
        "bidang_b": bidang_b,
        "jab_a": jab_a,
        "jab_b": jab_b,
    }


@pytest.fixture(scope="session")
def live_url(database_urls: dict[str, str]) -> str:
    """A pegawai database of its own whose requests really commit, for tests of concurrent writers."""
    url = with_database(database_urls["pegawai"], "asn_test_live_pegawai")
    asyncio.run(
        ensure_databases(
            Cluster(admin_url=_admin_url(), urls={"live": url}), recreate=True, statement_timeout=STATEMENT_TIMEOUT
        )
    )
    upgrade(Path(pegawai.__file__).parent / "migrations", url)
    return url


@dataclass
class Live:
    client: httpx.AsyncClient
    engine: AsyncEngine  # for a second writer that holds its transaction open


@pytest_asyncio.fixture
async def live(live_url: str) -> AsyncIterator[Live]:
    """The pegawai app on the committed database (each request its own transaction, as in
    production), emptied after the test."""
    from pegawai.app import create_app
    from pegawai.config import PegawaiSettings

    app = create_app(PegawaiSettings())
    app.state.db = Database(live_url, pool_size=2)
    engine = create_async_engine(live_url.replace("postgresql://", "postgresql+asyncpg://", 1))
    try:
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://live", headers=ENGLISH
            ) as client:
                client.headers.update(auth("admin_bkpsdm"))
                yield Live(client, engine)
    finally:
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {LIVE_TABLES} CASCADE"))
        await engine.dispose()
