"""A typed httpx client base for calls to the platform's services (the services' clients and
the gateway's proxy alike).

Every call spends the request's deadline budget (shared.deadline) and tells the callee what is
left, minus a margin; passes on the caller's request id, bearer token and language; retries a
request that never reached the callee (the connection failed, or broke before any byte of the
answer, as when a pooled connection had been closed by the callee); and maps failures to the
project's errors: 503 when a service cannot be reached, 504 naming the service that ran out of
time, a callee's 4xx problem passed on as ours.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx
import orjson
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from shared import deadline, tracing
from shared.errors import (
    AppError,
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Unauthorized,
    UnprocessableEntity,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from shared.messages import locale_var, t
from shared.observability import REQUEST_ID_HEADER, request_id_var

# httpx raises these before any byte of the answer arrived: the request never left (connect,
# pool), or the connection broke before the callee answered. The usual cause of the second is a
# pooled keep-alive connection that the callee was closing meanwhile (uvicorn closes one after an
# app raised), so the request is sent again on a new connection, as browsers do. (A callee that
# died after committing and before answering is the rare exception; writes that must not repeat
# carry an Idempotency-Key.)
NOT_REACHED = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.RemoteProtocolError,
    httpx.ReadError,
    httpx.WriteError,
)
# The same moments on httpcore's side (the gateway's forwarding path).
CORE_NOT_REACHED = (httpcore.ConnectError, httpcore.RemoteProtocolError, httpcore.ReadError, httpcore.WriteError)
Headers = Mapping[str, str] | Sequence[tuple[bytes, bytes]]
RawHeaders = list[tuple[bytes, bytes]]
# The bound on concurrent calls of one request (the gateway's composed endpoints set it, see
# gateway/gateway/compose.py): every call of that request, chunks of bulk reads included, waits
# for a slot, so one request never opens more than that many connections at once.
call_limit: ContextVar[asyncio.Semaphore | None] = ContextVar("call_limit", default=None)


@dataclass(frozen=True, slots=True)
class Forwarded:
    """A callee's answer as it came: status, raw header list, whole body."""

    status: int
    headers: RawHeaders
    content: bytes

    def header(self, name: bytes) -> bytes | None:
        return next((v for k, v in self.headers if k.lower() == name), None)


