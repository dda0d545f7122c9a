from sqlalchemy import text

from shared.db import Database


async def test_service_connections_plan_every_bulk_read_for_its_own_arrays(database_urls):
    # A generic plan turns `nip = ANY($1)` into a linear search per row; JIT adds tens of ms.
    db = Database(database_urls["kompetensi"], pool_size=1, max_overflow=0)
    try:
        async with db.engine.connect() as conn:
            settings = {name: (await conn.execute(text(f"SHOW {name}"))).scalar_one() for name in ("plan_cache_mode", "jit")}
    finally:
        await db.dispose()
    assert settings == {"plan_cache_mode": "force_custom_plan", "jit": "off"}
