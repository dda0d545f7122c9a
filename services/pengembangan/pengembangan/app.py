"""The pengembangan service app: the catalogue of development programs and their batches,
proposals and their approval, enrollment and outcome, the impact evaluation after training,
self-service requests, budgets, the JP ledger, further study, the cadre school, and the outbox
that carries results to the other services."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from fastapi import FastAPI

from pengembangan.anggaran.routes import router as anggaran_router
from pengembangan.config import PengembanganSettings, get_settings
from pengembangan.dampak.routes import peserta_router as dampak_peserta_router
from pengembangan.dampak.routes import router as dampak_router
from pengembangan.jp.routes import router as jp_router
from pengembangan.kader.routes import router as kader_router
from pengembangan.katalog.routes import angkatan_router, program_router
from pengembangan.permintaan.routes import router as permintaan_router
from pengembangan.peserta.routes import router as peserta_router
from pengembangan.studi.routes import router as studi_router
from pengembangan.usulan.routes import router as usulan_router
from shared.app import create_service_app
from shared.clients import KompetensiClient
from shared.rules import load_all

# Where pengembangan's outbox delivers (shared.outbox): training outcomes to kompetensi, a finished
# study assignment's education to pegawai. Their URLs are KOMPETENSI_URL and PEGAWAI_URL.
OUTBOX_TARGETS = ("kompetensi", "pegawai")


def create_app(
    settings: PengembanganSettings | None = None, transports: Mapping[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests reach in-process apps instead of sockets."""
    load_all()
    settings = settings or get_settings()

    async def open_kompetensi(app: FastAPI) -> None:
        # The job standards and job-person match the proposals and requests check (KOMPETENSI_URL).
        app.state.kompetensi = KompetensiClient(
            settings.kompetensi_url,
            timeout=settings.http_timeout_seconds,
            transport=(transports or {}).get("kompetensi"),
        )

    async def close_kompetensi(app: FastAPI) -> None:
        await app.state.kompetensi.aclose()

    return create_service_app(
        title="ASN Merit: pengembangan service",
        description="Competency development: the catalogue of programs (with the competencies each develops, "
        "JP and cost) and their batches; proposals of employees by their OPD and BKPSDM's approval (relevance to "
        "the job, seats, the OPD's budget); enrollment and its outcome; the supervisor's evaluation of its impact "
        "some months later; employees' self-service requests; budgets "
        "per OPD and year; the JP ledger of each employee (from every source) with the PNS minimum and the PPPK "
        "ceiling; further study (tugas belajar, izin belajar); the cadre school (cohorts of selected employees and "
        "their outcome); and the outbox to the other services.",
        settings=settings,
        routers=[
            program_router,
            angkatan_router,
            usulan_router,
            peserta_router,
            dampak_peserta_router,
            dampak_router,
            permintaan_router,
            anggaran_router,
            jp_router,
            studi_router,
            kader_router,
        ],
        transports=transports,
        on_startup=[open_kompetensi],
        on_shutdown=[close_kompetensi],
        outbox_targets=OUTBOX_TARGETS,
    )
