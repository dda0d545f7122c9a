"""The pengembangan service app: the catalogue of development programs and their batches, the JP ledger,
further study, the cadre school, and the outbox that carries results to the other services."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from fastapi import FastAPI

from pengembangan.config import PengembanganSettings, get_settings
from pengembangan.jp.routes import router as jp_router
from pengembangan.kader.routes import router as kader_router
from pengembangan.katalog.routes import angkatan_router, program_router
from pengembangan.studi.routes import router as studi_router
from shared.app import create_service_app
from shared.rules import load_all

# Where pengembangan's outbox delivers (shared.outbox): training outcomes to kompetensi, a finished
# study assignment's education to pegawai. Their URLs are KOMPETENSI_URL and PEGAWAI_URL.
OUTBOX_TARGETS = ("kompetensi", "pegawai")


def create_app(
    settings: PengembanganSettings | None = None, transports: Mapping[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests reach in-process apps instead of sockets."""
    load_all()
    return create_service_app(
        title="ASN Merit: pengembangan service",
        description="Competency development: the catalogue of programs (with the competencies each develops, "
        "JP and cost) and their batches; the JP ledger of each employee (from every source) with the PNS minimum "
        "and the PPPK ceiling; further study (tugas belajar, izin belajar); the cadre school (cohorts of selected "
        "employees and their outcome); and the outbox to the other services. Proposals, enrollment and budgets "
        "are to come.",
        settings=settings or get_settings(),
        routers=[program_router, angkatan_router, jp_router, studi_router, kader_router],
        transports=transports,
        outbox_targets=OUTBOX_TARGETS,
    )
