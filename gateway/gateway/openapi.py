"""One OpenAPI document at the gateway: its own routes plus every service's /api/v1 paths,
so frontend teams read a single contract. Built on request (services may start after the
gateway) and cached briefly."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from gateway.routing import SERVICES
from shared.http import ServiceClient

CACHE_SECONDS = 30.0


async def _fetch(client: ServiceClient) -> dict[str, Any] | None:
    try:
        response = await client.client.get("/openapi.json", timeout=3.0)
        return response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        return None


def merge(base: dict[str, Any], specs: dict[str, dict[str, Any] | None]) -> dict[str, Any]:
    doc = {**base, "paths": dict(base.get("paths", {}))}
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    unavailable = []
    for service, spec in specs.items():
        if spec is None:
            unavailable.append(service)
            continue
        for path, item in spec.get("paths", {}).items():
            if not path.startswith("/api/v1/"):
                continue
            if path == "/api/v1/audit-log":
                path = f"/api/v1/audit-log/{service}"
            doc["paths"][path] = {
                method: {**op, "tags": [f"{service}: {t}" for t in op.get("tags", [service])]}
                for method, op in item.items()
            }
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            schemas.setdefault(name, schema)
    doc.setdefault("components", {})["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    }
    doc["security"] = [{"bearer": []}]
    if unavailable:
        doc["info"] = {**doc["info"], "x-services-unavailable": unavailable}
    return doc


def install(app: FastAPI) -> None:
    # Replace FastAPI's own /openapi.json so /docs shows the merged contract.
    app.router.routes = [r for r in app.router.routes if getattr(r, "path", None) != app.openapi_url]
    cache: dict[str, Any] = {"at": 0.0, "doc": None}

    @app.get("/openapi.json", include_in_schema=False)
    async def merged(request: Request) -> JSONResponse:
        if cache["doc"] is None or time.monotonic() - cache["at"] > CACHE_SECONDS:
            clients: dict[str, ServiceClient] = request.app.state.clients
            fetched = await asyncio.gather(*(_fetch(clients[s]) for s in SERVICES))
            cache["doc"] = merge(app.openapi(), dict(zip(SERVICES, fetched, strict=True)))
            cache["at"] = time.monotonic()
        return JSONResponse(cache["doc"])
