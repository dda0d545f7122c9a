"""Fixtures of the pegawai service's tests: pegawai_db, pegawai_app, pegawai_client, pegawai_session."""

from collections.abc import AsyncIterator

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import BoundDatabase, service_fixtures

pegawai_db, pegawai_app_session, pegawai_app, pegawai_client = service_fixtures("pegawai")


@pytest_asyncio.fixture
async def pegawai_session(pegawai_db: BoundDatabase) -> AsyncIterator[AsyncSession]:
    """A session on the pegawai test transaction, for arranging data and checking results."""
    async with pegawai_db.unlocked() as s:
        yield s
