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
from shared.kepegawaian import Kedudukan, StatusKepegawaian, nama_lengkap
from shared.nip import NIP as ParsedNIP
from shared.nip import JenisKelamin, parse_nip
from shared.rules import load_golongan, load_jabatan
from shared.types import NIP, Golongan, Line, Paragraph, Pendidikan, invalid

EXAMPLE_NIP = "198503122010011003"
JABATAN_ID, OTHER_JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000002", "6f1c1d2e-2222-4a4a-8b8b-000000000003"
OUT_EXAMPLE: dict[str, Any] = {
    "id": "6f1c1d2e-3333-4a4a-8b8b-000000000001",
    "nip": EXAMPLE_NIP,
    "nama": "Budi Santoso",
    "gelar_depan": None,
    "gelar_belakang": "S.Kep.",
    "nama_lengkap": "Budi Santoso, S.Kep.",
    "tempat_lahir": "Klaten",
    "tanggal_lahir": "1985-03-12",
    "jenis_kelamin": "L",
    "status_kepegawaian": "PNS",
    "kedudukan": "aktif",
    "golongan": "III/b",
    "pangkat": "Penata Muda Tingkat I",
    "tmt_golongan": "2018-04-01",
    "pendidikan_tingkat": "S1",
    "pendidikan_jurusan": "Keperawatan",
    "jabatan_id": JABATAN_ID,
    "jabatan_nama": "Perawat Ahli Pertama",
    "jabatan_jenis": "ahli_pertama",
    "kelas_jabatan": 8,
    "rumpun": "kesehatan",
    "tmt_jabatan": "2020-01-01",
    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
    "unit_nama": "Dinas Kesehatan",
    "bup_khusus": None,
    "bup_override": None,
    "minat_rumpun": ["kesehatan"],
    "minat_jabatan_ids": [OTHER_JABATAN_ID],
    "email": "budi.santoso@klatenkab.go.id",
    "telepon": "0812-3456-7890",
    "alamat": "Jl. Pemuda No. 12, Klaten",
    "atasan_nip": None,
    "version": 4,
    "created_at": "2024-01-15T08:00:00+00:00",
    "updated_at": "2026-07-01T09:15:02.418000+00:00",
}
STATUS = "Status kepegawaian: PNS (civil servant), CPNS (candidate, on probation) or PPPK (contract employee)"
KEDUDUKAN = (
    "Kedudukan hukum: aktif (serving), tugas_belajar (on study leave), cltn (unpaid leave), dipekerjakan / "
    "diperbantukan (seconded), pemberhentian_sementara (suspended), masa_persiapan_pensiun (pre-retirement), pensiun"
)
TMT = "TMT (terhitung mulai tanggal): the date the decree takes effect"
BUP_KHUSUS = "A retirement-age (BUP) exception by law: guru, dosen or profesor"
BUP_OVERRIDE = "Legacy retirement age (BUP) kept by PP 11/2017 Pasal 354-355"
ATASAN_NIP = (
    "Supervisor set by an admin (a serving employee in your reach, not the employee itself), overriding the one "
    "derived from the position's chain (jabatan.atasan_jabatan_id); null: derived. The resolved supervisor: "
    "POST /api/v1/pegawai/atasan"
)
# Academic titles belong in gelar_depan / gelar_belakang: a name holding them sorts, searches
# and prints wrongly. Compared without dots and case.
FRONT_TITLES = frozenset({"dr", "drs", "dra", "drg", "drh", "ir", "prof", "ns", "apt"})
BACK_TITLES = frozenset(
    {
        "amd",
        "amdkep",
        "amdkeb",
        "amk",
        "ak",
        "sag",
        "sap",
        "se",
        "sh",
        "shi",
        "sip",
        "sked",
        "skep",
        "skg",
        "skm",
        "skom",
        "sfarm",
        "sgz",
        "sp",
        "spd",
        "spdi",
        "spsi",
        "ssi",
        "ssit",
        "ssos",
        "sst",
        "st",
        "stp",
        "str",
        "ma",
        "mag",
        "mak",
        "map",
        "mba",
        "mh",
        "mhum",
        "mkes",
        "mkom",
        "mm",
        "mpd",
        "mph",
        "mpsi",
        "msc",
        "msi",
        "mt",
        "phd",
    }
)


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


