"""Request and answer shapes of organisation units."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from pegawai.unit_organisasi.models import JenisUnit
from shared.types import Line

KODE = r"^\S+$"


class UnitCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kode": "DINKES.1", "nama": "Bidang Pelayanan Kesehatan", "jenis": "bidang",
                                         "parent_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001"}]}
    )

    kode: Line = Field(min_length=1, max_length=50, pattern=KODE, description="Unique code, no spaces")
    nama: Line = Field(min_length=1, max_length=300)
    jenis: JenisUnit
    parent_id: uuid.UUID | None = Field(None, description="The unit above; none only for an instansi or OPD (BKPSDM)")


class UnitUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nama": "Bidang Pelayanan dan SDM Kesehatan"}]})

    kode: Line | None = Field(None, min_length=1, max_length=50, pattern=KODE)
    nama: Line | None = Field(None, min_length=1, max_length=300)
    jenis: JenisUnit | None = None
    parent_id: uuid.UUID | None = Field(None, description="Move the unit under another parent")


class UnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    parent_id: uuid.UUID | None
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the unit")
    created_at: datetime
    updated_at: datetime


class UnitTreeNode(UnitOut):
    depth: int = Field(description="0 for the unit asked for, 1 for its children, ...")
