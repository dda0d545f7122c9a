"""The kompetensi service app: dictionary, job standards, assessments, profiles, JPM and gaps."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from fastapi import FastAPI

from kompetensi.asesmen.routes import router as asesmen_router
from kompetensi.config import KompetensiSettings, get_settings
from kompetensi.jpm.routes import router as jpm_router
from kompetensi.kamus.routes import router as kamus_router
from kompetensi.standar.routes import router as standar_router
from shared.app import create_service_app
from shared.rules import load_all


def create_app(
    settings: KompetensiSettings | None = None, transports: Mapping[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests reach an in-process pegawai app instead of a socket."""
    load_all()
    return create_service_app(
        title="ASN Merit: kompetensi service",
        description="Competency dictionary, job competency standards, assessments and profiles, "
        "job-person match and gaps.",
        settings=settings or get_settings(),
        routers=[kamus_router, standar_router, asesmen_router, jpm_router],
        transports=transports,
    )
