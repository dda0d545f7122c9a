"""Settings of the kompetensi service (environment only; shared.settings lists the common ones)."""

from __future__ import annotations

from functools import cache

from shared.settings import ServiceSettings


class KompetensiSettings(ServiceSettings):
    service_name: str = "kompetensi"
    port: int = 8002
    # Assessments older than this are still the latest known level but are marked stale.
    asesmen_validity_years: int = 3


@cache
def get_settings() -> KompetensiSettings:
    return KompetensiSettings()
