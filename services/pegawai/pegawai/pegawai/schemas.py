from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationInfo, field_validator, model_validator

from pegawai.jabatan.schemas import check_golongan, check_pendidikan
from pegawai.pegawai.tanggal import tahun_lulus_problem, tmt_problem
from shared.nip import NIP, InvalidNIP, JenisKelamin, parse_nip
from shared.rules import load_golongan

MIN_DATE = date(1900, 1, 1)


class StatusKepegawaian(StrEnum):
    CPNS = "CPNS"
    PNS = "PNS"
    PPPK = "PPPK"


class Kedudukan(StrEnum):
    AKTIF = "aktif"
    TUGAS_BELAJAR = "tugas_belajar"
    CLTN = "cltn"  # cuti di luar tanggungan negara
    DIPEKERJAKAN = "dipekerjakan"
    DIPERBANTUKAN = "diperbantukan"
    PEMBERHENTIAN_SEMENTARA = "pemberhentian_sementara"
    MASA_PERSIAPAN_PENSIUN = "masa_persiapan_pensiun"
    PENSIUN = "pensiun"
    BERHENTI = "berhenti"
    MENINGGAL = "meninggal"


INACTIVE = (Kedudukan.PENSIUN, Kedudukan.BERHENTI, Kedudukan.MENINGGAL)


def check_nip(value: str) -> str:
    try:
        return parse_nip(value).value
    except InvalidNIP as exc:
        raise ValueError(str(exc)) from exc


def _nip_of(info: ValidationInfo) -> NIP | None:
    """The body's NIP, when it was valid (fields after `nip` are validated after it)."""
    value = info.data.get("nip")
    return parse_nip(value) if value else None


def check_date(value: date | None, what: str = "date") -> date | None:
    if value is None:
        return None
    if value < MIN_DATE:
        raise ValueError(f"{what} {value} is before 1900")
    return value


class Minat(BaseModel):
    minat_rumpun: list[str] = Field(default_factory=list, max_length=10, description="Preferred job families")
    minat_jabatan_ids: list[uuid.UUID] = Field(default_factory=list, max_length=10, description="Target positions")


class Kontak(BaseModel):
    email: EmailStr | None = None
    telepon: str | None = Field(None, max_length=30, pattern=r"^[0-9+()\-\s]{6,30}$")
    alamat: str | None = Field(None, max_length=500)


