"""Request and answer shapes of the competency dictionary."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.types import Line, Paragraph, invalid

LEVELS_EXAMPLE: list[dict[str, Any]] = [
    {
        "level": 1,
        "deskripsi": "Melakukan asuhan keperawatan dasar dengan bimbingan.",
        "indikator": ["Mengukur tanda-tanda vital sesuai SOP"],
    },
    {
        "level": 2,
        "deskripsi": "Melakukan asuhan keperawatan secara mandiri pada kasus umum.",
        "indikator": ["Menyusun rencana keperawatan pasien", "Mendokumentasikan tindakan"],
    },
    {
        "level": 3,
        "deskripsi": "Menangani kasus kompleks dan membimbing perawat lain.",
        "indikator": ["Mengevaluasi asuhan keperawatan tim"],
    },
    {
        "level": 4,
        "deskripsi": "Mengembangkan standar asuhan keperawatan di unit.",
        "indikator": ["Menyusun SOP keperawatan"],
    },
    {
        "level": 5,
        "deskripsi": "Menjadi rujukan asuhan keperawatan tingkat daerah.",
        "indikator": ["Menyusun kebijakan keperawatan daerah"],
    },
]
CREATE_EXAMPLE: dict[str, Any] = {
    "kode": "TEK-KES-01",
    "nama": "Asuhan Keperawatan",
    "jenis": "teknis",
    "definisi": "Kemampuan memberikan asuhan keperawatan kepada individu, keluarga dan masyarakat.",
    "rumpun": "kesehatan",
    "levels": LEVELS_EXAMPLE,
}
OUT_EXAMPLE: dict[str, Any] = {
    "id": "6f1c1d2e-4444-4a4a-8b8b-000000000001",
    **CREATE_EXAMPLE,
    "aktif": True,
    "dipensiunkan_pada": None,
    "version": 1,
}
JENIS = "manajerial (managerial), sosial_kultural (socio-cultural) or teknis (technical, BKPSDM's own)"


class LevelIn(BaseModel):
    level: int = Field(ge=1, le=5, description="Level 1 (basic) to 5 (highest)")
    deskripsi: Paragraph = Field(min_length=3, max_length=2000, description="What a person at this level does")
    indikator: list[Annotated[Paragraph, Field(min_length=1, max_length=1000)]] = Field(
        default_factory=list, max_length=20, description="Behavioural indicators: what an assessor looks for"
    )


class LevelOut(LevelIn):
    model_config = ConfigDict(from_attributes=True, json_schema_serialization_defaults_required=True)


def _five_levels(levels: list[LevelIn]) -> list[LevelIn]:
    if sorted(lv.level for lv in levels) != [1, 2, 3, 4, 5]:
        raise invalid("levels-one-to-five")
    return sorted(levels, key=lambda lv: lv.level)


class KompetensiCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [CREATE_EXAMPLE]})

    kode: Line = Field(
        min_length=2,
        max_length=30,
        pattern=r"^[A-Z0-9][A-Z0-9._-]*$",
        examples=["TEK-KES-01"],
        description="Unique code: capitals, digits, '.', '_' or '-'",
    )
    nama: Line = Field(min_length=3, max_length=200)
    jenis: Literal["teknis"] = Field("teknis", description="BKPSDM adds technical competencies; the others are seeded")
    definisi: Paragraph = Field(min_length=3, max_length=4000, description="What the competency is")
    rumpun: Line | None = Field(None, max_length=100, description="Job family (rumpun jabatan) it belongs to")
    levels: list[LevelIn] = Field(max_length=5, description="Exactly the five levels 1-5, in any order")

    @model_validator(mode="after")
    def _levels(self) -> KompetensiCreate:
        self.levels = _five_levels(self.levels)
        return self


class KompetensiUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nama": "Asuhan Keperawatan Dasar"}]})

    nama: Line | None = Field(None, min_length=3, max_length=200)
    definisi: Paragraph | None = Field(None, min_length=3, max_length=4000, description="What the competency is")
    rumpun: Line | None = Field(None, max_length=100, description="Job family (rumpun jabatan) it belongs to")
    levels: list[LevelIn] | None = Field(
        None, max_length=5, description="All five levels 1-5, replacing the current ones"
    )

    @model_validator(mode="after")
    def _levels(self) -> KompetensiUpdate:
        if self.levels is not None:
            self.levels = _five_levels(self.levels)
        return self


class KompetensiOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    kode: str = Field(description="Unique code, e.g. INT (Integritas) or TEK-KES-01")
    nama: str
    jenis: str = Field(description=JENIS)
    definisi: str = Field(description="What the competency is")
    rumpun: str | None = Field(description="Job family (rumpun jabatan) of a technical competency")
    aktif: bool = Field(description="False once retired: kept in history, not usable for new standards or assessments")
    dipensiunkan_pada: datetime | None = Field(description="When it was retired")
    levels: list[LevelOut] = Field(description="The five levels, 1 first")
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the competency")
