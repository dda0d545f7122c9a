"""Test harness: real PostgreSQL, real migrations, real ASGI apps.

Each service gets its own database, created and migrated once per run. Each test runs inside
one outer transaction per database that is rolled back afterwards; the app's sessions join it
through savepoints, so a request that fails still rolls back only its own work, exactly as in
production, and no test sees another's rows.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import secrets
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from devtools.pg import SERVICES, Cluster, ensure_databases, with_database
from shared.auth import create_dev_token
from shared.db import SESSION_SETTINGS
from shared.migrations import upgrade
from shared.settings import ServiceSettings

# `make test` gives a fresh key per run; a bare `pytest` gets one here, before any settings are read.
os.environ.setdefault("JWT_DEV_SECRET", secrets.token_urlsafe(48))
SETTINGS = ServiceSettings()
# Most tests read the English texts; tests/shared/test_messages.py checks the Indonesian default.
ENGLISH = {"Accept-Language": "en"}


def _admin_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.exit("TEST_DATABASE_URL is not set; run the suite with `make test`.", returncode=2)
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


@pytest.fixture(scope="session")
def database_urls() -> dict[str, str]:
    admin = _admin_url()
    urls = {s: with_database(admin, f"asn_test_{s}") for s in SERVICES}
    cluster = Cluster(admin_url=admin, urls=urls)
    asyncio.run(ensure_databases(cluster, recreate=True))
    for name in SERVICES:
        module = importlib.import_module(name)
        upgrade(Path(str(module.__file__)).parent / "migrations", urls[name])
    return urls


@pytest_asyncio.fixture(scope="session")
async def engines(database_urls: dict[str, str]) -> AsyncIterator[dict[str, AsyncEngine]]:
    made = {
        s: create_async_engine(url.replace("postgresql://", "postgresql+asyncpg://", 1), pool_size=2,
                               connect_args={"server_settings": SESSION_SETTINGS})
        for s, url in database_urls.items()
    }
    yield made
    for engine in made.values():
        await engine.dispose()


class BoundDatabase:
    """Stands in for shared.db.Database: sessions join the test's open transaction."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn
        self.sessionmaker = async_sessionmaker(
            bind=conn, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
        )

    async def ping(self) -> None:
        return None

    async def dispose(self) -> None:
        return None


async def _bound(engine: AsyncEngine) -> AsyncIterator[BoundDatabase]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield BoundDatabase(conn)
        finally:
            await outer.rollback()


@pytest_asyncio.fixture
async def pegawai_db(engines: dict[str, AsyncEngine]) -> AsyncIterator[BoundDatabase]:
    async for db in _bound(engines["pegawai"]):
        yield db


@pytest_asyncio.fixture
async def kompetensi_db(engines: dict[str, AsyncEngine]) -> AsyncIterator[BoundDatabase]:
    async for db in _bound(engines["kompetensi"]):
        yield db


@pytest_asyncio.fixture(scope="session")
async def pegawai_app_session() -> AsyncIterator[Any]:
    from pegawai.app import create_app
    from pegawai.config import PegawaiSettings

    app = create_app(PegawaiSettings())
    app.state.db = BoundDatabase.__new__(BoundDatabase)  # replaced per test
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture
async def pegawai_app(pegawai_app_session: Any, pegawai_db: BoundDatabase) -> Any:
    pegawai_app_session.state.db = pegawai_db
    return pegawai_app_session


@pytest_asyncio.fixture
async def session(pegawai_db: BoundDatabase) -> AsyncIterator[AsyncSession]:
    """A session on the pegawai test transaction, for arranging data and checking results."""
    async with pegawai_db.sessionmaker() as s:
        yield s


def token(role: str, *, opd: Any = None, nip: str | None = None, sub: str | None = None) -> str:
    return create_dev_token(SETTINGS, sub=sub or f"test-{role}", roles=[role], opd_id=opd, nip=nip)


def auth(role: str, **kwargs: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(role, **kwargs)}"}


@pytest.fixture
def make_client() -> Callable[[Any], httpx.AsyncClient]:
    def build(app: Any, base_url: str = "http://test") -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url, headers=ENGLISH)

    return build


@pytest_asyncio.fixture
async def client(pegawai_app: Any, make_client: Callable[[Any], httpx.AsyncClient]) -> AsyncIterator[httpx.AsyncClient]:
    """Client of the pegawai service, signed in as admin_bkpsdm unless a test passes headers."""
    async with make_client(pegawai_app) as c:
        c.headers.update(auth("admin_bkpsdm"))
        yield c
