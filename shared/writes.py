"""The one write path of every route: who writes (audit), which version it read (If-Match),
retries (Idempotency-Key), and the answer with its ETag and Location.

The policy, the same in every service:
- POST that creates (a record, a history row, an ingested batch): honours Idempotency-Key (the
  same key and body replay the first answer); no If-Match, there is nothing to have read.
- PATCH, PUT on an existing record, DELETE, and action POSTs on one record (mutasi, pensiun):
  If-Match with the record's ETag is required (428 without it, 412 when it is stale). Action
  POSTs also honour Idempotency-Key; a replay comes before the version check, because the
  first answer already moved the version on.
- PUT that creates the first version of a record needs no If-Match.
- Bulk actions over many records (copying a standard to many positions) take no If-Match:
  each record's before and after are in the audit log.
Access checks run in the route's dependencies, before any replay, so a replay passes them too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from pydantic import BaseModel

from shared.access import Capability, CurrentScope, Scope, authorize
from shared.audit import because, set_actor
from shared.concurrency import check_if_match, etag
from shared.db import Session, SessionDep
from shared.idempotency import Answer, idempotent
from shared.responses import json_response


class Write:
    def __init__(self, request: Request, session: Session, scope: Scope) -> None:
        self.request = request
        self.session = session
        self.scope = scope
        set_actor(session, scope.principal)

    def because(self, reason: str | None) -> None:
        """A reason the audit log keeps with this write (e.g. why a full position is filled)."""
        because(self.session, reason)

    def require_version(self, current_version: int) -> None:
        check_if_match(self.request, current_version)

    async def create(
        self,
        handler: Callable[[], Awaitable[Any]],
        *,
        out: type[BaseModel],
        location: Callable[[Any], str] | None = None,
        status: int = 201,
    ) -> Response:
        """Run `handler` once per Idempotency-Key; answer its record as `out`, with ETag and Location."""

        async def run() -> Answer:
            record = await handler()
            return _answer(record, out, status=status, location=location(record) if location else None)

        return await idempotent(self.request, self.session, self.scope.principal, run)

    async def act(
        self, version: int, handler: Callable[[], Awaitable[Any]], *, out: type[BaseModel], status: int = 200
    ) -> Response:
        """An action on one record that was read at `version`: replayed per Idempotency-Key,
        otherwise refused unless If-Match names that version."""

        async def run() -> Answer:
            self.require_version(version)
            return _answer(await handler(), out, status=status)

        return await idempotent(self.request, self.session, self.scope.principal, run)

    async def update(self, version: int, handler: Callable[[], Awaitable[Any]], *, out: type[BaseModel]) -> Response:
        """A change to one record that was read at `version` (PATCH, or PUT replacing it)."""
        self.require_version(version)
        status, body, headers = _answer(await handler(), out, status=200)
        return json_response(body, status_code=status, headers=headers)

    async def put(
        self, version: int | None, handler: Callable[[], Awaitable[Any]], *, out: type[BaseModel]
    ) -> Response:
        """PUT of a whole record: the first version needs no If-Match; a later one replaces the
        version the client read (If-Match required). Both answer 200 with the record."""
        if version is not None:
            return await self.update(version, handler, out=out)
        status, body, headers = _answer(await handler(), out, status=200)
        return json_response(body, status_code=status, headers=headers)

    async def delete(self, version: int, handler: Callable[[], Awaitable[None]]) -> Response:
        self.require_version(version)
        await handler()
        return Response(status_code=204)


def _answer(record: Any, out: type[BaseModel], *, status: int, location: str | None = None) -> Answer:
    body = record if isinstance(record, out) else out.model_validate(record)
    headers: dict[str, str] = {}
    version = getattr(body, "version", None)
    if isinstance(version, int):
        headers["ETag"] = etag(version)
    if location:
        headers["Location"] = location
    return status, body.model_dump(mode="json"), headers


def writing(*capabilities: Capability) -> Callable[..., Awaitable[Write]]:
    """A route dependency: the Write of a caller holding one of `capabilities` (else 403)."""
    allowed = authorize(*capabilities)

    async def dependency(request: Request, session: SessionDep, scope: CurrentScope) -> Write:
        await allowed(scope)
        return Write(request, session, scope)

    dependency.writes = True  # type: ignore[attr-defined]  # a marker shared.openapi reads to document the write headers
    return dependency


Writes = Annotated[Write, Depends(writing(Capability.WRITE))]
AdminWrites = Annotated[Write, Depends(writing(Capability.ADMIN))]
IngestWrites = Annotated[Write, Depends(writing(Capability.INGEST))]
# A record an admin may enter by hand and a platform service may deliver (an education from a
# finished study, through pengembangan's outbox).
WritesOrIngest = Annotated[Write, Depends(writing(Capability.WRITE, Capability.INGEST))]
SelfServiceWrites = Annotated[Write, Depends(writing(Capability.WRITE, Capability.SELF_SERVICE))]
