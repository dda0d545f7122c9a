"""Request and answer shapes of job competency standards."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field

from shared.types import Line


class StandarItemIn(BaseModel):
    kompetensi_kode: Line = Field(min_length=1, max_length=30)
    level: int = Field(ge=1, le=5, description="Required level 1-5")


class StandarIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [{"kompetensi_kode": "TEK-KES-01", "level": 3}], "sertakan_default": True}]}
    )

    items: list[StandarItemIn] = Field(default_factory=list, max_length=100)
    sertakan_default: bool = Field(
        True,
        description="Add the default managerial and socio-cultural levels for the position's kind "
        "(shared/rules/kompetensi.yaml) for any of those competencies not given in items",
    )


class StandarItemOut(BaseModel):
    kompetensi_id: uuid.UUID
    kompetensi_kode: str
    nama: str
    jenis: str
    level: int


class StandarOut(BaseModel):
    jabatan_id: uuid.UUID
    version: int | None = Field(description="Sent as ETag; null while the position has no standard yet")
    items: list[StandarItemOut]


class StandarSetOut(StandarOut):
    default_dilewati: list[str] = Field(
        default_factory=list,
        description="Default competencies (sertakan_default) left out because they are retired or not in the dictionary",
    )


class StandarBulkIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"jabatan_ids": ["6f1c1d2e-2222-4a4a-8b8b-000000000002"]}]})

    jabatan_ids: list[uuid.UUID] = Field(min_length=1, max_length=10000)


class SalinIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"dari": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
                                         "ke": ["6f1c1d2e-2222-4a4a-8b8b-000000000003"]}]}
    )

    dari: uuid.UUID = Field(description="Position whose standard is copied")
    ke: list[uuid.UUID] = Field(min_length=1, max_length=1000, description="Positions that receive it (replaced)")
