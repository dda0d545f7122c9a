"""Request and answer shapes of employees (pegawai) and their history."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pegawai.pegawai.tanggal import Problem, date_problem, tahun_lulus_problem, tmt_problem
from shared.kepegawaian import Kedudukan, StatusKepegawaian
from shared.nip import NIP as ParsedNIP
from shared.nip import JenisKelamin, parse_nip
from shared.rules import load_golongan, load_jabatan
from shared.types import NIP, Golongan, Line, Paragraph, Pendidikan, invalid

EXAMPLE_NIP = "198503122010011003"
# Academic titles belong in gelar_depan / gelar_belakang: a name holding them sorts, searches
# and prints wrongly. Compared without dots and case.
FRONT_TITLES = frozenset({"dr", "drs", "dra", "drg", "drh", "ir", "prof", "ns", "apt"})
BACK_TITLES = frozenset({
    "amd", "amdkep", "amdkeb", "amk", "ak", "sag", "sap", "se", "sh", "shi", "sip", "sked", "skep", "skg", "skm",
    "skom", "sfarm", "sgz", "sp", "spd", "spdi", "spsi", "ssi", "ssit", "ssos", "sst", "st", "stp", "str",
    "ma", "mag", "mak", "map", "mba", "mh", "mhum", "mkes", "mkom", "mm", "mpd", "mph", "mpsi", "msc", "msi", "mt",
    "phd",
})


def has_titles(nama: str) -> bool:
    """Whether a name carries academic titles (a comma before back titles, or a known title)."""
    if "," in nama:
        return True
    tokens = nama.split()
    key = [re.sub(r"[.\s]", "", tok).casefold() for tok in tokens]
    if key and key[0] in FRONT_TITLES:
        return True
    return any(k in BACK_TITLES and "." in tok for tok, k in zip(tokens[1:], key[1:], strict=True))


def _no_titles(value: str) -> str:
    if has_titles(value):
        raise invalid("nama-has-titles")
    return value


Nama = Annotated[Line, AfterValidator(_no_titles)]


def _bup_khusus(value: str | None) -> str | None:
    if value is None:
        return None
    allowed = load_jabatan().bup_exceptions
    if value not in allowed:
        raise invalid("bup-khusus-unknown", value=value[:20], allowed=", ".join(allowed))
    return value


BupKhusus = Annotated[str | None, AfterValidator(_bup_khusus)]


def _raise(problem: Problem | None) -> None:
    if problem:
        code, params = problem
        raise invalid(code, **params)


def _possible_date(value: date | None) -> date | None:
    if value is not None:
        _raise(date_problem(value))
    return value


PastDate = Annotated[date, AfterValidator(_possible_date)]


def _nip_of(info: ValidationInfo) -> ParsedNIP | None:
    """The body's NIP, when it was valid (fields after `nip` are validated after it)."""
    value = info.data.get("nip")
    return parse_nip(value) if value else None


def check_grade_scheme(status: StatusKepegawaian | str | None, golongan: str | None) -> tuple[str, dict[str, Any]] | None:
    """Why a golongan does not fit the status (PPPK grades are I..XVII), or None."""
    if not golongan or not status:
        return None
    grade = load_golongan().get(golongan)
    scheme = "pppk" if status == StatusKepegawaian.PPPK else "pns"
    if grade and grade.scheme != scheme:
        return "golongan-wrong-scheme", {
            "golongan": golongan, "status": str(status), "allowed": "I..XVII" if scheme == "pppk" else "I/a..IV/e"
        }
    return None


