"""FastAPI factory every service uses: errors, observability, health, metrics, audit log."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from starlette.middleware import Middleware

from shared import audit
from shared.access import DirectoryFactory
from shared.clients import PegawaiClient, remote_directory
from shared.db import Database, get_session, no_session
from shared.errors import install_error_handlers, problem
from shared.messages import LocaleMiddleware
from shared.observability import ObservabilityMiddleware, configure_logging, metrics_endpoint
from shared.openapi import install as install_openapi
from shared.settings import ServiceSettings

Hook = Callable[[FastAPI], Awaitable[None]]


def create_service_app(
    *,
    title: str,
    settings: ServiceSettings,
    routers: Sequence[APIRouter] = (),
    description: str = "",
    version: str = "1.0.0",
    with_database: bool = True,
    directory: DirectoryFactory | None = None,
    transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
    on_startup: Sequence[Hook] = (),
    on_shutdown: Sequence[Hook] = (),
    middleware: Sequence[Middleware] = (),
) -> FastAPI:
    """An app of the platform. `directory` answers who and what the caller reaches (pegawai
    passes its own); every other app asks the pegawai service through a PegawaiClient, opened
    here. `transports` lets tests reach in-process apps instead of sockets."""
    configure_logging(settings.log_level, settings.log_json)
    remote = directory is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if with_database and getattr(app.state, "db", None) is None:
            app.state.db = Database(
                settings.database_url, pool_size=settings.db_pool_size, max_overflow=settings.db_max_overflow
            )
        if remote:
            app.state.pegawai = PegawaiClient(
                settings.pegawai_url, timeout=settings.http_timeout_seconds, transport=(transports or {}).get("pegawai")
            )
        for hook in on_startup:
            await hook(app)
        # What exists now (modules, routes, models, rule tables) lives as long as the process:
        # keep it out of the garbage collector's full passes, which otherwise walked all of it
        # every few bulk requests (100 ms pauses in the 1,000-NIP lookup).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            for hook in on_shutdown:
                await hook(app)
            if remote:
                await app.state.pegawai.aclose()
            if with_database and app.state.db is not None:
                await app.state.db.dispose()

    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan)
    app.state.settings = settings
    app.state.db = None
    app.state.directory = directory or remote_directory
    if not with_database:
        app.dependency_overrides[get_session] = no_session
    install_error_handlers(app)
    for extra in reversed(middleware):  # inside the shared ones: they see the request's language and metrics
        app.add_middleware(extra.cls, *extra.args, **extra.kwargs)
    app.add_middleware(LocaleMiddleware)
    app.add_middleware(ObservabilityMiddleware, service=settings.service_name)

    @app.get("/healthz", tags=["ops"], summary="The process is alive", operation_id="getHealth")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": settings.service_name}

    @app.get("/readyz", tags=["ops"], summary="The service can reach its database", response_model=None,
             operation_id="getReady")
    async def readyz() -> Any:
        if with_database:
            try:
                await app.state.db.ping()
            except Exception:  # any failure means not ready
                return problem(503, "not-ready", headers={"Retry-After": "5"})
        return JSONResponse({"status": "ready", "service": settings.service_name})

    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)
    if with_database:
        app.include_router(audit.router)
    for router in routers:
        app.include_router(router)
    install_openapi(app)
    return app
