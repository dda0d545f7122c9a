"""The shapes of the talent map: a unit's 9-box with the evidence of each axis, the not mapped
with their reasons, the key positions with their successors; one employee's box."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gateway.penempatan.schemas import GapKandidat

NIP = "198503122010011003"
UNIT_ID = "6f1c1d2e-1111-4a4a-8b8b-000000000001"
JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000002"


class AlasanTalenta(BaseModel):
    kode: str = Field(description="Stable code of the reason")
    pesan: str = Field(description="The reason, in the request's language")


class Tindakan(BaseModel):
    kode: str = Field(description="Code of the recommendation (shared/rules/talenta.yaml)")
    nama: str = Field(description="The recommendation as the regulation's table words it, in the request's language")


class PredikatTahun(BaseModel):
    tahun: int
    predikat: str = Field(description="Annual predikat (shared/rules/skp.yaml)")
    predikat_nama: str


class SumbuKinerja(BaseModel):
    kategori: str | None = Field(description="dibawah, sesuai or diatas; null: not read (see alasan)")
    nama: str | None = Field(description="The category's name in the request's language")
    tahun: int | None = Field(description="The year whose predikat was read")
    predikat: str | None = Field(description="That year's predikat")
    riwayat: list[PredikatTahun] = Field(description="The predikat of the recent years, newest first: the evidence")


class SumbuPotensial(BaseModel):
    kategori: str | None = Field(description="rendah, menengah or tinggi; null: not read (see alasan)")
    nama: str | None
    jpm: float | None = Field(description="JPM in percent (2 decimals) against the position held now")
    band: str | None = Field(description="The JPM's band (shared/rules/jpm.yaml, band set of talenta.yaml)")
    band_nama: str | None
    tanggal_asesmen: str | None = Field(description="Date of the latest assessment of the profile")
    rincian: list[GapKandidat] = Field(description="Per competency of the position's standard: required, held, gap")


class PegawaiTalenta(BaseModel):
    nip: str
    nama: str | None
    jabatan_id: str | None
    jabatan_nama: str | None
    unit_id: str | None
    unit_nama: str | None
    golongan: str | None
    kotak: int | None = Field(description="Box 1-9 (PermenPAN-RB 3/2020's numbering); null: not mapped")
    kotak_nama: str | None
    kinerja: SumbuKinerja
    potensial: SumbuPotensial
    tindakan: list[Tindakan] = Field(description="What the box recommends; empty when not mapped")
    alasan: list[AlasanTalenta] = Field(description="Why the person is not mapped; empty when mapped")


class AturanTalenta(BaseModel):
    regulation: list[str]
    versi: str
    dikonfirmasi: dict[str, bool] = Field(
        description="Per section of shared/rules/talenta.yaml whether it is read from the regulation's text (true) "
        "or the platform's best reading (false): the axes' readings and the readiness are not confirmed"
    )
    kinerja_dari_predikat: dict[str, str]
    kinerja_tahun_maks: int = Field(description="Years looked back for the latest final predikat")
    potensial_dari_band: dict[str, str]
    band_set: str
    asesmen_maks_tahun: int = Field(description="An assessment older than this many years does not count")
    kotak_suksesor: list[int] = Field(description="The boxes successors come from")
    jenis_kunci: list[str] = Field(description="Kinds of position that are key by their kind")
    catatan: str


class KotakJumlah(BaseModel):
    nomor: int
    nama: str
    kinerja: str
    potensial: str
    jumlah: int = Field(description="People of the unit in the box")
    tindakan: list[Tindakan]


class Suksesor(BaseModel):
    urutan: int = Field(description="1 = first: by JPM, then readiness, box, and a fixed draw")
    nip: str
    nama: str | None
    jabatan_nama: str | None = Field(description="The position held now")
    unit_nama: str | None
    golongan: str | None
    pendidikan: str | None
    kotak: int
    jpm: float = Field(description="JPM in percent (2 decimals) against the key position")
    band: str
    kesiapan: str = Field(description="siap_sekarang or siap_1_2_tahun")
    kesiapan_nama: str
    kurang: list[AlasanTalenta] = Field(description="What stands between the successor and ready now; empty when ready")
    rincian: list[GapKandidat] = Field(description="Per competency of the key position's standard")


class Pemegang(BaseModel):
    nip: str
    nama: str | None


class JabatanKunci(BaseModel):
    jabatan_id: str
    kode: str | None
    nama: str | None
    jenis: str | None
    kelas_jabatan: int
    unit_id: str | None
    unit_nama: str | None
    syarat_pendidikan_min: str | None
    syarat_golongan_min: str | None
    dasar_kunci: str = Field(description="jenis: structural by its kind; ditandai: marked key by an admin")
    pemegang: list[Pemegang] = Field(description="Its holders now (never its successors)")
    tanpa_standar: bool = Field(description="No competency standard: no successor can be matched")
    tanpa_siap_sekarang: bool = Field(description="No successor ready now: flagged for the talent committee")
    jumlah_suksesor: int = Field(description="Successors found (the list shows the first suksesor_max)")
    jumlah_siap_sekarang: int
    suksesor: list[Suksesor]


class RingkasanTalenta(BaseModel):
    jumlah_pegawai: int
    terpetakan: int
    tidak_terpetakan: int
    jabatan_kunci: int
    jabatan_tanpa_siap_sekarang: int
    kandidat_suksesor: int = Field(description="People of the succession boxes among those the caller reaches")


class UnitTalenta(BaseModel):
    unit_id: str
    kode: str
    nama: str
    jenis: str


PEGAWAI_EXAMPLE: dict[str, Any] = {
    "nip": NIP,
    "nama": "Ani Perawat",
    "jabatan_id": JABATAN_ID,
    "jabatan_nama": "Perawat Ahli Muda",
    "unit_id": UNIT_ID,
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "golongan": "III/c",
    "kotak": 9,
    "kotak_nama": "Kinerja Di Atas Ekspektasi, Potensial Tinggi",
    "kinerja": {
        "kategori": "diatas",
        "nama": "Di Atas Ekspektasi",
        "tahun": 2025,
        "predikat": "sangat_baik",
        "riwayat": [
            {"tahun": 2025, "predikat": "sangat_baik", "predikat_nama": "Sangat Baik"},
            {"tahun": 2024, "predikat": "baik", "predikat_nama": "Baik"},
        ],
    },
    "potensial": {
        "kategori": "tinggi",
        "nama": "Tinggi",
        "jpm": 92.31,
        "band": "optimal",
        "band_nama": "Optimal",
        "tanggal_asesmen": "2025-05-20",
        "rincian": [{"kompetensi_kode": "INT", "nama": "Integritas", "dibutuhkan": 3, "dimiliki": 3, "gap": 0}],
    },
    "tindakan": [
        {"kode": "dipromosikan_dan_dipertahankan", "nama": "Dipromosikan dan dipertahankan"},
        {
            "kode": "kelompok_rencana_suksesi_instansi_nasional",
            "nama": "Masuk kelompok rencana suksesi instansi/nasional",
        },
        {"kode": "penghargaan", "nama": "Penghargaan"},
    ],
    "alasan": [],
}
ATURAN_EXAMPLE: dict[str, Any] = {
    "regulation": ["PermenPAN-RB 3/2020 (Manajemen Talenta ASN), Lampiran: the talent box and its recommendations"],
    "versi": "2026.1",
    "dikonfirmasi": {
        "sumbu": True,
        "kotak": True,
        "tindakan": True,
        "kinerja": False,
        "potensial": False,
        "suksesi": False,
    },
    "kinerja_dari_predikat": {"sangat_baik": "diatas", "baik": "sesuai", "butuh_perbaikan": "dibawah"},
    "kinerja_tahun_maks": 2,
    "potensial_dari_band": {"optimal": "tinggi", "cukup_optimal": "menengah", "kurang_optimal": "rendah"},
    "band_set": "pemetaan",
    "asesmen_maks_tahun": 3,
    "kotak_suksesor": [7, 8, 9],
    "jenis_kunci": ["administrator", "jpt_pratama", "pengawas"],
    "catatan": "Pembacaan sumbu kinerja dan potensial serta kesiapan suksesor adalah pembacaan platform.",
}


class TalentaUnitOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit": {"unit_id": UNIT_ID, "kode": "DINKES", "nama": "Dinas Kesehatan", "jenis": "opd"},
                    "per_tanggal": "2026-03-02",
                    "tahun_predikat": 2025,
                    "aturan": ATURAN_EXAMPLE,
                    "ringkasan": {
                        "jumlah_pegawai": 2,
                        "terpetakan": 1,
                        "tidak_terpetakan": 1,
                        "jabatan_kunci": 1,
                        "jabatan_tanpa_siap_sekarang": 0,
                        "kandidat_suksesor": 1,
                    },
                    "grid": [[6, 8, 9], [3, 5, 7], [1, 2, 4]],
                    "kotak": [
                        {
                            "nomor": 9,
                            "nama": "Kinerja Di Atas Ekspektasi, Potensial Tinggi",
                            "kinerja": "diatas",
                            "potensial": "tinggi",
                            "jumlah": 1,
                            "tindakan": PEGAWAI_EXAMPLE["tindakan"],
                        }
                    ],
                    "pegawai": [PEGAWAI_EXAMPLE],
                    "tidak_terpetakan": [
                        {
                            **PEGAWAI_EXAMPLE,
                            "nip": "199007152015032001",
                            "kotak": None,
                            "kotak_nama": None,
                            "tindakan": [],
                            "alasan": [{"kode": "asesmen_tidak_ada", "pesan": "Belum pernah diases."}],
                        }
                    ],
                    "jabatan_kunci": [
                        {
                            "jabatan_id": JABATAN_ID,
                            "kode": "DINKES-KABID",
                            "nama": "Kepala Bidang Pelayanan Kesehatan",
                            "jenis": "administrator",
                            "kelas_jabatan": 11,
                            "unit_id": UNIT_ID,
                            "unit_nama": "Bidang Pelayanan Kesehatan",
                            "syarat_pendidikan_min": "S1",
                            "syarat_golongan_min": "III/d",
                            "dasar_kunci": "jenis",
                            "pemegang": [{"nip": "197501012000031002", "nama": "Budi"}],
                            "tanpa_standar": False,
                            "tanpa_siap_sekarang": False,
                            "jumlah_suksesor": 1,
                            "jumlah_siap_sekarang": 1,
                            "suksesor": [
                                {
                                    "urutan": 1,
                                    "nip": NIP,
                                    "nama": "Ani Perawat",
                                    "jabatan_nama": "Perawat Ahli Muda",
                                    "unit_nama": "Bidang Pelayanan Kesehatan",
                                    "golongan": "III/d",
                                    "pendidikan": "S1",
                                    "kotak": 9,
                                    "jpm": 90.0,
                                    "band": "optimal",
                                    "kesiapan": "siap_sekarang",
                                    "kesiapan_nama": "Siap sekarang",
                                    "kurang": [],
                                    "rincian": [
                                        {
                                            "kompetensi_kode": "INT",
                                            "nama": "Integritas",
                                            "dibutuhkan": 4,
                                            "dimiliki": 4,
                                            "gap": 0,
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                    "catatan": ["Suksesor dipilih dari 1 pegawai di kotak 7-9 dalam jangkauan Anda."],
                }
            ]
        }
    )

    unit: UnitTalenta
    per_tanggal: str
    tahun_predikat: int = Field(description="The last year whose SKP ratings are final (the one before this)")
    aturan: AturanTalenta
    ringkasan: RingkasanTalenta
    grid: list[list[int]] = Field(
        description="The box numbers as the box is drawn: rows potensial tinggi, menengah, rendah (top to bottom), "
        "columns kinerja dibawah, sesuai, diatas (left to right)"
    )
    kotak: list[KotakJumlah] = Field(description="The nine boxes with the people of the unit in each (the 3x3 counts)")
    pegawai: list[PegawaiTalenta] = Field(description="The mapped employees, the highest box first")
    tidak_terpetakan: list[PegawaiTalenta] = Field(description="Employees not mapped, each with every reason")
    jabatan_kunci: list[JabatanKunci] = Field(description="The unit's key positions with their successors")
    catatan: list[str]


class TalentaPegawaiOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "per_tanggal": "2026-03-02",
                    "tahun_predikat": 2025,
                    "aturan": ATURAN_EXAMPLE,
                    "pegawai": PEGAWAI_EXAMPLE,
                }
            ]
        }
    )

    per_tanggal: str
    tahun_predikat: int
    aturan: AturanTalenta
    pegawai: PegawaiTalenta
