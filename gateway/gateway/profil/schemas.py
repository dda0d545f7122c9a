"""The shape of the full profile: what the four services say of one employee, in one answer."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gateway.compose import Peringatan

NIP_EXAMPLE = "198503122010011003"
JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000002"
PROFIL_EXAMPLE: dict[str, Any] = {
    "nip": NIP_EXAMPLE,
    "identitas": {
        "nama": "Budi Santoso",
        "nama_lengkap": "Budi Santoso, S.Kep.",
        "gelar_depan": None,
        "gelar_belakang": "S.Kep.",
        "tempat_lahir": "Kupang",
        "tanggal_lahir": "1985-03-12",
        "jenis_kelamin": "L",
        "status_kepegawaian": "PNS",
        "kedudukan": "aktif",
        "atasan_nip": "197901012005011002",
    },
    "jabatan": {
        "jabatan_id": JABATAN_ID,
        "nama": "Perawat Ahli Pertama",
        "jenis": "ahli_pertama",
        "kelas_jabatan": 8,
        "rumpun": "kesehatan",
        "tmt_jabatan": "2019-01-01",
        "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
        "unit_nama": "Bidang Pelayanan Kesehatan",
    },
    "golongan": {"golongan": "III/b", "pangkat": "Penata Muda Tingkat I", "tmt_golongan": "2018-04-01"},
    "pendidikan": {"tingkat": "S1", "jurusan": "Keperawatan"},
    "minat": {"rumpun": ["kesehatan"], "jabatan_ids": [JABATAN_ID]},
    "kompetensi": {
        "jabatan_id": JABATAN_ID,
        "jpm": 85.71,
        "kategori": "cukup_optimal",
        "keterangan": None,
        "rincian": [
            {
                "kompetensi_kode": "INT",
                "nama": "Integritas",
                "jenis": "manajerial",
                "dibutuhkan": 2,
                "dimiliki": 3,
                "gap": 1,
            },
            {
                "kompetensi_kode": "TEK-KES-01",
                "nama": "Asuhan Keperawatan",
                "jenis": "teknis",
                "dibutuhkan": 3,
                "dimiliki": 2,
                "gap": -1,
            },
        ],
    },
    "kinerja": {
        "terakhir": {"tahun": 2025, "predikat": "baik", "predikat_nama": "Baik", "sumber": "skp"},
        "riwayat": [
            {"tahun": 2025, "predikat": "baik", "predikat_nama": "Baik", "sumber": "skp"},
            {"tahun": 2024, "predikat": "sangat_baik", "predikat_nama": "Sangat Baik", "sumber": "skp"},
        ],
    },
    "hukuman_disiplin": [],
    "penghargaan": [
        {
            "id": "0b6c2f2e-3333-4a4a-8b8b-000000000003",
            "jenis": "slks_x",
            "jenis_nama": "Satyalancana Karya Satya X Tahun",
            "tanggal": "2025-08-17",
            "nomor_sk": "KEPPRES 1/2025",
            "pemberi": "Presiden",
        }
    ],
    "pengembangan": {
        "tahun": 2026,
        "total_jp": 14,
        "status_kepegawaian": "PNS",
        "kategori": "pns_kurang",
        "batas_jp": 20,
        "kurang_jp": 6,
        "sisa_jp": None,
        "lebih_jp": None,
        "ketentuan": {
            "pns_min_jp_per_tahun": 20,
            "pppk_max_jp_per_tahun": 24,
            "regulation": ["PP 11/2017 as amended by PP 17/2020, Pasal 203 ayat (4)", "PP 49/2018, Pasal 40 ayat (1)"],
        },
        "riwayat": [
            {
                "id": "0b6c2f2e-4444-4a4a-8b8b-000000000004",
                "tahun": 2026,
                "tanggal": "2026-02-10",
                "jp": 14,
                "sumber": "nonklasikal",
                "jenis": "coaching",
                "jenis_nama": "Coaching",
                "jalur": "nonklasikal",
                "uraian": "Coaching kinerja",
            }
        ],
        "jumlah_riwayat": 1,
    },
    "warnings": [],
}


class Identitas(BaseModel):
    nama: str = Field(description="Name without academic titles")
    nama_lengkap: str = Field(description="Name with academic titles, as printed")
    gelar_depan: str | None
    gelar_belakang: str | None
    tempat_lahir: str | None
    tanggal_lahir: date
    jenis_kelamin: str = Field(description="L or P")
    status_kepegawaian: str = Field(description="PNS, CPNS or PPPK")
    kedudukan: str = Field(description="Kedudukan hukum (aktif, cuti di luar tanggungan negara, ...)")
    atasan_nip: str | None = Field(description="The direct supervisor an admin set; null when taken from the positions")


class Jabatan(BaseModel):
    jabatan_id: uuid.UUID | None = Field(description="The position held; null when none")
    nama: str | None
    jenis: str | None = Field(description="Kind of position (jenis jabatan)")
    kelas_jabatan: int | None = Field(description="Grade 1-17")
    rumpun: str | None = Field(description="Job family")
    tmt_jabatan: date | None
    unit_id: uuid.UUID | None = Field(description="The organisation unit the employee works in")
    unit_nama: str | None


class Golongan(BaseModel):
    golongan: str | None = Field(description="PNS I/a..IV/e, PPPK I..XVII")
    pangkat: str | None
    tmt_golongan: date | None


class Pendidikan(BaseModel):
    tingkat: str | None = Field(description="Highest education level")
    jurusan: str | None = Field(description="Its field of study")


class Minat(BaseModel):
    rumpun: list[str] = Field(description="Career interest: preferred job families")
    jabatan_ids: list[uuid.UUID] = Field(description="Career interest: target positions")


class Gap(BaseModel):
    kompetensi_kode: str
    nama: str
    jenis: str = Field(description="manajerial, sosial_kultural or teknis")
    dibutuhkan: int = Field(description="Level the position requires")
    dimiliki: int | None = Field(description="Level held; null: never assessed (counts as 0)")
    gap: int = Field(description="dimiliki - dibutuhkan; negative is a shortfall")


class Kompetensi(BaseModel):
    jabatan_id: uuid.UUID | None = Field(description="The position whose standard is the yardstick")
    jpm: float | None = Field(description="Job-person match in percent; null without a position or standard")
    kategori: str | None = Field(description="Category of the JPM (pemetaan band set)")
    keterangan: str | None = Field(
        description="Why there is no match: tanpa_jabatan (no position) or tanpa_standar (the position has no "
        "competency standard yet); null when there is one"
    )
    rincian: list[Gap] = Field(description="Per competency of the standard")


class Predikat(BaseModel):
    tahun: int
    predikat: str = Field(description="6/2022 code (e.g. baik), or an older scale's own words")
    predikat_nama: str
    sumber: str = Field(description="skp, or skp_lama for a numeric SKP of before 2022")


class Kinerja(BaseModel):
    terakhir: Predikat | None = Field(description="The latest final predikat")
    riwayat: list[Predikat] = Field(description="The recent years, newest first")


class HukumanDisiplin(BaseModel):
    id: uuid.UUID
    tingkat: str
    jenis: str
    jenis_nama: str
    nomor_sk: str
    tanggal_sk: date
    tmt: date
    tanggal_selesai: date | None = Field(description="Last day it runs; null when it ends the employment")


class Penghargaan(BaseModel):
    id: uuid.UUID
    jenis: str
    jenis_nama: str
    tanggal: date
    nomor_sk: str
    pemberi: str | None


class KetentuanJp(BaseModel):
    pns_min_jp_per_tahun: int = Field(description="Every PNS at least this many JP a year")
    pppk_max_jp_per_tahun: int = Field(description="A PPPK at most this many JP a year")
    regulation: list[str]


class EntriJp(BaseModel):
    id: uuid.UUID
    tahun: int
    tanggal: date | None
    jp: int
    sumber: str = Field(description="pelatihan (a batch of the catalogue), riwayat (history) or nonklasikal")
    jenis: str | None
    jenis_nama: str | None
    jalur: str | None = Field(description="klasikal, nonklasikal, pendidikan or kader")
    uraian: str


class Pengembangan(BaseModel):
    tahun: int = Field(description="This year")
    total_jp: int = Field(description="JP of this year from every source")
    status_kepegawaian: str | None
    kategori: str | None = Field(description="The verdict of the status's rule (pengembangan's JP ledger)")
    batas_jp: int | None = Field(description="The PNS minimum (20) or the PPPK ceiling that applies")
    kurang_jp: int | None = Field(description="A PNS: JP still missing to the minimum")
    sisa_jp: int | None = Field(description="A PPPK: JP left below the ceiling")
    lebih_jp: int | None = Field(description="A PPPK: JP over the ceiling")
    ketentuan: KetentuanJp
    riwayat: list[EntriJp] = Field(description="Development entries of every year, newest first (up to 100)")
    jumlah_riwayat: int = Field(description="How many entries there are in all")


class ProfilOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [PROFIL_EXAMPLE]})

    nip: str
    identitas: Identitas
    jabatan: Jabatan
    golongan: Golongan
    pendidikan: Pendidikan
    minat: Minat
    kompetensi: Kompetensi
    kinerja: Kinerja
    hukuman_disiplin: list[HukumanDisiplin] | None = Field(
        description="Sanctions running today; null when the caller may not see them (only admin_bkpsdm, the admin "
        "of the employee's OPD and the employee do, as kinerja decides)"
    )
    penghargaan: list[Penghargaan] | None = Field(
        description="Awards, newest first (up to 100). Optional: null when kinerja did not answer in time, and "
        "`warnings` says so"
    )
    pengembangan: Pengembangan
    warnings: list[Peringatan] = Field(description="The optional parts missing from this answer, and why")
