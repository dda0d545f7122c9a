"""Each service's migrations produce exactly the schema its models declare (no drift)."""

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from devtools.pg import SERVICES


@pytest.mark.parametrize("service", SERVICES)
async def test_migrated_schema_matches_the_models(engines, service):
    models = importlib.import_module(f"{service}.models")

    def diff(sync_conn):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
        return compare_metadata(context, models.target_metadata)

    async with engines[service].connect() as conn:
        changes = await conn.run_sync(diff)
    assert changes == [], f"{service}: models and migrations differ: {changes}"
