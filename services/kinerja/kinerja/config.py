"""Settings of the kinerja service (environment only; shared.settings lists the common ones)."""

from __future__ import annotations

from datetime import time
from functools import cache

from pydantic import Field

from shared.settings import ServiceSettings


class KinerjaSettings(ServiceSettings):
    service_name: str = "kinerja"
    port: int = 8003
    # The daily activity log (aktivitas harian). Environment: AKTIVITAS_JAM_MULAI=07:00 and so on.
    aktivitas_jam_mulai: time = Field(time(7, 0), description="Earliest start of an entry (the working day)")
    aktivitas_jam_selesai: time = Field(time(17, 0), description="Latest end of an entry (the working day)")
    aktivitas_maks_per_hari: int = Field(20, ge=1, le=100, description="Entries one person may have on one day")
    aktivitas_tenggang_hari: int = Field(
        3, ge=0, le=60, description="Days after a week ends (Sunday) during which its entries may still change"
    )
    aktivitas_zona_waktu: str = Field("Asia/Jakarta", description="The clock entries are written in (WIB)")
    aktivitas_indikasi_min_entri: int = Field(
        5, ge=1, description="Entries of a month an employee needs before its re-placement signal is computed"
    )
    aktivitas_indikasi_selisih: float = Field(
        0.1, ge=0, le=1, description="How much better another position's tasks must match than the own ones"
    )


@cache
def get_settings() -> KinerjaSettings:
    return KinerjaSettings()
