from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.rules import load_golongan, load_jabatan, load_pendidikan


def check_jenis(value: str | None) -> str | None:
    if value is None:
        return None
    kinds = load_jabatan().kinds
    if value not in kinds:
        raise ValueError(f"unknown jenis jabatan '{value}'; use one of: {', '.join(kinds)}")
    return value


def check_pendidikan(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    level = load_pendidikan().resolve(value)
    if level is None:
        raise ValueError(f"unknown education level '{value}'; use one of: {', '.join(load_pendidikan().levels)}")
    return level.code


def check_golongan(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    grade = load_golongan().get(value)
    if grade is None:
        raise ValueError(f"unknown golongan '{value}'; PNS use I/a..IV/e, PPPK use I..XVII")
    return grade.code


class JabatanBase(BaseModel):
    nama: str = Field(min_length=1, max_length=300)
    jenis: str = Field(description="Kind of position (jenis jabatan), e.g. pelaksana, ahli_muda, administrator")
    kelas_jabatan: int = Field(ge=1, le=17)
    rumpun: str | None = Field(None, max_length=100, description="Job family")
    unit_id: uuid.UUID
    kebutuhan: int = Field(0, ge=0, le=100000, description="Required headcount from workload analysis (ABK)")
    uraian_tugas: list[str] = Field(default_factory=list, description="Task list")
    hasil_kerja: list[str] = Field(default_factory=list, description="Main outputs")
    syarat_pendidikan_min: str | None = None
    syarat_golongan_min: str | None = None
    keterangan: str | None = None

    _jenis = field_validator("jenis")(check_jenis)
    _pend = field_validator("syarat_pendidikan_min")(check_pendidikan)
    _gol = field_validator("syarat_golongan_min")(check_golongan)


class JabatanCreate(JabatanBase):
    kode: str = Field(min_length=1, max_length=50, pattern=r"^\S+$")


class JabatanUpdate(BaseModel):
    kode: str | None = Field(None, min_length=1, max_length=50, pattern=r"^\S+$")
    nama: str | None = Field(None, min_length=1, max_length=300)
    jenis: str | None = None
    kelas_jabatan: int | None = Field(None, ge=1, le=17)
    rumpun: str | None = Field(None, max_length=100)
    unit_id: uuid.UUID | None = None
    kebutuhan: int | None = Field(None, ge=0, le=100000)
    uraian_tugas: list[str] | None = None
    hasil_kerja: list[str] | None = None
    syarat_pendidikan_min: str | None = None
    syarat_golongan_min: str | None = None
    keterangan: str | None = None

    _jenis = field_validator("jenis")(check_jenis)
    _pend = field_validator("syarat_pendidikan_min")(check_pendidikan)
    _gol = field_validator("syarat_golongan_min")(check_golongan)


class JabatanOut(JabatanBase):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kode: str
    version: int
    created_at: datetime
    updated_at: datetime


class JabatanLookup(BaseModel):
    ids: list[uuid.UUID] = Field(min_length=1, max_length=10000)


class JabatanLookupOut(BaseModel):
    items: list[JabatanOut]
    missing: list[uuid.UUID]

