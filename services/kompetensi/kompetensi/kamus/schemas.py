"""Request and answer shapes of the competency dictionary."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.types import Line, Paragraph, invalid


class LevelIn(BaseModel):
    level: int = Field(ge=1, le=5)
    deskripsi: Paragraph = Field(min_length=3, max_length=2000)
    indikator: list[Annotated[Paragraph, Field(min_length=1, max_length=1000)]] = Field(
        default_factory=list, max_length=20, description="Behavioural indicators"
    )


class LevelOut(LevelIn):
    model_config = ConfigDict(from_attributes=True)


def _five_levels(levels: list[LevelIn]) -> list[LevelIn]:
    if sorted(lv.level for lv in levels) != [1, 2, 3, 4, 5]:
        raise invalid("levels-one-to-five")
    return sorted(levels, key=lambda lv: lv.level)


class KompetensiCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kode": "TEK-KES-01", "nama": "Asuhan Keperawatan", "definisi": "Memberikan asuhan keperawatan.",
                    "rumpun": "kesehatan",
                    "levels": [{"level": i, "deskripsi": f"Level {i}", "indikator": [f"Indikator {i}"]} for i in range(1, 6)],
                }
            ]
        }
    )

    kode: Line = Field(min_length=2, max_length=30, pattern=r"^[A-Z0-9][A-Z0-9._-]*$", examples=["TEK-KES-01"])
    nama: Line = Field(min_length=3, max_length=200)
    jenis: Literal["teknis"] = Field("teknis", description="BKPSDM adds technical competencies; the others are seeded")
    definisi: Paragraph = Field(min_length=3, max_length=4000)
    rumpun: Line | None = Field(None, max_length=100, description="Job family it belongs to")
    levels: list[LevelIn] = Field(max_length=5)

    @model_validator(mode="after")
    def _levels(self) -> KompetensiCreate:
        self.levels = _five_levels(self.levels)
        return self


class KompetensiUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nama": "Asuhan Keperawatan Dasar"}]})

    nama: Line | None = Field(None, min_length=3, max_length=200)
    definisi: Paragraph | None = Field(None, min_length=3, max_length=4000)
    rumpun: Line | None = Field(None, max_length=100)
    levels: list[LevelIn] | None = Field(None, max_length=5)

    @model_validator(mode="after")
    def _levels(self) -> KompetensiUpdate:
        if self.levels is not None:
            self.levels = _five_levels(self.levels)
        return self


class KompetensiOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    definisi: str
    rumpun: str | None
    aktif: bool
    dipensiunkan_pada: datetime | None
    levels: list[LevelOut]
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the competency")
