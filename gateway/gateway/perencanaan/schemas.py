"""The shape of the needs plan of a unit: per position, per unit, per OPD and for the whole request."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

OPD_ID, BIDANG_ID = "6f1c1d2e-1111-4a4a-8b8b-000000000001", "6f1c1d2e-1111-4a4a-8b8b-000000000002"
JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000003"
TAHUN = (2026, 2027, 2028)


def _per_tahun(pensiun: tuple[int, ...], formasi: tuple[int, ...], kurang: tuple[int, ...]) -> list[dict[str, Any]]:
    return [
        {"tahun": y, "pensiun": p, "kurang": k, "lebih": 0, "formasi_cpns": 0, "formasi_pppk": f, "promosi": 0}
        for y, p, f, k in zip(TAHUN, pensiun, formasi, kurang, strict=True)
    ]


REKAP_EXAMPLE: dict[str, Any] = {
    "jumlah_jabatan": 1,
    "kebutuhan": 6,
    "bezetting": 5,
    "kurang": 1,
    "lebih": 0,
    "pensiun": 2,
    "formasi_cpns": 0,
    "formasi_pppk": 3,
    "formasi": 3,
    "promosi": 0,
    "per_tahun": _per_tahun((1, 0, 1), (2, 0, 1), (2, 2, 3)),
}
PIRAMIDA_EXAMPLE: dict[str, Any] = {
    "kelompok_usia": [
        {"kode": "dibawah_30", "dari": 0, "sampai": 29, "label": "Di bawah 30 tahun"},
        {"kode": "usia_30_39", "dari": 30, "sampai": 39, "label": "30-39 tahun"},
        {"kode": "usia_55_keatas", "dari": 55, "sampai": None, "label": "55 tahun ke atas"},
    ],
    "per_golongan": [
        {"golongan": "III/a", "per_usia": [4, 2, 0], "jumlah": 6},
        {"golongan": "IV/a", "per_usia": [0, 1, 3], "jumlah": 4},
    ],
    "jumlah": 10,
    "tanpa_data": 0,
}

PERENCANAAN_EXAMPLE: dict[str, Any] = {
    "unit": {"unit_id": OPD_ID, "kode": "DINKES", "nama": "Dinas Kesehatan", "jenis": "opd"},
    "per_tanggal": "2026-03-02",
    "tahun": 3,
    "dari_tahun": 2026,
    "sampai_tahun": 2028,
    "penempatan_ulang": {
        "diterapkan": False,
        "keterangan": "Angka dihitung dari bezetting hari ini; hasil penempatan kembali belum diterapkan.",
    },
    "aturan": {
        "regulation": ["PP 49/2018 (Manajemen PPPK), Pasal 2-5: the jabatan ASN that PPPK may fill"],
        "versi": "2026.1",
        "jalur": {"pelaksana": "cpns", "ahli_muda": "pppk", "administrator": "promosi"},
    },
    "ringkasan": REKAP_EXAMPLE,
    "per_opd": [{**REKAP_EXAMPLE, "opd_id": OPD_ID, "kode": "DINKES", "nama": "Dinas Kesehatan"}],
    "per_unit": [
        {
            **REKAP_EXAMPLE,
            "unit_id": BIDANG_ID,
            "kode": "DINKES-YANKES",
            "nama": "Bidang Pelayanan Kesehatan",
            "jenis": "bidang",
            "opd_id": OPD_ID,
        }
    ],
    "per_jabatan": [
        {
            "jabatan_id": JABATAN_ID,
            "kode": "DINKES-J003",
            "nama": "Perawat Ahli Muda",
            "jenis": "ahli_muda",
            "kelas_jabatan": 9,
            "unit_id": BIDANG_ID,
            "unit_nama": "Bidang Pelayanan Kesehatan",
            "opd_id": OPD_ID,
            "jalur": "pppk",
            "kebutuhan": 6,
            "bezetting": 5,
            "bezetting_setelah_penempatan": None,
            "kurang": 1,
            "lebih": 0,
            "selisih": -1,
            "pensiun": 2,
            "formasi": 3,
            "per_tahun": [
                {"tahun": 2026, "pensiun": 1, "bezetting": 4, "kurang": 2, "lebih": 0, "formasi": 2},
                {"tahun": 2027, "pensiun": 0, "bezetting": 4, "kurang": 2, "lebih": 0, "formasi": 0},
                {"tahun": 2028, "pensiun": 1, "bezetting": 3, "kurang": 3, "lebih": 0, "formasi": 1},
            ],
        }
    ],
    "piramida": PIRAMIDA_EXAMPLE,
}

JALUR = "cpns (a CPNS formation), pppk (a PPPK formation) or promosi (filled from within: no formation)"


class RekapTahunOut(BaseModel):
    tahun: int = Field(description="Calendar year of the horizon")
    pensiun: int = Field(description="Holders whose pension takes effect that year")
    kurang: int = Field(description="Sum of per-position shortages at the end of the year, nobody appointed")
    lebih: int = Field(description="Sum of per-position surpluses at the end of the year")
    formasi_cpns: int = Field(description="CPNS formation of the year: growth of the shortage of CPNS positions")
    formasi_pppk: int = Field(description="PPPK formation of the year: growth of the shortage of PPPK positions")
    promosi: int = Field(description="Growth of the shortage of positions filled by promotion (no formation)")


class RekapOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [REKAP_EXAMPLE]})

    jumlah_jabatan: int = Field(description="Positions summed")
    kebutuhan: int = Field(description="Required headcount (ABK)")
    bezetting: int = Field(description="Seats filled the plan starts from (today's bezetting)")
    kurang: int = Field(description="Sum of per-position shortages today: a surplus elsewhere does not fill them")
    lebih: int = Field(description="Sum of per-position surpluses today")
    pensiun: int = Field(description="Retirements within the horizon")
    formasi_cpns: int = Field(description="CPNS formation to request over the horizon")
    formasi_pppk: int = Field(description="PPPK formation to request over the horizon")
    formasi: int = Field(description="formasi_cpns + formasi_pppk: the formation to request")
    promosi: int = Field(description="Seats of managerial positions to fill from within over the horizon")
    per_tahun: list[RekapTahunOut] = Field(description="One entry per year of the horizon", max_length=10)


class RekapOpdOut(RekapOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **REKAP_EXAMPLE,
                    "opd_id": "3f1c1f5e-8a51-4c55-9a7e-0c1f3b2a9d10",
                    "kode": "DINKES",
                    "nama": "Dinas Kesehatan",
                }
            ]
        }
    )

    opd_id: uuid.UUID = Field(description="The OPD (a unit outside any OPD stands for itself)")
    kode: str
    nama: str


class RekapUnitOut(RekapOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **REKAP_EXAMPLE,
                    "unit_id": "8b0e5d0c-2f4a-4c1e-9f51-6d2b7c3a1e22",
                    "kode": "DINKES-YANKES",
                    "nama": "Bidang Pelayanan Kesehatan",
                    "jenis": "bidang",
                    "opd_id": "3f1c1f5e-8a51-4c55-9a7e-0c1f3b2a9d10",
                }
            ]
        }
    )

    unit_id: uuid.UUID
    kode: str
    nama: str
    jenis: str = Field(description="Kind of unit")
    opd_id: uuid.UUID = Field(description="Its OPD (itself outside any OPD)")


class TahunanOut(BaseModel):
    tahun: int
    pensiun: int = Field(description="Holders whose pension takes effect that year")
    bezetting: int = Field(description="Holders at the end of the year, nobody appointed")
    kurang: int = Field(description="Shortage at the end of the year")
    lebih: int = Field(description="Surplus at the end of the year")
    formasi: int = Field(description="Seats to fill that year: growth of the shortage (first year: today's too)")


class JabatanRencanaOut(BaseModel):
    jabatan_id: uuid.UUID
    kode: str = Field(description="Code of the position")
    nama: str
    jenis: str = Field(description="Kind of position: decides the path")
    kelas_jabatan: int
    unit_id: uuid.UUID
    unit_nama: str
    opd_id: uuid.UUID
    jalur: str = Field(description=JALUR)
    kebutuhan: int = Field(description="Required headcount (ABK)")
    bezetting: int = Field(description="Serving holders today")
    bezetting_setelah_penempatan: int | None = Field(
        description="Seats filled after the re-placement; null while it is not applied"
    )
    kurang: int = Field(description="Shortage today (of the seats the plan starts from)")
    lebih: int = Field(description="Surplus today")
    selisih: int = Field(description="lebih - kurang")
    pensiun: int = Field(description="Retirements within the horizon")
    formasi: int = Field(description="Seats to fill over the horizon, by `jalur`: the shortage at its end")
    per_tahun: list[TahunanOut] = Field(max_length=10)


class UnitRencana(BaseModel):
    unit_id: uuid.UUID
    kode: str
    nama: str
    jenis: str


class PenempatanUlang(BaseModel):
    diterapkan: bool = Field(description="Whether the figures start from the seats after the optimal re-placement")
    keterangan: str = Field(description="What the figures start from, in the request's language")


class AturanRencana(BaseModel):
    regulation: list[str] = Field(description="The regulations the paths and the retirement ages come from")
    versi: str = Field(description="Version of shared/rules/perencanaan.yaml")
    jalur: dict[str, str] = Field(description="jenis jabatan -> " + JALUR)


class KelompokUsiaOut(BaseModel):
    kode: str
    dari: int = Field(description="From this age in full years")
    sampai: int | None = Field(description="Up to this age; null: no upper bound")
    label: str


class BarisPiramidaOut(BaseModel):
    golongan: str
    per_usia: list[int] = Field(description="Headcount per age band, in the order of `kelompok_usia`")
    jumlah: int


class PiramidaOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [PIRAMIDA_EXAMPLE]})

    kelompok_usia: list[KelompokUsiaOut] = Field(
        description="The age bands (shared/rules/perencanaan.yaml `piramida`, the platform's, not regulation)"
    )
    per_golongan: list[BarisPiramidaOut] = Field(
        description="Per golongan someone holds, lowest first (PNS I/a..IV/e, then PPPK I..XVII)"
    )
    jumlah: int = Field(description="Employees counted in the pyramid")
    tanpa_data: int = Field(description="Employees left out: no golongan or no birth date on record")


class PerencanaanOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [PERENCANAAN_EXAMPLE]})

    unit: UnitRencana = Field(description="The unit planned for, with every unit under it")
    per_tanggal: date = Field(description="The day the staffing is read and the projection starts")
    tahun: int = Field(description="The horizon in calendar years, this year included")
    dari_tahun: int
    sampai_tahun: int
    penempatan_ulang: PenempatanUlang
    aturan: AturanRencana
    ringkasan: RekapOut = Field(description="The whole request")
    per_opd: list[RekapOpdOut] = Field(description="Per OPD, by code")
    per_unit: list[RekapUnitOut] = Field(description="Per unit, of the positions placed in the unit itself, by code")
    per_jabatan: list[JabatanRencanaOut] = Field(
        description="Per position, by OPD and unit code, largest formation first"
    )
    piramida: PiramidaOut = Field(
        description="The staffing pyramid of the unit's employees still employed: headcount per golongan and age "
        "band (a description of the workforce; no decision reads it)"
    )
