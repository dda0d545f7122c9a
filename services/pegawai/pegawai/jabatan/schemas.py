"""Request and answer shapes of positions (jabatan)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from shared.types import Golongan, JenisJabatan, Line, Paragraph, Pendidikan

KODE = r"^\S+$"
Task = Annotated[Paragraph, Field(min_length=1, max_length=1000)]

EXAMPLE: dict[str, Any] = {
    "kode": "DINKES-J001",
    "nama": "Perawat Ahli Pertama",
    "jenis": "ahli_pertama",
    "kelas_jabatan": 8,
    "rumpun": "kesehatan",
    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
    "kebutuhan": 4,
    "uraian_tugas": ["Melakukan asuhan keperawatan", "Menyusun laporan"],
    "hasil_kerja": ["Laporan asuhan keperawatan"],
    "syarat_pendidikan_min": "S1",
    "syarat_golongan_min": "III/a",
}


class JabatanFields(BaseModel):
    nama: Line = Field(min_length=1, max_length=300)
    jenis: JenisJabatan = Field(description="Kind of position (jenis jabatan), e.g. pelaksana, ahli_muda")
    kelas_jabatan: int = Field(ge=1, le=17)
    rumpun: Line | None = Field(None, max_length=100, description="Job family")
    unit_id: uuid.UUID
    kebutuhan: int = Field(0, ge=0, le=100000, description="Required headcount from workload analysis (ABK)")
    uraian_tugas: list[Task] = Field(default_factory=list, max_length=50, description="Task list")
    hasil_kerja: list[Task] = Field(default_factory=list, max_length=50, description="Main outputs")
    syarat_pendidikan_min: Pendidikan = None
    syarat_golongan_min: Golongan = None
    keterangan: Paragraph | None = Field(None, max_length=4000)


class JabatanCreate(JabatanFields):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    kode: Line = Field(min_length=1, max_length=50, pattern=KODE)


class JabatanUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"kebutuhan": 5, "nama": "Perawat Ahli Pertama"}]})

    kode: Line | None = Field(None, min_length=1, max_length=50, pattern=KODE)
    nama: Line | None = Field(None, min_length=1, max_length=300)
    jenis: JenisJabatan | None = None
    kelas_jabatan: int | None = Field(None, ge=1, le=17)
    rumpun: Line | None = Field(None, max_length=100)
    unit_id: uuid.UUID | None = None
    kebutuhan: int | None = Field(None, ge=0, le=100000)
    uraian_tugas: list[Task] | None = Field(None, max_length=50)
    hasil_kerja: list[Task] | None = Field(None, max_length=50)
    syarat_pendidikan_min: Pendidikan = None
    syarat_golongan_min: Golongan = None
    keterangan: Paragraph | None = Field(None, max_length=4000)


class JabatanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    kelas_jabatan: int
    rumpun: str | None
    unit_id: uuid.UUID
    kebutuhan: int
    uraian_tugas: list[str]
    hasil_kerja: list[str]
    syarat_pendidikan_min: str | None
    syarat_golongan_min: str | None
    keterangan: str | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the position")
    created_at: datetime
    updated_at: datetime


class JabatanLookup(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ids": ["6f1c1d2e-2222-4a4a-8b8b-000000000002"]}]})

    ids: list[uuid.UUID] = Field(min_length=1, max_length=10000)


class JabatanLookupOut(BaseModel):
    items: list[JabatanOut]
    missing: list[uuid.UUID] = Field(description="Ids not found in the caller's scope")
