"""Request and answer shapes of self-service requests and of the batches that fit an employee."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.types import Paragraph

StatusPermintaan = Literal["diajukan", "diteruskan", "ditolak"]
STATUS = (
    "diajukan (asked, awaiting the OPD admin), diteruskan (turned into a proposal, usulan_id), ditolak (declined, "
    "alasan_tolak)"
)
FIT = (
    "A batch fits when its program develops a competency that the standard of the employee's position requires "
    "(kompetensi_sesuai); of those, mengisi_gap names the ones the employee holds below the required level (or has "
    "never been assessed in) and the program brings above what it holds."
)
ANGKATAN_ID = "8c2e1a4b-6d7f-4a1e-b3c5-2f9e8d7c6b54"


class PermintaanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"angkatan_id": ANGKATAN_ID, "alasan": "Saya belum pernah mengikuti pelatihan asuhan keperawatan."}
            ]
        }
    )

    angkatan_id: uuid.UUID = Field(description="An open batch (dibuka) with seats that fits the caller's job")
    alasan: Paragraph | None = Field(None, max_length=2000, description="Why the employee asks to join")


OUT_EXAMPLE: dict[str, Any] = {
    "id": "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b",
    "angkatan_id": ANGKATAN_ID,
    "angkatan_kode": "2026-02",
    "program_id": "5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21",
    "program_kode": "BIMTEK-ASKEP-01",
    "program_nama": "Bimbingan Teknis Asuhan Keperawatan Dasar",
    "tanggal_mulai": "2026-12-07",
    "nip": "198503122010011003",
    "nama_pegawai": "Ns. Eka Putri, S.Kep.",
    "status": "diteruskan",
    "alasan": "Saya belum pernah mengikuti pelatihan asuhan keperawatan.",
    "kompetensi_sesuai": ["TEK-KESEHATAN-01"],
    "mengisi_gap": ["TEK-KESEHATAN-01"],
    "usulan_id": "2d4f6a8c-1b3e-4d5f-8a9b-0c1d2e3f4a5b",
    "alasan_tolak": None,
    "diputuskan_oleh": "admin-dinkes",
    "diputuskan_pada": "2026-11-19T02:00:00Z",
    "version": 2,
    "created_at": "2026-11-18T01:00:00Z",
    "updated_at": "2026-11-19T02:00:00Z",
}


class PermintaanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    angkatan_id: uuid.UUID
    angkatan_kode: str
    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    tanggal_mulai: date
    nip: str
    nama_pegawai: str | None
    status: str = Field(description=STATUS)
    alasan: str | None = Field(description="Why the employee asks")
    kompetensi_sesuai: list[str] = Field(description="The program's competencies the job requires, when asked")
    mengisi_gap: list[str] = Field(description="Of those, the ones the employee fell short in, when asked")
    usulan_id: uuid.UUID | None = Field(description="The proposal it became")
    alasan_tolak: str | None
    diputuskan_oleh: str | None
    diputuskan_pada: datetime | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to decide")
    created_at: datetime
    updated_at: datetime


class TeruskanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{}, {"alasan": "Diusulkan sesuai kebutuhan pengembangan bidang."}]}
    )

    opd_id: uuid.UUID | None = Field(
        None,
        description="The OPD proposing, whose budget pays: an OPD admin's own (the default); admin_bkpsdm names it",
    )
    alasan: Paragraph | None = Field(
        None, max_length=2000, description="The proposal's reason (default: the employee's own)"
    )


class TolakPermintaanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"alasan": "Tahun ini diprioritaskan untuk pegawai yang belum pernah ikut."}]}
    )

    alasan: Paragraph = Field(min_length=3, max_length=2000, description="Why the request is declined")


SESUAI_EXAMPLE: dict[str, Any] = {
    "angkatan_id": ANGKATAN_ID,
    "angkatan_kode": "2026-02",
    "program_id": "5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21",
    "program_kode": "BIMTEK-ASKEP-01",
    "program_nama": "Bimbingan Teknis Asuhan Keperawatan Dasar",
    "jenis": "bimtek",
    "jp": 32,
    "tanggal_mulai": "2026-12-07",
    "tanggal_selesai": "2026-12-10",
    "tempat": "Bapelkes Makassar",
    "daring": False,
    "sisa_kursi": 12,
    "biaya_total_per_peserta": 6250000,
    "kompetensi_sesuai": ["TEK-KESEHATAN-01"],
    "mengisi_gap": ["TEK-KESEHATAN-01"],
}


class AngkatanSesuaiOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [SESUAI_EXAMPLE]})

    angkatan_id: uuid.UUID
    angkatan_kode: str
    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    jenis: str = Field(description="Kind of development")
    jp: int
    tanggal_mulai: date
    tanggal_selesai: date
    tempat: str | None
    daring: bool
    sisa_kursi: int = Field(description="Seats left")
    biaya_total_per_peserta: int
    kompetensi_sesuai: list[str] = Field(description="The program's competencies the job's standard requires")
    mengisi_gap: list[str] = Field(description="Of them, those the employee falls short in")
