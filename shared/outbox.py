"""The transactional outbox: a write that must reach another service is kept in the same
transaction as the change it comes from, and a relay delivers it; nothing is lost while the
other service is down, and failures stay visible.

- `enqueue(session, target=..., method=..., path=..., body=...)` adds a message in the caller's
  transaction: committed with the change, or not at all.
- The relay (`Relay`; the app's lifespan runs one when the service has an outbox, see
  shared.app) claims one due message at a time with `SELECT ... FOR UPDATE SKIP LOCKED`, holds
  the row lock while it delivers, and records the outcome in the same transaction: several
  relays (replicas, and the workers of one) never hold the same message. A relay that dies
  between delivery and commit leaves the message pending; it is delivered again with the same
  Idempotency-Key (`outbox-<message id>`), which the callee answers by replaying its first
  answer (shared.idempotency), so the second delivery changes nothing.
- Delivery: over HTTP through shared.http.ServiceClient with the service's own token (role
  layanan, shared.auth.MachineToken); or, with OUTBOX_TRANSPORT=nats, published to NATS
  JetStream with the key as Nats-Msg-Id, so the stream drops a duplicate (a consumer there calls
  the service with the Idempotency-Key; none is part of this repository).
- Outcome: a 2xx is delivered. 401 (the token, not the message), 408, 429, 5xx, a service that
  cannot be reached or that timed out: tried again after an exponential backoff, computed by
  plain math (`backoff`), and parked after OUTBOX_MAX_ATTEMPTS attempts. Any other answer (a 4xx
  saying the message itself is wrong: a poison) parks it at once. A parked message keeps the
  answer's problem and waits for an admin; it blocks no other message.
- Admin: `GET /api/v1/outbox` lists the messages, `POST /api/v1/outbox/{outbox_id}/ulang` sends
  one again (admin_bkpsdm). Metrics: the backlog (pending, parked), the age of the oldest
  pending message, and delivery outcomes. Every outcome is one structured log line.

The table is opt-in: a service with an outbox adds `outbox_metadata` to its models'
target_metadata and a migration calling shared.migrations.create_outbox_v1().
"""

from __future__ import annotations

import asyncio
import random
import re
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

import httpx
import orjson
import structlog
from fastapi import APIRouter, Depends, Path, Query, Response
from prometheus_client import Counter, Gauge
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared import audit
from shared.access import Admin
from shared.auth import MachineToken, MachineTokenError
from shared.db import NAMING, SessionDep
from shared.errors import TYPE_BASE, AppError, Conflict, NotFound
from shared.http import ServiceClient
from shared.jsonable import jsonable
from shared.messages import t
from shared.observability import request_id_var
from shared.openapi import problems
from shared.pagination import Page, Paging, entity, paginate
from shared.settings import ServiceSettings
from shared.writes import AdminWrites

log = structlog.get_logger("outbox")

PENDING, PARKED, DELIVERED = "pending", "parked", "delivered"
Status = Literal["pending", "parked", "delivered"]
METHODS = ("POST", "PUT", "PATCH", "DELETE")
# Answers that say nothing against the message itself: tried again. (401: the relay's token was
# refused; a new one is fetched.) Any 5xx too; any other 4xx parks the message at once.
RETRIED_STATUSES = frozenset({401, 408, 429})
# A stored problem larger than this is cut to its first characters.
PROBLEM_LIMIT = 4000
MEASURE_SECONDS = 5.0
PURGE_SECONDS = 600.0
STOP_GRACE_SECONDS = 15.0


# --- the table ------------------------------------------------------------------------------


class OutboxBase(DeclarativeBase):
    """The outbox's own MetaData: only the services that have an outbox include it (so the others
    need no migration), see pengembangan/models.py."""

    metadata = MetaData(naming_convention=NAMING)


outbox_metadata = OutboxBase.metadata


