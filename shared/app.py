"""FastAPI factory every app uses: errors, observability, tracing, edge (security headers, body
limits, deadline), self-served docs, health, metrics, audit log."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared import audit, outbox, tracing
from shared.access import DirectoryFactory
from shared.clients import PegawaiClient, remote_directory
from shared.db import Database
from shared.docs import install_docs
from shared.edges import EdgeMiddleware
from shared.errors import install_error_handlers, problem
from shared.messages import LocaleMiddleware
from shared.observability import ObservabilityMiddleware, configure_logging, metrics_endpoint
from shared.openapi import install as install_openapi
from shared.settings import ServiceSettings

Hook = Callable[[FastAPI], Awaitable[None]]


class AnsweredErrors:
    """Outermost: an error that was already answered (the 500 handler logged it and sent the
    problem) goes no further. Raised on, uvicorn would log it again and close the connection,
    and a caller reusing that keep-alive connection (the gateway) would lose its next request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        answered = False

        async def send_tracking(message: Message) -> None:
            nonlocal answered
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception:
            if not answered:
                raise


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
    outbox_targets: Sequence[str] = (),
) -> FastAPI:
    """An app of the platform. `directory` answers who and what the caller reaches (pegawai
    passes its own); every other app asks the pegawai service through a PegawaiClient, opened
    here. `transports` lets tests reach in-process apps instead of sockets. `middleware` runs
    inside the shared ones (after the edge, before routing), e.g. CORS. `outbox_targets`: the
    service has an outbox (shared.outbox) delivering to these services: its admin routes are
    mounted and its relay runs while the app does (unless OUTBOX_RELAY_ENABLED=false)."""
    configure_logging(settings.log_level, settings.log_json)
    remote = directory is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if with_database and getattr(app.state, "db", None) is None:
            app.state.db = Database(
                settings.database_url,
                pool_size=settings.db_pool_size,
                max_overflow=settings.db_max_overflow,
                connect_timeout=settings.db_connect_timeout_seconds,
            )
        if remote:
            app.state.pegawai = PegawaiClient(
                settings.pegawai_url, timeout=settings.http_timeout_seconds, transport=(transports or {}).get("pegawai")
            )
        for hook in on_startup:
            await hook(app)
        relay = None
        if outbox_targets and with_database and settings.outbox_relay_enabled:
            relay = outbox.Relay(app.state.db, settings, targets=outbox_targets, transports=transports)
            await relay.start()
        app.state.outbox_relay = relay
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
            if relay is not None:
                await relay.stop()
            if remote:
                await app.state.pegawai.aclose()
            if with_database and app.state.db is not None:
                await app.state.db.dispose()
            if provider is not None:
                # The last spans, within a bound: a collector that is down must not hold up a stop.
                await asyncio.to_thread(provider.force_flush, 5000)

    app = FastAPI(
        title=title, description=description, version=version, lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.state.settings = settings
    app.state.db = None
    app.state.outbox_relay = None
    app.state.directory = directory or remote_directory
    install_error_handlers(app)
    # Outermost first: observability (every answer logged and counted), language (so the edge's
    # 413 is in it), the edge, then the app's own (CORS at the gateway).
    for item in reversed(middleware):
        app.add_middleware(item.cls, *item.args, **item.kwargs)
    app.add_middleware(
        EdgeMiddleware,
        max_body=settings.max_body_bytes,
        max_upload=settings.max_upload_bytes,
        budget=settings.upstream_budget_seconds,
    )
    app.add_middleware(LocaleMiddleware)
    app.add_middleware(ObservabilityMiddleware, service=settings.service_name)
    # Tracing wraps everything (even the 500 handler), so the access log line carries the trace id.
    provider = tracing.instrument_app(app, settings)
    build_stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: AnsweredErrors(build_stack())  # type: ignore[method-assign]  # wrap Starlette's stack
    install_docs(app)

    @app.get("/healthz", tags=["ops"], summary="The process is alive", operation_id="getHealth")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": settings.service_name}

    @app.get(
        "/readyz",
        tags=["ops"],
        summary="The service can reach its database",
        response_model=None,
        operation_id="getReady",
    )
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
    if outbox_targets and with_database:
        app.include_router(outbox.router)
    for router in routers:
        app.include_router(router)
    install_openapi(app)
    return app