def check_grade_scheme(
    status: StatusKepegawaian | str | None, golongan: str | None
) -> tuple[str, dict[str, Any]] | None:
    """Why a golongan does not fit the status (PPPK grades are I..XVII), or None."""
    if not golongan or not status:
        return None
    grade = load_golongan().get(golongan)
    scheme = "pppk" if status == StatusKepegawaian.PPPK else "pns"
    if grade and grade.scheme != scheme:
        return "golongan-wrong-scheme", {
            "golongan": golongan,
            "status": str(status),
            "allowed": "I..XVII" if scheme == "pppk" else "I/a..IV/e",
        }
    return None


class Minat(BaseModel):
    minat_rumpun: list[Annotated[Line, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=10, description="Career interest: preferred job families (rumpun)"
    )
    minat_jabatan_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=10, description="Career interest: ids of target positions"
    )


class Kontak(BaseModel):
    email: EmailStr | None = Field(None, max_length=200)
    telepon: str | None = Field(
        None, max_length=30, pattern=r"^[0-9+()\-\s]{6,30}$", description="Phone, as text with its leading 0 or +62"
    )
    alamat: Paragraph | None = Field(None, max_length=500, description="Home address")


class PegawaiCreate(Minat, Kontak):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": EXAMPLE_NIP,
                    "nama": "Budi Santoso",
                    "gelar_belakang": "S.Kep.",
                    "status_kepegawaian": "PNS",
                    "golongan": "III/b",
                    "tmt_golongan": "2018-04-01",
                    "pendidikan_tingkat": "S1",
                    "pendidikan_jurusan": "Keperawatan",
                    "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
                    "tmt_jabatan": "2020-01-01",
                }
            ]
        }
    )

    nip: NIP
    nama: Nama = Field(min_length=2, max_length=200, description="Name without academic titles")
    gelar_depan: Line | None = Field(
        None, max_length=50, examples=["Dr."], description="Academic titles before the name"
    )
    gelar_belakang: Line | None = Field(
        None, max_length=100, examples=["S.Kom., M.T."], description="Academic titles after the name"
    )
    tempat_lahir: Line | None = Field(None, max_length=100, description="Place of birth")
    tanggal_lahir: date | None = Field(None, description="Must agree with NIP digits 1-8; taken from the NIP if absent")
    jenis_kelamin: JenisKelamin | None = Field(
        None, description="L (laki-laki, male) or P (perempuan, female); must agree with NIP digit 15"
    )
    status_kepegawaian: StatusKepegawaian = Field(description=STATUS)
    kedudukan: Kedudukan = Field(Kedudukan.AKTIF, description=KEDUDUKAN)
    golongan: Golongan = Field(None, description="Current golongan (grade); PNS I/a..IV/e, PPPK I..XVII")
    tmt_golongan: date | None = Field(None, description=f"{TMT} of the current golongan; required with golongan")
    pendidikan_tingkat: Pendidikan = Field(None, description="Highest education level, e.g. SMA, D3, S1, S2")
    pendidikan_jurusan: Line | None = Field(None, max_length=200, description="Field of study")
    pendidikan_institusi: Line | None = Field(None, max_length=200, description="School or university")
    pendidikan_tahun_lulus: int | None = Field(None, ge=1940, le=2100, description="Graduation year")
    jabatan_id: uuid.UUID | None = Field(None, description="The position (jabatan) held")
    tmt_jabatan: date | None = Field(None, description=f"{TMT} of the position")
    unit_id: uuid.UUID | None = Field(
        None, description="Only for employees without a position; else the position's unit"
    )
    bup_khusus: BupKhusus = Field(None, max_length=20, description=BUP_KHUSUS)
    bup_override: int | None = Field(None, ge=50, le=75, description=BUP_OVERRIDE)
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

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"telepon": "0812-3456-7890", "minat_rumpun": ["kesehatan"]}]}
    )

    nama: Nama | None = Field(None, min_length=2, max_length=200, description="Name without academic titles")
    gelar_depan: Line | None = Field(None, max_length=50, description="Academic titles before the name, e.g. Dr.")
    gelar_belakang: Line | None = Field(None, max_length=100, description="Academic titles after the name, e.g. S.Kep.")
    tempat_lahir: Line | None = Field(None, max_length=100, description="Place of birth")
    status_kepegawaian: StatusKepegawaian | None = Field(None, description=STATUS)
    kedudukan: Kedudukan | None = Field(None, description=KEDUDUKAN)
    bup_khusus: BupKhusus = Field(None, max_length=20, description=BUP_KHUSUS)
    bup_override: int | None = Field(None, ge=50, le=75, description=BUP_OVERRIDE)
    minat_rumpun: list[Annotated[Line, Field(min_length=1, max_length=100)]] | None = Field(None, max_length=10)  # type: ignore[assignment]  # optional here, a list on create
    minat_jabatan_ids: list[uuid.UUID] | None = Field(None, max_length=10)  # type: ignore[assignment]  # optional here, a list on create
    atasan_nip: NIP | None = Field(None, description=ATASAN_NIP)