class PegawaiCreate(Minat, Kontak):
    nip: str = Field(description="18 digits; spaces allowed", examples=["198503122010011003"])
    nama: str = Field(min_length=2, max_length=200, description="Name without academic titles")
    gelar_depan: str | None = Field(None, max_length=50, examples=["Dr."])
    gelar_belakang: str | None = Field(None, max_length=100, examples=["S.Kom., M.T."])
    tempat_lahir: str | None = Field(None, max_length=100)
    tanggal_lahir: date | None = Field(None, description="Must agree with NIP digits 1-8; taken from the NIP if absent")
    jenis_kelamin: JenisKelamin | None = Field(None, description="L or P; must agree with NIP digit 15")
    status_kepegawaian: StatusKepegawaian
    kedudukan: Kedudukan = Kedudukan.AKTIF
    golongan: str | None = None
    tmt_golongan: date | None = None
    pendidikan_tingkat: str | None = None
    pendidikan_jurusan: str | None = Field(None, max_length=200)
    pendidikan_institusi: str | None = Field(None, max_length=200)
    pendidikan_tahun_lulus: int | None = Field(None, ge=1940, le=2100)
    jabatan_id: uuid.UUID | None = None
    tmt_jabatan: date | None = None
    unit_id: uuid.UUID | None = Field(None, description="Only for employees without a position; else the position's unit")
    bup_khusus: str | None = Field(None, description="A BUP exception by law (guru, dosen, profesor)")
    bup_override: int | None = Field(None, ge=50, le=75, description="Legacy BUP kept by PP 11/2017 Pasal 354-355")
    paksa: bool = Field(False, description="admin_bkpsdm only: place into a full position anyway")
    alasan: str | None = Field(None, max_length=500, description="Why a full position is filled anyway")

    _nip = field_validator("nip")(check_nip)
    _gol = field_validator("golongan")(check_golongan)
    _pend = field_validator("pendidikan_tingkat")(check_pendidikan)

    @field_validator("tanggal_lahir", "tmt_golongan", "tmt_jabatan")
    @classmethod
    def _dates(cls, value: date | None) -> date | None:
        return check_date(value)

    @field_validator("tmt_golongan", "tmt_jabatan")
    @classmethod
    def _possible_tmt(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and (problem := tmt_problem(value, _nip_of(info))):
            raise ValueError(problem)
        return value

    @field_validator("pendidikan_tahun_lulus")
    @classmethod
    def _possible_lulus(cls, value: int | None, info: ValidationInfo) -> int | None:
        nip = _nip_of(info)
        if value is not None and nip is not None and (problem := tahun_lulus_problem(value, nip.tanggal_lahir)):
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _agree_with_nip(self) -> PegawaiCreate:
        parsed = parse_nip(self.nip)
        if self.tanggal_lahir is None:
            self.tanggal_lahir = parsed.tanggal_lahir
        elif self.tanggal_lahir != parsed.tanggal_lahir:
            raise ValueError(
                f"tanggal_lahir {self.tanggal_lahir} does not match the NIP, which encodes {parsed.tanggal_lahir}"
            )
        if self.jenis_kelamin is None:
            self.jenis_kelamin = parsed.jenis_kelamin
        elif self.jenis_kelamin != parsed.jenis_kelamin:
            raise ValueError(f"jenis_kelamin {self.jenis_kelamin} does not match NIP digit 15 ({parsed.jenis_kelamin})")
        check_grade_scheme(self.status_kepegawaian, self.golongan)
        if self.golongan and self.tmt_golongan is None:
            raise ValueError("tmt_golongan is required with golongan")
        if self.bup_khusus and self.bup_khusus not in ("guru", "dosen", "profesor"):
            raise ValueError("bup_khusus must be guru, dosen or profesor")
        return self


def check_grade_scheme(status: StatusKepegawaian | str | None, golongan: str | None) -> None:
    if not golongan or not status:
        return
    grade = load_golongan().get(golongan)
    scheme = "pppk" if status == StatusKepegawaian.PPPK else "pns"
    if grade and grade.scheme != scheme:
        hint = "I..XVII" if scheme == "pppk" else "I/a..IV/e"
        raise ValueError(f"golongan {golongan} is not a {status} grade; {status} uses {hint}")


class PegawaiUpdate(Kontak):
    """Changes to the record itself. Transfers, promotions and education go through their own
    endpoints so that history is written with them."""

    nama: str | None = Field(None, min_length=2, max_length=200)
    gelar_depan: str | None = Field(None, max_length=50)
    gelar_belakang: str | None = Field(None, max_length=100)
    tempat_lahir: str | None = Field(None, max_length=100)
    status_kepegawaian: StatusKepegawaian | None = None
    kedudukan: Kedudukan | None = None
    bup_khusus: str | None = None
    bup_override: int | None = Field(None, ge=50, le=75)
    minat_rumpun: list[str] | None = Field(None, max_length=10)
    minat_jabatan_ids: list[uuid.UUID] | None = Field(None, max_length=10)


SELF_EDITABLE = {"email", "telepon", "alamat", "minat_rumpun", "minat_jabatan_ids"}


class PegawaiOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    nip: str
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    nama_lengkap: str
    tempat_lahir: str | None
    tanggal_lahir: date
    jenis_kelamin: str
    status_kepegawaian: str
    kedudukan: str
    golongan: str | None
    pangkat: str | None
    tmt_golongan: date | None
    pendidikan_tingkat: str | None
    pendidikan_jurusan: str | None
    jabatan_id: uuid.UUID | None
    jabatan_nama: str | None = None
    jabatan_jenis: str | None = None
    kelas_jabatan: int | None = None
    rumpun: str | None = None
    tmt_jabatan: date | None
    unit_id: uuid.UUID | None
    unit_nama: str | None = None
    bup_khusus: str | None
    bup_override: int | None
    minat_rumpun: list[str]
    minat_jabatan_ids: list[uuid.UUID]
    email: str | None
    telepon: str | None
    alamat: str | None
    version: int
    created_at: datetime
    updated_at: datetime


def nama_lengkap(nama: str, depan: str | None, belakang: str | None) -> str:
    out = f"{depan.strip()} {nama}" if depan else nama
    return f"{out}, {belakang.strip()}" if belakang else out


OWN_FIELDS = [
    f for f in PegawaiOut.model_fields
    if f not in ("nama_lengkap", "pangkat", "jabatan_nama", "jabatan_jenis", "kelas_jabatan", "rumpun", "unit_nama")
]


def out_dict(m: Mapping[str, Any]) -> dict[str, Any]:
    """An employee row (columns of pegawai plus the joined position and unit) as the API shows it.

    `m` holds exactly the columns of queries.OUT_COLUMNS (or the same keys from an ORM object).
    """
    data = dict(m)
    data.pop("__total", None)  # the window count of a paged query
    grade = load_golongan().grades.get(m["golongan"]) if m["golongan"] else None
    data["pangkat"] = grade.pangkat if grade else None
    data["nama_lengkap"] = nama_lengkap(m["nama"], m.get("gelar_depan"), m.get("gelar_belakang"))
    data["minat_rumpun"] = m["minat_rumpun"] or []
    data["minat_jabatan_ids"] = m["minat_jabatan_ids"] or []
    return data


def to_out(p: Any, extra: dict[str, Any] | None = None) -> PegawaiOut:
    """An ORM employee (after a write) as the API shows it."""
    joined = dict.fromkeys(("jabatan_nama", "jabatan_jenis", "kelas_jabatan", "rumpun", "unit_nama"))
    return PegawaiOut.model_validate(out_dict({**joined, **{f: getattr(p, f) for f in OWN_FIELDS}, **(extra or {})}))


class SortField(StrEnum):
    NAMA = "nama"
    NIP = "nip"
    GOLONGAN = "golongan"
    TMT_GOLONGAN = "tmt_golongan"
    KELAS = "kelas_jabatan"
    TANGGAL_LAHIR = "tanggal_lahir"
    RELEVANSI = "relevansi"


class NipLookup(BaseModel):
    nips: list[str] = Field(min_length=1, max_length=1000, description="Up to 1,000 NIPs")


class NipLookupOut(BaseModel):
    items: list[PegawaiOut]
    missing: list[str] = Field(description="Valid NIPs not found in your scope")
    invalid: list[dict[str, str]] = Field(description="Entries that are not valid NIPs, with the reason")


class MutasiIn(BaseModel):
    jabatan_id: uuid.UUID
    tmt: date = Field(description="Effective date of the transfer (TMT)")
    nomor_sk: str | None = Field(None, max_length=100)
    keterangan: str | None = Field(None, max_length=500)
    paksa: bool = Field(False, description="admin_bkpsdm only: transfer into a full position anyway")
    alasan: str | None = Field(None, max_length=500, description="Required with paksa")

    _tmt = field_validator("tmt")(check_date)


class RiwayatJabatanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    jabatan_id: uuid.UUID | None
    nama_jabatan: str
    nama_unit: str | None
    tmt_mulai: date
    tmt_selesai: date | None
    nomor_sk: str | None
    keterangan: str | None


class RiwayatGolonganIn(BaseModel):
    golongan: str
    tmt: date
    nomor_sk: str | None = Field(None, max_length=100)
    jenis_kenaikan: str | None = Field(None, max_length=50, examples=["reguler", "pilihan"])

    _gol = field_validator("golongan")(check_golongan)
    _tmt = field_validator("tmt")(check_date)


class RiwayatGolonganOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    golongan: str
    tmt: date
    nomor_sk: str | None
    jenis_kenaikan: str | None


class RiwayatPendidikanIn(BaseModel):
    tingkat: str
    jurusan: str | None = Field(None, max_length=200)
    institusi: str | None = Field(None, max_length=200)
    tahun_lulus: int | None = Field(None, ge=1940, le=2100)

    _pend = field_validator("tingkat")(check_pendidikan)


class RiwayatPendidikanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    tingkat: str
    jurusan: str | None
    institusi: str | None
    tahun_lulus: int | None
