"""The gateway app: the shared app factory, a ServiceClient per service, CORS, the merged OpenAPI."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from gateway import openapi
from gateway.config import GatewaySettings, get_settings
from gateway.cors import cors
from gateway.ipasn.routes import router as ipasn_router
from gateway.kebutuhan_pelatihan.routes import router as kebutuhan_pelatihan_router
from gateway.penempatan.routes import router as penempatan_router
from gateway.perencanaan.routes import router as perencanaan_router
from gateway.profil.routes import router as profil_router
from gateway.proxy import router as proxy_router
from gateway.routing import SERVICES
from gateway.sistem_merit.routes import router as sistem_merit_router
from gateway.talenta.routes import router as talenta_router
from shared.app import create_service_app
from shared.clients import KinerjaClient, KompetensiClient, PegawaiClient, PengembanganClient
from shared.http import ServiceClient

# One typed client (one connection pool) per service: the proxy forwards through it, the composed
# endpoints call its typed reads.
CLIENTS: dict[str, type[ServiceClient]] = {
    "pegawai": PegawaiClient,
    "kompetensi": KompetensiClient,
    "kinerja": KinerjaClient,
    "pengembangan": PengembanganClient,
}


def create_app(
    settings: GatewaySettings | None = None, transports: dict[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests route to in-process ASGI apps instead of sockets."""
    settings = settings or get_settings()

    async def open_clients(app: FastAPI) -> None:
        app.state.clients = {
            name: CLIENTS[name](
                getattr(settings, f"{name}_url"),
                service=name,
                timeout=settings.http_timeout_seconds,
                margin=settings.upstream_margin_seconds,
                transport=(transports or {}).get(name),
                max_connections=100,
                read_attempts=settings.compose_read_attempts,
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
        # The composed endpoints before the proxy's catch-all /api/v1/{path}: the first match answers.
        routers=[
            profil_router,
            penempatan_router,
            perencanaan_router,
            kebutuhan_pelatihan_router,
            talenta_router,
            ipasn_router,
            sistem_merit_router,
            proxy_router,
        ],
        with_database=False,
        on_startup=[open_clients],
        on_shutdown=[close_clients],
        middleware=cors(settings.allowed_origins),
    )
    openapi.install(app)
    return app