class OutboxMessage(OutboxBase):
    __tablename__ = "outbox_message"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'parked', 'delivered')", name="status"),
        CheckConstraint("method IN ('POST', 'PUT', 'PATCH', 'DELETE')", name="method"),
        Index("ix_outbox_message_due", "next_attempt_at", "created_at", postgresql_where=text("status = 'pending'")),
        Index("ix_outbox_message_status", "status", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    target: Mapped[str] = mapped_column(String(50))
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))
    body: Mapped[Any | None] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(20), server_default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    parked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(BigInteger, server_default="1")

    @property
    def idempotency_key(self) -> str:
        return idempotency_key(self.id)


def idempotency_key(message_id: uuid.UUID) -> str:
    """The Idempotency-Key of every delivery of a message: the same for each attempt and relay."""
    return f"outbox-{message_id}"


_TARGET = re.compile(r"[a-z][a-z0-9_]{0,49}")


async def enqueue(
    session: AsyncSession,
    *,
    target: str,
    method: str,
    path: str,
    body: Any = None,
    message_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Add a message to `target` (a service of the platform, e.g. "kompetensi") in the caller's
    transaction: `method` `path` with the JSON `body`, sent once that transaction commits and never
    if it rolls back. Returns the message id (its Idempotency-Key is `outbox-<id>`)."""
    method = method.upper()
    if not _TARGET.fullmatch(target):
        raise ValueError(f"outbox target must be a service name, got {target!r}")
    if method not in METHODS:
        raise ValueError(f"outbox method must be one of {', '.join(METHODS)}, got {method!r}")
    if not (path.startswith("/api/") and len(path) <= 500 and path.isascii() and path.isprintable()):
        raise ValueError(f"outbox path must be an /api/ path of at most 500 ASCII characters, got {path[:60]!r}")
    message_id = message_id or uuid.uuid4()
    await session.execute(
        insert(OutboxMessage).values(
            id=message_id,
            target=target,
            method=method,
            path=path,
            body=body.model_dump(mode="json") if isinstance(body, BaseModel) else jsonable(body),
            request_id=request_id_var.get(),
        )
    )
    return message_id


# --- recording outcomes (each bumps the version: an admin's If-Match then sees the change) ----


async def mark_delivered(session: AsyncSession, message_id: uuid.UUID, status: int | None) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(
            status=DELIVERED,
            attempts=OutboxMessage.attempts + 1,
            delivered_at=func.clock_timestamp(),
            last_status=status,
            last_error=None,
            version=OutboxMessage.version + 1,
        )
    )


async def mark_failed(
    session: AsyncSession,
    message_id: uuid.UUID,
    *,
    status: int | None,
    problem: dict[str, Any] | None,
    retry_in: float | None,
) -> None:
    """One more failed attempt: due again in `retry_in` seconds, or parked when None."""
    values: dict[str, Any] = {"status": PARKED, "parked_at": func.clock_timestamp()}
    if retry_in is not None:
        values = {"next_attempt_at": func.clock_timestamp() + timedelta(seconds=retry_in)}
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(
            **values,
            attempts=OutboxMessage.attempts + 1,
            last_status=status,
            last_error=problem,
            version=OutboxMessage.version + 1,
        )
    )


async def send_again(session: AsyncSession, message_id: uuid.UUID) -> OutboxMessage:
    """An admin's retry: the message is due now with a fresh count of attempts (audited). Waits
    for a relay delivering it at this moment; a delivered message is not sent again (409)."""
    message = (
        await session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one()
    if message.status == DELIVERED:
        raise Conflict("outbox-delivered", id=message_id)
    await audit.update_many(
        session,
        OutboxMessage,
        OutboxMessage.id == message_id,
        {"status": PENDING, "attempts": 0, "next_attempt_at": datetime.now(UTC), "parked_at": None},
    )
    return message


# --- metrics ---------------------------------------------------------------------------------

BACKLOG = Gauge(
    "outbox_backlog_messages",
    "Messages of the outbox not delivered: pending (still tried) and parked (waiting for an admin)",
    ["service", "status"],
)
OLDEST_AGE = Gauge(
    "outbox_oldest_pending_age_seconds",
    "Age of the oldest pending message of the outbox (0 when none is pending)",
    ["service"],
)
DELIVERIES = Counter(
    "outbox_deliveries_total",
    "Delivery attempts of outbox messages by outcome: delivered, retried, parked",
    ["service", "target", "outcome"],
)


async def measure(session: AsyncSession, service: str) -> dict[str, float]:
    """Set the backlog gauges of `service` from the table; returns what it set."""
    rows = (
        await session.execute(
            select(
                OutboxMessage.status,
                func.count(),
                func.extract("epoch", func.clock_timestamp() - func.min(OutboxMessage.created_at)),
            )
            .where(OutboxMessage.status.in_((PENDING, PARKED)))
            .group_by(OutboxMessage.status)
        )
    ).all()
    found = {status: (int(n), float(age or 0)) for status, n, age in rows}
    seen = {
        PENDING: float(found.get(PENDING, (0, 0.0))[0]),
        PARKED: float(found.get(PARKED, (0, 0.0))[0]),
        "oldest_pending_age_seconds": max(found.get(PENDING, (0, 0.0))[1], 0.0),
    }
    BACKLOG.labels(service, PENDING).set(seen[PENDING])
    BACKLOG.labels(service, PARKED).set(seen[PARKED])
    OLDEST_AGE.labels(service).set(seen["oldest_pending_age_seconds"])
    return seen


# --- delivery --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one delivery attempt came to."""

    kind: Literal["delivered", "retry", "park"]
    status: int | None = None
    problem: dict[str, Any] | None = None
    retry_after: float | None = None


def own_problem(code: str, detail: str, **members: Any) -> dict[str, Any]:
    """A problem the relay itself met (no answer came), stored like a callee's."""
    return {"type": TYPE_BASE + code, "detail": detail, **members}


def _problem_of(response: httpx.Response) -> dict[str, Any]:
    """The callee's answer as the problem to keep: its problem+json, else its first characters."""
    try:
        body = orjson.loads(response.content) if len(response.content) <= PROBLEM_LIMIT else None
    except orjson.JSONDecodeError:
        body = None
    if isinstance(body, dict):
        return body
    return {"status": response.status_code, "detail": response.text[:PROBLEM_LIMIT]}


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(float(response.headers.get("retry-after", "")), 0.0)
    except ValueError:
        return None


def classify(response: httpx.Response) -> Outcome:
    """A callee's answer as an outcome: 2xx delivered; 401, 408, 429 and 5xx tried again; any
    other status parks the message (the callee will never take it as it is)."""
    status = response.status_code
    if 200 <= status < 300:
        return Outcome("delivered", status)
    if status in RETRIED_STATUSES or status >= 500:
        return Outcome("retry", status, _problem_of(response), _retry_after(response))
    return Outcome("park", status, _problem_of(response))


class JetStreamPublisher:
    """OUTBOX_TRANSPORT=nats: each message published to `<prefix>.<target>` on the JetStream
    stream OUTBOX_NATS_STREAM (made when missing), its Idempotency-Key as Nats-Msg-Id so that the
    stream drops a message published twice within its duplicate window (two minutes by default)."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.nc: Any = None
        self.js: Any = None

    def subject(self, target: str) -> str:
        return f"{self.settings.outbox_nats_subject_prefix}.{target}"

    async def _jetstream(self) -> Any:
        import nats
        from nats.js.errors import NotFoundError

        if self.nc is None or self.nc.is_closed:
            # A few quick attempts, then NoServersError: the relay tries the message again later
            # (nats-py would otherwise keep reconnecting inside the call, for ever).
            self.nc = await nats.connect(
                self.settings.outbox_nats_url,
                connect_timeout=2,
                max_reconnect_attempts=2,
                reconnect_time_wait=0.5,
                error_cb=self._connection_error,
                name=f"asn-{self.settings.service_name}-outbox",
            )
            self.js = self.nc.jetstream(timeout=5)
            stream = self.settings.outbox_nats_stream
            try:
                await self.js.stream_info(stream)
            except NotFoundError:
                await self.js.add_stream(name=stream, subjects=[f"{self.settings.outbox_nats_subject_prefix}.>"])
        return self.js

    async def _connection_error(self, exc: Exception) -> None:
        log.warning("outbox nats connection failed", service=self.settings.service_name, error=repr(exc))

    async def publish(self, message: OutboxMessage) -> Outcome:
        key = message.idempotency_key
        payload = {
            "id": str(message.id),
            "source": self.settings.service_name,
            "target": message.target,
            "method": message.method,
            "path": message.path,
            "body": message.body,
            "idempotency_key": key,
            "request_id": message.request_id,
            "created_at": message.created_at.isoformat(),
        }
        headers = {"Nats-Msg-Id": key, "Idempotency-Key": key, "Content-Type": "application/json"}
        try:
            js = await self._jetstream()
            await js.publish(
                self.subject(message.target),
                orjson.dumps(payload),
                stream=self.settings.outbox_nats_stream,
                headers=headers,
            )
        except Exception as exc:  # nats' errors, OSError, timeouts: the broker did not take it
            await self._drop()
            detail = t("outbox-broker-unavailable", error=type(exc).__name__)
            return Outcome("retry", None, own_problem("outbox-broker-unavailable", detail))
        return Outcome("delivered")

    async def _drop(self) -> None:
        nc, self.nc, self.js = self.nc, None, None
        if nc is not None:
            try:
                await nc.close()
            except Exception as exc:  # closing a broken connection may fail too; nothing to do
                log.debug("outbox nats close failed", error=repr(exc))

    async def aclose(self) -> None:
        await self._drop()


class Relay:
    """Delivers the due messages of one service's outbox (see the module's docstring).

    `db` is the app's shared.db.Database (anything whose `sessionmaker()` opens a session);
    `targets` the services it delivers to, each at the `<target>_url` setting; `transports`
    lets tests reach in-process apps. `start()` runs it in the background until `stop()`;
    `run_once()` delivers what is due now and returns how many attempts it made.
    """

    def __init__(
        self,
        db: Any,
        settings: ServiceSettings,
        *,
        targets: Sequence[str],
        transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
        token: MachineToken | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.service = settings.service_name
        self.publisher = JetStreamPublisher(settings) if settings.outbox_transport == "nats" else None
        self.token = token or (MachineToken(settings) if self.publisher is None else None)
        self.clients: dict[str, ServiceClient] = {}
        for target in targets:
            url = getattr(settings, f"{target}_url", None)
            if not url:
                raise ValueError(f"the outbox targets {target}, but the settings have no {target.upper()}_URL")
            self.clients[target] = ServiceClient(
                url, timeout=settings.http_timeout_seconds, service=target, transport=(transports or {}).get(target)
            )
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    # The lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        self._stop.clear()
        self._tasks = [
            asyncio.create_task(self._deliver_loop(), name=f"outbox-relay-{self.service}"),
            asyncio.create_task(self._watch_loop(), name=f"outbox-watch-{self.service}"),
        ]
        log.info(
            "outbox relay started",
            service=self.service,
            transport=self.settings.outbox_transport,
            targets=sorted(self.clients),
            workers=self.settings.outbox_workers,
        )

    async def stop(self) -> None:
        """Finish the messages in hand (a grace period), then cancel: a message whose delivery is
        cut off stays pending and is delivered again, with the same Idempotency-Key."""
        self._stop.set()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=STOP_GRACE_SECONDS)
            for task in late:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks = []
            log.info("outbox relay stopped", service=self.service)
        await self.aclose()

    async def aclose(self) -> None:
        for client in self.clients.values():
            await client.aclose()
        if self.publisher is not None:
            await self.publisher.aclose()

    async def _pause(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), seconds)
        except TimeoutError:
            pass

    async def _deliver_loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                await self.run_once()
                failures = 0
            except Exception as exc:  # the database is down, a bug: log, wait longer, go on
                failures += 1
                log.warning("outbox relay pass failed", service=self.service, error=repr(exc), failures=failures)
            poll = self.settings.outbox_poll_seconds
            await self._pause(min(poll * 2**failures, 30.0) if failures else poll)

    async def _watch_loop(self) -> None:
        last_purge = 0.0
        while not self._stop.is_set():
            try:
                await self.measure()
                if time.monotonic() - last_purge >= PURGE_SECONDS:
                    await self.purge()
                    last_purge = time.monotonic()
            except Exception as exc:  # the database is down: the gauges keep their last values
                log.warning("outbox measure failed", service=self.service, error=repr(exc))
            await self._pause(MEASURE_SECONDS)

    # The work ----------------------------------------------------------------------------------

    async def run_once(self) -> int:
        """Deliver every message due now, with OUTBOX_WORKERS workers; the number of attempts made.
        The first failure of a worker (not of a delivery) is raised once all have stopped."""
        results = await asyncio.gather(
            *(self._drain() for _ in range(self.settings.outbox_workers)), return_exceptions=True
        )
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return sum(r for r in results if isinstance(r, int))

    async def _drain(self) -> int:
        done = 0
        while not self._stop.is_set() and await self.deliver_one():
            done += 1
        return done

    async def deliver_one(self) -> bool:
        """Claim one due message (skipping those another relay holds), deliver it and record the
        outcome, in one transaction. False when nothing is due."""
        async with self.db.sessionmaker() as session, session.begin():
            message = (
                await session.execute(
                    select(OutboxMessage)
                    .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= func.now())
                    .order_by(OutboxMessage.next_attempt_at, OutboxMessage.created_at)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                )
            ).scalar_one_or_none()
            if message is None:
                return False
            started = time.perf_counter()
            outcome = await self.send(message)
            retry_in = await self.settle(session, message, outcome)
        self._report(message, outcome, retry_in, time.perf_counter() - started)
        return True

    async def send(self, message: OutboxMessage) -> Outcome:
        """One delivery attempt; never raises for a failure of the callee or the network."""
        if self.publisher is not None:
            return await self.publisher.publish(message)
        client = self.clients.get(message.target)
        if client is None:
            detail = t("outbox-target-unknown", target=message.target)
            return Outcome("park", None, own_problem("outbox-target-unknown", detail))
        assert self.token is not None  # made whenever there is no publisher
        try:
            token = await self.token.get()
        except (MachineTokenError, httpx.HTTPError) as exc:
            detail = t("outbox-token-unavailable", error=str(exc)[:200] or type(exc).__name__)
            return Outcome("retry", None, own_problem("outbox-token-unavailable", detail))
        # The request that enqueued the message names this delivery in the callee's logs too.
        rid = request_id_var.set(message.request_id or idempotency_key(message.id))
        try:
            response = await client.request(
                message.method,
                message.path,
                json=message.body,
                token=token,
                headers={"Idempotency-Key": idempotency_key(message.id)},
            )
        except AppError as exc:  # unreachable, timed out: no answer came (ServiceClient's own problem)
            return Outcome("retry", None, own_problem(exc.code, exc.detail, **exc.extra))
        finally:
            request_id_var.reset(rid)
        if response.status_code == 401:
            self.token.forget()
        return classify(response)

    def backoff(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds before attempt `attempts + 1`: OUTBOX_BACKOFF_BASE_SECONDS * 2^(attempts-1),
        at most OUTBOX_BACKOFF_MAX_SECONDS, less up to a fifth at random (messages that failed
        together do not all come back together), and no sooner than the callee's Retry-After."""
        s = self.settings
        delay = min(s.outbox_backoff_max_seconds, s.outbox_backoff_base_seconds * 2.0 ** min(attempts - 1, 60))
        delay *= 1 - random.random() * 0.2
        if retry_after:
            delay = max(delay, min(retry_after, s.outbox_backoff_max_seconds))
        return delay

    async def settle(self, session: AsyncSession, message: OutboxMessage, outcome: Outcome) -> float | None:
        """Record the outcome of an attempt in the claiming transaction; seconds to the next
        attempt when it is tried again."""
        if outcome.kind == "delivered":
            await mark_delivered(session, message.id, outcome.status)
            return None
        attempts = message.attempts + 1
        retry_in = None
        if outcome.kind == "retry" and attempts < self.settings.outbox_max_attempts:
            retry_in = self.backoff(attempts, outcome.retry_after)
        await mark_failed(session, message.id, status=outcome.status, problem=outcome.problem, retry_in=retry_in)
        return retry_in

    def _report(self, message: OutboxMessage, outcome: Outcome, retry_in: float | None, seconds: float) -> None:
        fields = {
            "service": self.service,
            "outbox_id": str(message.id),
            "target": message.target,
            "method": message.method,
            "path": message.path,
            "attempt": message.attempts + 1,
            "status": outcome.status,
            "ms": round(seconds * 1000, 2),
        }
        if outcome.kind == "delivered":
            DELIVERIES.labels(self.service, message.target, "delivered").inc()
            log.info("outbox delivered", **fields)
            return
        code = str((outcome.problem or {}).get("type") or "").rsplit("/", 1)[-1] or None
        if retry_in is not None:
            DELIVERIES.labels(self.service, message.target, "retried").inc()
            log.warning("outbox retry", **fields, problem=code, retry_in_s=round(retry_in, 3))
        else:
            DELIVERIES.labels(self.service, message.target, "parked").inc()
            poison = outcome.kind == "park"
            log.error("outbox parked", **fields, problem=code, reason="rejected" if poison else "attempts")

    async def measure(self) -> dict[str, float]:
        async with self.db.sessionmaker() as session:
            return await measure(session, self.service)

    async def purge(self) -> int:
        """Delete delivered messages older than OUTBOX_KEEP_DELIVERED_DAYS, at most 1,000 a call."""
        cutoff = datetime.now(UTC) - timedelta(days=self.settings.outbox_keep_delivered_days)
        old = (
            select(OutboxMessage.id)
            .where(OutboxMessage.status == DELIVERED, OutboxMessage.delivered_at < cutoff)
            .limit(1000)
            .scalar_subquery()
        )
        async with self.db.sessionmaker() as session, session.begin():
            result = await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(old)))
        return int(getattr(result, "rowcount", 0) or 0)


