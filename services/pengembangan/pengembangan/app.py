"""The pengembangan service app: the catalogue of development programs and their batches, and the JP ledger."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from fastapi import FastAPI

from pengembangan.config import PengembanganSettings, get_settings
from pengembangan.jp.routes import router as jp_router
from pengembangan.katalog.routes import angkatan_router, program_router
from shared.app import create_service_app
from shared.rules import load_all


def create_app(
    settings: PengembanganSettings | None = None, transports: Mapping[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests reach in-process apps instead of sockets."""
    load_all()
    return create_service_app(
        title="ASN Merit: pengembangan service",
        description="Competency development: the catalogue of programs (with the competencies each develops, "
        "JP and cost) and their batches; the JP ledger of each employee (from every source) with the PNS minimum "
        "and the PPPK ceiling. Proposals, enrollment and budgets are to come.",
        settings=settings or get_settings(),
        routers=[program_router, angkatan_router, jp_router],
        transports=transports,
    )
