"""Settings of the pengembangan service (environment only; shared.settings lists the common ones)."""

from __future__ import annotations

from functools import cache

from shared.settings import ServiceSettings


class PengembanganSettings(ServiceSettings):
    service_name: str = "pengembangan"
    port: int = 8004


@cache
def get_settings() -> PengembanganSettings:
    return PengembanganSettings()
