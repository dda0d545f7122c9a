"""The kinerja service app: SKP, the daily activity log, awards and disciplinary sanctions."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from fastapi import FastAPI

from kinerja.aktivitas.routes import router as aktivitas_router
from kinerja.config import KinerjaSettings, get_settings
from kinerja.hukdis.routes import router as hukdis_router
from kinerja.impor.routes import router as impor_router
from kinerja.penghargaan.routes import router as penghargaan_router
from kinerja.skp.routes import router as skp_router
from shared.app import create_service_app
from shared.rules import load_all


def create_app(
    settings: KinerjaSettings | None = None, transports: Mapping[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests reach in-process apps instead of sockets."""
    load_all()
    return create_service_app(
        title="ASN Merit: kinerja service",
        description="Performance (SKP), the daily activity log, awards and discipline.",
        settings=settings or get_settings(),
        routers=[impor_router, skp_router, aktivitas_router, penghargaan_router, hukdis_router],
        transports=transports,
    )
