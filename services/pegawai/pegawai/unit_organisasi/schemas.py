"""Request and answer shapes of organisation units."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pegawai.unit_organisasi.models import JenisUnit
from shared.types import Line

KODE = r"^\S+$"
JENIS = (
    "Kind of unit: instansi (the Pemda itself), opd (an agency, e.g. a dinas), bidang, sub_bidang, seksi, "
    "upt (technical unit)"
)
UNIT_OUT_EXAMPLE: dict[str, Any] = {
    "id": "6f1c1d2e-1111-4a4a-8b8b-000000000002",
    "kode": "DINKES.1",
    "nama": "Bidang Pelayanan Kesehatan",
    "jenis": "bidang",
    "parent_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
    "version": 3,
    "created_at": "2024-01-15T08:00:00+00:00",
    "updated_at": "2026-07-01T09:15:02.418000+00:00",
}


class UnitCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kode": "DINKES.1",
                    "nama": "Bidang Pelayanan Kesehatan",
                    "jenis": "bidang",
                    "parent_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
                }
            ]
        }
    )

    kode: Line = Field(min_length=1, max_length=50, pattern=KODE, description="Unique code, no spaces")
    nama: Line = Field(min_length=1, max_length=300)
    jenis: JenisUnit = Field(description=JENIS)
    parent_id: uuid.UUID | None = Field(None, description="The unit above; none only for an instansi or OPD (BKPSDM)")


class UnitUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nama": "Bidang Pelayanan dan SDM Kesehatan"}]})

    kode: Line | None = Field(None, min_length=1, max_length=50, pattern=KODE)
    nama: Line | None = Field(None, min_length=1, max_length=300)
    jenis: JenisUnit | None = Field(None, description=JENIS)
    parent_id: uuid.UUID | None = Field(None, description="Move the unit under another parent")


class UnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [UNIT_OUT_EXAMPLE]})

    id: uuid.UUID
    kode: str = Field(description="Unique code of the unit")
    nama: str
    jenis: str = Field(description=JENIS)
    parent_id: uuid.UUID | None = Field(description="The unit above; null for the instansi (and a top-level OPD)")
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the unit")
    created_at: datetime
    updated_at: datetime


class UnitTreeNode(UnitOut):
    model_config = ConfigDict(json_schema_extra={"examples": [{**UNIT_OUT_EXAMPLE, "depth": 1}]})

    depth: int = Field(description="0 for the unit asked for, 1 for its children, ...")
