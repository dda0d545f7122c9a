from __future__ import annotations

import httpx
from fastapi import FastAPI

from kompetensi.asesmen.routes import router as asesmen_router
from kompetensi.clients import PegawaiClient
from kompetensi.config import KompetensiSettings, get_settings
from kompetensi.jpm.routes import router as jpm_router
from kompetensi.kamus.routes import router as kamus_router
from kompetensi.standar.routes import router as standar_router
from shared.app import create_service_app
from shared.rules import load_all


def create_app(settings: KompetensiSettings | None = None, pegawai_transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """`pegawai_transport` lets tests reach an in-process pegawai app instead of a socket."""
    load_all()
    settings = settings or get_settings()

    async def open_clients(app: FastAPI) -> None:
        app.state.pegawai = PegawaiClient(settings.pegawai_url, timeout=settings.http_timeout_seconds, transport=pegawai_transport)

    async def close_clients(app: FastAPI) -> None:
        await app.state.pegawai.aclose()

    return create_service_app(
        title="ASN Merit: kompetensi service",
        description="Competency dictionary, job competency standards, assessments and profiles, job-person match and gaps.",
        settings=settings,
        routers=[kamus_router, standar_router, asesmen_router, jpm_router],
        on_startup=[open_clients],
        on_shutdown=[close_clients],
    )
