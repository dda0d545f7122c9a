from __future__ import annotations

from fastapi import FastAPI

from kompetensi.config import KompetensiSettings, get_settings
from shared.app import create_service_app
from shared.rules import load_all


def create_app(settings: KompetensiSettings | None = None) -> FastAPI:
    load_all()
    return create_service_app(
        title="ASN Merit: kompetensi service",
        description="Competency dictionary, job standards, assessments, job-person match. Only health, metrics and the audit log until its issue lands.",
        settings=settings or get_settings(),
        routers=[],
    )
