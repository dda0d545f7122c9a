from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class LevelIn(BaseModel):
    level: int = Field(ge=1, le=5)
    deskripsi: str = Field(min_length=3, max_length=2000)
    indikator: list[str] = Field(default_factory=list, max_length=20, description="Behavioural indicators")


class LevelOut(LevelIn):
    model_config = ConfigDict(from_attributes=True)


def _five_levels(levels: list[LevelIn]) -> list[LevelIn]:
    if sorted(lv.level for lv in levels) != [1, 2, 3, 4, 5]:
        raise ValueError("levels must describe each level 1, 2, 3, 4 and 5 exactly once")
    return sorted(levels, key=lambda lv: lv.level)


class KompetensiCreate(BaseModel):
    kode: str = Field(min_length=2, max_length=30, pattern=r"^[A-Z0-9][A-Z0-9._-]*$", examples=["TEK-KES-01"])
    nama: str = Field(min_length=3, max_length=200)
    jenis: Literal["teknis"] = Field("teknis", description="BKPSDM adds technical competencies; the others are seeded")
    definisi: str = Field(min_length=3, max_length=4000)
    rumpun: str | None = Field(None, max_length=100, description="Job family it belongs to")
    levels: list[LevelIn]

    @model_validator(mode="after")
    def _levels(self) -> KompetensiCreate:
        self.levels = _five_levels(self.levels)
        return self


class KompetensiUpdate(BaseModel):
    nama: str | None = Field(None, min_length=3, max_length=200)
    definisi: str | None = Field(None, min_length=3, max_length=4000)
    rumpun: str | None = Field(None, max_length=100)
    levels: list[LevelIn] | None = None

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
    version: int
