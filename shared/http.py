"""A typed httpx client base for service-to-service calls.

Timeouts on every call, the caller's request id and bearer token passed on, retries with
backoff (tenacity) only for reads and for writes that carry an Idempotency-Key, and upstream
failures mapped to the project's errors so a caller answers 502/503 rather than 500.
"""

from __future__ import annotations

from typing import Any

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from shared.errors import AppError, NotFound, UnprocessableEntity, UpstreamError, UpstreamUnavailable
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
            raise UpstreamUnavailable(f"The {self.service} service did not answer in time.") from exc
        except httpx.TransportError as exc:
            raise UpstreamUnavailable(f"The {self.service} service cannot be reached.") from exc
        return response

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.request(method, path, **kwargs)
        raise_for_problem(response, self.service)
        return response.json()


def raise_for_problem(response: httpx.Response, service: str) -> None:
    if response.is_success:
        return
    try:
        body = response.json()
        detail = body.get("detail") or str(body)
    except ValueError:
        detail = response.text[:200]
    if response.status_code == 404:
        raise NotFound(detail)
    if response.status_code == 422:
        raise UnprocessableEntity(detail)
    if response.status_code in (401, 403):
        err = AppError(detail)
        err.status, err.code, err.title = response.status_code, "upstream-denied", "Denied by upstream service"
        raise err
    if response.status_code >= 500:
        raise UpstreamError(f"The {service} service failed ({response.status_code}): {detail}")
    err = AppError(detail)
    err.status = response.status_code
    raise err
