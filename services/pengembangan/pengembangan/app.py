"""The pengembangan service app (its domains land with their issue; health, metrics, the audit log and
the outbox so far)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from fastapi import FastAPI

from pengembangan.config import PengembanganSettings, get_settings
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
        description="Training and development, budgets. Only health, metrics, the audit log and the outbox to the "
        "other services until its issue lands.",
        settings=settings or get_settings(),
        routers=[],
        transports=transports,
        outbox_targets=OUTBOX_TARGETS,
    )
