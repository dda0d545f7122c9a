from __future__ import annotations

import uuid

from pydantic import BaseModel, Field


class StandarItemIn(BaseModel):
    kompetensi_kode: str = Field(min_length=1, max_length=30)
    level: int = Field(ge=1, le=5, description="Required level 1-5")


class StandarIn(BaseModel):
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
    items: list[StandarItemOut]


class StandarSetOut(StandarOut):
    default_dilewati: list[str] = Field(
        default_factory=list,
        description="Default competencies (sertakan_default) left out because they are retired or not in the dictionary",
    )


class StandarBulkIn(BaseModel):
    jabatan_ids: list[uuid.UUID] = Field(min_length=1, max_length=10000)


class SalinIn(BaseModel):
    dari: uuid.UUID = Field(description="Position whose standard is copied")
    ke: list[uuid.UUID] = Field(min_length=1, max_length=1000, description="Positions that receive it (replaced)")
