"""Request and answer shapes of the JP ledger: entries, the bulk totals, an employee's year and
the compliance report of a unit."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from pengembangan.jp.models import JP_MAX, TAHUN_MIN
from shared.access import ROSTER_EXAMPLE, RosterIn
from shared.kepegawaian import StatusKepegawaian
from shared.messages import t
from shared.rules import load_pengembangan
from shared.types import NIP, Line, invalid
from shared.workbook import Column, Kind

NIP_EXAMPLE = "198503122010011003"
BULK_MAX = 10_000
EARLIEST = date(TAHUN_MIN, 1, 1)
SumberTercatat = Literal["riwayat", "nonklasikal"]  # what a person records; pelatihan is credited
Sumber = Literal["pelatihan", "riwayat", "nonklasikal"]
SUMBER = (
    "pelatihan (a batch of the catalogue completed, credited by enrollment), riwayat (history from before the "
    "platform), nonklasikal (coaching, mentoring, e-learning ... recorded by an admin)"
)
Kategori = Literal[
    "pns_memenuhi", "pns_kurang", "pppk_di_bawah_batas", "pppk_mencapai_batas", "pppk_melebihi_batas", "tanpa_ketentuan"
]
KATEGORI = (
    "pns_memenuhi (a PNS with at least the minimum), pns_kurang (a PNS below it), pppk_di_bawah_batas (a PPPK below "
    "the ceiling), pppk_mencapai_batas (a PPPK at the ceiling: no more this year), pppk_melebihi_batas (a PPPK over "
    "it), tanpa_ketentuan (no JP rule applies: a CPNS, whose development is its basic training)"
)


def _sumber(value: Any) -> str:
    if value not in ("riwayat", "nonklasikal"):
        raise invalid("field.jp-sumber", value=str(value)[:40])
    return str(value)


def _jenis(value: Any) -> str:
    kinds = load_pengembangan().kinds
    if not isinstance(value, str) or value not in kinds:
        raise invalid("field.program-jenis-unknown", value=str(value)[:40], allowed=", ".join(kinds))
    return value


def _past(value: date) -> date:
    if value < EARLIEST or value > date.today():
        raise invalid("field.jp-tanggal-range", value=value.isoformat(), earliest=EARLIEST.isoformat())
    return value


def _tahun(value: int) -> int:
    if value < TAHUN_MIN or value > date.today().year:
        raise invalid("field.jp-tahun-range", value=value, earliest=TAHUN_MIN)
    return value


def nonklasikal_kinds() -> list[str]:
    return [k.kode for k in load_pengembangan().of_jalur("nonklasikal")]


def check_jenis(sumber: str, jenis: str | None) -> None:
    """A non-classroom entry names its kind, one of the path nonklasikal (coaching, mentoring, ...)."""
    if sumber != "nonklasikal":
        return
    allowed = nonklasikal_kinds()
    if jenis is None:
        raise invalid("field.jp-jenis-required", allowed=", ".join(allowed))
    if jenis not in allowed:
        raise invalid("field.jp-jenis-not-nonklasikal", value=jenis, allowed=", ".join(allowed))


SumberIn = Annotated[
    str, BeforeValidator(_sumber), WithJsonSchema({"type": "string", "enum": ["riwayat", "nonklasikal"]})
]
JenisKind = Annotated[
    str,
    BeforeValidator(_jenis),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(load_pengembangan().kinds),
            "description": "Kind of development (shared/rules/pengembangan.yaml; `GET /api/v1/program/jenis` lists "
            "them with their path). Required for nonklasikal, and then one of the path nonklasikal.",
        }
    ),
]
Tanggal = Annotated[date, AfterValidator(_past)]
Tahun = Annotated[int, AfterValidator(_tahun)]
JpValue = Annotated[int, Field(gt=0, le=JP_MAX, description=f"Hours of development (JP), 1-{JP_MAX}")]

EXAMPLE: dict[str, Any] = {
    "nip": NIP_EXAMPLE,
    "sumber": "nonklasikal",
    "jenis": "coaching",
    "tanggal": "2026-03-27",
    "jp": 10,
    "uraian": "Coaching kinerja oleh atasan langsung, triwulan I",
    "nomor_bukti": "800/045/DINKES/2026",
}
OUT_EXAMPLE: dict[str, Any] = {
    "id": "3e5b7d9f-1a2c-4e6f-8a0b-2c4d6e8f0a13",
    **EXAMPLE,
    "tahun": 2026,
    "jenis_nama": "Coaching",
    "jalur": "nonklasikal",
    "program_id": None,
    "angkatan_id": None,
    "dicatat_oleh": "admin-opd-dinkes",
    "version": 1,
    "created_at": "2026-03-30T02:00:00Z",
    "updated_at": "2026-03-30T02:00:00Z",
}


class JpIn(BaseModel):
    """An entry recorded by hand or imported: history (riwayat) or a non-classroom activity
    (nonklasikal). A completed training (pelatihan) is credited by enrollment, not recorded here."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    nip: NIP = Field(description="NIP of the employee who earned the hours")
    sumber: SumberIn = Field(description="riwayat (history from before the platform) or nonklasikal")
    jenis: JenisKind | None = Field(None, validate_default=True)
    tanggal: Tanggal | None = Field(
        None,
        validate_default=True,
        description="When the hours were earned (not ahead of today). Required for nonklasikal; history may give "
        "the year alone.",
    )
    tahun: Tahun | None = Field(
        None,
        validate_default=True,
        description="The year the hours count for: the year of `tanggal` (sent or not), or, for history without "
        "a date, the year alone",
    )
    jp: JpValue
    uraian: Line = Field(min_length=3, max_length=500, description="What was done, e.g. the program and organiser")
    nomor_bukti: Line | None = Field(None, max_length=100, description="Number of the certificate or decree")

    @field_validator("jenis")
    @classmethod
    def _jenis_of_sumber(cls, value: str | None, info: ValidationInfo) -> str | None:
        if "sumber" in info.data:
            check_jenis(info.data["sumber"], value)
        return value

    @field_validator("tanggal")
    @classmethod
    def _tanggal_known(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None and info.data.get("sumber") == "nonklasikal":
            raise invalid("field.jp-tanggal-required")
        return value

    @field_validator("tahun")
    @classmethod
    def _tahun_of_tanggal(cls, value: int | None, info: ValidationInfo) -> int | None:
        if "tanggal" not in info.data:
            return value  # the date was refused already
        tanggal = info.data["tanggal"]
        if tanggal is None:
            if value is None:
                raise invalid("field.jp-tahun-required")
            return value
        if value is not None and value != tanggal.year:
            raise invalid("field.jp-tahun-not-tanggal", tahun=value, tanggal=tanggal.isoformat())
        return tanggal.year

    @property
    def year(self) -> int:
        assert self.tahun is not None  # set by validation
        return self.tahun


class JpUpdate(BaseModel):
    """Only the fields sent change. The employee and the source do not (delete the entry and record
    it anew). A new `tanggal` moves the entry to its year; `tahun` alone changes only history
    without a date."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"jp": 12, "nomor_bukti": "800/046/DINKES/2026"}]})

    jenis: JenisKind | None = None
    tanggal: Tanggal | None = Field(None, description="When the hours were earned")
    tahun: Tahun | None = Field(None, description="The year, for history without a date")
    jp: JpValue | None = None
    uraian: Line | None = Field(None, min_length=3, max_length=500)
    nomor_bukti: Line | None = Field(None, max_length=100)

    @model_validator(mode="before")
    @classmethod
    def _fixed(cls, data: Any) -> Any:
        if isinstance(data, dict):
            sent = [f for f in ("nip", "sumber") if f in data]
            if sent:
                raise invalid("field.jp-fixed", field=sent[0])
        return data


class JpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    nip: str
    tahun: int = Field(description="The year the hours count for")
    tanggal: date | None = Field(description="When they were earned; null only for history given by year")
    jp: int
    sumber: str = Field(description=SUMBER)
    jenis: str | None = Field(description="Kind of development (shared/rules/pengembangan.yaml)")
    jenis_nama: str | None
    jalur: str | None = Field(description="Path of the kind: klasikal, nonklasikal, pendidikan or kader")
    program_id: uuid.UUID | None = Field(description="For pelatihan: the program of the catalogue")
    angkatan_id: uuid.UUID | None = Field(description="For pelatihan: the batch completed")
    uraian: str
    nomor_bukti: str | None
    dicatat_oleh: str = Field(description="Who recorded it (token subject), or who credited a completed batch")
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the entry")
    created_at: datetime
    updated_at: datetime


# --- totals and the rules ------------------------------------------------------------------


KETENTUAN_EXAMPLE: dict[str, Any] = {
    "pns_min_jp_per_tahun": 20,
    "pppk_max_jp_per_tahun": 24,
    "regulation": ["PP 11/2017 as amended by PP 17/2020, Pasal 203 ayat (4)", "PP 49/2018, Pasal 40 ayat (1)"],
}


class KetentuanJp(BaseModel):
    """The JP rights of shared/rules/pengembangan.yaml."""

    model_config = ConfigDict(json_schema_extra={"examples": [KETENTUAN_EXAMPLE]})

    pns_min_jp_per_tahun: int = Field(description="Every PNS at least this many JP a year (a floor)")
    pppk_max_jp_per_tahun: int = Field(
        description="A PPPK at most this many JP per contract year (a ceiling, never a minimum); applied per "
        "calendar year, the contract's start not being known here"
    )
    regulation: list[str]


VERDICT_EXAMPLE: dict[str, Any] = {
    "status_kepegawaian": "PNS",
    "kategori": "pns_kurang",
    "batas_jp": 20,
    "kurang_jp": 6,
    "sisa_jp": None,
    "lebih_jp": None,
}


class Verdict(BaseModel):
    status_kepegawaian: str | None = Field(description="PNS, CPNS or PPPK; null when not known (not given)")
    kategori: Kategori | None = Field(description=KATEGORI + "; null when the status is not known")
    batas_jp: int | None = Field(description="The PNS minimum or the PPPK ceiling that applies; null when none")
    kurang_jp: int | None = Field(description="A PNS: JP still missing to the minimum (0 once met)")
    sisa_jp: int | None = Field(description="A PPPK: JP left below the ceiling (0 at or over it)")
    lebih_jp: int | None = Field(description="A PPPK: JP over the ceiling (0 within it)")


class JpBulkIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nips": [NIP_EXAMPLE, "199001152015032002"],
                    "tahun": 2026,
                    "status": {NIP_EXAMPLE: "PNS", "199001152015032002": "PPPK"},
                }
            ]
        }
    )

    nips: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=BULK_MAX, description=f"NIPs, up to {BULK_MAX:,}"
    )
    tahun: int = Field(ge=TAHUN_MIN, le=2100, description="The year")
    status: dict[Annotated[str, Field(max_length=40)], StatusKepegawaian] | None = Field(
        None,
        max_length=BULK_MAX,
        description="Optional: the status kepegawaian of the NIPs, as the caller knows it (e.g. the gateway, which "
        "holds the employee records). A NIP with a status gets the verdict of its rule; without, its total only. "
        "The service does not ask pegawai itself: 10,000 records from it cost several times the 100 ms this "
        "answer has.",
    )


class JpPegawai(Verdict):
    nip: str
    total_jp: int = Field(description="JP of the year from every source")


class JpBulkOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tahun": 2026,
                    "ketentuan": KETENTUAN_EXAMPLE,
                    "items": [
                        {"nip": NIP_EXAMPLE, "total_jp": 14, **VERDICT_EXAMPLE},
                        {
                            "nip": "199001152015032002",
                            "total_jp": 26,
                            "status_kepegawaian": "PPPK",
                            "kategori": "pppk_melebihi_batas",
                            "batas_jp": 24,
                            "kurang_jp": None,
                            "sisa_jp": 0,
                            "lebih_jp": 2,
                        },
                    ],
                    "missing": [],
                }
            ]
        }
    )

    tahun: int
    ketentuan: KetentuanJp
    items: list[JpPegawai] = Field(description="In the order asked, each NIP once (0 JP when none recorded)")
    missing: list[str] = Field(description="NIPs out of the caller's reach")


def _jenis_known(value: list[str]) -> list[str]:
    kinds = load_pengembangan().kinds
    for kode in value:
        if kode not in kinds:
            raise invalid("field.jp-jenis-unknown", value=kode[:40], allowed=", ".join(kinds))
    return list(dict.fromkeys(value))


JenisList = Annotated[list[Annotated[str, Field(max_length=40)]], AfterValidator(_jenis_known)]
RINCI_MAX = 1000


class JpJendelaIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nips": [NIP_EXAMPLE],
                    "dari": "2024-03-02",
                    "sampai": "2026-03-01",
                    "jenis": ["pelatihan_teknis", "bimtek", "seminar", "pelatihan_struktural_kepemimpinan"],
                    "sepanjang": ["pelatihan_struktural_kepemimpinan"],
                    "rinci": True,
                }
            ]
        }
    )

    nips: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=BULK_MAX, description=f"NIPs, up to {BULK_MAX:,}"
    )
    dari: date = Field(ge=EARLIEST, le=date(2100, 12, 31), description="The window's first day")
    sampai: date = Field(ge=EARLIEST, le=date(2100, 12, 31), description="The window's last day")
    jenis: JenisList = Field(min_length=1, max_length=100, description="The kinds of development read")
    sepanjang: JenisList = Field(
        default_factory=list,
        max_length=100,
        description="Kinds (of `jenis`) counted at any time up to `sampai`, not only in the window",
    )
    rinci: bool = Field(False, description=f"The entries too (up to {RINCI_MAX:,} NIPs)")

    @model_validator(mode="after")
    def _check(self) -> JpJendelaIn:
        if self.dari > self.sampai:
            raise invalid("field.jp-window-inverted", dari=self.dari.isoformat(), sampai=self.sampai.isoformat())
        if self.rinci and len(self.nips) > RINCI_MAX:
            raise invalid("field.jp-rinci-too-many", max=RINCI_MAX)
        return self


class RekapJenisJp(BaseModel):
    jp: int = Field(description="JP summed")
    jumlah: int = Field(description="Entries")
    terakhir: date | None = Field(description="The latest day (null: history known by year only)")


class EntriJendela(BaseModel):
    jenis: str
    jp: int
    tanggal: date | None
    tahun: int
    uraian: str


class JpJendelaPegawai(BaseModel):
    nip: str
    per_jenis: dict[str, RekapJenisJp] = Field(description="Per kind with entries in the window")
    entri: list[EntriJendela] | None = Field(description="The entries, newest first (with `rinci`)")


class JpJendelaOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "dari": "2024-03-02",
                    "sampai": "2026-03-01",
                    "items": [
                        {
                            "nip": NIP_EXAMPLE,
                            "per_jenis": {"pelatihan_teknis": {"jp": 24, "jumlah": 1, "terakhir": "2025-08-15"}},
                            "entri": [
                                {
                                    "jenis": "pelatihan_teknis",
                                    "jp": 24,
                                    "tanggal": "2025-08-15",
                                    "tahun": 2025,
                                    "uraian": "Pelatihan Pengelolaan Keuangan Daerah, angkatan II",
                                }
                            ],
                        }
                    ],
                    "missing": [],
                }
            ]
        }
    )

    dari: date
    sampai: date
    items: list[JpJendelaPegawai] = Field(description="In the order asked, each NIP the caller reads once")
    missing: list[str] = Field(description="NIPs out of the caller's reach")


class RekapJpOut(JpPegawai):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nip": NIP_EXAMPLE,
                    "tahun": 2026,
                    "total_jp": 14,
                    "per_sumber": {"pelatihan": 0, "riwayat": 4, "nonklasikal": 10},
                    "jumlah_entri": 2,
                    **VERDICT_EXAMPLE,
                }
            ]
        }
    )

    tahun: int
    per_sumber: dict[Sumber, int] = Field(description="JP of the year by source")
    jumlah_entri: int = Field(description="How many entries make the total")


# --- the compliance report ----------------------------------------------------------------


class AnggotaJp(JpPegawai):
    nama_lengkap: str
    jabatan_nama: str | None
    unit_id: uuid.UUID = Field(description="The unit the employee works in (the unit asked for or one under it)")
    unit_nama: str


class RingkasanPns(BaseModel):
    jumlah: int = Field(description="PNS in the unit")
    memenuhi: int = Field(description="With at least the minimum")
    kurang: int = Field(description="Below the minimum")
    persen_memenuhi: float = Field(description="Share meeting the minimum, in percent (two decimals; 0 of none)")
    persen_kurang: float
    total_kekurangan_jp: int = Field(description="JP missing in all, summed over those below the minimum")


class RingkasanPppk(BaseModel):
    jumlah: int = Field(description="PPPK in the unit")
    di_bawah_batas: int
    mencapai_batas: int = Field(description="Exactly at the ceiling: no more JP this year")
    melebihi_batas: int = Field(description="Over the ceiling")
    persen_mencapai_batas: float
    persen_melebihi_batas: float


class RingkasanKepatuhan(BaseModel):
    jumlah_pegawai: int = Field(description="Serving employees of the unit and its sub-units")
    pns: RingkasanPns
    pppk: RingkasanPppk
    tanpa_ketentuan: int = Field(description="Employees no JP rule applies to (CPNS)")


KEPATUHAN_EXAMPLE: dict[str, Any] = {
    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
    "tahun": 2026,
    "ketentuan": KETENTUAN_EXAMPLE,
    "ringkasan": {
        "jumlah_pegawai": 3,
        "pns": {
            "jumlah": 2,
            "memenuhi": 1,
            "kurang": 1,
            "persen_memenuhi": 50.0,
            "persen_kurang": 50.0,
            "total_kekurangan_jp": 6,
        },
        "pppk": {
            "jumlah": 1,
            "di_bawah_batas": 0,
            "mencapai_batas": 1,
            "melebihi_batas": 0,
            "persen_mencapai_batas": 100.0,
            "persen_melebihi_batas": 0.0,
        },
        "tanpa_ketentuan": 0,
    },
    "items": [
        {
            "nip": NIP_EXAMPLE,
            "nama_lengkap": "Rina Wati, S.Kep.",
            "jabatan_nama": "Perawat Ahli Pertama",
            "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000002",
            "unit_nama": "Bidang Pelayanan Kesehatan",
            "total_jp": 14,
            **VERDICT_EXAMPLE,
        }
    ],
}


class RekapKepatuhanIn(RosterIn):
    """getKepatuhanJp's counts over a roster the caller has already read (see RosterIn; each
    employee's `status_kepegawaian` decides its rule)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{**ROSTER_EXAMPLE, "tahun": 2026}]})

    tahun: int | None = Field(None, ge=2000, le=2100, description="The year; this year when absent")


class RekapKepatuhanOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{k: v for k, v in KEPATUHAN_EXAMPLE.items() if k != "items"}]}
    )

    unit_id: uuid.UUID = Field(description="The unit asked for")
    tahun: int
    ketentuan: KetentuanJp
    ringkasan: RingkasanKepatuhan = Field(description="Counts and shares over every employee of the unit")


class KepatuhanOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [KEPATUHAN_EXAMPLE]})

    unit_id: uuid.UUID = Field(description="The unit asked for")
    tahun: int
    ketentuan: KetentuanJp
    ringkasan: RingkasanKepatuhan = Field(description="Counts and shares over every employee of the unit")
    items: list[AnggotaJp] = Field(
        description="The employees (of the categories asked, else all) in the roster's order: by unit, then name"
    )


ROTASI_EXAMPLE: dict[str, Any] = {
    "unit_id": "3f0a6c1e-8b2d-4e5f-9a1b-2c3d4e5f6a7b",
    "tahun_terakhir": 3,
    "belum_pernah": 1,
    "per_unit": [
        {
            "unit_id": "3f0a6c1e-8b2d-4e5f-9a1b-2c3d4e5f6a7b",
            "unit_nama": "Bidang Pelayanan Kesehatan",
            "jumlah": 2,
            "belum_pernah": 1,
        }
    ],
    "items": [
        {
            "nip": "199001152015031002",
            "nama_lengkap": "Andi Saputra, S.Kep.",
            "jabatan_nama": "Perawat Ahli Pertama",
            "unit_id": "3f0a6c1e-8b2d-4e5f-9a1b-2c3d4e5f6a7b",
            "unit_nama": "Bidang Pelayanan Kesehatan",
            "terakhir": None,
            "hari_sejak": None,
            "jp_terakhir": 0,
        },
        {
            "nip": "198503122010011003",
            "nama_lengkap": "Budi Santoso, S.Kep.",
            "jabatan_nama": "Perawat Ahli Muda",
            "unit_id": "3f0a6c1e-8b2d-4e5f-9a1b-2c3d4e5f6a7b",
            "unit_nama": "Bidang Pelayanan Kesehatan",
            "terakhir": "2025-03-14",
            "hari_sejak": 627,
            "jp_terakhir": 32,
        },
    ],
}