class ServiceClient:
    """Subclass per service with typed methods; one instance (one connection pool) per app."""

    service = "service"

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        retries: int = 3,
        margin: float = 0.5,
        service: str | None = None,
        max_connections: int = 50,
        read_attempts: int = 2,
    ) -> None:
        """`timeout` caps one call (retries included), and is its budget outside a request;
        `margin` is kept back from the budget told to the callee; `read_attempts` bounds the
        tries of an idempotent read (`read`) that the callee answered 503."""
        if service is not None:
            self.service = service
        self.timeout = timeout
        self.retries = retries
        self.read_attempts = max(1, read_attempts)
        self.margin = margin
        timeouts = httpx.Timeout(timeout, connect=min(timeout, 3.0))
        self.client = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeouts,
            transport=transport,
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections // 2),
        )
        tracing.instrument_client(self.client)
        # Retries go through a client that keeps no connection: a retry on another pooled
        # connection could meet one more that the callee is closing. (A given transport, such as
        # an in-process app in tests, has no connections to go stale.)
        self.fresh = self.client
        if transport is None:
            self.fresh = httpx.AsyncClient(
                base_url=base_url,
                timeout=timeouts,
                transport=httpx.AsyncHTTPTransport(limits=httpx.Limits(max_keepalive_connections=0)),
            )
            tracing.instrument_client(self.fresh)
        # The gateway forwards every API request: on httpcore's pool (the transport under httpx)
        # directly, without httpx's request and response models: 0.35 ms less per proxied request
        # (docs/benchmarks.md). Not when tracing (the httpx client carries the instrumentation)
        # nor with a given transport (an in-process app in tests).
        self.pool: httpcore.AsyncConnectionPool | None = None
        if transport is None and not tracing.active():
            url = httpx.URL(base_url)
            self.origin = (url.raw_scheme, url.raw_host, url.port)
            self.prefix = url.raw_path.rstrip(b"/")  # a service mounted under a path keeps it
            self.pool = httpcore.AsyncConnectionPool(
                max_connections=max_connections, max_keepalive_connections=max_connections // 2, keepalive_expiry=5.0
            )

    async def aclose(self) -> None:
        if self.pool is not None:
            await self.pool.aclose()
        await self.client.aclose()
        if self.fresh is not self.client:
            await self.fresh.aclose()

    def _headers(self, token: str | None, extra: Headers | None, budget: float) -> httpx.Headers:
        headers = httpx.Headers(extra)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        for name, value in self._own_headers(headers.raw, budget):
            headers[name.decode()] = value.decode()
        return headers

    def budget(self) -> float:
        """Seconds this call may take: the request's remaining budget, capped by `timeout`."""
        left = deadline.remaining()
        return self.timeout if left is None else min(self.timeout, left)

    async def _retry(
        self, method: str, path: str, hdrs: httpx.Headers, seconds: float, **kwargs: Any
    ) -> httpx.Response:
        """Attempts 2.. of a call that never reached the callee, with backoff, on fresh connections."""
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(self.retries - 1),
            wait=wait_exponential(multiplier=0.05, max=1),
            retry=retry_if_exception_type(NOT_REACHED),
            reraise=True,
        ):
            with attempt:
                request = self.fresh.build_request(method, path, headers=hdrs, timeout=seconds, **kwargs)
                return await self.fresh.send(request, stream=True)
        raise AssertionError("unreachable: tenacity reraises the last failure")

    async def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        headers: Headers | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """One call, its answer read whole. `path` may carry an already percent-encoded query.
        Within a request that bounds its concurrent calls (`call_limit`), it waits for a slot."""
        limit = call_limit.get()
        if limit is None:
            return await self._request(method, path, token=token, headers=headers, **kwargs)
        async with limit:
            # The bound is the caller's: a callee served in this process (tests, a bundled run)
            # runs in this context, and its own calls must not wait for the slot it holds.
            unbound = call_limit.set(None)
            try:
                return await self._request(method, path, token=token, headers=headers, **kwargs)
            finally:
                call_limit.reset(unbound)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        headers: Headers | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        seconds = self.budget()
        hdrs = self._headers(token, headers, seconds)
        try:
            if seconds <= 0:
                raise TimeoutError
            async with asyncio.timeout(seconds):
                try:
                    request = self.client.build_request(method, path, headers=hdrs, timeout=seconds, **kwargs)
                    response = await self.client.send(request, stream=True)
                except NOT_REACHED:
                    # Only then the retry machinery (tenacity), on fresh connections: the first
                    # attempt of every call does without its cost.
                    if self.retries <= 1:
                        raise
                    response = await self._retry(method, path, hdrs, seconds, **kwargs)
                # Past the headers nothing is retried: the callee has answered.
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise self._unavailable() from exc
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise self._timeout(seconds) from exc
        except httpx.TransportError as exc:
            raise self._unavailable() from exc
        return response

    async def forward(self, method: str, target: str, headers: RawHeaders, content: bytes) -> Forwarded:
        """A caller's request passed on as it is (the gateway): `target` is the percent-encoded
        path and query, `headers` the caller's own minus hop-by-hop ones. The same budget, retry
        and failure mapping as `request`."""
        if self.pool is None:
            reply = await self.request(method, target, headers=headers, content=content)
            return Forwarded(reply.status_code, list(reply.headers.raw), reply.content)
        seconds = self.budget()
        hdrs = [*headers, *self._own_headers(headers, seconds)]
        scheme, host, port = self.origin
        url = httpcore.URL(scheme=scheme, host=host, port=port, target=self.prefix + target.encode("ascii"))
        limits = {"connect": min(seconds, 3.0), "read": seconds, "write": seconds, "pool": seconds}
        try:
            if seconds <= 0:
                raise TimeoutError
            async with asyncio.timeout(seconds):
                try:
                    answer = await self.pool.request(
                        method, url, headers=hdrs, content=content, extensions={"timeout": limits}
                    )
                except CORE_NOT_REACHED:
                    if self.retries <= 1:
                        raise
                    retried = await self._retry(method, target, httpx.Headers(hdrs), seconds, content=content)
                    try:
                        await retried.aread()
                    finally:
                        await retried.aclose()
                    return Forwarded(retried.status_code, list(retried.headers.raw), retried.content)
        except (httpcore.ConnectTimeout, httpcore.PoolTimeout, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise self._unavailable() from exc
        except (TimeoutError, httpcore.TimeoutException, httpx.TimeoutException) as exc:
            raise self._timeout(seconds) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError, httpx.TransportError) as exc:
            raise self._unavailable() from exc
        return Forwarded(answer.status, answer.headers, answer.content)

    def _own_headers(self, given: Sequence[tuple[bytes, bytes]], budget: float) -> RawHeaders:
        """What every call adds to the caller's headers: the request id, the language (the callee
        writes its messages in the caller's, so they can be passed on) and the budget left."""
        own: RawHeaders = []
        rid = request_id_var.get()
        if rid:
            own.append((REQUEST_ID_HEADER.encode(), rid.encode()))
        if not any(k.lower() == b"accept-language" for k, _ in given):
            own.append((b"accept-language", locale_var.get().encode()))
        own.append((deadline.BUDGET_HEADER.encode(), str(max(0, int((budget - self.margin) * 1000))).encode()))
        return own

    def _unavailable(self) -> UpstreamUnavailable:
        return UpstreamUnavailable("upstream-unavailable", service=self.service, extra={"service": self.service})

    def _timeout(self, seconds: float) -> UpstreamTimeout:
        return UpstreamTimeout(
            "upstream-timeout", service=self.service, seconds=f"{max(seconds, 0):.1f}", extra={"service": self.service}
        )

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.request(method, path, **kwargs)
        raise_for_problem(response, self.service)
        return orjson.loads(response.content)  # faster than httpx's json for 1,000-record answers

    async def read(self, method: str, path: str, **kwargs: Any) -> Any:
        """An idempotent read (a GET, or a POST that only reads, such as a bulk lookup): `json`,
        tried again with a short backoff when the callee answered 503 (its database restarting,
        a replica going away). Never for a write: a write that reached the callee is not repeated
        here (writes carry an Idempotency-Key and go through the outbox). A call that ran out of
        time is not tried again either: its budget is spent."""
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(self.read_attempts),
            wait=wait_exponential(multiplier=0.05, max=0.5),
            retry=retry_if_exception_type(UpstreamUnavailable),
            reraise=True,
        ):
            with attempt:
                return await self.json(method, path, **kwargs)
        raise AssertionError("unreachable: tenacity reraises the last failure")


