"""Each service's migrations produce exactly the schema its models declare (no drift)."""

import importlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from devtools.pg import SERVICES


@pytest.mark.parametrize("service", SERVICES)
async def test_migrated_schema_matches_the_models(engines, service):
    models = importlib.import_module(f"{service}.models")

    def diff(sync_conn: Any) -> Any:
        context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
        return compare_metadata(context, models.target_metadata)

    async with engines[service].connect() as conn:
        changes = await conn.run_sync(diff)
    assert changes == [], f"{service}: models and migrations differ: {changes}"


@pytest.mark.parametrize("service", SERVICES)
def test_migrations_go_down_and_up_again(database_urls, service):
    import asyncio
    from pathlib import Path

    import asyncpg

    from devtools.pg import with_database
    from shared.migrations import alembic_config

    url = with_database(database_urls[service], f"asn_test_roundtrip_{service}")
    name = f"asn_test_roundtrip_{service}"

    async def recreate() -> None:
        conn = await asyncpg.connect(with_database(database_urls[service], "postgres"))
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()

    asyncio.run(recreate())
    from alembic import command

    cfg = alembic_config(Path(importlib.import_module(service).__file__).parent / "migrations", url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "base")
    command.upgrade(cfg, "head")

    async def tables() -> set[str]:
        conn = await asyncpg.connect(url)
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        await conn.close()
        return {r[0] for r in rows}

    assert {"audit_log", "idempotency_record", "alembic_version"} <= asyncio.run(tables())
