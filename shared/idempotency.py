"""`Idempotency-Key` for POSTs that clients or other services may retry.

The key row is inserted at the start of the request's transaction, so a concurrent retry with
the same key waits on the unique index and then replays the stored answer; the stored answer is
written in the same transaction as the change, so a failed request leaves no key behind.

A key belongs to the caller's identity and scope (subject, roles, OPD, NIP): another caller, or
the same subject with another scope, never sees its answer. Routes reach this through
shared.writes, whose dependencies run the access checks before any replay.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder
from sqlalchemy import DateTime, Integer, String, func, select, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from shared.auth import Principal
from shared.concurrency import etag
from shared.db import Base
from shared.errors import UnprocessableEntity
from shared.responses import json_response

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


def identity(principal: Principal) -> str:
    """Whose keys: the subject together with everything that decides its scope."""
    parts = [principal.sub, ",".join(sorted(principal.roles)), str(principal.opd_id or ""), principal.nip or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _valid_key(key: str) -> str:
    if not (0 < len(key) <= 200) or not key.isascii() or not key.isprintable():
        raise UnprocessableEntity("idempotency-key-invalid")
    return key


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
    principal: Principal,
    handler: Callable[[], Awaitable[Answer]],
) -> Response:
    """Run `handler` (returning status, body, headers) at most once per Idempotency-Key and caller."""
    raw_key = request.headers.get(HEADER)
    if raw_key is None:
        status, body, headers = await handler()
        return json_response(jsonable_encoder(body), status_code=status, headers=headers)
    key = _valid_key(raw_key)
    owner = identity(principal)
    fingerprint = await _fingerprint(request)
    claimed = await session.execute(
        insert(IdempotencyRecord)
        .values(key=key, principal=owner, fingerprint=fingerprint)
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.key)
    )
    if claimed.first() is None:
        stored = (
            await session.execute(
                select(IdempotencyRecord).where(IdempotencyRecord.key == key, IdempotencyRecord.principal == owner)
            )
        ).scalar_one()
        if stored.fingerprint != fingerprint:
            raise UnprocessableEntity("idempotency-key-reused")
        headers = {**(stored.headers or {}), REPLAY_HEADER: "true"}
        return json_response(stored.body, status_code=stored.status_code or 200, headers=headers)
    status, body, headers = await handler()
    encoded = jsonable_encoder(body)
    kept = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    await session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.key == key, IdempotencyRecord.principal == owner)
        .values(status_code=status, body=encoded, headers=kept)
    )
    return json_response(encoded, status_code=status, headers=headers)
