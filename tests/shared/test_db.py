"""The services' database sessions."""

from sqlalchemy import text

from shared.db import Database


async def test_service_connections_run_without_jit(database_urls):
    # JIT compiling adds tens of milliseconds to bulk reads whose row guesses look expensive.
    db = Database(database_urls["kompetensi"], pool_size=1, max_overflow=0)
    try:
        async with db.engine.connect() as conn:
            jit = (await conn.execute(text("SHOW jit"))).scalar_one()
    finally:
        await db.dispose()
    assert jit == "off"
