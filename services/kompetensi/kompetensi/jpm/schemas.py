"""Request and answer shapes of job-person match, gap matrices and job families."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

BandSet = Literal["pemetaan", "seleksi"]


class RincianItem(BaseModel):
    kompetensi_kode: str
    jenis: str
    dibutuhkan: int
    dimiliki: int | None = Field(description="Null: never assessed (counts as 0)")
    gap: int = Field(description="dimiliki - dibutuhkan; negative is a shortfall")
    tanggal_asesmen: date | None


class StandarItem(BaseModel):
    kompetensi_kode: str
    nama: str
    jenis: str
    dibutuhkan: int


class JpmPegawai(BaseModel):
    nip: str
    jpm: float = Field(description="Job-person match in percent")
    kategori: str
    dimiliki: list[int | None] | None = Field(None, description="Held level per item of `standar`, in its order; null = never assessed")
    gap: list[int] | None = Field(None, description="dimiliki - dibutuhkan per item of `standar`; negative is a shortfall")


class JpmJabatanIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": ["198503122010011003"], "kategori": "pemetaan"}]})

    nips: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=10000)
    kategori: BandSet = "pemetaan"
    rinci: bool = Field(True, description="Include the per-competency detail")


class JpmJabatanOut(BaseModel):
    jabatan_id: uuid.UUID
    rumus: str
    kategori_set: BandSet
    standar: list[StandarItem] = Field(description="The position's standard, once; each person's arrays follow its order")
    items: list[JpmPegawai]


class JpmPegawaiIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"jabatan_ids": ["6f1c1d2e-2222-4a4a-8b8b-000000000002"], "kategori": "seleksi"}]}
    )

    jabatan_ids: list[uuid.UUID] = Field(min_length=1, max_length=2000)
    kategori: BandSet = "pemetaan"


class JpmJabatanItem(BaseModel):
    jabatan_id: uuid.UUID
    jpm: float
    kategori: str
    rincian: list[RincianItem]


class JpmPegawaiOut(BaseModel):
    nip: str
    rumus: str
    items: list[JpmJabatanItem]
    tanpa_standar: list[uuid.UUID] = Field(description="Positions that have no competency standard yet")


class MatriksGapIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001", "format": "json"}]}
    )

    unit_id: uuid.UUID | None = Field(None, description="A unit and everything under it")
    nips: list[Annotated[str, Field(max_length=40)]] | None = Field(None, max_length=10000)
    format: Literal["json", "xlsx"] = "json"


class MatriksBaris(BaseModel):
    nip: str
    nama: str | None
    jabatan_id: uuid.UUID | None
    jabatan_nama: str | None
    gap: dict[str, int | None] = Field(description="Competency code -> gap; absent when the position does not require it")


class MatriksRingkasan(BaseModel):
    kompetensi_kode: str
    nama: str
    jumlah_gap: int = Field(description="Employees below the required level")
    rata_rata_gap: float


class MatriksGapOut(BaseModel):
    kompetensi: list[str]
    pegawai: list[MatriksBaris]
    ringkasan: list[MatriksRingkasan]
    tanpa_jabatan: list[str] = Field(description="Employees without a position (no standard to compare)")


class Keluarga(BaseModel):
    keluarga: int
    rumpun: str | None = Field(description="The declared job family most members share")
    anggota: list[uuid.UUID]
    kompetensi_teknis: list[str]


class RumpunBerbeda(BaseModel):
    jabatan_id: uuid.UUID
    nama: str
    rumpun_dinyatakan: str | None
    rumpun_keluarga: str | None
    keluarga: int


class RumpunOut(BaseModel):
    metode: str
    keluarga: list[Keluarga]
    berbeda: list[RumpunBerbeda]
    tanpa_standar_teknis: int
