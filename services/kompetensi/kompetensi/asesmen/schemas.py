"""Request and answer shapes of assessments and competency profiles."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from shared.types import NIP, Line, Paragraph, invalid

Metode = Literal["assessment_center", "uji_kompetensi", "penilaian_atasan", "hasil_pelatihan", "portofolio"]
# Competency assessment of ASN in this form began with PermenPAN-RB 38/2017's predecessors.
EARLIEST = date(1990, 1, 1)


def _not_future(value: date) -> date:
    if value > date.today():
        raise invalid("asesmen-date-future", value=value.isoformat())
    if value < EARLIEST:
        raise invalid("asesmen-date-old", value=value.isoformat())
    return value


AsesmenDate = Annotated[date, AfterValidator(_not_future)]
EXAMPLE_NIP = "198503122010011003"


class AsesmenIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"nip": EXAMPLE_NIP, "kompetensi_kode": "INT", "level": 3, "tanggal": "2025-05-20",
                                         "metode": "assessment_center", "asesor": "UPT Penilaian Kompetensi"}]}
    )

    nip: NIP
    kompetensi_kode: Line = Field(min_length=1, max_length=30)
    level: int = Field(ge=1, le=5, description="Level reached, 1-5")
    tanggal: AsesmenDate
    metode: Metode
    asesor: Line | None = Field(None, max_length=200)
    bukti: Line | None = Field(None, max_length=500, description="Evidence reference")
    koreksi_dari: uuid.UUID | None = Field(None, description="The assessment this record corrects")
    keterangan: Paragraph | None = Field(None, max_length=2000)


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
    nip: NIP
    kompetensi_kode: Line = Field(min_length=1, max_length=30)
    level: int = Field(ge=1, le=5)
    tanggal: AsesmenDate
    bukti: Line | None = Field(None, max_length=500)


class HasilPelatihanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"sumber": "pengembangan/angkatan/42", "hasil": [
            {"nip": EXAMPLE_NIP, "kompetensi_kode": "TEK-KES-01", "level": 3, "tanggal": "2025-06-30", "bukti": "SERT-42"}]}]}
    )

    sumber: Line = Field(min_length=1, max_length=200, description="Originating system and record, e.g. pengembangan/batch/42")
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
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP]}]})

    nips: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=1000)


class ProfilBulkOut(BaseModel):
    items: list[Profil]
    missing: list[str]
