"""The kinerja service app (its domains land with their issue; health, metrics and the audit log so far)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from fastapi import FastAPI

from kinerja.config import KinerjaSettings, get_settings
from shared.app import create_service_app
from shared.rules import load_all


def create_app(
    settings: KinerjaSettings | None = None, transports: Mapping[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests reach in-process apps instead of sockets."""
    load_all()
    return create_service_app(
        title="ASN Merit: kinerja service",
        description="Performance (SKP), activity, awards and discipline. "
        "Only health, metrics and the audit log until its issue lands.",
        settings=settings or get_settings(),
        routers=[],
        transports=transports,
    )
