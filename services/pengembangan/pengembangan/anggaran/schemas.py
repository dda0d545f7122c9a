"""Request and answer shapes of budgets."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.types import Paragraph, invalid

RUPIAH_MAX = 10**15  # a thousand trillion rupiah: above any Pemda's whole budget
TAHUN_MIN, TAHUN_MAX = 2000, 2100
OPD_ID = "3f6c2a1e-8b7d-4c5e-9f0a-1b2c3d4e5f60"
FIGURES = (
    "terikat (committed): the cost of every enrollment charged to the year that is not cancelled; terealisasi "
    "(realised): of it, the enrollments completed (lulus or tidak_lulus); sisa (remaining): alokasi - terikat"
)


class AnggaranIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"pagu": 85_000_000_000, "alokasi": 1_250_000_000, "keterangan": "DPA 2026, program pengembangan SDM"}
            ]
        }
    )

    pagu: int = Field(ge=0, le=RUPIAH_MAX, description="The OPD's whole budget of the year (pagu), in rupiah")
    alokasi: int = Field(
        ge=0, le=RUPIAH_MAX, description="Of the pagu, the allocation for competency development, in rupiah"
    )
    keterangan: Paragraph | None = Field(None, max_length=2000, description="A note, e.g. the budget document")

    @model_validator(mode="after")
    def _within_pagu(self) -> AnggaranIn:
        if self.alokasi > self.pagu:
            raise invalid("field.anggaran-alokasi-above-pagu", alokasi=self.alokasi, pagu=self.pagu)
        return self


OUT_EXAMPLE: dict[str, Any] = {
    "opd_id": OPD_ID,
    "opd_nama": "Dinas Kesehatan",
    "tahun": 2026,
    "ditetapkan": True,
    "pagu": 85_000_000_000,
    "alokasi": 1_250_000_000,
    "persen_alokasi": 1.47,
    "terikat": 412_500_000,
    "terealisasi": 180_000_000,
    "sisa": 837_500_000,
    "peserta": 61,
    "peserta_selesai": 24,
    "keterangan": "DPA 2026, program pengembangan SDM",
    "version": 2,
    "updated_at": "2026-02-03T04:05:06Z",
}


class AnggaranOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [OUT_EXAMPLE]})

    opd_id: uuid.UUID = Field(description="The OPD (a unit of kind opd in the pegawai service)")
    opd_nama: str | None = Field(description="Its name when the budget was set; null when not set")
    tahun: int = Field(description="Budget year")
    ditetapkan: bool = Field(description="BKPSDM has set this year's budget (false: only enrollments are charged)")
    pagu: int | None = Field(description="The OPD's whole budget of the year in rupiah; null when not set")
    alokasi: int = Field(description="The allocation for competency development in rupiah (0 when not set)")
    persen_alokasi: float | None = Field(
        description="The allocation as a percentage of the pagu, two decimals; null when the pagu is 0 or not set"
    )
    terikat: int = Field(description=f"Rupiah committed. {FIGURES}")
    terealisasi: int = Field(description="Rupiah realised: the completed enrollments' cost")
    sisa: int = Field(description="Rupiah remaining: alokasi - terikat (negative after an override)")
    peserta: int = Field(description="Enrollments committing (not cancelled)")
    peserta_selesai: int = Field(description="Of them, completed (lulus or tidak_lulus)")
    keterangan: str | None
    version: int | None = Field(description="Sent as ETag; null while the budget is not set")
    updated_at: datetime | None = Field(description="When the budget was last set")