# --- the admin routes ------------------------------------------------------------------------

EXAMPLE_ID = "0b7e3c52-8d1f-4a57-9a3e-6f2d1c4b5a69"
EXAMPLE: dict[str, Any] = {
    "id": EXAMPLE_ID,
    "target": "kompetensi",
    "method": "POST",
    "path": "/api/v1/asesmen/hasil-pelatihan",
    "body": {
        "sumber": "pengembangan/angkatan/42",
        "hasil": [{"nip": "198503122010011003", "kompetensi_kode": "NOPE", "level": 3, "tanggal": "2026-06-12"}],
    },
    "status": "parked",
    "attempts": 1,
    "next_attempt_at": "2026-06-13T01:00:00+00:00",
    "created_at": "2026-06-13T01:00:00+00:00",
    "delivered_at": None,
    "parked_at": "2026-06-13T01:00:01.204000+00:00",
    "last_status": 422,
    "last_error": {
        "type": "https://asn-merit.example/problems/unknown-kompetensi",
        "title": "Masukan tidak valid",
        "status": 422,
        "detail": "Kode kompetensi tidak dikenal: NOPE.",
        "instance": "/api/v1/asesmen/hasil-pelatihan",
    },
    "request_id": "9f2c1e7a4b6d4c0e8a1f3b5d7e9c2a4f",
    "idempotency_key": f"outbox-{EXAMPLE_ID}",
    "version": 2,
}


class OutboxMessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [EXAMPLE]})

    id: uuid.UUID = Field(description="The message's id")
    target: str = Field(description="The service it goes to, e.g. kompetensi")
    method: str = Field(description="POST, PUT, PATCH or DELETE")
    path: str = Field(description="The path it is sent to on that service")
    body: Any = Field(description="The JSON body it carries")
    status: Status = Field(
        description="pending (the relay tries it, again after a failure), parked (no more tries until an admin "
        "sends it again), delivered"
    )
    attempts: int = Field(description="Attempts made since it was enqueued or last sent again")
    next_attempt_at: datetime = Field(description="When a pending message is tried next")
    created_at: datetime = Field(description="When the change it comes from was committed")
    delivered_at: datetime | None = Field(description="When the target took it")
    parked_at: datetime | None = Field(description="When it was parked")
    last_status: int | None = Field(description="HTTP status of the last answer (none when no answer came)")
    last_error: dict[str, Any] | None = Field(
        description="The problem of the last failed attempt: the target's problem+json, or the relay's own "
        "(upstream-unavailable, upstream-timeout, outbox-...)"
    )
    request_id: str | None = Field(description="X-Request-ID of the request that enqueued it; each delivery sends it")
    idempotency_key: str = Field(description="The Idempotency-Key every delivery of it carries")
    version: int = Field(description="Changes with every attempt; send it as If-Match to send the message again")


