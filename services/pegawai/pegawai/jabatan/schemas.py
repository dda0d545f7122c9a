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
    "atasan_jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000001",
    "kunci": False,
}
OUT_EXAMPLE: dict[str, Any] = {
    "id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
    **EXAMPLE,
    "keterangan": None,
    "version": 2,
    "created_at": "2024-01-15T08:00:00+00:00",
    "updated_at": "2026-02-03T10:21:44.105000+00:00",
}
KELAS = "Kelas jabatan: the position's grade 1-17 from job evaluation (sets the allowance)"
RUMPUN = "Rumpun jabatan: the job family, e.g. kesehatan, pendidikan, keuangan"
KEBUTUHAN = "Required headcount from the workload analysis (ABK, analisis beban kerja)"
PENDIDIKAN_MIN = "Minimum education level required to hold the position"
GOLONGAN_MIN = "Minimum golongan (civil-service grade) required to hold the position"
KUNCI = (
    "A key position (jabatan kunci) the talent map plans successors for, besides the structural ones (JPT, "
    "administrator, pengawas), which are key by their kind"
)
ATASAN = (
    "The position this one reports to (jabatan atasan): its serving holder supervises this position's holders "
    "(when it has none, the holder of the next position up the chain). Within your reach; no cycles"
)


class JabatanFields(BaseModel):
    nama: Line = Field(min_length=1, max_length=300)
    jenis: JenisJabatan = Field(description="Kind of position (jenis jabatan), e.g. pelaksana, ahli_muda")
    kelas_jabatan: int = Field(ge=1, le=17, description=KELAS)
    rumpun: Line | None = Field(None, max_length=100, description=RUMPUN)
    unit_id: uuid.UUID = Field(description="The organisation unit the position belongs to")
    kebutuhan: int = Field(0, ge=0, le=100000, description=KEBUTUHAN)
    uraian_tugas: list[Task] = Field(default_factory=list, max_length=50, description="Uraian tugas: the task list")
    hasil_kerja: list[Task] = Field(default_factory=list, max_length=50, description="Hasil kerja: the main outputs")
    syarat_pendidikan_min: Pendidikan = Field(None, description=PENDIDIKAN_MIN)
    syarat_golongan_min: Golongan = Field(None, description=GOLONGAN_MIN)
    keterangan: Paragraph | None = Field(None, max_length=4000, description="Free notes")
    atasan_jabatan_id: uuid.UUID | None = Field(None, description=ATASAN)
    kunci: bool = Field(False, description=KUNCI)


class JabatanCreate(JabatanFields):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    kode: Line = Field(min_length=1, max_length=50, pattern=KODE, description="Unique code of the position, no spaces")


