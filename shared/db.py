"""Async SQLAlchemy 2 on asyncpg: the declarative base, the engine and a session per request."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Annotated, Any, cast

import asyncpg
import structlog
from fastapi import Depends, Request
from sqlalchemy import BigInteger, ColumnElement, DateTime, MetaData, Row, String, bindparam, event, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from shared.errors import DatabaseUnavailable
from shared.settings import to_asyncpg_url

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Holds the tables every service database has (audit log, idempotency keys).

    A service declares its own tables on an abstract subclass with a MetaData of its own (see
    pegawai/base.py), so that each service's Alembic environment and schema checks see exactly
    its own database, even when one process (the test suite) imports every service.
    """

    metadata = MetaData(naming_convention=NAMING)


class UUIDPk:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Versioned:
    """Optimistic concurrency: every UPDATE checks and bumps `version` (exposed as the ETag).

    SQLAlchemy adds `WHERE version = <read version>` to each UPDATE and raises StaleDataError
    when another transaction got there first, which the error handlers answer with 412.
    """

    version: Mapped[int] = mapped_column(BigInteger, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # eager_defaults: read server-set columns back with RETURNING, never lazily later.
        # A mixin has no __table__ of its own; the mapped class it is declared on has one.
        return {"version_id_col": cls.__table__.c.version, "eager_defaults": True}  # type: ignore[attr-defined]  # mixin


# Session settings of every service connection (the benchmark floor uses them too).
SESSION_SETTINGS = {
    # JIT compiling costs tens of milliseconds per query (measured: 50 ms of a 230 ms JPM over
    # 10,000 people on PostgreSQL 15) and pays off only for long analytic scans; the planner's
    # row guesses for unnest() arrays trigger it on requests that need none.
    "jit": "off",
}
# Not forced: plan_cache_mode. asyncpg prepares every statement and after five runs PostgreSQL
# may switch to a generic plan that guesses 10 elements for an array parameter. Queries over
# arrays of NIPs are written to be fast under both plans (joins and key probes rather than
# `= ANY(:array)` filters on large tables: a generic plan made one gap matrix take 7 s), since
# forcing custom plans cost 3-15 ms of planning on every list and 1,000-NIP lookup.


class Database:
    def __init__(
        self, url: str, *, pool_size: int = 10, max_overflow: int = 10, echo: bool = False, connect_timeout: float = 5.0
    ) -> None:
        self.engine: AsyncEngine = create_async_engine(
            to_asyncpg_url(url),
            pool_size=pool_size,
            max_overflow=max_overflow,
            # Not pinged at every checkout (a round trip per request, ~3 ms under load): only a
            # connection idle longer than IDLE_PING_SECONDS is (see _ping_if_idle), and none is
            # kept longer than half an hour.
            pool_pre_ping=False,
            pool_recycle=1800,
            # A checkout waits at most this long for a free connection, then answers 503.
            pool_timeout=connect_timeout,
            echo=echo,
            connect_args={"server_settings": SESSION_SETTINGS, "timeout": connect_timeout},
        )
        event.listen(self.engine.sync_engine, "do_connect", _connect_or_unavailable)
        event.listen(self.engine.sync_engine.pool, "checkin", _mark_returned)
        event.listen(self.engine.sync_engine.pool, "checkout", _ping_if_idle(self.engine.dialect))
        self.sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False, autoflush=False
        )

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


# A connection that sat unused this long may have been closed by the server or a firewall (or
# PostgreSQL restarted meanwhile): it is pinged before use, and replaced if the ping fails.
IDLE_PING_SECONDS = 30.0


def _mark_returned(_dbapi_connection: Any, record: Any) -> None:
    record.info["returned_at"] = time.monotonic()


def _ping_if_idle(dialect: Dialect) -> Any:
    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < IDLE_PING_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure: the pool retries with a new connection
            raise DisconnectionError() from exc

    return checkout


# What a connection attempt raises when the server is not there (refused, no socket, timed out)
# or not accepting (shutting down, starting, too many clients): asyncpg raises these as they are,
# not as DBAPI errors, so without this they would be 500s.
_CONNECT_FAILURES = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError, DBAPIError)


def _connect_or_unavailable(dialect: Dialect, _record: Any, cargs: Any, cparams: Any) -> Any:
    try:
        return dialect.connect(*cargs, **cparams)
    except _CONNECT_FAILURES as exc:
        structlog.get_logger("db").warning("database connection failed", error=repr(exc))
        raise DatabaseUnavailable() from exc


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session (one transaction) per request: committed when the handler returns, rolled
    back on any error, so a failed request writes nothing. An app without a database (the
    gateway) gets None: only its Directory asks for a session there, and the remote one needs none."""
    db: Database | None = request.app.state.db
    if db is None:
        yield cast(AsyncSession, None)
        return
    async with db.sessionmaker() as session:
        session.info["request"] = request
        try:
            yield session
            if session.in_transaction():
                await session.commit()
        except BaseException:
            await session.rollback()
            raise


# scope="function": commit before the response is sent, so a client never sees a success
# for a write that then fails to commit.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
# Services type their sessions with this name, so their service modules need not import SQLAlchemy.
Session = AsyncSession


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for a name (PostgreSQL's keys are bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


async def lock_named(session: AsyncSession, name: str) -> None:
    """Serialise one kind of change across transactions: wait for, then hold until commit or
    rollback, the transaction-level advisory lock called `name`."""
    await session.execute(select(func.pg_advisory_xact_lock(lock_key(name))))


def rows_as_dicts(rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    """Rows as plain dicts, fast: one key tuple for all rows (Row._asdict builds a mapping per row)."""
    if not rows:
        return []
    keys = rows[0]._fields
    return [dict(zip(keys, row, strict=False)) for row in rows]


def among(column: Any, name: str = "nips", values: Sequence[str] | None = None) -> ColumnElement[bool]:
    """`column IN (SELECT unnest(:name))`: thousands of values (a unit's 10,000 NIPs) as one array
    parameter, planned as a semi-join. `column = ANY(:name)` says the same, but the planner then
    weighs each of the 10,000 values against the column's statistics: ~25 ms of planning on every
    call, more than the count itself takes. `values`: bound now, else at execution."""
    array = (
        bindparam(name, list(values), type_=ARRAY(String))
        if values is not None
        else bindparam(name, type_=ARRAY(String))
    )
    return cast("ColumnElement[bool]", column.in_(select(func.unnest(array))))