# What an employee may change in its own record (self-service).
SELF_EDITABLE = frozenset({"email", "telepon", "alamat", "minat_rumpun", "minat_jabatan_ids"})


class PegawaiOut(BaseModel):
    # Every field is always sent, the joined ones too (null when none): required in the document.
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_serialization_defaults_required=True,
        json_schema_extra={"examples": [OUT_EXAMPLE]},
    )

    id: uuid.UUID
    nip: str = Field(description="NIP (Nomor Induk Pegawai), 18 digits: the employee's key in every service")
    nama: str = Field(description="Name without academic titles")
    gelar_depan: str | None = Field(description="Academic titles before the name")
    gelar_belakang: str | None = Field(description="Academic titles after the name")
    nama_lengkap: str = Field(description="Name with academic titles, as printed")
    tempat_lahir: str | None = Field(description="Place of birth")
    tanggal_lahir: date
    jenis_kelamin: str = Field(description="L (laki-laki, male) or P (perempuan, female)")
    status_kepegawaian: str = Field(description=STATUS)
    kedudukan: str = Field(description=KEDUDUKAN)
    golongan: str | None = Field(description="Golongan (grade): PNS I/a..IV/e, PPPK I..XVII")
    pangkat: str | None = Field(description="Rank name of the golongan, e.g. Penata Muda Tingkat I for III/b")
    tmt_golongan: date | None = Field(description=f"{TMT} of the golongan")
    pendidikan_tingkat: str | None = Field(description="Highest education level")
    pendidikan_jurusan: str | None = Field(description="Field of study of the highest education")
    jabatan_id: uuid.UUID | None = Field(description="The position (jabatan) held; null when none")
    jabatan_nama: str | None = Field(None, description="Name of the position held")
    jabatan_jenis: str | None = Field(None, description="Kind of the position held (jenis jabatan)")
    kelas_jabatan: int | None = Field(None, description="Grade 1-17 of the position held")
    rumpun: str | None = Field(None, description="Job family (rumpun) of the position held")
    tmt_jabatan: date | None = Field(description=f"{TMT} of the position")
    unit_id: uuid.UUID | None = Field(description="The organisation unit the employee works in")
    unit_nama: str | None = Field(None, description="Name of that unit")
    bup_khusus: str | None = Field(description=BUP_KHUSUS)
    bup_override: int | None = Field(description=BUP_OVERRIDE)
    minat_rumpun: list[str] = Field(description="Career interest: preferred job families (rumpun)")
    minat_jabatan_ids: list[uuid.UUID] = Field(description="Career interest: ids of target positions")
    email: str | None
    telepon: str | None
    alamat: str | None = Field(description="Home address")
    atasan_nip: str | None = Field(description=ATASAN_NIP)
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the record")
    created_at: datetime
    updated_at: datetime


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
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP, "19900715 201503 2 001"]}]})

    nips: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=1000, description="Up to 1,000 NIPs"
    )


class NipInvalid(BaseModel):
    nip: str = Field(description="The entry as sent")
    error: str = Field(description="Why it is not a valid NIP, in the request's language")


class NipLookupOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [OUT_EXAMPLE],
                    "missing": ["199007152015032001"],
                    "invalid": [
                        {
                            "nip": "19850312201001100",
                            "error": "NIP harus 18 angka; '19850312201001100' berisi 17 "
                            "karakter setelah spasi dibuang.",
                        }
                    ],
                }
            ]
        }
    )

    items: list[PegawaiOut] = Field(description="The employees found")
    missing: list[str] = Field(description="Valid NIPs not found in your scope")
    invalid: list[NipInvalid] = Field(description="Entries that are not valid NIPs, with the reason")


