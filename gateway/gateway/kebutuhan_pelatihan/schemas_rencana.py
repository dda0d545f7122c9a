"""The training plan's requests and answers (POST /kebutuhan-pelatihan/rencana, /skenario)."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gateway.penempatan.schemas import Keadilan
from shared.types import Paragraph

UNIT_ID = "6f1c1d2e-1111-4a4a-8b8b-000000000002"
OPD_ID = "6f1c1d2e-1111-4a4a-8b8b-000000000001"
MAKS_SKENARIO = 5


class BobotIn(BaseModel):
    """Weights replacing those of shared/rules/pelatihan.yaml `bobot` (the ones not given stay)."""

    model_config = ConfigDict(extra="forbid")

    standar_jabatan: float | None = Field(None, ge=0, le=100, description="Per level closed up to the standard")
    target_karier: float | None = Field(None, ge=0, le=100, description="Per level beyond it, up to a career target")
    kinerja_rendah: float | None = Field(None, ge=1, le=100, description="Multiplier of a low performer")
    rotasi_pegawai: float | None = Field(None, ge=0, le=100)
    rotasi_unit: float | None = Field(None, ge=0, le=100)
    hari_penuh: int | None = Field(None, ge=1, le=36500)
    capai_jp_minimum: float | None = Field(None, ge=0, le=1000, description="The bonus of reaching 20 JP")

    def override(self) -> dict[str, Any] | None:
        given = self.model_dump(exclude_none=True)
        return given or None


class RencanaIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"unit_id": UNIT_ID, "tahun": 2026, "bobot": {"target_karier": 0.75}, "maks_program_per_pegawai": 2}
            ]
        },
    )

    unit_id: uuid.UUID | None = Field(
        None, description="A unit and its sub-units; null: the whole Pemda (admin_bkpsdm)"
    )
    tahun: int = Field(ge=2000, le=2100, description="The year: JP ledger, open batches, budgets")
    bobot: BobotIn | None = Field(None, description="Weights replacing the rule file's")
    maks_program_per_pegawai: int | None = Field(None, ge=1, le=10, description="Programs per person (default 3)")


class SkenarioIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nama: str = Field(min_length=1, max_length=60, pattern=r"^\S(.*\S)?$", description="Its name in the answer")
    faktor_anggaran: float | None = Field(None, ge=0, le=10, description="Every OPD's budget left, times this")
    hanya_kinerja_rendah: bool = Field(False, description="Only low performers are enrolled")
    opd_id: uuid.UUID | None = Field(None, description="Only this OPD's people are enrolled")
    bobot: BobotIn | None = None


class SkenarioRencanaIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": UNIT_ID,
                    "tahun": 2026,
                    "skenario": [
                        {"nama": "dasar"},
                        {"nama": "anggaran -20%", "faktor_anggaran": 0.8},
                        {"nama": "kinerja rendah", "hanya_kinerja_rendah": True},
                    ],
                }
            ]
        },
    )

    unit_id: uuid.UUID | None = Field(
        None, description="A unit and its sub-units; null: the whole Pemda (admin_bkpsdm)"
    )
    tahun: int = Field(ge=2000, le=2100)
    skenario: list[SkenarioIn] = Field(min_length=1, max_length=MAKS_SKENARIO, description="1-5 scenarios")


class RingkasanRencana(BaseModel):
    kode: str = Field(description="The scenario")
    metode: str = Field(description="How the plan was made: HiGHS (scipy.optimize.milp), or the greedy rule")
    objektif: float
    celah_berbobot: float = Field(description="Weighted gap closed (before multipliers)")
    capai_jp_minimum: int = Field(description="People the plan brings to the 20 JP minimum")
    di_bawah_jp_minimum: int = Field(description="Aimed people still below it")
    biaya: int = Field(description="Rupiah")
    pendaftaran: int
    peserta: int
    celah_mip: float | None = Field(description="The solver's relative optimality gap; null: greedy")
    dalam_celah_sasaran: bool
    waktu_solver_detik: float
    waktu_detik: float


class CelahPendaftaran(BaseModel):
    kode: str
    dimiliki: int
    dibawa: int
    syarat_jabatan: int
    syarat_karier: int
    tertutup_jabatan: int
    tertutup_karier: int
    bobot: float


class PengaliOut(BaseModel):
    kinerja_rendah: float
    rotasi_pegawai: float
    rotasi_unit: float
    total: float


class PendaftaranOut(BaseModel):
    nip: str
    nama: str | None
    unit_id: uuid.UUID | None
    program_id: uuid.UUID
    program_kode: str | None
    program_nama: str | None
    angkatan_id: uuid.UUID
    angkatan_kode: str | None
    tanggal_mulai: str | None
    jp: int
    biaya: int
    biaya_perjalanan: int
    celah: list[CelahPendaftaran] = Field(description="What it closes per competency, with the weights")
    celah_berbobot: float
    pengali: PengaliOut
    nilai: float
    menuju_jp_minimum: bool


class AlasanOut(BaseModel):
    kode: str = Field(description="pelatihan.alasan.<kode> of the message catalogue")
    nilai: dict[str, Any]
    pesan: str


class TidakCapaiOut(BaseModel):
    nip: str
    nama: str | None
    opd_id: uuid.UUID | None
    status: str | None
    kewajiban: bool = Field(description="The minimum is a duty (PNS); else the platform's aim (PPPK)")
    jp_sesudah: int
    kurang_jp: int
    alasan: list[AlasanOut]


class AnggaranOut(BaseModel):
    opd_id: uuid.UUID
    sisa: int = Field(description="Left before the plan (pengembangan's sisa, the scenario's factor applied)")
    terpakai: int
    sisa_sesudah: int
    pegawai_belum_tercakup: int = Field(description="People with a need the catalogue addresses, not enrolled")
    celah_belum_tercakup: float
    biaya_belum_tercakup: int = Field(description="What covering them at their best program's cheapest batch costs")


class SebaranOut(BaseModel):
    unit_id: uuid.UUID | None
    pegawai: int
    pegawai_butuh: int
    kebutuhan: float
    porsi_kebutuhan: float
    terpilih: int
    celah_tertutup: float
    porsi_tertutup: float
    biaya: int


RINGKASAN_EXAMPLE: dict[str, Any] = {
    "kode": "dasar",
    "metode": "HiGHS (scipy.optimize.milp)",
    "objektif": 14.5,
    "celah_berbobot": 10.0,
    "capai_jp_minimum": 3,
    "di_bawah_jp_minimum": 1,
    "biaya": 18_750_000,
    "pendaftaran": 3,
    "peserta": 3,
    "celah_mip": 0.0,
    "dalam_celah_sasaran": True,
    "waktu_solver_detik": 0.02,
    "waktu_detik": 0.03,
}
RENCANA_EXAMPLE: dict[str, Any] = {
    "unit_id": UNIT_ID,
    "tahun": 2026,
    "jumlah_pegawai": 5,
    "kandidat": 6,
    "ringkasan": RINGKASAN_EXAMPLE,
    "greedy": {**RINGKASAN_EXAMPLE, "metode": "greedy", "objektif": 12.0, "celah_mip": None},
    "pendaftaran": [],
    "anggaran": [
        {
            "opd_id": OPD_ID,
            "sisa": 20_000_000,
            "terpakai": 18_750_000,
            "sisa_sesudah": 1_250_000,
            "pegawai_belum_tercakup": 1,
            "celah_belum_tercakup": 3.0,
            "biaya_belum_tercakup": 6_250_000,
        }
    ],
    "tidak_capai": [],
    "sebaran": [],
    "keadilan": None,
}


class RencanaOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [RENCANA_EXAMPLE]})

    unit_id: uuid.UUID | None
    tahun: int
    jumlah_pegawai: int
    kandidat: int = Field(description="The solver's variables: candidate (person, batches of a program) pairs")
    ringkasan: RingkasanRencana = Field(description="The plan's figures: objective, gap, solver time")
    greedy: RingkasanRencana = Field(description="The greedy rule's plan on the same data, beside it")
    pendaftaran: list[PendaftaranOut] = Field(description="The enrollments, each explained")
    anggaran: list[AnggaranOut] = Field(description="Per OPD: budget used and what it could not cover")
    tidak_capai: list[TidakCapaiOut] = Field(description="Who stays below 20 JP, with every reason")
    sebaran: list[SebaranOut] = Field(description="The plan across units beside the need")
    keadilan: Keadilan | None = Field(description="The adverse-impact report of the selection")


class ProyeksiIpasn(BaseModel):
    """The IP ASN (Perban BKN 8/2019, shared/rules/ipasn.yaml) of the request's employees now and
    once the plan's enrollments are done (counted within today's measurement window): a projection."""

    kompetensi_sebelum: float = Field(description="The average kompetensi dimension (max 40) now")
    kompetensi_sesudah: float = Field(description="The same once the plan's enrollments are done")
    perubahan_kompetensi: float
    ipasn_sebelum: float = Field(description="The average index now")
    ipasn_sesudah: float
    orang_naik: int = Field(description="Employees whose kompetensi score rises")
    keterangan: str


class SkenarioOut(BaseModel):
    nama: str
    rencana: RingkasanRencana
    greedy: RingkasanRencana
    ipasn: ProyeksiIpasn = Field(description="The plan's effect on the IP ASN kompetensi dimension (a projection)")


class SkenarioRencanaOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": UNIT_ID,
                    "tahun": 2026,
                    "jumlah_pegawai": 5,
                    "skenario": [
                        {
                            "nama": "dasar",
                            "rencana": RINGKASAN_EXAMPLE,
                            "greedy": RINGKASAN_EXAMPLE,
                            "ipasn": {
                                "kompetensi_sebelum": 18.5,
                                "kompetensi_sesudah": 24.0,
                                "perubahan_kompetensi": 5.5,
                                "ipasn_sebelum": 66.2,
                                "ipasn_sesudah": 71.7,
                                "orang_naik": 2,
                                "keterangan": "Bila semua pendaftaran rencana selesai, 2 pegawai naik skor "
                                "kompetensinya; rata-rata dimensi kompetensi IP ASN dari 18.5 menjadi 24 (5.5).",
                            },
                        },
                    ],
                }
            ]
        }
    )

    unit_id: uuid.UUID | None
    tahun: int
    jumlah_pegawai: int
    skenario: list[SkenarioOut] = Field(description="In the order asked: the plan's and the greedy rule's figures")


class TerimaIn(RencanaIn):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"unit_id": UNIT_ID, "tahun": 2026, "alasan": "Rencana pelatihan 2026"}]},
    )

    faktor_anggaran: float | None = Field(
        None, ge=0, le=10, description="Plan with every OPD's budget left times this (a scenario's plan)"
    )
    alasan: Paragraph | None = Field(None, max_length=2000, description="The proposals' reason (default: the plan's)")


class UsulanRencana(BaseModel):
    opd_id: uuid.UUID
    angkatan_id: uuid.UUID
    nips: list[str]
    idempotency_key: str = Field(description="Derived from the plan: accepting it again creates nothing again")
    usulan_ids: list[uuid.UUID] = Field(description="The proposals pengembangan made (or made before, replayed)")


class SudahDiusulkan(BaseModel):
    nip: str
    angkatan_id: uuid.UUID


class TerimaOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": UNIT_ID,
                    "tahun": 2026,
                    "ringkasan": RINGKASAN_EXAMPLE,
                    "usulan": [
                        {
                            "opd_id": OPD_ID,
                            "angkatan_id": "6f1c1d2e-1111-4a4a-8b8b-000000000009",
                            "nips": ["199001152015031002"],
                            "idempotency_key": "rencana-pelatihan-3f1c9a0e5b7d4c2a8e6f1b3d5a7c9e0f2b4d6a8c",
                            "usulan_ids": ["6f1c1d2e-1111-4a4a-8b8b-00000000000a"],
                        }
                    ],
                    "jumlah_usulan": 1,
                    "tanpa_opd": [],
                    "sudah_diusulkan": [],
                }
            ]
        }
    )

    unit_id: uuid.UUID | None
    tahun: int
    ringkasan: RingkasanRencana = Field(description="The plan accepted")
    usulan: list[UsulanRencana] = Field(description="Per OPD and batch, the proposals made in pengembangan")
    jumlah_usulan: int
    tanpa_opd: list[str] = Field(description="NIPs enrolled by the plan whose unit has no OPD: not proposed")
    sudah_diusulkan: list[SudahDiusulkan] = Field(
        description="Enrollments of the plan already proposed (pending) or enrolled in that batch: not proposed again"
    )
