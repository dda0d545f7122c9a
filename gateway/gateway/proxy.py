"""Forward /api/v1/... to the owning service, passing the caller's token and request id.

The gateway checks the token itself first (services check it again): a request without a valid
token never reaches a service.
"""

from __future__ import annotations

from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, Request, Response

from gateway.routing import resolve
from shared.auth import Principal, current_principal
from shared.errors import NotFound, UpstreamUnavailable
from shared.observability import REQUEST_ID_HEADER, request_id_var

router = APIRouter(tags=["gateway"])

# Hop-by-hop headers (RFC 9110 7.6.1) and those httpx recomputes are not forwarded.
DROP_REQUEST = {"host", "connection", "keep-alive", "transfer-encoding", "te", "upgrade", "content-length", "proxy-authorization"}
DROP_RESPONSE = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "x-request-id"}


@router.api_route(
    "/api/v1/{path:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
async def forward(path: str, request: Request, _: Annotated[Principal, Depends(current_principal)]) -> Response:
    clients: dict[str, httpx.AsyncClient] = request.app.state.clients
    target = resolve(path)
    if target is None or target[0] not in clients:
        raise NotFound(f"There is no resource at /api/v1/{path}.")
    service, upstream_path = target
    headers = {k: v for k, v in request.headers.items() if k.lower() not in DROP_REQUEST}
    headers[REQUEST_ID_HEADER] = request_id_var.get() or ""
    upstream = clients[service].build_request(
        request.method,
        upstream_path,
        params=request.query_params.multi_items(),
        headers=headers,
        content=await request.body(),
    )
    try:
        reply = await clients[service].send(upstream)
    except httpx.TimeoutException as exc:
        raise UpstreamUnavailable(f"The {service} service did not answer in time.") from exc
    except httpx.TransportError as exc:
        raise UpstreamUnavailable(f"The {service} service cannot be reached; try again shortly.") from exc
    out_headers = {k: v for k, v in reply.headers.items() if k.lower() not in DROP_RESPONSE}
    return Response(content=reply.content, status_code=reply.status_code, headers=out_headers)
