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

from gateway.routing import SERVICES, at_gateway
from shared.http import ServiceClient

CACHE_SECONDS = 30.0


async def _fetch(client: ServiceClient) -> dict[str, Any] | None:
    try:
        response = await client.client.get("/openapi.json", timeout=3.0)
        return response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        return None


def _rename_refs(node: Any, renamed: dict[str, str]) -> Any:
    """The same document part with $refs to renamed schemas pointing at their new names."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in renamed:
            return {**node, "$ref": "#/components/schemas/" + renamed[ref.rsplit("/", 1)[-1]]}
        return {k: _rename_refs(v, renamed) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename_refs(v, renamed) for v in node]
    return node


def merge(base: dict[str, Any], specs: dict[str, dict[str, Any] | None]) -> dict[str, Any]:
    """The gateway's document with every service's /api/v1 operations, as the gateway serves
    them: each service's own resources at <resource>/<service> (its audit log at
    audit-log/<service>, its outbox at outbox/<service>; operationIds suffixed with the service,
    so every operationId stays unique), tags prefixed with the service, and a schema
    that two services name alike but define differently kept apart under a prefixed name."""
    # Copies of the parts it adds to: `base` is the gateway app's cached document.
    doc = {**base, "paths": dict(base.get("paths", {}))}
    components = doc["components"] = {**base.get("components", {})}
    schemas = components["schemas"] = dict(components.get("schemas", {}))
    if "securitySchemes" in components:
        components["securitySchemes"] = dict(components["securitySchemes"])
    unavailable = []
    for service, spec in specs.items():
        if spec is None:
            unavailable.append(service)
            continue
        theirs = spec.get("components", {}).get("schemas", {})
        renamed = {
            name: f"{service.title()}{name}"
            for name, schema in theirs.items()
            if name in schemas and schemas[name] != schema
        }
        spec = _rename_refs(spec, renamed)
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            schemas.setdefault(renamed.get(name, name), schema)
        for path, item in spec.get("paths", {}).items():
            if not path.startswith("/api/v1/"):
                continue
            served = at_gateway(service, path)
            own = served != path  # a resource every service has of its own (routing.PER_SERVICE)
            doc["paths"][served] = {
                method: {
                    **op,
                    "tags": [f"{service}: {t}" for t in op.get("tags", [service])],
                    **({"operationId": f"{op['operationId']}{service.title()}"} if own else {}),
                }
                for method, op in item.items()
            }
        for name, scheme in spec.get("components", {}).get("securitySchemes", {}).items():
            components.setdefault("securitySchemes", {}).setdefault(name, scheme)
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
