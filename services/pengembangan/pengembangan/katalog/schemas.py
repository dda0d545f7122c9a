"""Request and answer shapes of the catalogue: programs, their competencies, batches."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from shared.rules import load_pengembangan
from shared.types import Line, Paragraph, invalid

# Codes: capitals, digits and . _ - (kompetensi's dictionary codes have the same shape).
KODE = r"^[A-Z0-9][A-Z0-9._-]*$"
KODE_ANGKATAN = r"^[A-Z0-9][A-Z0-9./_-]*$"
JP_MAX = 2000  # a long leadership programme is some hundreds of JP
BIAYA_MAX = 10_000_000_000  # rupiah per participant (a degree abroad stays below)
KUOTA_MAX = 10_000
KOMPETENSI_MAX = 20
LOOKUP_MAX = 1000
EARLIEST = date(2000, 1, 1)
Penyelenggara = Literal["lan", "bkpsdm", "kementerian", "asosiasi_profesi"]
StatusAngkatan = Literal["direncanakan", "dibuka", "berjalan", "selesai", "dibatalkan"]
Jalur = Literal["klasikal", "nonklasikal", "pendidikan", "kader"]
PENYELENGGARA = (
    "Who holds it: lan (Lembaga Administrasi Negara), bkpsdm (the Pemda's own), kementerian (a ministry), "
    "asosiasi_profesi (a professional association)"
)
STATUS = (
    "direncanakan (planned), dibuka (open for enrollment), berjalan (running), selesai (finished), "
    "dibatalkan (cancelled)"
)


def _jenis(value: Any) -> str:
    kinds = load_pengembangan().kinds
    if not isinstance(value, str) or value not in kinds:
        raise invalid("field.program-jenis-unknown", value=str(value)[:40], allowed=", ".join(kinds))
    return value


def _plausible(value: date) -> date:
    if value < EARLIEST or value.year > 2100:
        raise invalid("field.angkatan-date-out-of-range", value=value.isoformat())
    return value


JenisProgram = Annotated[
    str,
    BeforeValidator(_jenis),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(load_pengembangan().kinds),
            "description": "Kind of development (shared/rules/pengembangan.yaml; `GET /api/v1/program/jenis` "
            "lists them with their path and name)",
        }
    ),
]
KodeKompetensi = Annotated[
    Line,
    Field(
        min_length=2,
        max_length=30,
        pattern=KODE,
        description="Code of the competency in kompetensi's dictionary, e.g. INT or TEK-KESEHATAN-01",
        examples=["TEK-KESEHATAN-01"],
    ),
]
Tanggal = Annotated[date, AfterValidator(_plausible)]


def _refuse(data: Any, fixed: tuple[str, ...], code: str) -> Any:
    """A field that never changes, sent in a change anyway: refused rather than silently ignored."""
    if isinstance(data, dict):
        sent = [f for f in fixed if f in data]
        if sent:
            raise invalid(code, field=sent[0])
    return data


class KompetensiTarget(BaseModel):
    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [{"kode_kompetensi": "TEK-KESEHATAN-01", "level": 3}]}
    )

    kode_kompetensi: KodeKompetensi
    level: int = Field(ge=1, le=5, description="The level (1-5) the program brings a participant to")


def _distinct(items: list[KompetensiTarget]) -> list[KompetensiTarget]:
    codes = [k.kode_kompetensi for k in items]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise invalid("field.program-kompetensi-twice", codes=", ".join(twice))
    return sorted(items, key=lambda k: k.kode_kompetensi)


KompetensiList = Annotated[
    list[KompetensiTarget],
    Field(
        min_length=1,
        max_length=KOMPETENSI_MAX,
        description=f"The competencies it develops, each once (1-{KOMPETENSI_MAX})",
    ),
    AfterValidator(_distinct),
]

PROGRAM_EXAMPLE: dict[str, Any] = {
    "kode": "BIMTEK-ASKEP-01",
    "nama": "Bimbingan Teknis Asuhan Keperawatan Dasar",
    "jenis": "bimtek",
    "kompetensi": [{"kode_kompetensi": "PPU", "level": 2}, {"kode_kompetensi": "TEK-KESEHATAN-01", "level": 3}],
    "jp": 32,
    "penyelenggara": "kementerian",
    "penyelenggara_nama": "Kementerian Kesehatan",
    "biaya_per_peserta": 3500000,
    "luar_kota": True,
    "biaya_perjalanan_per_peserta": 2750000,
    "deskripsi": "Asuhan keperawatan dasar di puskesmas dan rumah sakit daerah.",
}
PROGRAM_OUT_EXAMPLE: dict[str, Any] = {
    "id": "5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21",
    **PROGRAM_EXAMPLE,
    "jenis_nama": "Bimbingan teknis",
    "jalur": "klasikal",
    "biaya_total_per_peserta": 6250000,
    "version": 1,
    "created_at": "2026-01-12T02:00:00Z",
    "updated_at": "2026-01-12T02:00:00Z",
}


class ProgramIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [PROGRAM_EXAMPLE]})

    kode: Line = Field(
        min_length=2,
        max_length=30,
        pattern=KODE,
        description="Unique code: capitals, digits, '.', '_' or '-'. It never changes once made.",
    )
    nama: Line = Field(min_length=3, max_length=200)
    jenis: JenisProgram
    kompetensi: KompetensiList
    jp: int = Field(gt=0, le=JP_MAX, description=f"Hours of development (JP) a participant earns, 1-{JP_MAX}")
    penyelenggara: Penyelenggara = Field(description=PENYELENGGARA)
    penyelenggara_nama: Line | None = Field(None, max_length=200, description="Name of the provider")
    biaya_per_peserta: int = Field(
        ge=0, le=BIAYA_MAX, description="Cost per participant in rupiah (fee, lodging); 0 when it costs nothing"
    )
    luar_kota: bool = Field(False, description="Held out of town: participants travel")
    biaya_perjalanan_per_peserta: int = Field(
        0, ge=0, le=BIAYA_MAX, description="Travel cost per participant in rupiah; only for a program out of town"
    )
    deskripsi: Paragraph | None = Field(None, max_length=4000)


class ProgramUpdate(BaseModel):
    """Only the fields sent change; `kompetensi`, when sent, replaces the whole list. The code never
    changes (a new code is a new program)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"jp": 40, "biaya_per_peserta": 4000000}]})

    nama: Line | None = Field(None, min_length=3, max_length=200)
    jenis: JenisProgram | None = None
    kompetensi: KompetensiList | None = None
    jp: int | None = Field(None, gt=0, le=JP_MAX, description=f"Hours of development (JP), 1-{JP_MAX}")
    penyelenggara: Penyelenggara | None = Field(None, description=PENYELENGGARA)
    penyelenggara_nama: Line | None = Field(None, max_length=200)
    biaya_per_peserta: int | None = Field(None, ge=0, le=BIAYA_MAX, description="Rupiah per participant")
    luar_kota: bool | None = None
    biaya_perjalanan_per_peserta: int | None = Field(None, ge=0, le=BIAYA_MAX, description="Rupiah per participant")
    deskripsi: Paragraph | None = Field(None, max_length=4000)

    @model_validator(mode="before")
    @classmethod
    def _fixed(cls, data: Any) -> Any:
        return _refuse(data, ("kode",), "field.program-kode-fixed")


class ProgramOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [PROGRAM_OUT_EXAMPLE]})

    id: uuid.UUID
    kode: str = Field(description="Unique code; never changes")
    nama: str
    jenis: str = Field(description="Kind of development (shared/rules/pengembangan.yaml)")
    jenis_nama: str = Field(description="Name of the kind")
    jalur: str = Field(description="Path of the kind: klasikal, nonklasikal, pendidikan or kader")
    kompetensi: list[KompetensiTarget] = Field(description="The competencies it develops, by code")
    jp: int = Field(description="Hours of development (JP) a participant earns")
    penyelenggara: str = Field(description=PENYELENGGARA)
    penyelenggara_nama: str | None
    biaya_per_peserta: int = Field(description="Rupiah per participant")
    luar_kota: bool
    biaya_perjalanan_per_peserta: int = Field(description="Rupiah of travel per participant")
    biaya_total_per_peserta: int = Field(description="Cost and travel per participant, in rupiah")
    deskripsi: str | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the program")
    created_at: datetime
    updated_at: datetime


class JenisProgramOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kode": "coaching",
                    "nama": "Coaching",
                    "jalur": "nonklasikal",
                    "jalur_nama": "Pelatihan nonklasikal",
                    "tanpa_biaya": True,
                    "regulation": "Perlan 10/2018, bentuk pelatihan nonklasikal",
                    "confirmed": False,
                }
            ]
        }
    )

    kode: str
    nama: str
    jalur: str = Field(description="klasikal, nonklasikal, pendidikan or kader")
    jalur_nama: str
    tanpa_biaya: bool = Field(
        description="The kind costs the instansi nothing by nature (coaching by the supervisor, self-study, "
        "izin belajar); a program still states its own cost"
    )
    regulation: str = Field(description="Where the kind comes from")
    confirmed: bool = Field(description="False: a best reading of the regulation, not verified text")