class JabatanUpdate(BaseModel):
    """Only the fields sent change."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kebutuhan": 5, "nama": "Perawat Ahli Pertama"},
                {"atasan_jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000001"},
            ]
        }
    )

    kode: Line | None = Field(None, min_length=1, max_length=50, pattern=KODE)
    nama: Line | None = Field(None, min_length=1, max_length=300)
    jenis: JenisJabatan | None = Field(None, description="Kind of position (jenis jabatan)")
    kelas_jabatan: int | None = Field(None, ge=1, le=17, description=KELAS)
    rumpun: Line | None = Field(None, max_length=100, description=RUMPUN)
    unit_id: uuid.UUID | None = Field(None, description="Move the position (and its holders) to this unit")
    kebutuhan: int | None = Field(None, ge=0, le=100000, description=KEBUTUHAN)
    uraian_tugas: list[Task] | None = Field(None, max_length=50, description="Uraian tugas: the task list (replaced)")
    hasil_kerja: list[Task] | None = Field(None, max_length=50, description="Hasil kerja: the main outputs (replaced)")
    syarat_pendidikan_min: Pendidikan = Field(None, description=PENDIDIKAN_MIN)
    syarat_golongan_min: Golongan = Field(None, description=GOLONGAN_MIN)
    keterangan: Paragraph | None = Field(None, max_length=4000, description="Free notes")
    atasan_jabatan_id: uuid.UUID | None = Field(None, description=f"{ATASAN}; null: reports to no position")
    kunci: bool | None = Field(None, description=KUNCI)


class JabatanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    kode: str = Field(description="Unique code of the position")
    nama: str
    jenis: str = Field(description="Kind of position (jenis jabatan), e.g. pelaksana, ahli_muda")
    kelas_jabatan: int = Field(description=KELAS)
    rumpun: str | None = Field(description=RUMPUN)
    unit_id: uuid.UUID = Field(description="The organisation unit the position belongs to")
    kebutuhan: int = Field(description=KEBUTUHAN)
    uraian_tugas: list[str] = Field(description="Uraian tugas: the task list")
    hasil_kerja: list[str] = Field(description="Hasil kerja: the main outputs")
    syarat_pendidikan_min: str | None = Field(description=PENDIDIKAN_MIN)
    syarat_golongan_min: str | None = Field(description=GOLONGAN_MIN)
    keterangan: str | None = Field(description="Free notes")
    atasan_jabatan_id: uuid.UUID | None = Field(description=ATASAN)
    kunci: bool = Field(description=KUNCI)
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the position")
    created_at: datetime
    updated_at: datetime


class JabatanLookup(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ids": ["6f1c1d2e-2222-4a4a-8b8b-000000000002"]}]})

    ids: list[uuid.UUID] = Field(min_length=1, max_length=10000, description="Ids of the positions, up to 10,000")


class JabatanLookupOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [OUT_EXAMPLE], "missing": ["6f1c1d2e-2222-4a4a-8b8b-000000000009"]}]}
    )

    items: list[JabatanOut] = Field(description="The positions found")
    missing: list[uuid.UUID] = Field(description="Ids not found in the caller's scope")


class JabatanRingkas(BaseModel):
    """What placement reads of a position, compact, with its serving holders."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": OUT_EXAMPLE["id"],
                    **{k: EXAMPLE[k] for k in ("kode", "nama", "jenis", "kelas_jabatan", "rumpun", "unit_id")},
                    "unit_nama": "Bidang Pelayanan Kesehatan",
                    "kebutuhan": 4,
                    "bezetting": 3,
                    "syarat_pendidikan_min": "S1",
                    "syarat_golongan_min": "III/a",
                    "kunci": False,
                }
            ]
        }
    )

    id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    kelas_jabatan: int = Field(description=KELAS)
    rumpun: str | None = Field(description=RUMPUN)
    unit_id: uuid.UUID
    unit_nama: str
    kebutuhan: int = Field(description=KEBUTUHAN)
    bezetting: int = Field(description="Serving employees holding it now")
    syarat_pendidikan_min: str | None
    syarat_golongan_min: str | None
    kunci: bool = Field(description=KUNCI)


class RekapJabatan(BaseModel):
    """The positions of a unit's subtree (or all within reach) counted for the peta jabatan."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": None,
                    "jumlah_jabatan": 120,
                    "dengan_anjab": 96,
                    "dengan_kelas": 120,
                    "dengan_kebutuhan": 110,
                    "kebutuhan": 640,
                    "bezetting": 598,
                    "terisi": 571,
                }
            ]
        }
    )

    unit_id: uuid.UUID | None = Field(description="The unit asked for (null: every position within reach)")
    jumlah_jabatan: int = Field(description="Positions counted")
    dengan_anjab: int = Field(description="With uraian tugas, hasil kerja and a required headcount recorded")
    dengan_kelas: int = Field(description="With a kelas jabatan")
    dengan_kebutuhan: int = Field(description="With a required headcount above zero")
    kebutuhan: int = Field(description="Seats needed: the sum of kebutuhan")
    bezetting: int = Field(description="Serving holders of the positions")
    terisi: int = Field(description="Seats filled: each position's serving holders counted up to its kebutuhan")
