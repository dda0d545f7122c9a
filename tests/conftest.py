"""Test harness every service shares: real PostgreSQL, real migrations, real ASGI apps, tokens.

Each service gets its own database, created and migrated once per run. Each test runs inside
one outer transaction per database that is rolled back afterwards; the app's sessions join it
through savepoints, so a request that fails still rolls back only its own work, exactly as in
production, and no test sees another's rows.

Every app has the same fixtures, made by `service_fixtures` and named by the app:
`<app>_db` (its bound database), `<app>_app` (the ASGI app on it, the other apps reached
in-process) and `<app>_client` (a client signed in as admin_bkpsdm). Each app's
tests/<app>/fixtures.py declares them; scenario fixtures and factories live beside its tests.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import secrets
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
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
APPS = ("pegawai", "kompetensi", "kinerja", "pengembangan", "gateway")
SERVICES_WITH_DB = ("pegawai", "kompetensi", "kinerja", "pengembangan")
# The services each service's app calls (the gateway calls every one); the rest call pegawai only.
UPSTREAM: dict[str, tuple[str, ...]] = {"pegawai": (), "pengembangan": ("pegawai", "kompetensi")}
pytest_plugins = [f"tests.{app}.fixtures" for app in APPS]
# Most tests read the English texts; tests/shared/test_messages.py checks the Indonesian default.
ENGLISH = {"Accept-Language": "en"}
# A statement running longer than this in a test database is a runaway plan (none needs a second):
# it fails its test, naming the statement, instead of holding the whole run.
STATEMENT_TIMEOUT = "60s"


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
    asyncio.run(ensure_databases(cluster, recreate=True, statement_timeout=STATEMENT_TIMEOUT))
    for name in SERVICES:
        module = importlib.import_module(name)
        upgrade(Path(str(module.__file__)).parent / "migrations", urls[name])
    return urls


@pytest_asyncio.fixture(scope="session")
async def engines(database_urls: dict[str, str]) -> AsyncIterator[dict[str, AsyncEngine]]:
    made = {
        s: create_async_engine(
            url.replace("postgresql://", "postgresql+asyncpg://", 1),
            pool_size=2,
            connect_args={"server_settings": SESSION_SETTINGS},
        )
        for s, url in database_urls.items()
    }
    yield made
    for engine in made.values():
        await engine.dispose()


class BoundDatabase:
    """Stands in for shared.db.Database: sessions join the test's open transaction.

    All of a test's requests share one connection, so the app's sessions take turns (a lock per
    session's life): an app that calls another concurrently (asyncio.gather) then works as with
    the pool of separate connections it has in production. Test code that arranges data between
    requests uses `unlocked`.
    """

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn
        self.unlocked = async_sessionmaker(
            bind=conn, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
        )
        self._turn = asyncio.Lock()

    @asynccontextmanager
    async def sessionmaker(self) -> AsyncIterator[AsyncSession]:
        async with self._turn, self.unlocked() as session:
            yield session

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


def token(role: str, *, opd: Any = None, nip: str | None = None, sub: str | None = None) -> str:
    return create_dev_token(SETTINGS, sub=sub or f"test-{role}", roles=[role], opd_id=opd, nip=nip)


def auth(role: str, **kwargs: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(role, **kwargs)}"}


@pytest.fixture
def make_client() -> Callable[[Any], httpx.AsyncClient]:
    def build(app: Any, base_url: str = "http://test") -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url, headers=ENGLISH)

    return build


def _with_params(function: Callable[..., Any], names: Sequence[str]) -> Callable[..., Any]:
    """`function(**kwargs)` presented to pytest as taking the fixtures `names` (pytest reads a
    fixture's dependencies from its signature; the names here depend on the app)."""
    function.__signature__ = inspect.Signature(  # type: ignore[attr-defined]  # read by pytest
        [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY) for n in names]
    )
    return function


def service_fixtures(name: str) -> tuple[Any, ...]:
    """The fixtures of one app: `<name>_db`, `<name>_app_session`, `<name>_app`, `<name>_client`.

    A service's app reaches pegawai in-process (its Directory), pengembangan kompetensi too (UPSTREAM);
    the gateway reaches every service in-process. Apps live for the session; each test binds them to its transaction.
    """
    has_db = name in SERVICES_WITH_DB
    reaches = SERVICES_WITH_DB if name == "gateway" else UPSTREAM.get(name, ("pegawai",))

    async def db(engines: dict[str, AsyncEngine]) -> AsyncIterator[BoundDatabase | None]:
        if not has_db:
            yield None
            return
        async for bound in _bound(engines[name]):
            yield bound

    async def app_session(**upstream: Any) -> AsyncIterator[Any]:
        module = importlib.import_module(f"{name}.app")
        # No outbox relay: each test's transaction is rolled back, so there is nothing to deliver
        # (tests/shared/test_outbox.py runs relays of its own on a database of its own).
        settings = type(importlib.import_module(f"{name}.config").get_settings())(outbox_relay_enabled=False)
        if name == "pegawai":
            app = module.create_app(settings)
        else:
            transports = {s: httpx.ASGITransport(app=upstream[f"{s}_app_session"]) for s in reaches}
            app = module.create_app(settings, transports=transports)
        async with app.router.lifespan_context(app):
            yield app

    async def app(**given: Any) -> Any:
        served = given[f"{name}_app_session"]
        if has_db:
            served.state.db = given[f"{name}_db"]
        return served  # the apps it reaches are bound to this test's transaction too (they are parameters)

    async def client(**given: Any) -> AsyncIterator[httpx.AsyncClient]:
        async with given["make_client"](given[f"{name}_app"], base_url=f"http://{name}") as c:
            c.headers.update(auth("admin_bkpsdm"))
            yield c

    return (
        pytest_asyncio.fixture(db, name=f"{name}_db"),
        pytest_asyncio.fixture(
            _with_params(app_session, [f"{s}_app_session" for s in reaches]),
            scope="session",
            name=f"{name}_app_session",
        ),
        pytest_asyncio.fixture(
            _with_params(app, [f"{name}_app_session", f"{name}_db", *(f"{s}_app" for s in reaches)]), name=f"{name}_app"
        ),
        pytest_asyncio.fixture(_with_params(client, [f"{name}_app", "make_client"]), name=f"{name}_client"),
    )
