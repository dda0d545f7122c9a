"""The shapes of the placement endpoints: candidates for a position, the positions that fit an
employee, and the optimal re-placement proposal, each with the adverse-impact report where a
selection is made."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

NIP_EXAMPLE = "198503122010011003"
JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000002"
UNIT_ID = "6f1c1d2e-1111-4a4a-8b8b-000000000001"


class Mode(StrEnum):
    PENEMPATAN_KEMBALI = "penempatan_kembali"
    PROMOSI = "promosi"
    ROTASI = "rotasi"


class Alasan(BaseModel):
    kode: str = Field(description="Stable code of the reason (shared/rules/penempatan.yaml checks)")
    pesan: str = Field(description="The reason, in the request's language")


class GapKandidat(BaseModel):
    kompetensi_kode: str
    nama: str | None = Field(description="Name of the competency")
    dibutuhkan: int = Field(description="Level the position requires")
    dimiliki: int | None = Field(description="Level held; null: never assessed (counts as 0)")
    gap: int = Field(description="dimiliki - dibutuhkan; negative is a shortfall")


class StandarItem(BaseModel):
    kompetensi_kode: str
    nama: str | None
    level: int


class JabatanRingkas(BaseModel):
    id: uuid.UUID
    kode: str | None
    nama: str | None
    kelas_jabatan: int
    rumpun: str | None
    unit_id: uuid.UUID | None
    unit_nama: str | None
    kebutuhan: int = Field(description="Seats the position should have (ABK)")
    bezetting: int = Field(description="Serving holders now")
    lowongan: int = Field(description="kebutuhan - bezetting; negative is a surplus")
    syarat_pendidikan_min: str | None
    syarat_golongan_min: str | None
    standar: list[StandarItem] = Field(description="The competency standard; empty when the position has none")


class Kriteria(BaseModel):
    urutan: int = Field(description="1 = compared first; each criterion breaks the ties of those before")
    kode: str
    arah: str = Field(description="desc: higher first; asc: lower first")
    penjelasan: str = Field(description="What it compares, in the request's language")


class KandidatItem(BaseModel):
    urutan: int = Field(description="Place in the ranking over everyone considered (eligible first)")
    nip: str
    nama: str | None
    jabatan_nama: str | None = Field(description="The position held now")
    unit_nama: str | None
    golongan: str | None
    layak: bool
    alasan: list[Alasan] = Field(description="Every reason the person is not eligible; empty when eligible")
    jpm: float | None = Field(description="Job-person match in percent (2 decimals); null: no standard")
    kategori: str | None = Field(description="Band of the JPM (shared/rules/jpm.yaml)")
    predikat_terakhir: str | None = Field(description="Predikat of the latest rated year up to tahun_predikat")
    minat_karier: bool = Field(description="Named this position as a career interest (breaks ties after predikat)")
    hukdis_diperiksa: bool = Field(
        description="Whether running sanctions were checked: false when kinerja does not show the caller this "
        "person's sanctions (then eligibility rests only on the rest)"
    )
    rincian: list[GapKandidat] = Field(description="Per competency of the position's standard")


class JumlahAlasan(BaseModel):
    kode: str
    jumlah: int = Field(description="Ineligible people with this reason (one person may have several)")


class KelompokKeadilan(BaseModel):
    kode: str
    pool: int
    terpilih: int
    rasio_seleksi: float | None
    rasio_terhadap_tertinggi: float | None
    status: str = Field(description="wajar, dampak_merugikan, terlalu_kecil, tidak_diketahui or tanpa_pembanding")


class DimensiKeadilan(BaseModel):
    kode: str = Field(description="jenis_kelamin or kelompok_usia")
    kelompok: list[KelompokKeadilan]
    rujukan: str | None = Field(description="The judged group with the highest selection rate")
    dampak_merugikan: bool


class Keadilan(BaseModel):
    """The adverse-impact report (four-fifths rule, shared/rules/keadilan.yaml): it decides nothing."""

    pool: int
    terpilih: int
    rasio_min: float
    kelompok_min: int
    dimensi: list[DimensiKeadilan]
    terpilih_di_luar_pool: list[str]


KEADILAN_EXAMPLE: dict[str, Any] = {
    "pool": 24,
    "terpilih": 5,
    "rasio_min": 0.8,
    "kelompok_min": 10,
    "dimensi": [
        {
            "kode": "jenis_kelamin",
            "kelompok": [
                {
                    "kode": "L",
                    "pool": 12,
                    "terpilih": 3,
                    "rasio_seleksi": 0.25,
                    "rasio_terhadap_tertinggi": 1.0,
                    "status": "wajar",
                },
                {
                    "kode": "P",
                    "pool": 12,
                    "terpilih": 2,
                    "rasio_seleksi": 0.1667,
                    "rasio_terhadap_tertinggi": 0.6667,
                    "status": "dampak_merugikan",
                },
            ],
            "rujukan": "L",
            "dampak_merugikan": True,
        }
    ],
    "terpilih_di_luar_pool": [],
}
GAP_EXAMPLE: dict[str, Any] = {
    "kompetensi_kode": "TEK-KES-01",
    "nama": "Asuhan Keperawatan",
    "dibutuhkan": 3,
    "dimiliki": 2,
    "gap": -1,
}
JABATAN_EXAMPLE: dict[str, Any] = {
    "id": JABATAN_ID,
    "kode": "DINKES-J001",
    "nama": "Perawat Ahli Muda",
    "kelas_jabatan": 9,
    "rumpun": "kesehatan",
    "unit_id": UNIT_ID,
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "kebutuhan": 4,
    "bezetting": 3,
    "lowongan": 1,
    "syarat_pendidikan_min": "S1",
    "syarat_golongan_min": "III/c",
    "standar": [{"kompetensi_kode": "TEK-KES-01", "nama": "Asuhan Keperawatan", "level": 3}],
}


class Rentang(BaseModel):
    """Who the candidates are drawn from: the holders of positions in this kelas jabatan range
    (both ends included) and, for a promotion, this rumpun."""

    kelas_min: int
    kelas_maks: int
    rumpun: str | None = Field(description="The position's rumpun for a promotion; null: any rumpun")


class KandidatOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "jabatan": JABATAN_EXAMPLE,
                    "mode": "promosi",
                    "mode_nama": "Promosi ke kelas jabatan yang lebih tinggi dalam rumpun yang sama",
                    "tahun_predikat": 2025,
                    "kriteria": [{"urutan": 1, "kode": "layak", "arah": "desc", "penjelasan": "Eligible first."}],
                    "rentang": {"kelas_min": 5, "kelas_maks": 8, "rumpun": "kesehatan"},
                    "jumlah_pegawai": 120,
                    "jumlah_layak": 24,
                    "jumlah_tidak_layak": 96,
                    "jumlah_pemegang": 3,
                    "kandidat": [
                        {
                            "urutan": 1,
                            "nip": NIP_EXAMPLE,
                            "nama": "Budi Santoso",
                            "jabatan_nama": "Perawat Ahli Pertama",
                            "unit_nama": "Puskesmas Kota",
                            "golongan": "III/c",
                            "layak": True,
                            "alasan": [],
                            "jpm": 100.0,
                            "kategori": "optimal",
                            "predikat_terakhir": "sangat_baik",
                            "minat_karier": True,
                            "hukdis_diperiksa": True,
                            "rincian": [{**GAP_EXAMPLE, "dimiliki": 3, "gap": 0}],
                        }
                    ],
                    "tidak_layak": [],
                    "alasan_tidak_layak": [{"kode": "kelas_naik", "jumlah": 80}],
                    "hukdis_diperiksa": True,
                    "catatan": [],
                    "keadilan": KEADILAN_EXAMPLE,
                }
            ]
        }
    )

    jabatan: JabatanRingkas
    mode: Mode
    mode_nama: str
    tahun_predikat: int = Field(description="The last year whose predikat counts (the year before this)")
    kriteria: list[Kriteria] = Field(description="The order of the ranking, explained")
    rentang: Rentang = Field(
        description="Who is considered: only the employees holding a position the mode could move from (the "
        "same kelas for penempatan_kembali and rotasi; for promosi the classes `pola_karier` allows below the "
        "position, and its own, in its rumpun); nobody outside it could be eligible, so nobody outside it is "
        "read, ranked or listed among the ineligible"
    )
    jumlah_pegawai: int = Field(
        description="People considered: the employees the caller reaches within `rentang`, but the holders"
    )
    jumlah_layak: int
    jumlah_tidak_layak: int
    jumlah_pemegang: int = Field(description="Holders of the position now (not ranked)")
    kandidat: list[KandidatItem] = Field(description="The eligible candidates in order, the first `limit`")
    tidak_layak: list[KandidatItem] = Field(description="The ineligible, apart, in order, the first `limit`")
    alasan_tidak_layak: list[JumlahAlasan] = Field(description="Each reason with how many ineligible people have it")
    hukdis_diperiksa: bool = Field(description="False when some people's sanctions are not shown to the caller")
    catatan: list[str] = Field(description="What the reader should know of this answer, in its language")
    keadilan: Keadilan = Field(
        description="Adverse-impact report: selection = the candidates shown, pool = the eligible"
    )


class Rekomendasi(JabatanRingkas):
    mode: Mode = Field(description="The move it would be: same kelas (rotasi when another unit) or promosi")
    layak: bool
    alasan: list[Alasan]
    jpm: float | None
    kategori: str | None
    minat_karier: bool
    rincian: list[GapKandidat]


class RekomendasiOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": NIP_EXAMPLE,
                    "nama": "Budi Santoso",
                    "jabatan_nama": "Perawat Ahli Pertama",
                    "unit_nama": "Puskesmas Kota",
                    "golongan": "III/c",
                    "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000009",
                    "kelas_jabatan": 8,
                    "jpm_sekarang": 85.71,
                    "tahun_predikat": 2025,
                    "predikat_terakhir": "baik",
                    "jumlah_jabatan": 12,
                    "jumlah_layak": 4,
                    "rekomendasi": [
                        {
                            **JABATAN_EXAMPLE,
                            "mode": "promosi",
                            "layak": True,
                            "alasan": [],
                            "jpm": 88.89,
                            "kategori": "cukup_optimal",
                            "minat_karier": False,
                            "rincian": [GAP_EXAMPLE],
                        }
                    ],
                    "hukdis_diperiksa": True,
                    "catatan": [],
                }
            ]
        }
    )

    nip: str
    nama: str | None
    jabatan_nama: str | None
    unit_nama: str | None
    golongan: str | None
    jabatan_id: uuid.UUID | None = Field(description="The position held now")
    kelas_jabatan: int | None
    jpm_sekarang: float | None = Field(description="JPM in the position held (null: none, or it has no standard)")
    tahun_predikat: int
    predikat_terakhir: str | None
    jumlah_jabatan: int = Field(description="Positions considered (with a standard, at an allowed kelas)")
    jumlah_layak: int
    rekomendasi: list[Rekomendasi] = Field(
        description="Best first: eligible, then JPM, career interest, vacancy; the first `limit`"
    )
    hukdis_diperiksa: bool
    catatan: list[str]


class OptimasiIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"unit_id": UNIT_ID, "lintas_kelas": False, "ambang_tetap": 90, "maks_pindah": None}]
        },
    )

    unit_id: uuid.UUID | None = Field(
        None, description="A unit and everything under it; none: the whole Pemda (BKPSDM)"
    )
    lintas_kelas: bool = Field(False, description="Allow moves to another kelas jabatan")
    ambang_tetap: float | None = Field(
        None, ge=0, le=100, description="Keep in place everyone whose JPM in their position is at least this (percent)"
    )
    maks_pindah: int | None = Field(None, ge=0, le=100_000, description="At most this many people move")


class PenempatanItem(BaseModel):
    nip: str
    nama: str | None
    jabatan_sebelum: uuid.UUID | None
    jabatan_sebelum_nama: str | None
    jabatan_sesudah: uuid.UUID | None = Field(description="null: left without a seat")
    jabatan_sesudah_nama: str | None
    jpm_sebelum: float | None
    jpm_sesudah: float | None
    pindah: bool
    tetap_ambang: bool = Field(description="Kept in place by ambang_tetap")


class JabatanKurang(BaseModel):
    jabatan_id: uuid.UUID
    nama: str | None
    kode: str | None
    kurang: int = Field(description="Seats left empty")
    kandidat_promosi: int = Field(description="People of the problem eligible to be promoted into it")
    isi_promosi_internal: int = Field(description="Seats to fill by internal promotion first")
    isi_formasi_cpns: int = Field(description="The rest: to propose as CPNS formation")


class OptimasiOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": UNIT_ID,
                    "lintas_kelas": False,
                    "ambang_tetap": 90,
                    "maks_pindah": None,
                    "usulan_saja": True,
                    "penempatan": [
                        {
                            "nip": NIP_EXAMPLE,
                            "nama": "Budi Santoso",
                            "jabatan_sebelum": "6f1c1d2e-2222-4a4a-8b8b-000000000009",
                            "jabatan_sebelum_nama": "Pengadministrasi Umum",
                            "jabatan_sesudah": JABATAN_ID,
                            "jabatan_sesudah_nama": "Pengelola Data",
                            "jpm_sebelum": 60.0,
                            "jpm_sesudah": 90.0,
                            "pindah": True,
                            "tetap_ambang": False,
                        }
                    ],
                    "jabatan_kurang": [
                        {
                            "jabatan_id": JABATAN_ID,
                            "nama": "Pengelola Data",
                            "kode": "J-002",
                            "kurang": 2,
                            "kandidat_promosi": 1,
                            "isi_promosi_internal": 1,
                            "isi_formasi_cpns": 1,
                        }
                    ],
                    "pegawai_sisa": [],
                    "tidak_diikutkan": [],
                    "tanpa_standar": [],
                    "total_sebelum": 1720.5,
                    "jumlah_kursi": 20,
                    "kursi_terisi_sebelum": 18,
                    "pegawai_melebihi_kebutuhan": 2,
                    "total_sebelum_kursi": 1520.5,
                    "kursi_terisi_optimal": 20,
                    "total_optimal": 1602.25,
                    "rata_rata_sebelum": 84.47,
                    "rata_rata_optimal": 80.11,
                    "total_greedy": 1590.0,
                    "pindah_optimal": 6,
                    "pindah_greedy": 7,
                    "metode": "scipy.optimize.linear_sum_assignment per kelas jabatan",
                    "waktu_solver_detik": 0.0123,
                    "waktu_detik": 0.0456,
                    "terbukti_optimal": True,
                    "celah_mip": 0.0,
                    "hukdis_diperiksa": True,
                    "catatan": [],
                    "keadilan": KEADILAN_EXAMPLE,
                }
            ]
        }
    )

    unit_id: uuid.UUID | None
    lintas_kelas: bool
    ambang_tetap: float | None
    maks_pindah: int | None
    usulan_saja: bool = Field(description="Always true: a proposal; nothing was written")
    penempatan: list[PenempatanItem] = Field(description="Everyone in the problem, before and after")
    jabatan_kurang: list[JabatanKurang] = Field(description="Positions left short, and how to fill them")
    pegawai_sisa: list[str] = Field(description="People left without a seat")
    tidak_diikutkan: list[str] = Field(description="People holding a position without a standard: not considered")
    tanpa_standar: list[uuid.UUID] = Field(description="Positions without a standard: not offered")
    total_sebelum: float = Field(
        description="Sum of the JPM of everyone in the position held now, people over kebutuhan included: not "
        "comparable with total_optimal, which counts the seats alone (compare total_sebelum_kursi)"
    )
    jumlah_kursi: int = Field(description="Seats offered: the sum of kebutuhan of the positions with a standard")
    kursi_terisi_sebelum: int = Field(
        description="Seats filled now: per position its holders up to its kebutuhan (those the problem considers)"
    )
    pegawai_melebihi_kebutuhan: int = Field(
        description="Holders now beyond their position's kebutuhan (summed per position): no seat counts them"
    )
    total_sebelum_kursi: float = Field(
        description="Sum of JPM now over the same seats the optimiser fills: per position the best current "
        "holders up to its kebutuhan. Like for like with total_optimal"
    )
    kursi_terisi_optimal: int = Field(description="Seats filled after the optimal re-placement")
    total_optimal: float = Field(description="Sum of JPM over the seats filled after the optimal re-placement")
    rata_rata_sebelum: float | None = Field(
        description="Average JPM per filled seat now: total_sebelum_kursi / kursi_terisi_sebelum (null: none)"
    )
    rata_rata_optimal: float | None = Field(
        description="Average JPM per filled seat after: total_optimal / kursi_terisi_optimal (null: none)"
    )
    total_greedy: float = Field(description="The greedy rule (best pair first) under the same constraints")
    pindah_optimal: int
    pindah_greedy: int
    metode: str
    waktu_solver_detik: float
    waktu_detik: float
    terbukti_optimal: bool = Field(description="False when HiGHS stopped at its time limit (see celah_mip)")
    celah_mip: float | None
    hukdis_diperiksa: bool
    catatan: list[str]
    keadilan: Keadilan = Field(
        description="Adverse-impact report: selection = people moved into a new seat, pool = the people in the problem"
    )
