from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.nip import InvalidNIP, validate_nip

Metode = Literal["assessment_center", "uji_kompetensi", "penilaian_atasan", "hasil_pelatihan", "portofolio"]


def _nip(value: str) -> str:
    try:
        return validate_nip(value)
    except InvalidNIP as exc:
        raise ValueError(str(exc)) from exc


def _not_future(value: date) -> date:
    if value > date.today():
        raise ValueError(f"the assessment date {value} is in the future")
    if value < date(1990, 1, 1):
        raise ValueError(f"the assessment date {value} is implausibly old")
    return value


class AsesmenIn(BaseModel):
    nip: str
    kompetensi_kode: str = Field(min_length=1, max_length=30)
    level: int = Field(ge=1, le=5, description="Level reached, 1-5")
    tanggal: date
    metode: Metode
    asesor: str | None = Field(None, max_length=200)
    bukti: str | None = Field(None, max_length=500, description="Evidence reference")
    koreksi_dari: uuid.UUID | None = Field(None, description="The assessment this record corrects")
    keterangan: str | None = Field(None, max_length=2000)

    _nip = field_validator("nip")(_nip)
    _date = field_validator("tanggal")(_not_future)


class AsesmenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    nip: str
    kompetensi_id: uuid.UUID
    kompetensi_kode: str
    level: int
    tanggal: date
    metode: str
    asesor: str | None
    bukti: str | None
    koreksi_dari: uuid.UUID | None
    dikoreksi: bool = Field(False, description="A later record corrects this one")
    keterangan: str | None
    sumber: str | None
    dicatat_oleh: str
    created_at: datetime


class HasilPelatihanItem(BaseModel):
    nip: str
    kompetensi_kode: str = Field(min_length=1, max_length=30)
    level: int = Field(ge=1, le=5)
    tanggal: date
    bukti: str | None = Field(None, max_length=500)

    _nip = field_validator("nip")(_nip)
    _date = field_validator("tanggal")(_not_future)


class HasilPelatihanIn(BaseModel):
    sumber: str = Field(min_length=1, max_length=200, description="Originating system and record, e.g. pengembangan/batch/42")
    hasil: list[HasilPelatihanItem] = Field(min_length=1, max_length=1000)


class HasilPelatihanOut(BaseModel):
    dicatat: int
    ids: list[uuid.UUID]


class ProfilItem(BaseModel):
    kompetensi_id: uuid.UUID
    kompetensi_kode: str
    nama: str
    jenis: str
    level: int
    tanggal: date
    metode: str
    asesmen_id: uuid.UUID
    kedaluwarsa: bool = Field(description="Older than the validity period: reassess")


class Profil(BaseModel):
    nip: str
    masa_berlaku_tahun: int
    items: list[ProfilItem]


class ProfilBulkIn(BaseModel):
    nips: list[str] = Field(min_length=1, max_length=1000)


class ProfilBulkOut(BaseModel):
    items: list[Profil]
    missing: list[str]
