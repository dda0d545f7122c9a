"""`make bench ARGS=--costs`: what each piece of a service request costs, timed in-process against the bench's database.

The HTTP tiers say how far the service is from the bare tier; this says where the difference goes,
piece by piece, for the filtered list (50 rows) and the 1,000-NIP lookup: the token check, the
statement's construction and cache key, SQLAlchemy's execution against asyncpg alone, the
transaction's BEGIN/COMMIT, the pool's pre-ping, row mapping and JSON. Each figure is the median
of many runs in a quiet loop, so it is a lower bound of what the same work costs under load.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import orjson

from devtools.pg import libpq
from devtools.sql import sql_of
from shared.db import SESSION_SETTINGS, Database, rows_as_dicts

ROUNDS = 300


def _time(fn: Callable[[], Any], rounds: int = ROUNDS) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


async def _atime(fn: Callable[[], Awaitable[Any]], rounds: int = ROUNDS) -> float:
    for _ in range(10):
        await fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        await fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


async def costs(url: str, data: Any, token: str, settings: Any) -> str:
    """A markdown table of per-request costs (µs, median) for the list and the lookup."""
    from pegawai.pegawai.queries import PegawaiFilter, by_nips_statement, list_statement
    from pegawai.pegawai.schemas import out_dict
    from pegawai.reach import Reached
    from shared.auth import decode_token
    from shared.pagination import columns, windowed
    from shared.rules import load_golongan, load_pendidikan

    everything = Reached(None, None)
    opd = data.opds()[0]
    f = PegawaiFilter(
        unit_id=opd.id,
        golongan_min_rank=load_golongan().get("III/a").rank,
        pendidikan_min_rank=load_pendidikan().levels["S1"].comparison_rank,
        kedudukan=["aktif"],
    )
    nips = [p.nip for p in data.pegawai[:1000]]

    def page() -> Any:
        return windowed(list_statement(f, everything), 50, 0)

    def lookup() -> Any:
        return by_nips_statement(nips, everything)

    rows: list[tuple[str, float, float]] = []  # (piece, list µs, lookup µs)
    rows.append(("token check (HS256 decode and claim checks)", *[_time(lambda: decode_token(settings, token))] * 2))
    rows.append(("statement construction", _time(page), _time(lookup)))
    fresh_pages, fresh_lookups = [page() for _ in range(ROUNDS)], [lookup() for _ in range(ROUNDS)]
    it_p, it_l = iter(fresh_pages), iter(fresh_lookups)
    rows.append(
        (
            "statement cache key (SQLAlchemy compiled cache lookup)",
            _time(lambda: next(it_p)._generate_cache_key()),
            _time(lambda: next(it_l)._generate_cache_key()),
        )
    )

    page_sql, page_args = sql_of(page())
    lookup_sql, lookup_args = sql_of(lookup())
    raw = await asyncpg.connect(libpq(url), server_settings=SESSION_SETTINGS)
    db = Database(url, pool_size=2, max_overflow=0)
    try:
        raw_page = await _atime(lambda: raw.fetch(page_sql, *page_args))
        raw_lookup = await _atime(lambda: raw.fetch(lookup_sql, *lookup_args))
        rows.append(("the query through asyncpg alone (the floor)", raw_page, raw_lookup))
        async with db.sessionmaker() as session:
            await session.connection()
            orm_page = await _atime(lambda: _all(session.execute(page())))
            orm_lookup = await _atime(lambda: _all(session.execute(lookup())))
            conn = await session.connection()
            core_page = await _atime(lambda: _all(conn.execute(page())))
            core_lookup = await _atime(lambda: _all(conn.execute(lookup())))
            one_page, one_lookup = page(), lookup()
            kept_page = await _atime(lambda: _all(conn.execute(one_page)))
            kept_lookup = await _atime(lambda: _all(conn.execute(one_lookup)))
            driver_page = await _atime(lambda: _all(conn.exec_driver_sql(page_sql, tuple(page_args))))
            driver_lookup = await _atime(lambda: _all(conn.exec_driver_sql(lookup_sql, tuple(lookup_args))))
            page_rows = (await session.execute(page())).all()
            lookup_rows = (await session.execute(lookup())).all()
        rows.append(
            (
                "SQLAlchemy on top: Session.execute (ORM path), statement built each time",
                orm_page - raw_page,
                orm_lookup - raw_lookup,
            )
        )
        rows.append(
            (
                "SQLAlchemy on top: Connection.execute (Core path), statement built each time",
                core_page - raw_page,
                core_lookup - raw_lookup,
            )
        )
        rows.append(
            (
                "SQLAlchemy on top: Connection.execute of one statement kept (no construction, key memoised)",
                kept_page - raw_page,
                kept_lookup - raw_lookup,
            )
        )
        rows.append(
            (
                "SQLAlchemy on top: exec_driver_sql of the compiled text (no statement, no result types)",
                driver_page - raw_page,
                driver_lookup - raw_lookup,
            )
        )

        async def begin_commit() -> None:
            tr = raw.transaction()
            await tr.start()
            await tr.commit()

        pair = await _atime(begin_commit)
        rows.append(("BEGIN + COMMIT round trips (asyncpg)", pair, pair))
        ping = await _atime(lambda: raw.fetchrow(";"))
        rows.append(("pool pre-ping round trip (asyncpg)", ping, ping))

        async def session_cycle() -> None:
            async with db.sessionmaker() as s:
                await s.connection()
                await s.commit()

        cycle = await _atime(session_cycle)
        rows.append(("session: checkout, pre-ping, BEGIN, COMMIT, checkin (SQLAlchemy)", cycle, cycle))
    finally:
        await raw.close()
        await db.dispose()
    mapped_page = [out_dict(columns(r)) for r in page_rows]
    mapped_lookup = [out_dict(r) for r in rows_as_dicts(lookup_rows)]
    rows.append(
        (
            "rows to answer dicts (out_dict)",
            _time(lambda: [out_dict(columns(r)) for r in page_rows]),
            _time(lambda: [out_dict(r) for r in rows_as_dicts(lookup_rows)]),
        )
    )
    rows.append(
        (
            "JSON (orjson)",
            _time(lambda: orjson.dumps({"items": mapped_page}, default=str)),
            _time(lambda: orjson.dumps({"items": mapped_lookup}, default=str)),
        )
    )
    lines = [
        "| piece of a request (in-process, median) | filtered list (50 rows) | lookup (1,000 NIPs) |",
        "|---|---|---|",
    ]
    lines += [f"| {piece} | {a / 1000:.2f} ms | {b / 1000:.2f} ms |" for piece, a, b in rows]
    return "\n".join(lines)


async def _all(result: Awaitable[Any]) -> Any:
    return (await result).all()
