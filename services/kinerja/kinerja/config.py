"""Settings of the kinerja service (environment only; shared.settings lists the common ones)."""

from __future__ import annotations

from functools import cache

from shared.settings import ServiceSettings


class KinerjaSettings(ServiceSettings):
    service_name: str = "kinerja"
    port: int = 8003


@cache
def get_settings() -> KinerjaSettings:
    return KinerjaSettings()