class RotasiPegawai(BaseModel):
    nip: str
    nama_lengkap: str
    jabatan_nama: str | None
    unit_id: uuid.UUID
    unit_nama: str
    terakhir: date | None = Field(description="The day of the latest development of any source; null: none recorded")
    hari_sejak: int | None = Field(description="Days since then")
    jp_terakhir: int = Field(description="JP of the last `tahun_terakhir` years, this one included")


class RotasiUnit(BaseModel):
    unit_id: uuid.UUID
    unit_nama: str
    jumlah: int = Field(description="Serving employees of this unit in the report")
    belum_pernah: int = Field(description="Of them, with no development recorded")


class RotasiOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [ROTASI_EXAMPLE]})

    unit_id: uuid.UUID = Field(description="The unit asked for")
    tahun_terakhir: int = Field(description="How many recent years `jp_terakhir` covers")
    belum_pernah: int = Field(description="Employees with no development recorded at all")
    per_unit: list[RotasiUnit] = Field(description="Per unit, those never developed first")
    items: list[RotasiPegawai] = Field(
        description="Who goes next: never developed first, then the longest since the latest development"
    )


# --- the import sheet ----------------------------------------------------------------------


def columns() -> list[Column]:
    """The JP history sheet: a row is an entry as `JpIn` takes it."""
    kinds = load_pengembangan().kinds
    return [
        Column("NIP", "nip", Kind.CODE, True, width=22),
        Column("Tahun", "tahun", Kind.INTEGER, False, t("kolom.jp.tahun")),
        Column("Tanggal", "tanggal", Kind.DATE, False, t("kolom.jp.tanggal")),
        Column("JP", "jp", Kind.INTEGER, True, t("kolom.jp.jp", max=JP_MAX)),
        Column("Sumber", "sumber", Kind.CODE, True, t("kolom.jp.sumber"), choices=("riwayat", "nonklasikal")),
        Column(
            "Jenis",
            "jenis",
            Kind.CODE,
            False,
            t("kolom.jp.jenis"),
            choices=tuple(kinds),
            aliases=tuple((k.nama, k.kode) for k in kinds.values()),
        ),
        Column("Uraian", "uraian", Kind.TEXT, True, width=50),
        Column("Nomor Bukti", "nomor_bukti", Kind.TEXT, False, t("kolom.jp.nomor_bukti"), width=28),
    ]


def header_of(key: str) -> str:
    return {c.key: c.header for c in columns()}.get(key, key)


def example_rows() -> list[list[object]]:
    return [
        [NIP_EXAMPLE, 2025, None, 24, "riwayat", "bimtek", "Bimtek Asuhan Keperawatan, Kemenkes", "SERT/0912/2025"],
        [NIP_EXAMPLE, None, date(date.today().year, 3, 27), 10, "nonklasikal", "coaching", "Coaching kinerja", None],
    ]
