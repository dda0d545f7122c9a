from __future__ import annotations

from fastapi import FastAPI

from pengembangan.config import PengembanganSettings, get_settings
from shared.app import create_service_app
from shared.rules import load_all


def create_app(settings: PengembanganSettings | None = None) -> FastAPI:
    load_all()
    return create_service_app(
        title="ASN Merit: pengembangan service",
        description="Training and development, budgets. Only health, metrics and the audit log until its issue lands.",
        settings=settings or get_settings(),
        routers=[],
    )
