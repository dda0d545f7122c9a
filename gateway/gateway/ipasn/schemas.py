"""The shape of IP ASN answers: one employee with the evidence of each dimension; a unit and the
Pemda summed up (average, distribution, target, weakest dimension, moves)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

NIP = "199001012015031001"
OPD_ID = "6f1c1d2e-1111-4a4a-8b8b-000000000001"
ATURAN_EXAMPLE: dict[str, Any] = {
    "regulation": ["Peraturan BKN 8/2019 tentang Pedoman Tata Cara dan Pelaksanaan Pengukuran IP ASN, Pasal 7-10"],
    "versi": "2026.1",
    "belum_dikonfirmasi": ["kompetensi.diklat_teknis", "kinerja.pemetaan_2022", "kategori.pecahan"],
    "kategori": [{"kode": "sedang", "nama": "Sedang", "min": 71, "maks": 80}],
}
JENDELA_EXAMPLE: dict[str, Any] = {
    "kompetensi_dari": "2024-03-02",
    "disiplin_dari": "2025-03-02",
    "sampai": "2026-03-01",
}


class AturanIpasn(BaseModel):
    regulation: list[str]
    versi: str
    belum_dikonfirmasi: list[str] = Field(
        description="The values and readings of shared/rules/ipasn.yaml that are best readings, not confirmed"
    )
    kategori: list[dict[str, Any]] = Field(description="The bands: kode, nama, lowest and highest integer total")


class JendelaOut(BaseModel):
    kompetensi_dari: str = Field(description="Development counts from this day (two years back)")
    disiplin_dari: str = Field(description="A sanction counts when its TMT lies from this day")
    sampai: str = Field(description="The measurement date (per_tanggal), the windows' last day")


class EntriOut(BaseModel):
    jenis: str
    jp: int
    tanggal: str | None
    tahun: int
    uraian: str


class IndikatorIpasnOut(BaseModel):
    kode: str = Field(
        description="diklat_kepemimpinan, diklat_fungsional, diklat_teknis, seminar_workshop_magang_kursus"
    )
    skor: float
    maks: float
    terpenuhi: bool
    jp: int = Field(description="JP of the kinds that count, in the window")
    jumlah: int = Field(description="Entries of the kinds that count, in the window")
    min_jp: int | None = Field(description="The JP it takes (all or nothing); null: one entry")
    jenis: list[str] = Field(description="The kinds of pengembangan's ledger that count (a reading)")
    entri: list[EntriOut] = Field(description="The entries counted (evidence)")
    keterangan: str
    confirmed: bool


class DimensiOut(BaseModel):
    skor: float
    maks: float
    keterangan: str = Field(description="What the score rests on, in the request's language")
    confirmed: bool = Field(description="False: a step or a reading behind this score is unconfirmed")


class KualifikasiOut(DimensiOut):
    pendidikan: str | None


class KompetensiOut(DimensiOut):
    kelompok: str = Field(description="struktural, fungsional or pelaksana: which indicators apply")
    indikator: list[IndikatorIpasnOut]


class KinerjaOut(DimensiOut):
    tahun: int | None
    predikat: str | None
    predikat_nama: str | None
    langkah: str | None = Field(description="The step scored (a 2022 predikat mapped onto the older steps)")


class HukumanOut(BaseModel):
    tingkat: str
    jenis: str | None
    jenis_nama: str | None
    nomor_sk: str | None
    tmt: str | None
    alasan: str | None


class DisiplinOut(DimensiOut):
    rincian_terlihat: bool = Field(
        description="Whether kinerja shows the caller this employee's sanctions; else the score alone"
    )
    hukuman: HukumanOut | None = Field(description="The heaviest sanction scored; null when none or not shown")


class DimensiSemua(BaseModel):
    kualifikasi: KualifikasiOut
    kompetensi: KompetensiOut
    kinerja: KinerjaOut
    disiplin: DisiplinOut


IPASN_PEGAWAI_EXAMPLE: dict[str, Any] = {
    "nip": NIP,
    "nama": "Budi Santoso",
    "jabatan_nama": "Pengadministrasi Umum",
    "jenis_jabatan": "pelaksana",
    "unit_id": OPD_ID,
    "unit_nama": "Dinas Kesehatan",
    "per_tanggal": "2026-03-01",
    "jendela": JENDELA_EXAMPLE,
    "total": 80.5,
    "kategori": "sedang",
    "kategori_nama": "Sedang",
    "dimensi": {
        "kualifikasi": {
            "skor": 15,
            "maks": 25,
            "keterangan": "Pendidikan tertinggi S1: 15 poin.",
            "confirmed": True,
            "pendidikan": "S1",
        },
        "kompetensi": {
            "skor": 22.5,
            "maks": 40,
            "keterangan": "Indikator kelompok jabatan pelaksana: 22.5 poin.",
            "confirmed": False,
            "kelompok": "pelaksana",
            "indikator": [
                {
                    "kode": "diklat_teknis",
                    "skor": 22.5,
                    "maks": 22.5,
                    "terpenuhi": True,
                    "jp": 24,
                    "jumlah": 1,
                    "min_jp": 20,
                    "jenis": ["pelatihan_teknis", "bimtek"],
                    "entri": [
                        {
                            "jenis": "pelatihan_teknis",
                            "jp": 24,
                            "tanggal": "2025-08-15",
                            "tahun": 2025,
                            "uraian": "Pelatihan Pengelolaan Arsip",
                        }
                    ],
                    "keterangan": "24 JP dalam 2 tahun terakhir, mencapai 20 JP: 22.5 poin.",
                    "confirmed": False,
                }
            ],
        },
        "kinerja": {
            "skor": 25,
            "maks": 30,
            "keterangan": "Predikat SKP terakhir Baik (tahun 2025), dipetakan ke langkah Baik: 25 poin.",
            "confirmed": False,
            "tahun": 2025,
            "predikat": "baik",
            "predikat_nama": "Baik",
            "langkah": "Baik",
        },
        "disiplin": {
            "skor": 5,
            "maks": 5,
            "keterangan": "Skor disiplin 5 dari 5; rincian hukuman disiplin hanya untuk yang berhak melihatnya.",
            "confirmed": False,
            "rincian_terlihat": False,
            "hukuman": None,
        },
    },
    "aturan": ATURAN_EXAMPLE,
}


class IpasnPegawaiOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [IPASN_PEGAWAI_EXAMPLE]})

    nip: str
    nama: str
    jabatan_nama: str | None
    jenis_jabatan: str | None
    unit_id: str | None
    unit_nama: str | None
    per_tanggal: str
    jendela: JendelaOut
    total: float = Field(description="The sum of the four dimension scores (0-100)")
    kategori: str
    kategori_nama: str
    dimensi: DimensiSemua
    aturan: AturanIpasn


class DistribusiOut(BaseModel):
    kode: str
    nama: str
    min: float
    maks: float
    jumlah: int


class PerDimensiOut(BaseModel):
    kode: str
    rata_rata: float
    maks: float
    hilang: float = Field(description="Points lost against the maximum, summed over the group")


class LangkahOut(BaseModel):
    kode: str = Field(description="The indicator the people lack")
    orang: int
    nips: list[str] | None = Field(description="Who (a unit's answer; null in the Pemda's)")
    poin: float = Field(description="Points the group gains if they all do it")
    kenaikan_rata_rata: float
    rata_rata_sesudah: float
    jp_kurang: int | None = Field(description="JP still missing, summed (an indicator with a JP threshold)")
    keterangan: str


REKAP_EXAMPLE: dict[str, Any] = {
    "jumlah": 3,
    "rata_rata": 65,
    "kategori": "rendah",
    "distribusi": [
        {"kode": "sangat_rendah", "nama": "Sangat Rendah", "min": 0, "maks": 60, "jumlah": 1},
        {"kode": "rendah", "nama": "Rendah", "min": 61, "maks": 70, "jumlah": 1},
        {"kode": "sedang", "nama": "Sedang", "min": 71, "maks": 80, "jumlah": 0},
        {"kode": "tinggi", "nama": "Tinggi", "min": 81, "maks": 90, "jumlah": 1},
        {"kode": "sangat_tinggi", "nama": "Sangat Tinggi", "min": 91, "maks": 100, "jumlah": 0},
    ],
    "target": 75,
    "selisih_target": 10,
    "tercapai": False,
    "per_dimensi": [
        {"kode": "kualifikasi", "rata_rata": 16.67, "maks": 25, "hilang": 25},
        {"kode": "kompetensi", "rata_rata": 18.33, "maks": 40, "hilang": 65},
        {"kode": "kinerja", "rata_rata": 25, "maks": 30, "hilang": 15},
        {"kode": "disiplin", "rata_rata": 5, "maks": 5, "hilang": 0},
    ],
    "terlemah": "kompetensi",
    "langkah": [
        {
            "kode": "diklat_teknis",
            "orang": 1,
            "nips": [NIP],
            "poin": 22.5,
            "kenaikan_rata_rata": 7.5,
            "rata_rata_sesudah": 72.5,
            "jp_kurang": 12,
            "keterangan": "1 pegawai belum mencapai pelatihan teknis 20 JP (kurang 12 JP seluruhnya); bila semuanya "
            "mencapai 20 JP, kelompok bertambah 22.5 poin dan rata-rata naik 7.5.",
        }
    ],
}


class RekapIpasnOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [REKAP_EXAMPLE]})

    jumlah: int
    rata_rata: float
    kategori: str | None = Field(description="The average's band; null for a group without employees")
    distribusi: list[DistribusiOut]
    target: float
    selisih_target: float = Field(description="target - average; 0 once reached")
    tercapai: bool
    per_dimensi: list[PerDimensiOut]
    terlemah: str | None = Field(description="The dimension losing the most points against its maximum")
    langkah: list[LangkahOut] = Field(
        description="Per kompetensi indicator, the people lacking it and the average's lift if they all did it; "
        "the most points per person first"
    )


class UnitOut(BaseModel):
    unit_id: str | None
    kode: str
    nama: str
    jenis: str


class BarisPegawai(BaseModel):
    nip: str
    nama: str
    unit_id: str | None
    unit_nama: str | None
    opd_id: str | None
    jenis_jabatan: str | None
    kelompok: str
    kualifikasi: float
    kompetensi: float
    kinerja: float
    disiplin: float = Field(description="The score alone (the sanction is in the employee's own answer)")
    total: float
    kategori: str
    belum: list[str] = Field(description="Kompetensi indicators not met")


class IpasnUnitOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit": {"unit_id": OPD_ID, "kode": "DINKES", "nama": "Dinas Kesehatan", "jenis": "opd"},
                    "per_tanggal": "2026-03-01",
                    "jendela": JENDELA_EXAMPLE,
                    "ringkasan": REKAP_EXAMPLE,
                    "pegawai": [
                        {
                            "nip": NIP,
                            "nama": "Budi Santoso",
                            "unit_id": OPD_ID,
                            "unit_nama": "Dinas Kesehatan",
                            "opd_id": OPD_ID,
                            "jenis_jabatan": "pelaksana",
                            "kelompok": "pelaksana",
                            "kualifikasi": 15,
                            "kompetensi": 0,
                            "kinerja": 25,
                            "disiplin": 5,
                            "total": 45,
                            "kategori": "sangat_rendah",
                            "belum": ["diklat_teknis", "seminar_workshop_magang_kursus"],
                        }
                    ],
                    "aturan": ATURAN_EXAMPLE,
                }
            ]
        }
    )

    unit: UnitOut
    per_tanggal: str
    jendela: JendelaOut
    ringkasan: RekapIpasnOut
    pegawai: list[BarisPegawai] = Field(description="Highest total first")
    aturan: AturanIpasn


class RekapOpdIpasnOut(UnitOut, RekapIpasnOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
                    "kode": "DINKES",
                    "nama": "Dinas Kesehatan",
                    "jenis": "opd",
                    **REKAP_EXAMPLE,
                }
            ]
        }
    )


class IpasnPemdaOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "per_tanggal": "2026-03-01",
                    "jendela": JENDELA_EXAMPLE,
                    "ringkasan": {**REKAP_EXAMPLE, "langkah": [{**REKAP_EXAMPLE["langkah"][0], "nips": None}]},
                    "per_opd": [
                        {
                            "unit_id": OPD_ID,
                            "kode": "DINKES",
                            "nama": "Dinas Kesehatan",
                            "jenis": "opd",
                            **REKAP_EXAMPLE,
                            "langkah": [{**REKAP_EXAMPLE["langkah"][0], "nips": None}],
                        }
                    ],
                    "aturan": ATURAN_EXAMPLE,
                }
            ]
        }
    )

    per_tanggal: str
    jendela: JendelaOut
    ringkasan: RekapIpasnOut
    per_opd: list[RekapOpdIpasnOut]
    aturan: AturanIpasn
