"""Settings of the pegawai service (environment only; shared.settings lists the common ones)."""

from __future__ import annotations

from functools import cache

from shared.settings import ServiceSettings


class PegawaiSettings(ServiceSettings):
    service_name: str = "pegawai"
    port: int = 8001
    bulk_lookup_max: int = 1000


@cache
def get_settings() -> PegawaiSettings:
    return PegawaiSettings()
