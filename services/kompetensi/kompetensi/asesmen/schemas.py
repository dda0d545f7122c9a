"""Request and answer shapes of assessments and competency profiles."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shared.access import ROSTER_EXAMPLE, RosterIn
from shared.types import NIP, Line, Paragraph, invalid, list_or_semua

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
INT_ID, TEKNIS_ID = "b88dac61-6f27-5f93-8baa-5678c48c2236", "6f1c1d2e-4444-4a4a-8b8b-000000000001"
ASESMEN_ID = "6f1c1d2e-5555-4a4a-8b8b-000000000001"
METODE = (
    "How the level was established: assessment_center, uji_kompetensi (competency test), penilaian_atasan "
    "(by the superior), hasil_pelatihan (training outcome), portofolio"
)
OUT_EXAMPLE: dict[str, Any] = {
    "id": ASESMEN_ID,
    "nip": EXAMPLE_NIP,
    "kompetensi_id": INT_ID,
    "kompetensi_kode": "INT",
    "level": 3,
    "tanggal": "2025-05-20",
    "metode": "assessment_center",
    "asesor": "UPT Penilaian Kompetensi BKPSDM",
    "bukti": "LHA-AC/2025/0142",
    "koreksi_dari": None,
    "dikoreksi": False,
    "keterangan": None,
    "sumber": None,
    "dicatat_oleh": "dev-admin_bkpsdm",
    "created_at": "2025-05-22T03:12:40.551000+00:00",
}
PROFIL_EXAMPLE: dict[str, Any] = {
    "nip": EXAMPLE_NIP,
    "masa_berlaku_tahun": 3,
    "items": [
        {
            "kompetensi_id": INT_ID,
            "kompetensi_kode": "INT",
            "nama": "Integritas",
            "jenis": "manajerial",
            "level": 3,
            "tanggal": "2025-05-20",
            "metode": "assessment_center",
            "asesmen_id": ASESMEN_ID,
            "kedaluwarsa": False,
        },
        {
            "kompetensi_id": TEKNIS_ID,
            "kompetensi_kode": "TEK-KES-01",
            "nama": "Asuhan Keperawatan",
            "jenis": "teknis",
            "level": 2,
            "tanggal": "2022-03-10",
            "metode": "uji_kompetensi",
            "asesmen_id": "6f1c1d2e-5555-4a4a-8b8b-000000000002",
            "kedaluwarsa": True,
        },
    ],
}


class AsesmenIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": EXAMPLE_NIP,
                    "kompetensi_kode": "INT",
                    "level": 3,
                    "tanggal": "2025-05-20",
                    "metode": "assessment_center",
                    "asesor": "UPT Penilaian Kompetensi",
                }
            ]
        }
    )

    nip: NIP
    kompetensi_kode: Line = Field(
        min_length=1, max_length=30, description="Code in the competency dictionary, e.g. INT or TEK-KES-01"
    )
    level: int = Field(ge=1, le=5, description="Level reached, 1-5")
    tanggal: AsesmenDate = Field(description="Date of the assessment: not in the future, not before 1990")
    metode: Metode = Field(description=METODE)
    asesor: Line | None = Field(None, max_length=200, description="Who assessed: a person or an assessment centre")
    bukti: Line | None = Field(None, max_length=500, description="Evidence reference, e.g. the report number")
    koreksi_dari: uuid.UUID | None = Field(None, description="The assessment this record corrects")
    keterangan: Paragraph | None = Field(None, max_length=2000)


class AsesmenOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_serialization_defaults_required=True,
        json_schema_extra={"examples": [OUT_EXAMPLE]},
    )

    id: uuid.UUID
    nip: str
    kompetensi_id: uuid.UUID
    kompetensi_kode: str = Field(description="Code in the competency dictionary")
    level: int = Field(description="Level reached, 1-5")
    tanggal: date = Field(description="Date of the assessment")
    metode: str = Field(description=METODE)
    asesor: str | None = Field(description="Who assessed")
    bukti: str | None = Field(description="Evidence reference")
    koreksi_dari: uuid.UUID | None = Field(description="The assessment this record corrects")
    dikoreksi: bool = Field(False, description="A later record corrects this one")
    keterangan: str | None = Field(description="Free notes")
    sumber: str | None = Field(description="Originating system of an ingested training result; null when entered here")
    dicatat_oleh: str = Field(description="Subject (sub) of the token that recorded it")
    created_at: datetime = Field(description="When it was recorded")


class HasilPelatihanItem(BaseModel):
    nip: NIP
    kompetensi_kode: Line = Field(min_length=1, max_length=30, description="Code in the competency dictionary")
    level: int = Field(ge=1, le=5, description="Level reached, 1-5")
    tanggal: AsesmenDate = Field(description="Date the training was completed")
    bukti: Line | None = Field(None, max_length=500, description="Evidence reference, e.g. the certificate number")


class HasilPelatihanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "sumber": "pengembangan/angkatan/42",
                    "hasil": [
                        {
                            "nip": EXAMPLE_NIP,
                            "kompetensi_kode": "TEK-KES-01",
                            "level": 3,
                            "tanggal": "2025-06-30",
                            "bukti": "SERT-42",
                        }
                    ],
                }
            ]
        }
    )

    sumber: Line = Field(
        min_length=1, max_length=200, description="Originating system and record, e.g. pengembangan/batch/42"
    )
    hasil: list[HasilPelatihanItem] = Field(min_length=1, max_length=1000, description="Up to 1,000 results")


class HasilPelatihanOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"dicatat": 1, "ids": [ASESMEN_ID]}]})

    dicatat: int = Field(description="Assessments recorded")
    ids: list[uuid.UUID] = Field(description="Their ids, in the order of `hasil`")


class ProfilItem(BaseModel):
    kompetensi_id: uuid.UUID
    kompetensi_kode: str = Field(description="Code in the competency dictionary")
    nama: str = Field(description="Name of the competency")
    jenis: str = Field(description="manajerial, sosial_kultural or teknis")
    level: int = Field(description="Latest valid level, 1-5")
    tanggal: date = Field(description="Date of the assessment it comes from")
    metode: str = Field(description="How that assessment was made")
    asesmen_id: uuid.UUID = Field(description="The assessment it comes from")
    kedaluwarsa: bool = Field(description="Older than the validity period: reassess")


class Profil(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [PROFIL_EXAMPLE]})

    nip: str
    masa_berlaku_tahun: int = Field(description="Years an assessment stays valid (older ones are kedaluwarsa, stale)")
    items: list[ProfilItem] = Field(description="One per competency ever assessed; empty when none")


class ProfilBulkIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP]}]})

    nips: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=1000, description="Up to 1,000 NIPs"
    )


class ProfilBulkOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [PROFIL_EXAMPLE], "missing": ["199007152015032001"]}]}
    )

    items: list[Profil]
    missing: list[str] = Field(description="NIPs not found in the caller's scope")


class LevelBulkIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP]}, {"semua": True}]})

    nips: list[Annotated[str, Field(max_length=40)]] | None = Field(
        None, min_length=1, max_length=10000, description="Up to 10,000 NIPs (or `semua`)"
    )
    semua: bool = Field(
        False,
        description="Instead of `nips`: every employee the caller reads (for one that reaches everyone: each with a "
        "profile), with no list to send",
    )

    @model_validator(mode="after")
    def _one_way(self) -> LevelBulkIn:
        list_or_semua(self.nips, self.semua)
        return self


class LevelPegawai(BaseModel):
    nip: str
    level: dict[str, int] = Field(description="Competency code -> current level (1-5); empty when never assessed")
    tanggal_asesmen: date | None = Field(
        description="Date of the latest assessment among the current levels (how recent the profile is, e.g. for "
        "the talent map's potential); null when never assessed"
    )


class LevelBulkOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {"nip": EXAMPLE_NIP, "level": {"INT": 3, "TEK-KES-01": 2}, "tanggal_asesmen": "2025-05-20"}
                    ],
                    "missing": ["199007152015032001"],
                }
            ]
        }
    )

    items: list[LevelPegawai]
    missing: list[str] = Field(description="NIPs the caller does not read")


class PengukuranJenis(BaseModel):
    jumlah: int = Field(description="Serving employees holding a position of this kind")
    diukur: int = Field(description="Of them, measured within the period")


class RekapAsesmenOut(BaseModel):
    """How many of a unit's serving employees had their competency measured lately."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
                    "sejak": "2023-06-01",
                    "metode": ["assessment_center", "uji_kompetensi"],
                    "jumlah_pegawai": 40,
                    "diukur": 25,
                    "per_jenis_jabatan": {
                        "administrator": {"jumlah": 2, "diukur": 2},
                        "pelaksana": {"jumlah": 38, "diukur": 23},
                    },
                }
            ]
        }
    )

    unit_id: uuid.UUID
    sejak: date = Field(description="Measurements dated on or after this day count")
    metode: list[str] = Field(description="The methods that count as a measurement")
    jumlah_pegawai: int = Field(description="Serving employees of the unit and its sub-units")
    diukur: int = Field(description="Of them, with a measurement in the period (not corrected since)")
    per_jenis_jabatan: dict[str, PengukuranJenis] = Field(
        description="The same per kind of position (jenis of shared/rules/jabatan.yaml; tanpa_jabatan: none)"
    )


class RekapAsesmenIn(RosterIn):
    """getRekapAsesmen over a roster the caller has already read (see RosterIn; each employee's
    `jabatan_jenis` is its kind of position)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{**ROSTER_EXAMPLE, "tahun_terakhir": 3}]})

    tahun_terakhir: int = Field(3, ge=1, le=10, description="Years back a measurement counts")
    metode: list[Metode] | None = Field(
        None, max_length=5, description="Methods that count (all but hasil_pelatihan when absent)"
    )
