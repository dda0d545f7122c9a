"""The shapes of the training-needs reads, with examples."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

NIP_EXAMPLE = "198503122010011003"
ANGKATAN_EXAMPLE: dict[str, Any] = {
    "id": "8c2e1a4b-6d7f-4a1e-b3c5-000000000001",
    "kode": "BIMTEK-ASKEP-01-2026-1",
    "tanggal_mulai": "2026-03-02",
    "tanggal_selesai": "2026-03-06",
    "sisa_kursi": 12,
    "daring": False,
    "biaya_per_peserta": 6_250_000,
}
PROGRAM_EXAMPLE: dict[str, Any] = {
    "id": "8c2e1a4b-6d7f-4a1e-b3c5-000000000002",
    "kode": "BIMTEK-ASKEP-01",
    "nama": "Bimbingan Teknis Asuhan Keperawatan",
    "jenis": "bimtek",
    "level": 3,
    "menutup": 1,
    "jp": 32,
    "melebihi_batas_jp": False,
    "biaya_per_peserta": 6_250_000,
    "celah_tertimbang": 1.0,
    "angkatan": [ANGKATAN_EXAMPLE],
}
CELAH_EXAMPLE: dict[str, Any] = {
    "kompetensi_kode": "TEK-KES-01",
    "nama": "Asuhan Keperawatan",
    "jenis": "teknis",
    "dibutuhkan": 3,
    "dimiliki": 2,
    "dari": 2,
    "kurang": 1,
    "program": [PROGRAM_EXAMPLE],
}
PEGAWAI_EXAMPLE: dict[str, Any] = {
    "nip": NIP_EXAMPLE,
    "nama": "Budi Santoso",
    "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
    "jabatan_nama": "Perawat Ahli Pertama",
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "status_kepegawaian": "PNS",
    "celah_jabatan": [CELAH_EXAMPLE],
    "celah_karier": [],
    "kinerja": {
        "predikat_terakhir": {"tahun": 2025, "predikat": "butuh_perbaikan", "predikat_nama": "Butuh Perbaikan"},
        "kinerja_rendah": True,
    },
    "jp": {"tahun": 2026, "total_jp": 14, "kategori": "pns_kurang", "batas_jp": 20, "jp_terutang": 6},
}
UNIT_EXAMPLE: dict[str, Any] = {
    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
    "tahun": 2026,
    "jumlah_pegawai": 2,
    "kompetensi": [
        {
            "kompetensi_kode": "TEK-KES-01",
            "nama": "Asuhan Keperawatan",
            "jenis": "teknis",
            "jumlah_pegawai": 2,
            "jumlah_kurang": 1,
            "total_celah": 1,
            "rata_rata_celah": 1.0,
        }
    ],
    "pegawai": [
        {
            "nip": NIP_EXAMPLE,
            "nama": "Budi Santoso",
            "jabatan_nama": "Perawat Ahli Pertama",
            "unit_nama": "Bidang Pelayanan Kesehatan",
            "status_kepegawaian": "PNS",
            "jumlah_celah": 1,
            "total_celah": 1,
            "total_celah_karier": 0,
            "predikat_terakhir": "baik",
            "kinerja_rendah": False,
            "total_jp": 14,
            "jp_terutang": 6,
        }
    ],
    "program": [
        {
            "id": "8c2e1a4b-6d7f-4a1e-b3c5-000000000002",
            "kode": "BIMTEK-ASKEP-01",
            "nama": "Bimbingan Teknis Asuhan Keperawatan",
            "kompetensi": {"TEK-KES-01": 3},
            "jp": 32,
            "jumlah_membutuhkan": 1,
            "sisa_kursi": 12,
            "peserta": 1,
            "biaya_per_peserta": 6_250_000,
            "total_biaya": 6_250_000,
            "celah_tertimbang": 1.0,
            "celah_per_juta_rupiah": 0.16,
        }
    ],
}


class AngkatanTerbuka(BaseModel):
    id: uuid.UUID
    kode: str
    tanggal_mulai: date
    tanggal_selesai: date
    sisa_kursi: int = Field(description="Seats left")
    daring: bool
    biaya_per_peserta: int = Field(description="Rupiah per participant in this batch (travel only on site)")


class ProgramPenutup(BaseModel):
    id: uuid.UUID
    kode: str | None
    nama: str | None
    jenis: str | None
    level: int = Field(description="The level (1-5) it brings the competency to")
    menutup: int = Field(description="Levels of this gap it closes")
    jp: int
    melebihi_batas_jp: bool = Field(description="A PPPK: its JP exceed the room left under the ceiling this year")
    biaya_per_peserta: int = Field(description="Rupiah per participant, travel included (the catalogue's total)")
    celah_tertimbang: float = Field(
        description="The weighted gap the whole program closes for this employee, as the training plan values it "
        "(shared/rules/pelatihan.yaml bobot), before priority factors"
    )
    angkatan: list[AngkatanTerbuka] = Field(description="Its batches open for enrollment (dibuka), earliest first")


class Celah(BaseModel):
    kompetensi_kode: str
    nama: str | None
    jenis: str | None = Field(description="manajerial, sosial_kultural or teknis")
    dibutuhkan: int = Field(description="Level required (the position's standard, or the career target's highest)")
    dimiliki: int | None = Field(description="Level held; null: never assessed (counts as 0)")
    dari: int = Field(description="Where the gap starts: held, or for a career gap the higher of held and required")
    kurang: int = Field(description="Levels short: dibutuhkan - dari")
    program: list[ProgramPenutup] = Field(description="Programs that close it, most levels closed first")


class PredikatTerakhir(BaseModel):
    tahun: int
    predikat: str
    predikat_nama: str


class KinerjaPelatihan(BaseModel):
    predikat_terakhir: PredikatTerakhir | None = Field(description="The latest final SKP predikat; null: none yet")
    kinerja_rendah: bool = Field(description="Butuh Perbaikan or worse (skp.yaml low_performance_from)")


class JpTahun(BaseModel):
    tahun: int
    total_jp: int = Field(description="JP in the ledger this year")
    kategori: str | None = Field(description="pengembangan's verdict for the status")
    batas_jp: int | None = Field(description="The PNS minimum or the PPPK ceiling")
    jp_terutang: int | None = Field(
        description="PNS: JP still missing to the yearly minimum (20); PPPK: the room left under the ceiling (24); "
        "null for a CPNS"
    )


class KebutuhanPegawaiOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [PEGAWAI_EXAMPLE]})

    nip: str
    nama: str | None
    jabatan_id: uuid.UUID | None
    jabatan_nama: str | None
    unit_nama: str | None
    status_kepegawaian: str | None
    celah_jabatan: list[Celah] = Field(description="Gaps against the position held's standard, largest first")
    celah_karier: list[Celah] = Field(description="Gaps against the career targets' standards beyond the position's")
    kinerja: KinerjaPelatihan
    jp: JpTahun


class KompetensiUnit(BaseModel):
    kompetensi_kode: str
    nama: str | None
    jenis: str | None
    jumlah_pegawai: int = Field(description="People whose position's standard names it")
    jumlah_kurang: int = Field(description="Of them, those below the required level")
    total_celah: int = Field(description="Levels short, summed over those short")
    rata_rata_celah: float | None = Field(description="total_celah / jumlah_kurang; null when nobody is short")


class PegawaiUnit(BaseModel):
    nip: str
    nama: str | None
    jabatan_nama: str | None
    unit_nama: str | None
    status_kepegawaian: str | None
    jumlah_celah: int = Field(description="Competencies of the position's standard below the required level")
    total_celah: int = Field(description="Levels short against the position's standard")
    total_celah_karier: int = Field(description="Levels short against the career targets beyond the position's")
    predikat_terakhir: str | None
    kinerja_rendah: bool
    total_jp: int
    jp_terutang: int | None


class ProgramUnit(BaseModel):
    id: uuid.UUID
    kode: str | None
    nama: str | None
    kompetensi: dict[str, int] = Field(description="Level it brings per competency code")
    jp: int
    jumlah_membutuhkan: int = Field(description="People of the unit whose weighted gap it would close")
    sisa_kursi: int = Field(description="Seats left in its open batches of the year")
    peserta: int = Field(description="Those it could take: the largest gaps first, up to the seats")
    biaya_per_peserta: int = Field(description="Rupiah per participant at its cheapest open batch")
    total_biaya: int
    celah_tertimbang: float = Field(description="Weighted gap those participants would close (the plan's measure)")
    celah_per_juta_rupiah: float | None = Field(description="Weighted gap per million rupiah; null when free")


class KebutuhanUnitOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [UNIT_EXAMPLE]})

    unit_id: uuid.UUID
    tahun: int
    jumlah_pegawai: int
    kompetensi: list[KompetensiUnit] = Field(description="Per competency of the standards, most levels short first")
    pegawai: list[PegawaiUnit] = Field(description="Per employee, most levels short first")
    program: list[ProgramUnit] = Field(
        description="Programs with open batches in the year, free ones first, then most weighted gap per rupiah"
    )
