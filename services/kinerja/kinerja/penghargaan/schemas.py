"""Request and answer shapes of awards."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from shared.rules import load_penghargaan
from shared.types import NIP, Line, Paragraph, invalid

EARLIEST = date(1950, 1, 1)


def _jenis(value: Any) -> str:
    kinds = load_penghargaan().kinds
    if not isinstance(value, str) or value not in kinds:
        raise invalid("field.penghargaan-jenis-unknown", value=str(value)[:40], allowed=", ".join(kinds))
    return value


def _past(value: date) -> date:
    if value > date.today() or value < EARLIEST:
        raise invalid("field.date-not-past", value=value.isoformat())
    return value


JenisPenghargaan = Annotated[
    str,
    BeforeValidator(_jenis),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(load_penghargaan().kinds),
            "description": "Kind of award (shared/rules/penghargaan.yaml)",
        }
    ),
]
PastDate = Annotated[date, AfterValidator(_past)]
EXAMPLE: dict[str, Any] = {
    "nip": "198503122010011003",
    "jenis": "slks_x",
    "tanggal": "2025-08-17",
    "nomor_sk": "KEPPRES 75/TK/2025",
    "pemberi": "Presiden Republik Indonesia",
    "diumumkan": True,
}
OUT_EXAMPLE: dict[str, Any] = {
    **EXAMPLE,
    "id": "0c2f4a8e-1b1d-4c55-9a7e-6b0f3e2d1a01",
    "jenis_nama": "Satyalancana Karya Satya X Tahun",
    "keterangan": None,
    "nama_pegawai": "Rina Wati, S.Kom.",
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "version": 1,
    "created_at": "2025-08-20T02:00:00Z",
    "updated_at": "2025-08-20T02:00:00Z",
}


class PenghargaanIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    nip: NIP = Field(description="NIP of the employee awarded")
    jenis: JenisPenghargaan
    tanggal: PastDate = Field(description="Date of the award")
    nomor_sk: Line = Field(min_length=1, max_length=100, description="Number of the decree (surat keputusan)")
    pemberi: Line | None = Field(None, max_length=200, description="Who awarded it")
    keterangan: Paragraph | None = Field(None, max_length=2000)
    diumumkan: bool = Field(False, description="Show it on the public feed (name, unit and award only)")


class PenghargaanUpdate(BaseModel):
    """Only the fields sent change; the employee does not (record a new award instead)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"diumumkan": True}]})

    jenis: JenisPenghargaan | None = None
    tanggal: PastDate | None = None
    nomor_sk: Line | None = Field(None, min_length=1, max_length=100)
    pemberi: Line | None = Field(None, max_length=200)
    keterangan: Paragraph | None = Field(None, max_length=2000)
    diumumkan: bool | None = None


class PenghargaanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    nip: str
    jenis: str = Field(description="Kind of award")
    jenis_nama: str = Field(description="Name of the kind")
    tanggal: date
    nomor_sk: str
    pemberi: str | None
    keterangan: str | None
    diumumkan: bool = Field(description="Shown on the public feed")
    nama_pegawai: str = Field(description="The employee's name as when the award was recorded")
    unit_nama: str | None = Field(description="The employee's unit as when the award was recorded")
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the record")
    created_at: datetime
    updated_at: datetime


class PenghargaanPublik(BaseModel):
    """What the public feed shows of an announced award: name, unit and award, nothing more."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nama": "Rina Wati, S.Kom.",
                    "unit": "Bidang Pelayanan Kesehatan",
                    "penghargaan": "Satyalancana Karya Satya X Tahun",
                    "tanggal": "2025-08-17",
                }
            ]
        }
    )

    nama: str
    unit: str | None
    penghargaan: str = Field(description="Name of the kind of award")
    tanggal: date
