"""Request and answer shapes of the daily activity log."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from shared.types import NIP, Paragraph, invalid

Status = Literal["diajukan", "dikonfirmasi", "dikembalikan"]
Periode = Literal["minggu", "bulan"]
NIP_EXAMPLE, RHK_ID = "198503122010011003", "5b0b7f3e-9a41-4f7e-a8a0-1f2e3d4c5b02"
ID_EXAMPLE = "7c2e9a10-4b1d-4e8f-9a2b-3c4d5e6f7a80"
URAIAN_MAX = 1000


def _plausible(value: date) -> date:
    if value.year < 1980 or value.year > 2100:
        raise invalid("field.date-out-of-range", value=value.isoformat())
    return value


def _minute(value: time) -> time:
    """A time of day to the minute, in the local clock (an offset sent along is refused)."""
    if value.tzinfo is not None or value.second or value.microsecond:
        raise invalid("field.aktivitas-jam", value=value.isoformat())
    return value


def _hhmm(value: Any) -> Any:
    return value.strftime("%H:%M") if isinstance(value, time) else value


Tanggal = Annotated[date, AfterValidator(_plausible)]
JamOut = Annotated[str, BeforeValidator(_hhmm), Field(description="HH:MM, local time")]
Jam = Annotated[
    time,
    AfterValidator(_minute),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:00)?$",
            "maxLength": 8,
            "examples": ["08:00"],
            "description": "HH:MM, local time (no offset)",
        }
    ),
]
Uraian = Annotated[Paragraph, Field(min_length=3, max_length=URAIAN_MAX, description="What was done")]
TugasIndeks = Annotated[
    int, Field(ge=0, le=49, description="The task served: its index (from 0) in the position's uraian_tugas")
]


def _order(mulai: time | None, selesai: time | None) -> None:
    if mulai is not None and selesai is not None and selesai <= mulai:
        raise invalid(
            "field.aktivitas-urutan-jam", mulai=mulai.isoformat("minutes"), selesai=selesai.isoformat("minutes")
        )


class AktivitasItem(BaseModel):
    """One entry of a day: a span, what was done, and the SKP work result or the task it served."""

    mulai: Jam = Field(description="Start (local time, HH:MM)")
    selesai: Jam = Field(description="End (local time, HH:MM), after the start")
    uraian: Uraian
    rhk_id: uuid.UUID | None = Field(
        None, description="The work result (rencana hasil kerja) of the employee's own SKP of the entry's year"
    )
    tugas_indeks: TugasIndeks | None = None

    @model_validator(mode="after")
    def _one_target(self) -> AktivitasItem:
        _order(self.mulai, self.selesai)
        if (self.rhk_id is None) == (self.tugas_indeks is None):
            raise invalid("field.aktivitas-sasaran")
        return self


ITEM_EXAMPLE: dict[str, Any] = {
    "mulai": "08:00",
    "selesai": "09:30",
    "uraian": "Menyusun laporan pelayanan bulan Mei",
    "rhk_id": RHK_ID,
}


class AktivitasIn(AktivitasItem):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"nip": NIP_EXAMPLE, "tanggal": "2026-06-02", **ITEM_EXAMPLE}]}
    )

    nip: NIP = Field(description="Whose entry it is")
    tanggal: Tanggal = Field(description="The day worked")


class AktivitasBulkIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": NIP_EXAMPLE,
                    "tanggal": "2026-06-02",
                    "items": [
                        ITEM_EXAMPLE,
                        {"mulai": "09:30", "selesai": "11:00", "uraian": "Memeriksa berkas", "tugas_indeks": 0},
                    ],
                }
            ]
        }
    )

    nip: NIP = Field(description="Whose day it is")
    tanggal: Tanggal = Field(description="The day worked")
    items: list[AktivitasItem] = Field(min_length=1, max_length=20, description="The day's entries")


class AktivitasUpdate(BaseModel):
    """Only the fields sent change; send `rhk_id` with `tugas_indeks: null` (or the reverse) to switch."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"selesai": "10:00", "uraian": "Menyusun laporan"}]})

    mulai: Jam | None = None
    selesai: Jam | None = None
    uraian: Uraian | None = None
    rhk_id: uuid.UUID | None = None
    tugas_indeks: TugasIndeks | None = None


class KembalikanAktivitasIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"catatan": "Rinci hasil yang dicapai"}]})

    catatan: Paragraph = Field(min_length=1, max_length=2000, description="What to correct")


