"""`Idempotency-Key` for POSTs that clients or other services may retry.

The key row is inserted at the start of the request's transaction, so a concurrent retry with
the same key waits on the unique index and then replays the stored answer; the stored answer is
written in the same transaction as the change, so a failed request leaves no key behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import DateTime, Integer, String, func, select, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from shared.concurrency import etag
from shared.db import Base
from shared.errors import UnprocessableEntity

HEADER = "idempotency-key"
REPLAY_HEADER = "Idempotent-Replayed"
KEPT_HEADERS = ("etag", "location")

Answer = tuple[int, Any, dict[str, str]]  # status, body, headers: what a handler of `idempotent` returns


def answer(body: Any, *, status: int = 201, version: int | None = None, location: str | None = None) -> Answer:
    """A handler's answer, with the record's ETag and Location when it has them."""
    headers = {}
    if version is not None:
        headers["ETag"] = etag(version)
    if location is not None:
        headers["Location"] = location
    return status, body, headers


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_record"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    principal: Mapped[str] = mapped_column(String(200), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[Any | None] = mapped_column(JSONB)
    headers: Mapped[dict[str, str] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


async def _fingerprint(request: Request) -> str:
    body = await request.body()
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(request.url.path.encode())
    digest.update(body)
    return digest.hexdigest()


async def idempotent(
    request: Request,
    session: AsyncSession,
    principal: str,
    handler: Callable[[], Awaitable[Answer]],
) -> JSONResponse:
    """Run `handler` (returning status, body, headers) at most once per Idempotency-Key."""
    key = request.headers.get(HEADER)
    if not key:
        status, body, headers = await handler()
        return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers)
    if len(key) > 200:
        raise UnprocessableEntity("Idempotency-Key must be at most 200 characters.")
    fingerprint = await _fingerprint(request)
    claimed = await session.execute(
        insert(IdempotencyRecord)
        .values(key=key, principal=principal, fingerprint=fingerprint)
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.key)
    )
    if claimed.first() is None:
        stored = (
            await session.execute(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.key == key, IdempotencyRecord.principal == principal
                )
            )
        ).scalar_one()
        if stored.fingerprint != fingerprint:
            raise UnprocessableEntity(
                "This Idempotency-Key was already used for a different request; use a new key.",
                code="idempotency-key-reused",
            )
        headers = {**(stored.headers or {}), REPLAY_HEADER: "true"}
        return JSONResponse(stored.body, status_code=stored.status_code or 200, headers=headers)
    status, body, headers = await handler()
    encoded = jsonable_encoder(body)
    kept = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    await session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.key == key, IdempotencyRecord.principal == principal)
        .values(status_code=status, body=encoded, headers=kept)
    )
    return JSONResponse(encoded, status_code=status, headers=headers)
