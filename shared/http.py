"""A typed httpx client base for service-to-service calls.

Timeouts on every call, the caller's request id and bearer token passed on, retries with
backoff (tenacity) only for reads and for writes that carry an Idempotency-Key, and upstream
failures mapped to the project's errors so a caller answers 502/503 rather than 500.
"""

from __future__ import annotations

from typing import Any

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

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
    UpstreamUnavailable,
)
from shared.messages import locale_var, t
from shared.observability import REQUEST_ID_HEADER, request_id_var

_RETRYABLE = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadTimeout, httpx.RemoteProtocolError)


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
    ) -> None:
        self.retries = retries
        self.client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
            transport=transport,
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    def _headers(self, token: str | None, extra: dict[str, str] | None) -> dict[str, str]:
        headers = dict(extra or {})
        rid = request_id_var.get()
        if rid:
            headers[REQUEST_ID_HEADER] = rid
        if token:
            headers["Authorization"] = f"Bearer {token}"
        # The callee writes its messages in the caller's language, so they can be passed on.
        headers.setdefault("Accept-Language", locale_var.get())
        return headers

    async def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        hdrs = self._headers(token, headers)
        retry_safe = method in ("GET", "HEAD") or "idempotency-key" in {k.lower() for k in hdrs}
        attempts = self.retries if retry_safe else 1
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(attempts),
                wait=wait_exponential(multiplier=0.1, max=2),
                retry=retry_if_exception_type(_RETRYABLE),
                reraise=True,
            ):
                with attempt:
                    response = await self.client.request(method, path, headers=hdrs, **kwargs)
        except httpx.TimeoutException as exc:
            raise UpstreamUnavailable(
                "upstream-timeout", service=self.service, seconds=self.client.timeout.read, headers={"Retry-After": "5"}
            ) from exc
        except httpx.TransportError as exc:
            raise UpstreamUnavailable("upstream-unavailable", service=self.service, headers={"Retry-After": "5"}) from exc
        return response

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.request(method, path, **kwargs)
        raise_for_problem(response, self.service)
        return response.json()


def raise_for_problem(response: httpx.Response, service: str) -> None:
    """Answer a failed call as the caller's own problem: a 4xx keeps the service's problem (its
    code, text and members, so a 404 from pegawai stays a 404 naming what is missing); a 5xx
    becomes 502 naming the service, and 503 stays 503 so the client knows to retry."""
    if response.is_success:
        return
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {}
    status = response.status_code
    if status >= 500:
        if status in (503, 504):
            raise UpstreamUnavailable("upstream-unavailable", service=service, headers={"Retry-After": "5"})
        raise UpstreamError("upstream-error", service=service, status=status)
    raise passed_on(status, body)


def passed_on(status: int, body: dict[str, Any]) -> AppError:
    """A 4xx problem from another service of the platform as our own error of the same class,
    keeping its code, its text (already in the caller's language) and its members."""
    cls = next((c for c in _BY_STATUS if c.status == status), AppError)
    err = cls.__new__(cls)
    Exception.__init__(err, str(body.get("detail") or ""))
    err.status = status
    err.code = str(body.get("type") or "").rsplit("/", 1)[-1] or "http-error"
    err.detail = str(body.get("detail") or t(err.code))
    err.params = {}
    err.extra = {k: v for k, v in body.items() if k not in ("type", "title", "status", "detail", "instance")}
    err.headers = {}
    return err


_BY_STATUS = (BadRequest, Unauthorized, Forbidden, NotFound, Conflict, PreconditionFailed, UnprocessableEntity,
              PreconditionRequired)
