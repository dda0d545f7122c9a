"""Answer shapes of the staffing reports and the retirement projection."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field


class StatusKebutuhan(StrEnum):
    KURANG = "kurang"  # shortage
    LEBIH = "lebih"  # surplus
    SESUAI = "sesuai"


class KebutuhanJabatan(BaseModel):
    jabatan_id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    kelas_jabatan: int
    unit_id: uuid.UUID
    unit_nama: str
    kebutuhan: int = Field(description="Required headcount (ABK)")
    bezetting: int = Field(description="Employees holding the position now")
    selisih: int = Field(description="bezetting - kebutuhan: negative is a shortage, positive a surplus")
    status: StatusKebutuhan


class KebutuhanUnit(BaseModel):
    unit_id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    parent_id: uuid.UUID | None
    opd_id: uuid.UUID | None = Field(description="The OPD the unit belongs to")
    jumlah_jabatan: int = Field(description="Positions in the unit and all units under it")
    kebutuhan: int
    bezetting: int
    kurang: int = Field(description="Sum of per-position shortages; a surplus elsewhere does not fill them")
    lebih: int = Field(description="Sum of per-position surpluses")
    selisih: int = Field(description="bezetting - kebutuhan overall")


class PensiunPegawai(BaseModel):
    nip: str
    nama: str
    jabatan_id: uuid.UUID | None
    jabatan_nama: str | None
    jenis_jabatan: str | None
    unit_id: uuid.UUID | None
    tanggal_lahir: date
    bup: int = Field(description="Retirement age that applies (BUP)")
    tmt_pensiun: date = Field(description="Pension effective date: first day of the month after the BUP birthday")


class LowonganTahun(BaseModel):
    tahun: int
    pensiun: int = Field(description="Employees whose pension takes effect that year")
    lowongan_baru: int = Field(description="New vacancies: rise of the summed shortage across positions that year")


class LowonganJabatan(BaseModel):
    jabatan_id: uuid.UUID
    nama: str
    kebutuhan: int
    bezetting_sekarang: int
    pensiun_per_tahun: dict[int, int]
    kekurangan_akhir: int = Field(description="Shortage at the end of the horizon if nobody is appointed")


class ProyeksiPensiun(BaseModel):
    dari: date
    sampai: date
    aturan: str = Field(description="The regulation the retirement ages come from")
    pegawai: list[PensiunPegawai]
    per_tahun: list[LowonganTahun]
    per_jabatan: list[LowonganJabatan]
