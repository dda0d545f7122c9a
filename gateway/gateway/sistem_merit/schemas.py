"""The shape of the merit system's evidence: per 19/2025 aspect and indicator, what the platform
cannot show, and the 40/2018 aspects on the same evidence."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["terbukti", "sebagian", "tidak_dapat"]
STATUS = (
    "terbukti: the platform's figures show it (each at its threshold, the indicator fully covered); sebagian: some "
    "evidence, or below the threshold; tidak_dapat: the platform cannot show it (see alasan) or had nothing to count"
)

ANGKA_EXAMPLE: dict[str, Any] = {
    "kode": "skp_tahun",
    "nama": "Pegawai dengan SKP tahun berjalan",
    "uraian": "Serving employees with an SKP of the year, of all serving employees.",
    "pembilang": 830,
    "penyebut": 850,
    "persen": 97.65,
    "ambang": 90.0,
    "ambang_confirmed": True,
    "status": "terbukti",
    "periode": {"dari": "2026-01-01", "sampai": "2026-12-31"},
    "layanan": "kinerja",
    "rincian": [],
    "catatan": None,
}
SISTEM_MERIT_EXAMPLE: dict[str, Any] = {
    "cakupan": {"unit_id": None, "opd_id": None, "unit_akar": ["6f1c1d2e-1111-4a4a-8b8b-000000000001"]},
    "tahun": 2026,
    "per_tanggal": "2026-12-01",
    "aturan": {
        "regulation": ["PermenPAN-RB 19/2025 tentang Penyelenggaraan Sistem Merit dalam Manajemen ASN"],
        "versi": "2026.1",
        "jpm_ambang_talenta": 90.0,
        "catatan_talenta": "Promosi dari kelompok rencana suksesi dibaca sebagai JPM >= 90 (belum dikonfirmasi).",
    },
    "ringkasan": {"indikator": 30, "terbukti": 1, "sebagian": 10, "tidak_dapat": 19},
    "kerangka_2025": {
        "regulation": "PermenPAN-RB 19/2025, Lampiran I",
        "aspek_confirmed": True,
        "skala": {"min": 0, "max": 4, "confirmed": True},
        "kategori_confirmed": False,
        "aspek": [
            {
                "kode": "pengelolaan_kinerja",
                "nama": "Pengelolaan Kinerja",
                "bobot_persen": None,
                "bobot_confirmed": False,
                "status": "sebagian",
                "indikator": [
                    {
                        "kode": "a3_perencanaan_kinerja",
                        "nama": "Perencanaan Kinerja",
                        "uraian": "SKP with work results, indicators and targets for every employee.",
                        "status": "sebagian",
                        "cakupan": "sebagian",
                        "bukti": [ANGKA_EXAMPLE],
                        "alasan_tidak_dapat": None,
                        "catatan": "Whether SKPs were set on time is not yet counted.",
                    }
                ],
            }
        ],
    },
    "tidak_dapat": [
        {
            "aspek": "penghargaan_pengakuan",
            "indikator": "a6_gaji_tunjangan",
            "nama": "Gaji dan Tunjangan",
            "kode": "penggajian",
            "pesan": "Dinilai dari data penggajian, yang berada di luar platform.",
            "catatan": None,
        }
    ],
    "kerangka_2018": {
        "regulation": "PermenPAN-RB 40/2018 and Peraturan KASN 9/2019",
        "rentang": {"min": 100, "max": 400},
        "kategori": [{"kode": "I", "nama": "Buruk", "min": 100, "max": 174}],
        "kategori_confirmed": True,
        "bobot_confirmed": False,
        "catatan_bobot": "Per-aspect weights read from one public dashboard file (of 400), not from the regulation.",
        "aspek": [
            {
                "kode": "manajemen_kinerja",
                "nama": "Manajemen Kinerja",
                "bobot_persen": 20.0,
                "uraian": "Objective, periodic performance appraisal used for career decisions.",
                "setara": ["a3_perencanaan_kinerja", "a3_evaluasi_kinerja"],
                "bukti": ["skp_tahun", "predikat_tahun"],
                "status": "sebagian",
            }
        ],
    },
}


class Periode(BaseModel):
    dari: str = Field(description="First day the figure covers (ISO date)")
    sampai: str = Field(description="Last day the figure covers (ISO date)")


class RincianOut(BaseModel):
    kelompok: str = Field(description="jpt, administrator, pengawas, pelaksana, fungsional or tanpa_jabatan")
    pembilang: int
    penyebut: int
    persen: float | None


class AngkaOut(BaseModel):
    """One figure the platform computes as evidence."""

    kode: str = Field(description="The figure's code in shared/rules/sistem_merit.yaml")
    nama: str
    uraian: str = Field(description="What is counted, over what")
    pembilang: int = Field(description="Numerator")
    penyebut: int = Field(description="Denominator")
    persen: float | None = Field(description="Share in percent, two decimals; null when the denominator is 0")
    ambang: float = Field(description="Share from which the figure counts in full")
    ambang_confirmed: bool = Field(description="false: the threshold is a reading, not a regulation's value")
    status: Status = Field(description=STATUS)
    periode: Periode
    layanan: str = Field(description="The service whose count it is")
    rincian: list[RincianOut] = Field(description="The same per kind of position, where the figure splits")
    catatan: str | None = Field(description="Why it shows nothing, or what it leaves out")


class AlasanMeritOut(BaseModel):
    kode: str = Field(description="dokumen, penggajian or luar_platform")
    pesan: str


class IndikatorMeritOut(BaseModel):
    kode: str
    nama: str
    uraian: str
    status: Status = Field(description=STATUS)
    cakupan: Literal["penuh", "sebagian"] | None = Field(
        description="Whether its figures cover all it asks (penuh) or part (sebagian); null without figures"
    )
    bukti: list[AngkaOut]
    alasan_tidak_dapat: AlasanMeritOut | None = Field(description="Why the platform cannot show it")
    catatan: str | None


class AspekOut(BaseModel):
    kode: str
    nama: str
    bobot_persen: float | None = Field(description="Its weight; null where the regulation's value was not seen")
    bobot_confirmed: bool
    status: Status
    indikator: list[IndikatorMeritOut]


class Skala(BaseModel):
    min: int
    max: int
    confirmed: bool


class Kerangka2025(BaseModel):
    regulation: str
    aspek_confirmed: bool
    skala: Skala = Field(description="The 0-4 scale of every question; the platform does not score")
    kategori_confirmed: bool = Field(description="false: no category bands of the 19/2025 index were seen")
    aspek: list[AspekOut]


class TidakDapatOut(BaseModel):
    aspek: str
    indikator: str
    nama: str
    kode: str = Field(description="The reason: dokumen, penggajian or luar_platform")
    pesan: str
    catatan: str | None


class Kategori2018(BaseModel):
    kode: str
    nama: str
    min: int
    max: int


class Aspek2018(BaseModel):
    kode: str
    nama: str
    bobot_persen: float = Field(description="Its weight in percent (unconfirmed: see bobot_confirmed)")
    uraian: str
    setara: list[str] = Field(description="The 19/2025 indicators whose evidence serves it")
    bukti: list[str] = Field(description="The codes of those indicators' figures")
    status: Status


class RentangMerit(BaseModel):
    min: int
    max: int


class Kerangka2018(BaseModel):
    regulation: str
    rentang: RentangMerit = Field(description="The index's total range")
    kategori: list[Kategori2018]
    kategori_confirmed: bool
    bobot_confirmed: bool
    catatan_bobot: str
    aspek: list[Aspek2018]


class Cakupan(BaseModel):
    unit_id: str | None = Field(description="The unit asked for")
    opd_id: str | None = Field(description="The OPD asked for")
    unit_akar: list[str] = Field(description="The units whose subtrees the employees' figures cover")


class AturanMerit(BaseModel):
    regulation: list[str]
    versi: str
    jpm_ambang_talenta: float = Field(description="JPM from which a promotion counts as from the talent pool")
    catatan_talenta: str


class RingkasanMerit(BaseModel):
    indikator: int
    terbukti: int
    sebagian: int
    tidak_dapat: int


class SistemMeritOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [SISTEM_MERIT_EXAMPLE]})

    cakupan: Cakupan
    tahun: int
    per_tanggal: str
    aturan: AturanMerit
    ringkasan: RingkasanMerit
    kerangka_2025: Kerangka2025
    tidak_dapat: list[TidakDapatOut] = Field(description="The indicators the platform cannot show, with the reason")
    kerangka_2018: Kerangka2018