def raise_for_problem(response: httpx.Response, service: str) -> None:
    """Answer a failed call as the caller's own problem: a 4xx keeps the service's problem (its
    code, text and members, so a 404 from pegawai stays a 404 naming what is missing); a 503 or
    504 that already names a service further in (`upstream-*`) is passed on as it is; any other
    503 becomes ours naming this service, with its Retry-After; other 5xx become 502."""
    if response.is_success:
        return
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {}
    status = response.status_code
    code = str(body.get("type") or "").rsplit("/", 1)[-1]
    retry_after = {"Retry-After": response.headers["retry-after"]} if "retry-after" in response.headers else {}
    if status in (503, 504):
        if code.startswith("upstream-"):
            raise passed_on(status, body, headers=retry_after)
        if status == 503:
            raise UpstreamUnavailable(
                "upstream-unavailable", service=service, headers=retry_after, extra={"service": service}
            )
    if status >= 500:  # a 504 that names no service is not one of ours: the callee failed
        raise UpstreamError("upstream-error", service=service, status=status, extra={"service": service})
    raise passed_on(status, body)


def passed_on(status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> AppError:
    """A problem from another service of the platform as our own error of the same class,
    keeping its code, its text (already in the caller's language) and its members."""
    cls = next((c for c in _BY_STATUS if c.status == status), AppError)
    err = cls.__new__(cls)
    Exception.__init__(err, str(body.get("detail") or ""))
    err.status = status
    err.code = str(body.get("type") or "").rsplit("/", 1)[-1] or "http-error"
    err.detail = str(body.get("detail") or t(err.code))
    err.params = {}
    err.extra = {k: v for k, v in body.items() if k not in ("type", "title", "status", "detail", "instance")}
    err.headers = dict(headers or {})
    if cls.retry_after is not None:
        err.headers.setdefault("Retry-After", cls.retry_after)
    return err


_BY_STATUS = (
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionFailed,
    UnprocessableEntity,
    PreconditionRequired,
    UpstreamUnavailable,
    UpstreamTimeout,
)