class Lookup(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ids": ["5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21"]}]})

    ids: list[uuid.UUID] = Field(min_length=1, max_length=LOOKUP_MAX, description=f"Ids, up to {LOOKUP_MAX:,}")


class ProgramLookupOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [PROGRAM_OUT_EXAMPLE], "missing": ["5b0f7c1e-3a2d-4e8f-9c1b-000000000009"]}]
        }
    )

    items: list[ProgramOut] = Field(description="The programs found, in the order asked")
    missing: list[uuid.UUID] = Field(description="Ids of no program")


ANGKATAN_EXAMPLE: dict[str, Any] = {
    "program_id": "5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21",
    "kode": "2026-02",
    "tanggal_mulai": "2026-12-07",
    "tanggal_selesai": "2026-12-10",
    "kuota": 30,
    "tempat": "Bapelkes Makassar",
    "daring": False,
    "status": "dibuka",
}
ANGKATAN_OUT_EXAMPLE: dict[str, Any] = {
    "id": "8c2e1a4b-6d7f-4a1e-b3c5-2f9e8d7c6b54",
    **ANGKATAN_EXAMPLE,
    "program_kode": "BIMTEK-ASKEP-01",
    "program_nama": "Bimbingan Teknis Asuhan Keperawatan Dasar",
    "terisi": 0,
    "sisa_kursi": 30,
    "keterangan": None,
    "version": 1,
    "created_at": "2026-10-01T02:00:00Z",
    "updated_at": "2026-10-01T02:00:00Z",
}


class AngkatanIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [ANGKATAN_EXAMPLE]})

    program_id: uuid.UUID = Field(description="The program this is a batch of")
    kode: Line = Field(
        min_length=1,
        max_length=30,
        pattern=KODE_ANGKATAN,
        description="Code of the batch, unique within its program (capitals, digits, '.', '/', '_', '-')",
    )
    tanggal_mulai: Tanggal = Field(description="First day")
    tanggal_selesai: Tanggal = Field(description="Last day; not before the first")
    kuota: int = Field(gt=0, le=KUOTA_MAX, description="Seats")
    tempat: Line | None = Field(None, max_length=200, description="Venue")
    daring: bool = Field(False, description="Held online")
    status: StatusAngkatan = Field("direncanakan", description=STATUS)
    keterangan: Paragraph | None = Field(None, max_length=2000)


class AngkatanUpdate(BaseModel):
    """Only the fields sent change. A batch stays with its program. The status moves
    direncanakan -> dibuka -> berjalan -> selesai (dibuka may go back to direncanakan; anything
    not yet finished may be dibatalkan); a finished or cancelled batch no longer changes."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "dibuka", "kuota": 35}]})

    kode: Line | None = Field(None, min_length=1, max_length=30, pattern=KODE_ANGKATAN)
    tanggal_mulai: Tanggal | None = None
    tanggal_selesai: Tanggal | None = None
    kuota: int | None = Field(None, gt=0, le=KUOTA_MAX, description="Seats")
    tempat: Line | None = Field(None, max_length=200, description="Venue")
    daring: bool | None = None
    status: StatusAngkatan | None = Field(None, description=STATUS)
    keterangan: Paragraph | None = Field(None, max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _fixed(cls, data: Any) -> Any:
        return _refuse(data, ("program_id",), "field.angkatan-program-fixed")


class AngkatanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [ANGKATAN_OUT_EXAMPLE]})

    id: uuid.UUID
    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    kode: str
    tanggal_mulai: date
    tanggal_selesai: date
    kuota: int = Field(description="Seats")
    terisi: int = Field(description="Seats taken by enrolled participants (0 until enrollment is built)")
    sisa_kursi: int = Field(description="Seats left: kuota - terisi")
    tempat: str | None
    daring: bool
    status: str = Field(description=STATUS)
    keterangan: str | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the batch")
    created_at: datetime
    updated_at: datetime


class AngkatanLookupOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [ANGKATAN_OUT_EXAMPLE], "missing": ["8c2e1a4b-6d7f-4a1e-b3c5-000000000009"]}]
        }
    )

    items: list[AngkatanOut] = Field(description="The batches found, in the order asked")
    missing: list[uuid.UUID] = Field(description="Ids of no batch")
