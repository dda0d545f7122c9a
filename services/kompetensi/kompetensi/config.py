from __future__ import annotations

from functools import cache

from shared.settings import ServiceSettings


class KompetensiSettings(ServiceSettings):
    service_name: str = "kompetensi"
    port: int = 8002


@cache
def get_settings() -> KompetensiSettings:
    return KompetensiSettings()
