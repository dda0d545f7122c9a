"""Forward /api/v1/... to the owning service, passing the caller's token and request id.

The gateway checks the token itself first (services check it again): a request without a valid
token never reaches a service. Calls go through shared.http.ServiceClient.forward (the services'
calls to each other use the same client): the same deadline budget, retries of requests that never reached the
service, and the same mapping of failures (503 unreachable, 504 naming the service that ran out
of time). The path, query and header values are passed on as the bytes the caller sent.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response
from opentelemetry import trace

from gateway.routing import at_gateway, resolve
from shared.auth import Principal, current_principal
from shared.deadline import BUDGET_HEADER
from shared.errors import NotFound
from shared.http import ServiceClient
from shared.observability import REQUEST_ID_HEADER, ROUTE_HEADER, ROUTE_SCOPE_KEY

router = APIRouter(tags=["gateway"])

# Hop-by-hop headers (RFC 9110 7.6.1), those httpx recomputes, and those the gateway sets itself.
DROP_REQUEST = frozenset(
    h.encode()
    for h in (
        "host",
        "connection",
        "keep-alive",
        "transfer-encoding",
        "te",
        "upgrade",
        "content-length",
        "proxy-authorization",
        REQUEST_ID_HEADER,
        BUDGET_HEADER,
    )
)
# As above, plus what the gateway's own server and middleware add (date, server, request id,
# language, route template): relayed too, they would appear twice.
DROP_RESPONSE = frozenset(
    h.encode()
    for h in (
        "connection",
        "keep-alive",
        "transfer-encoding",
        "content-length",
        "content-encoding",
        "date",
        "server",
        REQUEST_ID_HEADER,
        ROUTE_HEADER,
        "content-language",
    )
)
_VISIBLE = frozenset(range(0x21, 0x7F))


def _encoded(raw: bytes) -> str:
    """A raw request target as ASCII: visible bytes as they are, others (controls, UTF-8)
    percent-encoded, so what the caller sent reaches the service unchanged in meaning."""
    return "".join(chr(b) if b in _VISIBLE else f"%{b:02X}" for b in raw)


def _target(request: Request, path: str, service: str, upstream_path: str) -> str:
    """The upstream path and query: the caller's own bytes when the path is passed on as is, or
    as a service's own resource (routing.PER_SERVICE) with the service's segment left out."""
    raw_path = request.scope.get("raw_path") or b""
    resource = f"/api/v1/{path.partition('/')[0]}"
    own = f"{resource}/{service}/".encode()
    if raw_path and upstream_path == f"/api/v1/{path}":
        target = _encoded(raw_path)
    elif upstream_path == resource:  # e.g. audit-log/pegawai: the service's /api/v1/audit-log
        target = upstream_path
    elif raw_path.startswith(own):  # outbox/pengembangan/<rest>: the service's /api/v1/outbox/<rest>
        target = _encoded(resource.encode() + raw_path[len(own) - 1 :])
    else:  # the service's name sent in escapes: the decoded path, escaped again
        target = quote(upstream_path, safe="/:@!$&'()*+,;=-._~")
    query = request.scope.get("query_string") or b""
    return f"{target}?{_encoded(query)}" if query else target


def _label(service: str, template: str | None) -> str:
    """The route template for metrics and logs: the service's own, as the gateway serves it."""
    return at_gateway(service, template) if template else "/api/v1/{path:path}"


@router.get("/api/v1/publik/{path:path}", include_in_schema=False)
async def forward_public(path: str, request: Request) -> Response:
    """What anyone may read without signing in (shared.edges.PUBLIC_PREFIX): no token asked for.
    A dot segment is refused, so that nothing normalising the path further on can turn an
    unsigned request into one for a private resource."""
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise NotFound("http-404", path=request.url.path)
    return await _forward(f"publik/{path}", request)


@router.api_route(
    "/api/v1/{path:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
async def forward(path: str, request: Request, _: Annotated[Principal, Depends(current_principal)]) -> Response:
    return await _forward(path, request)


async def _forward(path: str, request: Request) -> Response:
    clients: dict[str, ServiceClient] = request.app.state.clients
    target = resolve(path)
    if target is None or target[0] not in clients:
        raise NotFound("http-404", path=request.url.path)
    service, upstream_path = target
    headers = [(k, v) for k, v in request.scope["headers"] if k.lower() not in DROP_REQUEST]
    reply = await clients[service].forward(
        request.method, _target(request, path, service, upstream_path), headers, await request.body()
    )
    route = reply.header(ROUTE_HEADER.encode())
    label = _label(service, route.decode("latin-1") if route is not None else None)
    request.scope[ROUTE_SCOPE_KEY] = label
    span = trace.get_current_span()  # a no-op span when tracing is off
    if span.is_recording():
        span.update_name(f"{request.method} {label}")
        span.set_attribute("http.route", label)
    response = Response(content=reply.content, status_code=reply.status)
    response.raw_headers = [
        *((k, v) for k, v in reply.headers if k.lower() not in DROP_RESPONSE),
        *((k, v) for k, v in response.raw_headers if k == b"content-length"),
    ]
    return response
