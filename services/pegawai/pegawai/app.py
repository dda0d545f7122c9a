"""The pegawai service app: organisation units, positions, employees, staffing, import and export."""

from __future__ import annotations

from fastapi import FastAPI

from pegawai.access import local_directory
from pegawai.config import PegawaiSettings, get_settings
from pegawai.impor.routes import router as impor_router
from pegawai.jabatan.routes import router as jabatan_router
from pegawai.kebutuhan.routes import router as kebutuhan_router
from pegawai.pegawai.routes import router as pegawai_router
from pegawai.pegawai.routes import unit_router as unit_pegawai_router
from pegawai.unit_organisasi.routes import router as unit_router
from shared.app import create_service_app
from shared.rules import load_all


def create_app(settings: PegawaiSettings | None = None) -> FastAPI:
    load_all()  # a broken rule table stops the service here, not at the first request
    return create_service_app(
        title="ASN Merit: pegawai service",
        description="Organisation units, positions (jabatan), employees (pegawai), history, staffing needs.",
        settings=settings or get_settings(),
        routers=[unit_router, unit_pegawai_router, jabatan_router, pegawai_router, kebutuhan_router, impor_router],
        directory=local_directory,
    )
