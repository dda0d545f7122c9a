from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from pegawai.unit_organisasi.models import JenisUnit


class UnitCreate(BaseModel):
    kode: str = Field(min_length=1, max_length=50, pattern=r"^\S+$", examples=["DINKES.01"])
    nama: str = Field(min_length=1, max_length=300)
    jenis: JenisUnit
    parent_id: uuid.UUID | None = None


class UnitUpdate(BaseModel):
    kode: str | None = Field(None, min_length=1, max_length=50, pattern=r"^\S+$")
    nama: str | None = Field(None, min_length=1, max_length=300)
    jenis: JenisUnit | None = None
    parent_id: uuid.UUID | None = Field(None, description="Move the unit under another parent")


class UnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    parent_id: uuid.UUID | None
    version: int
    created_at: datetime
    updated_at: datetime


class UnitTreeNode(UnitOut):
    depth: int
