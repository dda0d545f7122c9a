from __future__ import annotations

import httpx
from fastapi import FastAPI
from starlette.middleware import Middleware

from gateway import openapi
from gateway.config import GatewaySettings, get_settings
from gateway.proxy import router as proxy_router
from gateway.routing import SERVICES
from shared.app import create_service_app
from shared.workbook import UploadLimit


def create_app(
    settings: GatewaySettings | None = None, transports: dict[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests route to in-process ASGI apps instead of sockets."""
    settings = settings or get_settings()

    async def open_clients(app: FastAPI) -> None:
        timeout = httpx.Timeout(settings.http_timeout_seconds, connect=3.0)
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=50)
        app.state.clients = {
            name: httpx.AsyncClient(
                base_url=getattr(settings, f"{name}_url"),
                timeout=timeout,
                limits=limits,
                transport=(transports or {}).get(name),
            )
            for name in SERVICES
        }

    async def close_clients(app: FastAPI) -> None:
        for client in app.state.clients.values():
            await client.aclose()

    app = create_service_app(
        title="ASN Merit: gateway",
        description="The public entry: authentication, routing to the services, composed endpoints.",
        settings=settings,
        routers=[proxy_router],
        with_database=False,
        on_startup=[open_clients],
        on_shutdown=[close_clients],
        # The proxy buffers a body before passing it on: refuse an oversized upload here already.
        middleware=[Middleware(UploadLimit, prefixes=["/api/v1/impor/"])],
    )
    openapi.install(app)
    return app
