"""Answer shapes of the staffing reports and the retirement projection."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.rules import load_jabatan

OPD_ID, JABATAN_ID = "6f1c1d2e-1111-4a4a-8b8b-000000000001", "6f1c1d2e-2222-4a4a-8b8b-000000000003"
RETIRING_NIP = "196805141990031004"
PROYEKSI_EXAMPLE: dict[str, Any] = {
    "dari": "2026-01-01",
    "sampai": "2030-12-31",
    "aturan": "; ".join(load_jabatan().regulation),
    "pegawai": [
        {
            "nip": RETIRING_NIP,
            "nama": "Sutrisno",
            "jabatan_id": JABATAN_ID,
            "jabatan_nama": "Perawat Ahli Muda",
            "jenis_jabatan": "ahli_muda",
            "unit_id": OPD_ID,
            "tanggal_lahir": "1968-05-14",
            "bup": 58,
            "tmt_pensiun": "2026-06-01",
        }
    ],
    "per_tahun": [{"tahun": y, "pensiun": int(y == 2026), "lowongan_baru": int(y == 2026)} for y in range(2026, 2031)],
    "per_jabatan": [
        {
            "jabatan_id": JABATAN_ID,
            "nama": "Perawat Ahli Muda",
            "kebutuhan": 6,
            "bezetting_sekarang": 6,
            "pensiun_per_tahun": {"2026": 1},
            "kekurangan_akhir": 1,
        }
    ],
}


class StatusKebutuhan(StrEnum):
    """kurang: shortage (fewer holders than required), lebih: surplus, sesuai: exactly as required."""

    KURANG = "kurang"  # shortage
    LEBIH = "lebih"  # surplus
    SESUAI = "sesuai"


class KebutuhanJabatan(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
                    "kode": "DINKES-J001",
                    "nama": "Perawat Ahli Pertama",
                    "jenis": "ahli_pertama",
                    "kelas_jabatan": 8,
                    "unit_id": OPD_ID,
                    "unit_nama": "Dinas Kesehatan",
                    "kebutuhan": 12,
                    "bezetting": 9,
                    "selisih": -3,
                    "status": "kurang",
                }
            ]
        }
    )

    jabatan_id: uuid.UUID
    kode: str = Field(description="Code of the position")
    nama: str = Field(description="Name of the position")
    jenis: str = Field(description="Kind of position (jenis jabatan)")
    kelas_jabatan: int = Field(description="Grade 1-17 of the position")
    unit_id: uuid.UUID
    unit_nama: str
    kebutuhan: int = Field(description="Required headcount from the workload analysis (ABK)")
    bezetting: int = Field(description="Bezetting: serving employees holding the position now")
    selisih: int = Field(description="bezetting - kebutuhan: negative is a shortage, positive a surplus")
    status: StatusKebutuhan


class KebutuhanUnit(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": OPD_ID,
                    "kode": "DINKES",
                    "nama": "Dinas Kesehatan",
                    "jenis": "opd",
                    "parent_id": "6f1c1d2e-1111-4a4a-8b8b-000000000000",
                    "opd_id": OPD_ID,
                    "jumlah_jabatan": 42,
                    "kebutuhan": 310,
                    "bezetting": 287,
                    "kurang": 31,
                    "lebih": 8,
                    "selisih": -23,
                }
            ]
        }
    )

    unit_id: uuid.UUID
    kode: str = Field(description="Code of the unit")
    nama: str = Field(description="Name of the unit")
    jenis: str = Field(description="Kind of unit: instansi, opd, bidang, sub_bidang, seksi, upt")
    parent_id: uuid.UUID | None = Field(description="The unit above")
    opd_id: uuid.UUID | None = Field(description="The OPD (agency) the unit belongs to")
    jumlah_jabatan: int = Field(description="Positions in the unit and all units under it")
    kebutuhan: int = Field(description="Required headcount (ABK) of those positions")
    bezetting: int = Field(description="Serving employees holding those positions")
    kurang: int = Field(description="Sum of per-position shortages; a surplus elsewhere does not fill them")
    lebih: int = Field(description="Sum of per-position surpluses")
    selisih: int = Field(description="bezetting - kebutuhan overall")


class PensiunPegawai(BaseModel):
    nip: str
    nama: str
    jabatan_id: uuid.UUID | None = Field(description="The position held")
    jabatan_nama: str | None
    jenis_jabatan: str | None = Field(description="Kind of the position: it decides the retirement age")
    unit_id: uuid.UUID | None
    tanggal_lahir: date
    bup: int = Field(description="BUP (batas usia pensiun): the retirement age that applies, in years")
    tmt_pensiun: date = Field(description="Pension effective date: first day of the month after the BUP birthday")


class LowonganTahun(BaseModel):
    tahun: int = Field(description="Calendar year")
    pensiun: int = Field(description="Employees whose pension takes effect that year")
    lowongan_baru: int = Field(description="New vacancies: rise of the summed shortage across positions that year")


class LowonganJabatan(BaseModel):
    jabatan_id: uuid.UUID
    nama: str = Field(description="Name of the position")
    kebutuhan: int = Field(description="Required headcount (ABK)")
    bezetting_sekarang: int = Field(description="Serving holders today")
    pensiun_per_tahun: dict[int, int] = Field(
        description="Year -> holders retiring that year (years without any left out)"
    )
    kekurangan_akhir: int = Field(description="Shortage at the end of the horizon if nobody is appointed")


class ProyeksiPensiun(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [PROYEKSI_EXAMPLE]})

    dari: date = Field(description="Start of the projection (today, or per_tanggal)")
    sampai: date = Field(description="End of the projection: 31 December of the last year")
    aturan: str = Field(description="The regulation the retirement ages come from")
    pegawai: list[PensiunPegawai] = Field(description="Employees whose pension takes effect by `sampai`")
    per_tahun: list[LowonganTahun] = Field(description="One entry per calendar year of the horizon")
    per_jabatan: list[LowonganJabatan] = Field(description="Positions losing holders, largest final shortage first")
