"""Request and answer shapes of the cadre school: cohorts and their members."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from pengembangan.katalog.schemas import KODE_ANGKATAN, Tanggal
from shared.types import NIP, Line, Paragraph, invalid

Status = Literal["seleksi", "berjalan", "selesai", "dibatalkan"]
Hasil = Literal["peserta", "lulus", "tidak_lulus", "mengundurkan_diri"]
ANGGOTA_MAX = 500  # members added in one request (a cohort is some tens)
STATUS = (
    "seleksi (members being selected), berjalan (running), selesai (finished: every member has an outcome), "
    "dibatalkan (cancelled)"
)
HASIL = (
    "peserta (taking part: the only outcome while members are selected), lulus (passed), tidak_lulus (failed), "
    "mengundurkan_diri (withdrew)"
)
KOHORT_EXAMPLE: dict[str, Any] = {
    "kode": "SKP-2026",
    "nama": "Sekolah Kader Pengawas Angkatan 2026",
    "tahun": 2026,
    "program_id": "5b0e2c1a-3d4f-5a6b-8c9d-0e1f2a3b4c5d",
    "tanggal_mulai": "2026-03-02",
    "tanggal_selesai": "2026-08-28",
    "keterangan": "Peserta hasil seleksi talenta 2025.",
}
KOHORT_OUT_EXAMPLE: dict[str, Any] = {
    **KOHORT_EXAMPLE,
    "id": "0c6f3a2e-9b1d-4e7a-8c5f-2d3e4f5a6b7c",
    "program_kode": "SEKOLAH-KADER-PENGAWAS",
    "program_nama": "Sekolah Kader Pengawas",
    "status": "berjalan",
    "jumlah_anggota": 20,
    "rekap": {"peserta": 18, "lulus": 0, "tidak_lulus": 0, "mengundurkan_diri": 2},
    "version": 3,
    "created_at": "2025-12-01T02:00:00Z",
    "updated_at": "2026-03-02T01:00:00Z",
}
ANGGOTA_OUT_EXAMPLE: dict[str, Any] = {
    "id": "4e2d1c0b-7a6f-4b3c-9d8e-1f2a3b4c5d6e",
    "kohort_id": KOHORT_OUT_EXAMPLE["id"],
    "nip": "198503122010011003",
    "nama_pegawai": "Rina Wati, S.Kom.",
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "hasil": "peserta",
    "keterangan": None,
    "version": 1,
    "created_at": "2025-12-10T02:00:00Z",
    "updated_at": "2025-12-10T02:00:00Z",
}


def _distinct(nips: list[str]) -> list[str]:
    twice = sorted({n for n in nips if nips.count(n) > 1})
    if twice:
        raise invalid("field.kader-nip-twice", nips=", ".join(twice[:5]))
    return nips


class KohortIn(BaseModel):
    """A new cohort starts in selection (seleksi): members are added, then it runs."""

    model_config = ConfigDict(json_schema_extra={"examples": [KOHORT_EXAMPLE]})

    kode: Line = Field(
        min_length=1,
        max_length=30,
        pattern=KODE_ANGKATAN,
        description="Unique code; never changes (capitals, digits, '.', '/', '_', '-')",
    )
    nama: Line = Field(min_length=3, max_length=200)
    tahun: int = Field(ge=2000, le=2100, description="The cohort's year")
    program_id: uuid.UUID | None = Field(
        None, description="The catalogue program it runs: one of a kind on the `kader` path (e.g. sekolah_kader)"
    )
    tanggal_mulai: Tanggal = Field(description="First day")
    tanggal_selesai: Tanggal = Field(description="Last day; not before the first")
    keterangan: Paragraph | None = Field(None, max_length=2000)


class KohortUpdate(BaseModel):
    """Only the fields sent change; `program_id: null` unlinks the program. The code never changes
    (sending it is refused). The status moves seleksi -> berjalan -> selesai, or either of the
    first two to dibatalkan; a finished or cancelled cohort no longer changes."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "berjalan"}]})

    nama: Line | None = Field(None, min_length=3, max_length=200)
    tahun: int | None = Field(None, ge=2000, le=2100)
    program_id: uuid.UUID | None = Field(None, description="The catalogue program it runs (kader path); null: none")
    tanggal_mulai: Tanggal | None = None
    tanggal_selesai: Tanggal | None = None
    status: Status | None = Field(None, description=STATUS)
    keterangan: Paragraph | None = Field(None, max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _fixed(cls, data: Any) -> Any:
        if isinstance(data, dict) and "kode" in data:
            raise invalid("field.kader-kode-fixed", field="kode")
        return data


class RekapHasil(BaseModel):
    """How many members of the cohort hold each outcome (counts, not people: shown to every reader)."""

    peserta: int
    lulus: int
    tidak_lulus: int
    mengundurkan_diri: int


class KohortOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [KOHORT_OUT_EXAMPLE]})

    id: uuid.UUID
    kode: str = Field(description="Unique code; never changes")
    nama: str
    tahun: int
    program_id: uuid.UUID | None
    program_kode: str | None = Field(description="Code of the program it runs")
    program_nama: str | None = Field(description="Name of the program it runs")
    tanggal_mulai: date
    tanggal_selesai: date
    status: Status = Field(description=STATUS)
    keterangan: str | None
    jumlah_anggota: int = Field(description="Members, all of them (whoever reads)")
    rekap: RekapHasil = Field(description="Members per outcome")
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the cohort")
    created_at: datetime
    updated_at: datetime


NipList = Annotated[
    list[NIP],
    Field(
        min_length=1, max_length=ANGGOTA_MAX, description=f"NIPs of the employees selected, each once (1-{ANGGOTA_MAX})"
    ),
    AfterValidator(_distinct),
]


class AnggotaIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": ["198503122010011003"]}]})

    nips: NipList


class AnggotaUpdate(BaseModel):
    """Only the fields sent change."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"hasil": "lulus", "keterangan": "Proyek perubahan terbaik."}]}
    )

    hasil: Hasil | None = Field(None, description=HASIL)
    keterangan: Paragraph | None = Field(None, max_length=2000)


class AnggotaOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [ANGGOTA_OUT_EXAMPLE]})

    id: uuid.UUID
    kohort_id: uuid.UUID
    nip: str
    nama_pegawai: str = Field(description="The employee's name as when added")
    unit_nama: str | None = Field(description="The employee's unit as when added")
    hasil: Hasil = Field(description=HASIL)
    keterangan: str | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the member")
    created_at: datetime
    updated_at: datetime


class AnggotaAdded(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ditambahkan": 1, "items": [ANGGOTA_OUT_EXAMPLE]}]})

    ditambahkan: int = Field(description="Members added")
    items: list[AnggotaOut] = Field(description="The members added, in the order of `nips`")
