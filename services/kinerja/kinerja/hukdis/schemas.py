"""Request and answer shapes of disciplinary sanctions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from shared.rules import load_hukdis
from shared.types import NIP, Line, Paragraph, invalid

Tingkat = Literal["ringan", "sedang", "berat"]
EARLIEST = date(1980, 1, 1)


def _jenis(value: Any) -> str:
    kinds = load_hukdis().kinds
    if not isinstance(value, str) or value.upper() not in kinds:
        raise invalid("field.hukdis-jenis-unknown", value=str(value)[:20], allowed=", ".join(kinds))
    return value.upper()


def _plausible(value: date) -> date:
    if value < EARLIEST or value.year > 2100:
        raise invalid("field.date-out-of-range", value=value.isoformat())
    return value


JenisHukdis = Annotated[
    str,
    BeforeValidator(_jenis),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(load_hukdis().kinds),
            "description": "Kind of sanction of PP 94/2021 (shared/rules/hukdis.yaml): R1-R3 ringan, S1-S3 sedang, "
            "B1-B3 berat",
        }
    ),
]
Tanggal = Annotated[date, AfterValidator(_plausible)]
EXAMPLE: dict[str, Any] = {
    "nip": "198503122010011003",
    "tingkat": "sedang",
    "jenis": "S1",
    "nomor_sk": "800/123/BKPSDM/2025",
    "tanggal_sk": "2025-03-03",
    "tmt": "2025-04-01",
    "alasan": "Tidak masuk kerja tanpa alasan yang sah selama 12 hari kerja dalam satu tahun.",
}
OUT_EXAMPLE: dict[str, Any] = {
    **EXAMPLE,
    "id": "4d1f7f0e-2c3b-4a8e-8f6e-2a9b5c7d1e02",
    "jenis_nama": "Pemotongan tunjangan kinerja 25% selama 6 bulan",
    "tanggal_selesai": "2025-09-30",
    "diumumkan_internal": False,
    "nama_pegawai": "Rina Wati, S.Kom.",
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "version": 1,
    "created_at": "2025-03-04T02:00:00Z",
    "updated_at": "2025-03-04T02:00:00Z",
}


class HukumanDisiplinIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    nip: NIP = Field(description="NIP of the employee sanctioned")
    tingkat: Tingkat = Field(description="Level: ringan, sedang or berat")
    jenis: JenisHukdis
    nomor_sk: Line = Field(min_length=1, max_length=100, description="Number of the decree")
    tanggal_sk: Tanggal = Field(description="Date of the decree")
    tmt: Tanggal = Field(description="The day it takes effect; not before the decree")
    alasan: Paragraph | None = Field(None, max_length=4000, description="The breach of discipline")
    diumumkan_internal: bool = Field(
        False, description="Announce it to the signed-in employees of the instansi (never on the public feed)"
    )


class HukumanDisiplinUpdate(BaseModel):
    """Only the fields sent change; the level and kind are corrected together."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"nomor_sk": "800/124/BKPSDM/2025"}]})

    tingkat: Tingkat | None = None
    jenis: JenisHukdis | None = None
    nomor_sk: Line | None = Field(None, min_length=1, max_length=100)
    tanggal_sk: Tanggal | None = None
    tmt: Tanggal | None = None
    alasan: Paragraph | None = Field(None, max_length=4000)
    diumumkan_internal: bool | None = None


class HukumanDisiplinOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    nip: str
    tingkat: str
    jenis: str
    jenis_nama: str = Field(description="What the sanction is")
    nomor_sk: str
    tanggal_sk: date
    tmt: date
    tanggal_selesai: date | None = Field(
        description="Last day it runs (from the kind's duration); null when it ends the employment"
    )
    alasan: str | None
    diumumkan_internal: bool
    nama_pegawai: str
    unit_nama: str | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the record")
    created_at: datetime
    updated_at: datetime


class AktifIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"nips": ["198503122010011003", "199001012015032001"], "tanggal": "2025-06-01"}]
        }
    )

    nips: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=10_000)
    tanggal: Tanggal | None = Field(None, description="The day asked about; today when absent")
    dari_pegawai: bool = Field(
        False,
        description="The NIPs are pegawai's answer to the caller (e.g. the gateway's placement, which has just "
        "listed them): from a caller that reaches every employee kinerja takes them as found and does not ask "
        "pegawai again; anyone else's reach is still pegawai's answer to its token.",
    )


class AktifItem(BaseModel):
    nip: str
    aktif: list[HukumanDisiplinOut] = Field(description="Sanctions running on the day")


class AktifOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tanggal": "2025-06-01",
                    "items": [{"nip": "198503122010011003", "aktif": [OUT_EXAMPLE]}],
                    "missing": [],
                }
            ]
        }
    )

    tanggal: date
    items: list[AktifItem] = Field(description="Every NIP asked about within reach, with its running sanctions")
    missing: list[str] = Field(description="NIPs not found or out of the caller's reach")


class TerberatIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"nips": ["198503122010011003"], "dari": "2025-03-02", "sampai": "2026-03-01"}]}
    )

    nips: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=10_000)
    dari: Tanggal = Field(description="The window's first day (TMT on or after it)")
    sampai: Tanggal = Field(description="The window's last day (TMT on or before it)")

    @model_validator(mode="after")
    def _ordered(self) -> TerberatIn:
        if self.dari > self.sampai:
            raise invalid("field.hukdis-window-inverted", dari=self.dari.isoformat(), sampai=self.sampai.isoformat())
        return self


class RincianTerberat(BaseModel):
    id: uuid.UUID
    jenis: str
    jenis_nama: str
    nomor_sk: str
    tanggal_sk: date
    tmt: date
    alasan: str | None


class TerberatItem(BaseModel):
    nip: str
    tingkat: Tingkat | None = Field(description="The heaviest level whose TMT lies in the window; null: none")
    terlihat: bool = Field(
        description="Whether the caller may see this employee's sanctions (the admins, the employee): only then "
        "`rincian` is given"
    )
    rincian: RincianTerberat | None = Field(description="The sanction itself, for a caller who may see it")


class TerberatOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "dari": "2025-03-02",
                    "sampai": "2026-03-01",
                    "items": [
                        {
                            "nip": "198503122010011003",
                            "tingkat": "sedang",
                            "terlihat": True,
                            "rincian": {
                                "id": OUT_EXAMPLE["id"],
                                "jenis": "S1",
                                "jenis_nama": OUT_EXAMPLE["jenis_nama"],
                                "nomor_sk": EXAMPLE["nomor_sk"],
                                "tanggal_sk": EXAMPLE["tanggal_sk"],
                                "tmt": EXAMPLE["tmt"],
                                "alasan": EXAMPLE["alasan"],
                            },
                        },
                        {"nip": "199001012015032001", "tingkat": None, "terlihat": False, "rincian": None},
                    ],
                    "missing": [],
                }
            ]
        }
    )

    dari: date
    sampai: date
    items: list[TerberatItem] = Field(description="Every NIP asked about that the caller reads")
    missing: list[str] = Field(description="NIPs the caller does not read (or not found)")


class Pengumuman(BaseModel):
    """An internally announced sanction, as signed-in employees see it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nama": "Rina Wati, S.Kom.",
                    "unit": "Bidang Pelayanan Kesehatan",
                    "hukuman": "Pemotongan tunjangan kinerja 25% selama 6 bulan",
                    "tmt": "2025-04-01",
                    "tanggal_selesai": "2025-09-30",
                }
            ]
        }
    )

    nama: str
    unit: str | None
    hukuman: str
    tmt: date
    tanggal_selesai: date | None


class RekapHukdisOut(BaseModel):
    """The sanctions of a year and how many were recorded with their SK's number and date."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"unit_id": None, "tahun": 2026, "jumlah": 12, "dengan_sk": 12}]}
    )

    unit_id: uuid.UUID | None = Field(description="The unit asked for (null: every employee within reach)")
    tahun: int
    jumlah: int = Field(description="Sanctions whose SK is dated in the year")
    dengan_sk: int = Field(description="Of them, recorded with the SK's number and date")