class AtasanLookup(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP, "19900715 201503 2 001"]}]})

    nips: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=10000, description="Up to 10,000 NIPs"
    )


class Sumber(StrEnum):
    MANUAL = "manual"  # pegawai.atasan_nip, set by an admin
    JABATAN = "jabatan"  # the holder of the position the employee's position reports to
    JABATAN_DI_ATAS = "jabatan_di_atas"  # that position is empty: the holder of one further up the chain


class AtasanOut(BaseModel):
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    nip: str = Field(description="The employee")
    atasan_nip: str | None = Field(description="NIP of its direct supervisor; null when none is found")
    atasan_nama: str | None = Field(description="Name of the supervisor, without academic titles")
    sumber: Sumber | None = Field(
        description="Where the supervisor comes from: manual (set by an admin), jabatan (holder of the position "
        "above), jabatan_di_atas (that position is empty: holder of the next one up the chain); null when none"
    )


class AtasanLookupOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "nip": EXAMPLE_NIP,
                            "atasan_nip": "197806152005011002",
                            "atasan_nama": "Siti Rahmawati",
                            "sumber": "jabatan",
                        }
                    ],
                    "missing": ["199007152015032001"],
                    "invalid": [],
                }
            ]
        }
    )

    items: list[AtasanOut] = Field(description="The employees found, each with its direct supervisor")
    missing: list[str] = Field(description="Valid NIPs not found in your scope")
    invalid: list[NipInvalid] = Field(description="Entries that are not valid NIPs, with the reason")


class Bawahan(BaseModel):
    """A serving employee whose direct supervisor is the one asked for."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    nip: str
    nama: str = Field(description="Name without academic titles")
    nama_lengkap: str = Field(description="Name with academic titles, as printed")
    jabatan_id: uuid.UUID | None = Field(description="The position held; null when none")
    jabatan_nama: str | None = Field(description="Name of the position held")
    unit_id: uuid.UUID | None = Field(description="The unit the employee works in")
    unit_nama: str | None = Field(description="Name of that unit")


class BawahanOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": "197806152005011002",
                    "items": [
                        {
                            "nip": EXAMPLE_NIP,
                            "nama": OUT_EXAMPLE["nama"],
                            "nama_lengkap": OUT_EXAMPLE["nama_lengkap"],
                            "jabatan_id": JABATAN_ID,
                            "jabatan_nama": OUT_EXAMPLE["jabatan_nama"],
                            "unit_id": OUT_EXAMPLE["unit_id"],
                            "unit_nama": OUT_EXAMPLE["unit_nama"],
                        }
                    ],
                }
            ]
        }
    )

    nip: str = Field(description="The supervisor asked for")
    items: list[Bawahan] = Field(description="Its direct reports (within your reach), by name")


def bawahan_dict(m: Mapping[str, Any]) -> dict[str, Any]:
    """A row of queries.BAWAHAN_COLUMNS as the API shows it."""
    data = dict(m)
    data["nama_lengkap"] = nama_lengkap(data["nama"], data.pop("gelar_depan"), data.pop("gelar_belakang"))
    return data


ROSTER_FIELDS = (
    "nip",
    "nama_lengkap",
    "status_kepegawaian",
    "golongan",
    "jabatan_id",
    "jabatan_nama",
    "jabatan_jenis",
    "kelas_jabatan",
)


class AnggotaUnit(BaseModel):
    """One serving employee of a unit's roster: who, in which position, in which unit."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    nip: str
    nama_lengkap: str = Field(description="Name with academic titles, as printed")
    status_kepegawaian: str = Field(description=STATUS)
    golongan: str | None = Field(description="Golongan (grade)")
    jabatan_id: uuid.UUID | None = Field(description="The position held; null when none")
    jabatan_nama: str | None = Field(description="Name of the position held")
    jabatan_jenis: str | None = Field(description="Kind of the position held (jenis jabatan)")
    kelas_jabatan: int | None = Field(description="Grade 1-17 of the position held")
    unit_id: uuid.UUID = Field(description="The unit the employee works in (the unit asked for or one under it)")
    unit_nama: str = Field(description="Name of that unit")


class DaftarPegawaiUnitOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": OUT_EXAMPLE["unit_id"],
                    "items": [
                        {
                            **{k: OUT_EXAMPLE[k] for k in ROSTER_FIELDS},
                            "unit_id": OUT_EXAMPLE["unit_id"],
                            "unit_nama": OUT_EXAMPLE["unit_nama"],
                        }
                    ],
                }
            ]
        }
    )

    unit_id: uuid.UUID = Field(description="The unit asked for")
    items: list[AnggotaUnit] = Field(description="Its serving employees and those of every unit under it")


def anggota_dict(m: Mapping[str, Any]) -> dict[str, Any]:
    """A roster row (queries.ROSTER_COLUMNS) as the API shows it."""
    data = dict(m)
    data["nama_lengkap"] = nama_lengkap(data.pop("nama"), data.pop("gelar_depan"), data.pop("gelar_belakang"))
    return data


class MutasiIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
                    "tmt": "2024-07-01",
                    "nomor_sk": "800/123/BKPSDM/2024",
                }
            ]
        }
    )

    jabatan_id: uuid.UUID = Field(description="The new position")
    tmt: PastDate = Field(description="Effective date of the transfer (TMT)")
    nomor_sk: Line | None = Field(None, max_length=100, description="Number of the decree (SK, surat keputusan)")
    keterangan: Paragraph | None = Field(None, max_length=500, description="Free notes")
    paksa: bool = Field(False, description="admin_bkpsdm only: transfer into a full position anyway")
    alasan: Paragraph | None = Field(None, max_length=500, description="Required with paksa")


class RiwayatJabatanOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "6f1c1d2e-6666-4a4a-8b8b-000000000001",
                    "jabatan_id": JABATAN_ID,
                    "nama_jabatan": "Perawat Ahli Pertama",
                    "nama_unit": "Dinas Kesehatan",
                    "tmt_mulai": "2020-01-01",
                    "tmt_selesai": None,
                    "nomor_sk": "821.2/045/BKPSDM/2019",
                    "keterangan": None,
                }
            ]
        },
    )

    id: uuid.UUID
    jabatan_id: uuid.UUID | None = Field(description="The position; null once it was deleted (the names stay)")
    nama_jabatan: str = Field(description="Name of the position at the time")
    nama_unit: str | None = Field(description="Name of the unit at the time")
    tmt_mulai: date = Field(description="TMT (effective date) the employee started in the position")
    tmt_selesai: date | None = Field(description="When the employee left it; null for the current position")
    nomor_sk: str | None = Field(description="Number of the decree (SK)")
    keterangan: str | None = Field(description="Free notes")


class RiwayatGolonganIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"golongan": "III/c", "tmt": "2022-04-01", "jenis_kenaikan": "reguler"}]}
    )

    golongan: Golongan = Field(description="The new golongan (grade)")
    tmt: PastDate = Field(description="TMT (effective date) of the new golongan")
    nomor_sk: Line | None = Field(None, max_length=100, description="Number of the decree (SK)")
    jenis_kenaikan: Line | None = Field(
        None, max_length=50, examples=["reguler", "pilihan"], description="Kind of promotion (kenaikan pangkat)"
    )

    @field_validator("golongan")
    @classmethod
    def _given(cls, value: str | None) -> str:
        if value is None:
            raise invalid("field.missing")
        return value


class RiwayatGolonganOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "6f1c1d2e-7777-4a4a-8b8b-000000000001",
                    "golongan": "III/b",
                    "tmt": "2018-04-01",
                    "nomor_sk": "823.3/112/BKPSDM/2018",
                    "jenis_kenaikan": "reguler",
                }
            ]
        },
    )

    id: uuid.UUID
    golongan: str = Field(description="Golongan (grade)")
    tmt: date = Field(description="TMT (effective date) of the golongan")
    nomor_sk: str | None = Field(description="Number of the decree (SK)")
    jenis_kenaikan: str | None = Field(description="Kind of promotion (kenaikan pangkat), e.g. reguler, pilihan")


class RiwayatPendidikanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"tingkat": "S2", "jurusan": "Kesehatan Masyarakat", "tahun_lulus": 2019}]}
    )

    tingkat: Pendidikan = Field(description="Education level, e.g. SMA, D3, S1, S2, S3")
    jurusan: Line | None = Field(None, max_length=200, description="Field of study")
    institusi: Line | None = Field(None, max_length=200, description="School or university")
    tahun_lulus: int | None = Field(None, ge=1940, le=2100, description="Graduation year")

    @field_validator("tingkat")
    @classmethod
    def _given(cls, value: str | None) -> str:
        if value is None:
            raise invalid("field.missing")
        return value


class RiwayatPendidikanOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "6f1c1d2e-8888-4a4a-8b8b-000000000001",
                    "tingkat": "S1",
                    "jurusan": "Keperawatan",
                    "institusi": "Universitas Gadjah Mada",
                    "tahun_lulus": 2008,
                }
            ]
        },
    )

    id: uuid.UUID
    tingkat: str = Field(description="Education level")
    jurusan: str | None = Field(description="Field of study")
    institusi: str | None = Field(description="School or university")
    tahun_lulus: int | None = Field(description="Graduation year")


RINGKAS_EXAMPLE: dict[str, Any] = {
    "nip": EXAMPLE_NIP,
    "nama": "Budi Santoso",
    "jabatan_id": JABATAN_ID,
    "jabatan_nama": "Perawat Ahli Pertama",
    "kelas_jabatan": 8,
    "rumpun": "kesehatan",
    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
    "unit_nama": "Dinas Kesehatan",
    "pendidikan_tingkat": "S1",
    "golongan": "III/b",
    "kedudukan": "aktif",
    "status_kepegawaian": "PNS",
    "minat_jabatan_ids": [OTHER_JABATAN_ID],
}


class PegawaiRingkas(BaseModel):
    """What placement reads of an employee, compact (10,000 of them in one answer)."""

    model_config = ConfigDict(json_schema_extra={"examples": [RINGKAS_EXAMPLE]})

    nip: str
    nama: str = Field(description="Name without academic titles")
    jabatan_id: uuid.UUID | None = Field(description="The position held; null when none")
    jabatan_nama: str | None
    kelas_jabatan: int | None = Field(description="Grade 1-17 of the position held")
    rumpun: str | None = Field(description="Job family of the position held")
    unit_id: uuid.UUID | None
    unit_nama: str | None
    pendidikan_tingkat: str | None = Field(description="Highest education level")
    golongan: str | None = Field(description="PNS I/a..IV/e, PPPK I..XVII")
    kedudukan: str = Field(description=KEDUDUKAN)
    status_kepegawaian: str = Field(description="PNS, CPNS or PPPK (the JP rule that applies)")
    minat_jabatan_ids: list[uuid.UUID] = Field(description="Career interest: ids of target positions")
    jenis_kelamin: str | None = Field(None, description="L or P; only with kelompok=true")
    tanggal_lahir: date | None = Field(None, description="Only with kelompok=true")


class Kelengkapan(BaseModel):
    jumlah_pegawai: int = Field(description="Serving employees counted")
    dengan_pendidikan: int = Field(description="With their education recorded")
    dengan_golongan: int = Field(description="With their golongan recorded")
    dengan_jabatan: int = Field(description="Holding a position")
    dengan_tanggal_lahir: int = Field(description="With their birth date recorded")
    lengkap: int = Field(description="With all four")


class Promosi(BaseModel):
    nip: str
    jabatan_id: uuid.UUID = Field(description="The position moved to")
    kelas_lama: int = Field(description="Kelas jabatan of the position before")
    kelas_baru: int = Field(description="Kelas jabatan of the position moved to")
    tmt: date = Field(description="The day it took effect")


class RekapPegawai(BaseModel):
    """What the merit evaluation reads of the serving employees, counted by pegawai."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": None,
                    "tahun": 2026,
                    "kelengkapan": {
                        "jumlah_pegawai": 850,
                        "dengan_pendidikan": 842,
                        "dengan_golongan": 800,
                        "dengan_jabatan": 845,
                        "dengan_tanggal_lahir": 850,
                        "lengkap": 790,
                    },
                    "promosi": [
                        {
                            "nip": "198503122010011001",
                            "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
                            "kelas_lama": 8,
                            "kelas_baru": 9,
                            "tmt": "2026-03-01",
                        }
                    ],
                }
            ]
        }
    )

    unit_id: uuid.UUID | None = Field(description="The unit asked for (null: every employee within reach)")
    tahun: int
    kelengkapan: Kelengkapan
    promosi: list[Promosi] = Field(
        description="Moves of the year to a position of a higher kelas jabatan (the position history), by date"
    )