OUT_EXAMPLE: dict[str, Any] = {
    "id": ID_EXAMPLE,
    "nip": NIP_EXAMPLE,
    "tanggal": "2026-06-02",
    **ITEM_EXAMPLE,
    "menit": 90,
    "tugas_indeks": None,
    "tugas_uraian": None,
    "jabatan_id": "6f1c1d2e-1111-4a4a-8b8b-000000000010",
    "status": "diajukan",
    "catatan_atasan": None,
    "ditinjau_oleh": None,
    "ditinjau_pada": None,
    "version": 1,
    "created_at": "2026-06-02T09:31:00Z",
    "updated_at": "2026-06-02T09:31:00Z",
}


class AktivitasOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    nip: str
    tanggal: date
    mulai: JamOut
    selesai: JamOut
    menit: int = Field(description="Effective minutes")
    uraian: str
    rhk_id: uuid.UUID | None
    tugas_indeks: int | None
    tugas_uraian: str | None = Field(description="The position's task as it read when written")
    jabatan_id: uuid.UUID | None = Field(description="The position held when written")
    status: str = Field(description="diajukan, dikonfirmasi (by the supervisor) or dikembalikan (to correct)")
    catatan_atasan: str | None
    ditinjau_oleh: str | None
    ditinjau_pada: datetime | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the entry")
    created_at: datetime
    updated_at: datetime


class AktivitasBulkOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [OUT_EXAMPLE]}]})

    items: list[AktivitasOut]


RINGKASAN_EXAMPLE: dict[str, Any] = {
    "nip": NIP_EXAMPLE,
    "nama": "Rina Wati, S.Kom.",
    "jumlah_entri": 28,
    "menit_efektif": 2250,
    "jam_efektif": 37.5,
    "menit_skp": 1500,
    "menit_tugas_jabatan": 750,
    "persen_skp": 66.7,
    "persen_tugas_jabatan": 33.3,
    "menit_dikonfirmasi": 1800,
}


class Ringkasan(BaseModel):
    nip: str
    nama: str | None = Field(description="The employee's name as the pegawai service gives it")
    jumlah_entri: int
    menit_efektif: int = Field(description="Sum of the entries' minutes")
    jam_efektif: float = Field(description="The same in hours, two decimals")
    menit_skp: int = Field(description="Minutes of entries serving a work result of the SKP")
    menit_tugas_jabatan: int = Field(description="Minutes of entries serving a task of the position")
    persen_skp: float | None = Field(description="Share of the effective minutes on SKP work results; null: none")
    persen_tugas_jabatan: float | None = Field(description="Share on the position's own tasks; null: no minutes")
    menit_dikonfirmasi: int = Field(description="Minutes the supervisor confirmed")


class RingkasanPegawaiOut(Ringkasan):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"periode": "minggu", "dari": "2026-06-01", "sampai": "2026-06-07", **RINGKASAN_EXAMPLE}]
        }
    )

    periode: Periode
    dari: date
    sampai: date


class RingkasanUnitOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000002",
                    "periode": "bulan",
                    "dari": "2026-06-01",
                    "sampai": "2026-06-30",
                    "menit_efektif": 2250,
                    "items": [RINGKASAN_EXAMPLE],
                }
            ]
        }
    )

    unit_id: uuid.UUID
    periode: Periode
    dari: date
    sampai: date
    menit_efektif: int = Field(description="Sum over the unit's serving employees")
    items: list[Ringkasan] = Field(
        description="Every serving employee of the unit and its sub-units, with or without entries"
    )


class IndikasiPenempatan(BaseModel):
    nip: str
    nama: str | None
    jumlah_entri: int = Field(description="Entries of the month compared")
    jabatan_id: uuid.UUID | None = Field(description="The position held")
    jabatan_nama: str | None
    skor_jabatan_sendiri: float = Field(description="Mean trigram word similarity of the entries to the own tasks")
    jabatan_terdekat_id: uuid.UUID = Field(description="The position whose tasks the entries match best")
    jabatan_terdekat_nama: str | None
    skor_jabatan_terdekat: float
    selisih: float = Field(description="How much better the other position matches")


class IndikasiPenempatanOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000002",
                    "dari": "2026-06-01",
                    "sampai": "2026-06-30",
                    "items": [
                        {
                            "nip": NIP_EXAMPLE,
                            "nama": "Rina Wati, S.Kom.",
                            "jumlah_entri": 40,
                            "jabatan_id": "6f1c1d2e-1111-4a4a-8b8b-000000000010",
                            "jabatan_nama": "Perawat Ahli Muda",
                            "skor_jabatan_sendiri": 0.12,
                            "jabatan_terdekat_id": "6f1c1d2e-1111-4a4a-8b8b-000000000011",
                            "jabatan_terdekat_nama": "Pranata Komputer Ahli Muda",
                            "skor_jabatan_terdekat": 0.58,
                            "selisih": 0.46,
                        }
                    ],
                }
            ]
        }
    )

    unit_id: uuid.UUID
    dari: date
    sampai: date
    items: list[IndikasiPenempatan] = Field(description="Employees whose entries read like another position's tasks")