async def current_message(
    outbox_id: Annotated[uuid.UUID, Path(description="The message's id")], session: SessionDep, _: Admin
) -> OutboxMessage:
    found = await session.get(OutboxMessage, outbox_id)
    if found is None:
        raise NotFound("outbox-message-not-found", id=outbox_id)
    return found


CurrentOutboxMessage = Annotated[OutboxMessage, Depends(current_message)]

router = APIRouter(prefix="/api/v1/outbox", tags=["outbox"])


@router.get(
    "",
    response_model=Page[OutboxMessageOut],
    operation_id="listOutbox",
    summary="Messages of the outbox to other services (admin_bkpsdm)",
    description="What this service still has to deliver to the others, oldest first: pending messages (tried again "
    "with backoff) and parked ones (refused by the target, or failed too often), each with the problem of its last "
    "attempt. `status` picks one kind (delivered ones are kept for OUTBOX_KEEP_DELIVERED_DAYS). Only admin_bkpsdm.",
    responses=problems(403),
)
async def list_outbox(
    session: SessionDep,
    _: Admin,
    page: Paging,
    status: Annotated[Status | None, Query(description="Only this status (default: pending and parked)")] = None,
    target: Annotated[str | None, Query(max_length=50, description="Only messages to this service")] = None,
) -> Response:
    stmt = select(OutboxMessage).where(
        OutboxMessage.status == status if status else OutboxMessage.status.in_((PENDING, PARKED))
    )
    if target:
        stmt = stmt.where(OutboxMessage.target == target)
    stmt = stmt.order_by(OutboxMessage.created_at, OutboxMessage.id)
    return (await paginate(session, stmt, page, entity(OutboxMessageOut))).response()


@router.post(
    "/{outbox_id}/ulang",
    response_model=OutboxMessageOut,
    operation_id="retryOutbox",
    summary="Send a parked message again (admin_bkpsdm)",
    description="Once what the target refused is fixed (a missing record created, the target's bug repaired), the "
    "message is due again at once with a fresh count of attempts, keeping its Idempotency-Key. Works on a pending "
    "message too (tried now); a delivered one answers 409. Send the message's version as If-Match; honours "
    "Idempotency-Key. Only admin_bkpsdm.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def retry_outbox(write: AdminWrites, message: CurrentOutboxMessage) -> Response:
    return await write.act(message.version, lambda: send_again(write.session, message.id), out=OutboxMessageOut)
