"""Request and answer shapes of enrollment: participants, their status and outcome."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from pengembangan.katalog.schemas import KodeKompetensi
from shared.types import Paragraph, invalid

HASIL_MAX = 20  # as many as a program develops
StatusPeserta = Literal["terdaftar", "hadir", "lulus", "tidak_lulus", "batal"]
STATUS = (
    "terdaftar (registered), hadir (attended), lulus (passed), tidak_lulus (failed), batal (cancelled: holds no "
    "seat, commits nothing). registered -> attended -> passed or failed; registered or attended -> cancelled"
)


class HasilKompetensi(BaseModel):
    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [{"kode_kompetensi": "TEK-KESEHATAN-01", "level": 3}]}
    )

    kode_kompetensi: KodeKompetensi
    level: int = Field(ge=1, le=5, description="The level the competency test found, 1-5")


def _distinct(items: list[HasilKompetensi]) -> list[HasilKompetensi]:
    codes = [h.kode_kompetensi for h in items]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise invalid("field.program-kompetensi-twice", codes=", ".join(twice))
    return items


PESERTA_EXAMPLE: dict[str, Any] = {
    "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    "usulan_id": "2d4f6a8c-1b3e-4d5f-8a9b-0c1d2e3f4a5b",
    "angkatan_id": "8c2e1a4b-6d7f-4a1e-b3c5-2f9e8d7c6b54",
    "angkatan_kode": "2026-02",
    "program_id": "5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21",
    "program_kode": "BIMTEK-ASKEP-01",
    "program_nama": "Bimbingan Teknis Asuhan Keperawatan Dasar",
    "jp": 32,
    "tanggal_mulai": "2026-12-07",
    "tanggal_selesai": "2026-12-10",
    "nip": "198503122010011003",
    "nama_pegawai": "Ns. Eka Putri, S.Kep.",
    "opd_id": "3f6c2a1e-8b7d-4c5e-9f0a-1b2c3d4e5f60",
    "tahun_anggaran": 2026,
    "biaya": 6250000,
    "status": "lulus",
    "hasil": [{"kode_kompetensi": "TEK-KESEHATAN-01", "level": 3}],
    "alasan_batal": None,
    "version": 4,
    "created_at": "2026-11-20T03:00:00Z",
    "updated_at": "2026-12-11T03:00:00Z",
}


class PesertaOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [PESERTA_EXAMPLE]})

    id: uuid.UUID
    usulan_id: uuid.UUID = Field(description="The approved proposal that enrolled the employee")
    angkatan_id: uuid.UUID
    angkatan_kode: str
    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    jp: int = Field(description="Hours of development (JP) the program gives")
    tanggal_mulai: date
    tanggal_selesai: date
    nip: str
    nama_pegawai: str | None
    opd_id: uuid.UUID = Field(description="The OPD whose budget pays")
    tahun_anggaran: int = Field(description="The budget year charged (the year the batch starts)")
    biaya: int = Field(description="Rupiah committed: the program's cost and travel per participant when approved")
    status: str = Field(description=STATUS)
    hasil: list[HasilKompetensi] | None = Field(description="Competency test results of a pass")
    alasan_batal: str | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the status")
    created_at: datetime
    updated_at: datetime


class StatusIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"status": "hadir"},
                {"status": "lulus", "hasil": [{"kode_kompetensi": "TEK-KESEHATAN-01", "level": 3}]},
            ]
        }
    )

    status: Literal["hadir", "lulus", "tidak_lulus"] = Field(
        description="hadir (attended) after terdaftar; lulus (passed) or tidak_lulus (failed) after hadir"
    )
    hasil: Annotated[list[HasilKompetensi], AfterValidator(_distinct)] | None = Field(
        None,
        max_length=HASIL_MAX,
        description="With lulus only: competency test results, each a competency the program develops",
    )

    @model_validator(mode="after")
    def _hasil_only_passing(self) -> StatusIn:
        if self.hasil is not None and self.status != "lulus":
            raise invalid("field.peserta-hasil-only-lulus", status=self.status)
        return self


class BatalIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"alasan": "Pegawai yang bersangkutan mutasi ke instansi lain."}]}
    )

    alasan: Paragraph = Field(min_length=3, max_length=2000, description="Why the enrollment is cancelled")
