"""Request and answer shapes of further study."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.types import NIP, Line, Paragraph

Jenis = Literal["tugas_belajar", "izin_belajar"]  # the pendidikan path of shared/rules/pengembangan.yaml
Jenjang = Literal["D3", "D4", "S1", "S2", "S3"]
Status = Literal["berjalan", "lulus", "tidak_lulus", "dibatalkan"]
Akhir = Literal["lulus", "tidak_lulus", "dibatalkan"]
EXAMPLE: dict[str, Any] = {
    "nip": "198503122010011003",
    "jenis": "tugas_belajar",
    "jenjang": "S2",
    "institusi": "Universitas Diponegoro",
    "jurusan": "Magister Kesehatan Masyarakat",
    "nomor_sk": "800/123/BKPSDM/2025",
    "tanggal_mulai": "2025-08-25",
    "tanggal_selesai": "2027-08-24",
}
OUT_EXAMPLE: dict[str, Any] = {
    **EXAMPLE,
    "id": "2a9d5c1e-7f3b-4e8a-9c0d-1e2f3a4b5c6d",
    "status": "berjalan",
    "tanggal_akhir": None,
    "nomor_ijazah": None,
    "keterangan": None,
    "nama_pegawai": "Rina Wati, S.Kom.",
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "version": 1,
    "created_at": "2025-08-20T02:00:00Z",
    "updated_at": "2025-08-20T02:00:00Z",
}
EARLIEST = date(1970, 1, 1)


class StudiIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    nip: NIP = Field(description="NIP of the employee")
    jenis: Jenis = Field(
        description="tugas_belajar: released from the job and funded by the Pemda; izin_belajar: studies beside the job"
    )
    jenjang: Jenjang = Field(description="The level of education studied for")
    institusi: Line = Field(min_length=2, max_length=200, description="University or school")
    jurusan: Line = Field(min_length=2, max_length=200, description="Major (program studi)")
    nomor_sk: Line = Field(min_length=1, max_length=100, description="Number of the decree granting it")
    tanggal_mulai: date = Field(ge=EARLIEST, le=date(2100, 12, 31), description="First day of study")
    tanggal_selesai: date = Field(ge=EARLIEST, le=date(2100, 12, 31), description="Planned last day")
    keterangan: Paragraph | None = Field(None, max_length=2000)


class StudiUpdate(BaseModel):
    """Only the fields sent change; the employee, the kind and the state do not (the state changes
    through `/selesai`)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"tanggal_selesai": "2027-12-31"}]})

    jenjang: Jenjang | None = None
    institusi: Line | None = Field(None, min_length=2, max_length=200)
    jurusan: Line | None = Field(None, min_length=2, max_length=200)
    nomor_sk: Line | None = Field(None, min_length=1, max_length=100)
    tanggal_mulai: date | None = Field(None, ge=EARLIEST, le=date(2100, 12, 31))
    tanggal_selesai: date | None = Field(None, ge=EARLIEST, le=date(2100, 12, 31))
    keterangan: Paragraph | None = Field(None, max_length=2000)


class StudiSelesai(BaseModel):
    """How a running study ended."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"status": "lulus", "tanggal": "2027-08-20", "nomor_ijazah": "UNDIP/S2/2027/00123"}]
        }
    )

    status: Akhir = Field(description="lulus (graduated), tidak_lulus (failed) or dibatalkan (withdrawn)")
    tanggal: date = Field(ge=EARLIEST, description="The day it ended (graduation day for lulus); not in the future")
    nomor_ijazah: Line | None = Field(None, min_length=1, max_length=100, description="Diploma number, for lulus")
    keterangan: Paragraph | None = Field(None, max_length=2000)


class StudiOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    nip: str
    jenis: str
    jenjang: str
    institusi: str
    jurusan: str
    nomor_sk: str
    tanggal_mulai: date
    tanggal_selesai: date = Field(description="Planned last day")
    status: Status
    tanggal_akhir: date | None = Field(description="When it ended")
    nomor_ijazah: str | None
    keterangan: str | None
    nama_pegawai: str = Field(description="The employee's name as when the study was recorded")
    unit_nama: str | None = Field(description="The employee's unit as when the study was recorded")
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the record")
    created_at: datetime
    updated_at: datetime