class Minat(BaseModel):
    minat_rumpun: list[Annotated[Line, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=10, description="Preferred job families"
    )
    minat_jabatan_ids: list[uuid.UUID] = Field(default_factory=list, max_length=10, description="Target positions")


class Kontak(BaseModel):
    email: EmailStr | None = Field(None, max_length=200)
    telepon: str | None = Field(None, max_length=30, pattern=r"^[0-9+()\-\s]{6,30}$")
    alamat: Paragraph | None = Field(None, max_length=500)


class PegawaiCreate(Minat, Kontak):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": EXAMPLE_NIP, "nama": "Budi Santoso", "gelar_belakang": "S.Kep.", "status_kepegawaian": "PNS",
                    "golongan": "III/b", "tmt_golongan": "2018-04-01", "pendidikan_tingkat": "S1",
                    "pendidikan_jurusan": "Keperawatan", "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
                    "tmt_jabatan": "2020-01-01",
                }
            ]
        }
    )

    nip: NIP
    nama: Nama = Field(min_length=2, max_length=200, description="Name without academic titles")
    gelar_depan: Line | None = Field(None, max_length=50, examples=["Dr."])
    gelar_belakang: Line | None = Field(None, max_length=100, examples=["S.Kom., M.T."])
    tempat_lahir: Line | None = Field(None, max_length=100)
    tanggal_lahir: date | None = Field(None, description="Must agree with NIP digits 1-8; taken from the NIP if absent")
    jenis_kelamin: JenisKelamin | None = Field(None, description="L or P; must agree with NIP digit 15")
    status_kepegawaian: StatusKepegawaian
    kedudukan: Kedudukan = Kedudukan.AKTIF
    golongan: Golongan = None
    tmt_golongan: date | None = None
    pendidikan_tingkat: Pendidikan = None
    pendidikan_jurusan: Line | None = Field(None, max_length=200)
    pendidikan_institusi: Line | None = Field(None, max_length=200)
    pendidikan_tahun_lulus: int | None = Field(None, ge=1940, le=2100)
    jabatan_id: uuid.UUID | None = None
    tmt_jabatan: date | None = None
    unit_id: uuid.UUID | None = Field(None, description="Only for employees without a position; else the position's unit")
    bup_khusus: BupKhusus = Field(None, max_length=20, description="A BUP exception by law (guru, dosen, profesor)")
    bup_override: int | None = Field(None, ge=50, le=75, description="Legacy BUP kept by PP 11/2017 Pasal 354-355")
    paksa: bool = Field(False, description="admin_bkpsdm only: place into a full position anyway")
    alasan: Paragraph | None = Field(None, max_length=500, description="Why a full position is filled anyway")

    @field_validator("tanggal_lahir")
    @classmethod
    def _lahir(cls, value: date | None) -> date | None:
        return _possible_date(value)

    @field_validator("tmt_golongan", "tmt_jabatan")
    @classmethod
    def _possible_tmt(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None:
            _raise(tmt_problem(value, _nip_of(info)))
        return value

    @field_validator("pendidikan_tahun_lulus")
    @classmethod
    def _possible_lulus(cls, value: int | None, info: ValidationInfo) -> int | None:
        nip = _nip_of(info)
        if value is not None and nip is not None:
            _raise(tahun_lulus_problem(value, nip.tanggal_lahir))
        return value

    @model_validator(mode="after")
    def _agree_with_nip(self) -> PegawaiCreate:
        parsed = parse_nip(self.nip)
        if self.tanggal_lahir is None:
            self.tanggal_lahir = parsed.tanggal_lahir
        elif self.tanggal_lahir != parsed.tanggal_lahir:
            raise invalid("lahir-not-nip", given=self.tanggal_lahir.isoformat(), nip=parsed.tanggal_lahir.isoformat())
        if self.jenis_kelamin is None:
            self.jenis_kelamin = parsed.jenis_kelamin
        elif self.jenis_kelamin != parsed.jenis_kelamin:
            raise invalid("kelamin-not-nip", given=self.jenis_kelamin.value, nip=parsed.jenis_kelamin.value)
        _raise(check_grade_scheme(self.status_kepegawaian, self.golongan))
        if self.golongan and self.tmt_golongan is None:
            raise invalid("tmt-golongan-required")
        return self


class PegawaiUpdate(Kontak, Minat):
    """Changes to the record itself. Transfers, promotions and education go through their own
    endpoints so that history is written with them."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"telepon": "0812-3456-7890", "minat_rumpun": ["kesehatan"]}]})

    nama: Nama | None = Field(None, min_length=2, max_length=200)
    gelar_depan: Line | None = Field(None, max_length=50)
    gelar_belakang: Line | None = Field(None, max_length=100)
    tempat_lahir: Line | None = Field(None, max_length=100)
    status_kepegawaian: StatusKepegawaian | None = None
    kedudukan: Kedudukan | None = None
    bup_khusus: BupKhusus = Field(None, max_length=20)
    bup_override: int | None = Field(None, ge=50, le=75)
    minat_rumpun: list[Annotated[Line, Field(min_length=1, max_length=100)]] | None = Field(None, max_length=10)  # type: ignore[assignment]  # optional here, a list on create
    minat_jabatan_ids: list[uuid.UUID] | None = Field(None, max_length=10)  # type: ignore[assignment]  # optional here, a list on create


# What an employee may change in its own record (self-service).
SELF_EDITABLE = frozenset({"email", "telepon", "alamat", "minat_rumpun", "minat_jabatan_ids"})


class PegawaiOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    nip: str
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    nama_lengkap: str = Field(description="Name with academic titles, as printed")
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
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the record")
    created_at: datetime
    updated_at: datetime


def nama_lengkap(nama: str, depan: str | None, belakang: str | None) -> str:
    out = f"{depan.strip()} {nama}" if depan else nama
    return f"{out}, {belakang.strip()}" if belakang else out


JOINED_FIELDS = ("jabatan_nama", "jabatan_jenis", "kelas_jabatan", "rumpun", "unit_nama")
OWN_FIELDS = [f for f in PegawaiOut.model_fields if f not in ("nama_lengkap", "pangkat", *JOINED_FIELDS)]


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


def to_out(p: Any, extra: Mapping[str, Any] | None = None) -> PegawaiOut:
    """An ORM employee (after a write) as the API shows it."""
    joined = dict.fromkeys(JOINED_FIELDS)
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
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP, "19900101 201501 2 001"]}]})

    nips: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=1000, description="Up to 1,000 NIPs")


class NipInvalid(BaseModel):
    nip: str
    error: str = Field(description="Why it is not a valid NIP, in the request's language")


class NipLookupOut(BaseModel):
    items: list[PegawaiOut]
    missing: list[str] = Field(description="Valid NIPs not found in your scope")
    invalid: list[NipInvalid] = Field(description="Entries that are not valid NIPs, with the reason")


class MutasiIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002", "tmt": "2024-07-01",
                                         "nomor_sk": "800/123/BKPSDM/2024"}]}
    )

    jabatan_id: uuid.UUID
    tmt: PastDate = Field(description="Effective date of the transfer (TMT)")
    nomor_sk: Line | None = Field(None, max_length=100)
    keterangan: Paragraph | None = Field(None, max_length=500)
    paksa: bool = Field(False, description="admin_bkpsdm only: transfer into a full position anyway")
    alasan: Paragraph | None = Field(None, max_length=500, description="Required with paksa")


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
    model_config = ConfigDict(json_schema_extra={"examples": [{"golongan": "III/c", "tmt": "2022-04-01", "jenis_kenaikan": "reguler"}]})

    golongan: Golongan
    tmt: PastDate
    nomor_sk: Line | None = Field(None, max_length=100)
    jenis_kenaikan: Line | None = Field(None, max_length=50, examples=["reguler", "pilihan"])

    @field_validator("golongan")
    @classmethod
    def _given(cls, value: str | None) -> str:
        if value is None:
            raise invalid("field.missing")
        return value


class RiwayatGolonganOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    golongan: str
    tmt: date
    nomor_sk: str | None
    jenis_kenaikan: str | None


class RiwayatPendidikanIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"tingkat": "S2", "jurusan": "Kesehatan Masyarakat", "tahun_lulus": 2019}]})

    tingkat: Pendidikan
    jurusan: Line | None = Field(None, max_length=200)
    institusi: Line | None = Field(None, max_length=200)
    tahun_lulus: int | None = Field(None, ge=1940, le=2100)

    @field_validator("tingkat")
    @classmethod
    def _given(cls, value: str | None) -> str:
        if value is None:
            raise invalid("field.missing")
        return value


class RiwayatPendidikanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    tingkat: str
    jurusan: str | None
    institusi: str | None
    tahun_lulus: int | None
