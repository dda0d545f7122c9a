"""Request and answer shapes of SKP."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.access import ROSTER_EXAMPLE, RosterIn
from shared.rules import load_skp
from shared.types import NIP, Line, Paragraph, list_or_semua

Rating = Literal["diatas", "sesuai", "dibawah"]
Evaluasi = Literal["bulanan", "triwulanan", "semesteran"]
Berakhlak = Literal["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"]
Status = Literal["draft", "diajukan", "disetujui", "dinilai", "final"]
RATING = "Di atas (diatas), sesuai (sesuai) or di bawah (dibawah) ekspektasi"
NIP_EXAMPLE, PENILAI_EXAMPLE = "198503122010011003", "197805102003121002"
SKP_ID, PERIODE_ID = "5b0b7f3e-9a41-4f7e-a8a0-1f2e3d4c5b01", "5b0b7f3e-9a41-4f7e-a8a0-1f2e3d4c5b00"
RHK_ID = "5b0b7f3e-9a41-4f7e-a8a0-1f2e3d4c5b02"
assert set(load_skp().berakhlak) == set(get_args(Berakhlak))  # the rule file and the schema agree
assert set(load_skp().periodic_evaluation) == set(get_args(Evaluasi))


class PeriodeIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"tahun": 2026, "evaluasi": "triwulanan"}]})

    tahun: int = Field(ge=2022, le=2100, description="The calendar year of the SKP (PermenPAN-RB 6/2022 onwards)")
    evaluasi: Evaluasi = Field(description="How often the instansi evaluates within the year")


class PeriodeUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"terbuka": False}]})

    evaluasi: Evaluasi | None = None
    terbuka: bool | None = Field(None, description="False: no new SKP may be made for the period")


class PeriodeOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [{"id": PERIODE_ID, "tahun": 2026, "evaluasi": "triwulanan", "terbuka": True, "version": 1}]
        },
    )

    id: uuid.UUID
    tahun: int
    evaluasi: str
    terbuka: bool
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the period")


class SkpIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nip": NIP_EXAMPLE, "periode_id": PERIODE_ID}]})

    nip: NIP = Field(description="The employee whose SKP it is")
    periode_id: uuid.UUID
    penilai_nip: NIP | None = Field(
        None, description="The rating supervisor; only an admin may name one, otherwise the pegawai service's is taken"
    )


class RencanaIn(BaseModel):
    uraian: Paragraph = Field(min_length=1, max_length=2000, description="The work result planned")
    indikator: list[Annotated[Line, Field(min_length=1, max_length=500)]] = Field(
        min_length=1, max_length=10, description="Indicators of the result"
    )
    target: Line = Field(min_length=1, max_length=300, description="The target, e.g. 12 laporan")
    mendukung_id: uuid.UUID | None = Field(
        None, description="The supervisor's work result (in the supervisor's SKP of the same year) this one supports"
    )


class RencanaPut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "uraian": "Terlaksananya pelayanan kesehatan dasar di puskesmas",
                            "indikator": ["Persentase kunjungan yang terlayani sesuai standar"],
                            "target": "95%",
                            "mendukung_id": RHK_ID,
                        }
                    ]
                }
            ]
        }
    )

    items: list[RencanaIn] = Field(min_length=1, max_length=30)


class KembalikanSkpIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"catatan": "Tambahkan indikator kualitas."}]})

    catatan: Paragraph | None = Field(None, max_length=4000, description="What to change")


class PerilakuIn(BaseModel):
    nilai: Berakhlak = Field(description="BerAKHLAK core value")
    rating: Rating = Field(description=RATING)
    catatan: Paragraph | None = Field(None, max_length=2000, description="The behaviour seen")


class RealisasiIn(BaseModel):
    id: uuid.UUID = Field(description="The work result")
    realisasi: Paragraph = Field(min_length=1, max_length=2000)


class PenilaianIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "realisasi": [{"id": RHK_ID, "realisasi": "96% kunjungan terlayani sesuai standar"}],
                    "rating_hasil_kerja": "sesuai",
                    "perilaku": [
                        {"nilai": v, "rating": "sesuai"}
                        for v in (
                            "berorientasi_pelayanan",
                            "akuntabel",
                            "kompeten",
                            "harmonis",
                            "loyal",
                            "adaptif",
                            "kolaboratif",
                        )
                    ],
                    "catatan": "Target tercapai; pertahankan.",
                }
            ]
        }
    )

    realisasi: list[RealisasiIn] = Field(max_length=30, description="The realisation of each work result")
    rating_hasil_kerja: Rating = Field(description="Rating of the work results: " + RATING)
    perilaku: list[PerilakuIn] = Field(
        min_length=7,
        max_length=7,
        description="One rating per BerAKHLAK core value; the behaviour rating is their median",
    )
    catatan: Paragraph | None = Field(None, max_length=4000, description="The supervisor's note")


class HasilKerjaEvaluasiIn(RealisasiIn):
    umpan_balik: Paragraph | None = Field(
        None, max_length=2000, description="The supervisor's feedback (umpan balik) on this work result"
    )


BERAKHLAK_SESUAI: list[Any] = [
    {"nilai": v, "rating": "sesuai"}
    for v in ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")
]


class EvaluasiIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "hasil_kerja": [
                        {
                            "id": RHK_ID,
                            "realisasi": "3 laporan bulanan tersusun tepat waktu",
                            "umpan_balik": "Lengkapi dengan analisis keluhan pasien.",
                        }
                    ],
                    "rating_hasil_kerja": "sesuai",
                    "perilaku": BERAKHLAK_SESUAI,
                    "catatan": "Triwulan ini sesuai rencana.",
                }
            ]
        }
    )

    hasil_kerja: list[HasilKerjaEvaluasiIn] = Field(
        max_length=30, description="The realisation of work results of the SKP in the sub-period, each at most once"
    )
    rating_hasil_kerja: Rating = Field(description="Rating of the work results in the sub-period: " + RATING)
    perilaku: list[PerilakuIn] = Field(
        min_length=7,
        max_length=7,
        description="One rating per BerAKHLAK core value; the behaviour rating is derived as the annual one is",
    )
    catatan: Paragraph | None = Field(None, max_length=4000, description="The supervisor's note on the sub-period")


class KoreksiIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"alasan": "Keberatan pegawai dikabulkan (SK 800/12/2027)", "rating_hasil_kerja": "diatas"}]
        }
    )

    alasan: Paragraph = Field(min_length=5, max_length=2000, description="Why the final SKP is corrected")
    rating_hasil_kerja: Rating | None = None
    rating_perilaku_kerja: Rating | None = None


class RencanaOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    urutan: int
    uraian: str
    indikator: list[str]
    target: str
    realisasi: str | None
    mendukung_id: uuid.UUID | None


class PerilakuOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    nilai: str
    rating: str
    catatan: str | None


class HasilKerjaEvaluasiOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    rhk_id: uuid.UUID = Field(description="The work result of the SKP")
    urutan: int = Field(description="Its place in the SKP")
    realisasi: str
    umpan_balik: str | None


EVALUASI_EXAMPLE: dict[str, Any] = {
    "id": "5b0b7f3e-9a41-4f7e-a8a0-1f2e3d4c5b03",
    "skp_id": SKP_ID,
    "ke": 2,
    "evaluasi": "triwulanan",
    "mulai": "2026-04-01",
    "selesai": "2026-06-30",
    "hasil_kerja": [
        {
            "rhk_id": RHK_ID,
            "urutan": 1,
            "realisasi": "3 laporan bulanan tersusun tepat waktu",
            "umpan_balik": "Lengkapi dengan analisis keluhan pasien.",
        }
    ],
    "rating_hasil_kerja": "sesuai",
    "rating_perilaku_kerja": "sesuai",
    "predikat": "baik",
    "predikat_nama": "Baik",
    "perilaku": [{**p, "catatan": None} for p in BERAKHLAK_SESUAI],
    "catatan_penilai": "Triwulan ini sesuai rencana.",
    "dinilai_oleh": "atasan-197805102003121002",
    "dinilai_oleh_nip": PENILAI_EXAMPLE,
    "dinilai_pada": "2026-07-03T02:00:00Z",
    "version": 1,
    "created_at": "2026-07-03T02:00:00Z",
    "updated_at": "2026-07-03T02:00:00Z",
}


class EvaluasiOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [EVALUASI_EXAMPLE]})

    id: uuid.UUID
    skp_id: uuid.UUID
    ke: int = Field(description="Which sub-period of the year (1..12 bulanan, 1..4 triwulanan, 1..2 semesteran)")
    evaluasi: str = Field(description="The period's periodic evaluation: bulanan, triwulanan or semesteran")
    mulai: date = Field(description="First day of the sub-period")
    selesai: date = Field(description="Last day of the sub-period")
    hasil_kerja: list[HasilKerjaEvaluasiOut] = Field(description="In the SKP's order of work results")
    rating_hasil_kerja: str
    rating_perilaku_kerja: str = Field(description="Derived from the seven BerAKHLAK ratings, as the annual one is")
    predikat: str = Field(description="From the matrix of PermenPAN-RB 6/2022, never typed in")
    predikat_nama: str
    perilaku: list[PerilakuOut]
    catatan_penilai: str | None
    dinilai_oleh: str = Field(description="Who rated it last (the token's subject)")
    dinilai_oleh_nip: str | None = Field(description="Its NIP, when it has one")
    dinilai_pada: datetime = Field(description="When it was rated last")
    version: int = Field(description="Sent as ETag; send it back as If-Match to change the evaluation")
    created_at: datetime
    updated_at: datetime


class EvaluasiJatuhTempo(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "skp_id": SKP_ID,
                    "nip": NIP_EXAMPLE,
                    "nama_pegawai": "Rina Wati, S.Kom.",
                    "unit_nama": "Bidang Pelayanan Kesehatan",
                    "penilai_nip": PENILAI_EXAMPLE,
                    "status": "disetujui",
                    "tahun": 2026,
                    "evaluasi": "triwulanan",
                    "ke": 1,
                    "mulai": "2026-01-01",
                    "selesai": "2026-03-31",
                }
            ]
        }
    )

    skp_id: uuid.UUID
    nip: str
    nama_pegawai: str
    unit_nama: str | None
    penilai_nip: str = Field(description="The rating supervisor recorded on the SKP")
    status: str = Field(description="The SKP's state: disetujui or dinilai (a periodic evaluation can be recorded)")
    tahun: int
    evaluasi: str = Field(description="The period's periodic evaluation")
    ke: int = Field(description="The sub-period without an evaluation")
    mulai: date
    selesai: date = Field(description="Its last day, already past")


SKP_EXAMPLE: dict[str, Any] = {
    "id": SKP_ID,
    "nip": NIP_EXAMPLE,
    "periode_id": PERIODE_ID,
    "tahun": 2026,
    "penilai_nip": PENILAI_EXAMPLE,
    "status": "draft",
    "rating_hasil_kerja": None,
    "rating_perilaku_kerja": None,
    "predikat": None,
    "predikat_nama": None,
    "catatan_penilai": None,
    "dinilai_pada": None,
    "nama_pegawai": "Rina Wati, S.Kom.",
    "unit_nama": "Bidang Pelayanan Kesehatan",
    "rencana": [],
    "perilaku": [],
    "version": 1,
    "created_at": "2026-01-05T02:00:00Z",
    "updated_at": "2026-01-05T02:00:00Z",
}


class SkpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [SKP_EXAMPLE]})

    id: uuid.UUID
    nip: str
    periode_id: uuid.UUID
    tahun: int
    penilai_nip: str = Field(description="The rating supervisor recorded when the SKP was made")
    status: str = Field(description="draft, diajukan (submitted), disetujui (agreed), dinilai (rated), final")
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None = Field(description="The median of the seven BerAKHLAK ratings")
    predikat: str | None = Field(description="From the matrix of PermenPAN-RB 6/2022, never typed in")
    predikat_nama: str | None
    catatan_penilai: str | None
    dinilai_pada: datetime | None
    nama_pegawai: str
    unit_nama: str | None
    rencana: list[RencanaOut]
    perilaku: list[PerilakuOut]
    version: int = Field(description="Sent as ETag; send it back as If-Match for the next step")
    created_at: datetime
    updated_at: datetime


class SkpLamaIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"nip": NIP_EXAMPLE, "tahun": 2020, "skala": "pp_30_2019", "nilai": 92.5}]}
    )

    nip: NIP
    tahun: int = Field(ge=1990, le=2021, description="A year before SKP of PermenPAN-RB 6/2022")
    skala: Literal["pp_46_2011", "pp_30_2019"] = Field(description="The regulation whose scale the score is on")
    nilai: float = Field(ge=0, le=120, description="The score on its scale, two decimals at most")


class SkpLamaOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "5b0b7f3e-9a41-4f7e-a8a0-1f2e3d4c5b09",
                    "nip": NIP_EXAMPLE,
                    "tahun": 2020,
                    "skala": "pp_30_2019",
                    "nilai": 92.5,
                    "predikat": "Baik",
                }
            ]
        },
    )

    id: uuid.UUID
    nip: str
    tahun: int
    skala: str
    nilai: float
    predikat: str = Field(description="The scale's own predikat")


class PredikatBulkIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"nips": [NIP_EXAMPLE], "tahun_terakhir": 3}, {"semua": True, "tahun_terakhir": 3}]
        }
    )

    nips: list[Annotated[str, Field(max_length=40)]] | None = Field(
        None, min_length=1, max_length=10_000, description="Up to 10,000 NIPs (or `semua`)"
    )
    semua: bool = Field(
        False,
        description="Instead of `nips`: every employee the caller reads (for one that reaches everyone: each with a "
        "predikat), with no list to send",
    )
    tahun_terakhir: int = Field(3, ge=1, le=20, description="How many recent years of history")

    @model_validator(mode="after")
    def _one_way(self) -> PredikatBulkIn:
        list_or_semua(self.nips, self.semua)
        return self


class PredikatTahun(BaseModel):
    tahun: int
    predikat: str = Field(description="6/2022 code (e.g. baik), or the older scale's own words")
    predikat_nama: str
    sumber: Literal["skp", "skp_lama"]
    skala: str | None = Field(description="For a numeric SKP of before 2022: its regulation")
    nilai: float | None = Field(description="For a numeric SKP of before 2022: its score")


class PredikatPegawai(BaseModel):
    nip: str
    terakhir: PredikatTahun | None = Field(description="The latest final predikat")
    riwayat: list[PredikatTahun] = Field(description="Newest first, within the years asked for")


class PredikatBulkOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "nip": NIP_EXAMPLE,
                            "terakhir": {
                                "tahun": 2025,
                                "predikat": "baik",
                                "predikat_nama": "Baik",
                                "sumber": "skp",
                                "skala": None,
                                "nilai": None,
                            },
                            "riwayat": [],
                        }
                    ],
                    "missing": [],
                }
            ]
        }
    )

    items: list[PredikatPegawai]
    missing: list[str] = Field(description="NIPs out of the caller's reach")


class KinerjaRendah(BaseModel):
    nip: str
    nama: str
    predikat: str
    predikat_nama: str
    riwayat: list[PredikatTahun] = Field(description="Newest first, the last three years")


class KinerjaRendahOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tahun": 2025,
                    "items": [
                        {
                            "nip": NIP_EXAMPLE,
                            "nama": "Rina Wati, S.Kom.",
                            "predikat": "butuh_perbaikan",
                            "predikat_nama": "Butuh Perbaikan",
                            "riwayat": [],
                        }
                    ],
                }
            ]
        }
    )

    tahun: int
    items: list[KinerjaRendah] = Field(
        description="Employees of the unit whose final predikat of the year is Butuh Perbaikan or worse"
    )


class SimpulPohon(BaseModel):
    """A work result in the unit's cascade, with the work results that support it."""

    id: uuid.UUID
    uraian: str
    target: str
    nip: str
    nama: str
    skp_id: uuid.UUID
    dukungan: list[SimpulPohon] = Field(description="Work results of others that name this one as supported")


class TidakMendukung(BaseModel):
    id: uuid.UUID
    uraian: str
    nip: str
    nama: str
    penilai_nip: str


class PohonOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tahun": 2026,
                    "pohon": [
                        {
                            "id": RHK_ID,
                            "uraian": "Meningkatnya mutu pelayanan kesehatan",
                            "target": "Indeks kepuasan 85",
                            "nip": PENILAI_EXAMPLE,
                            "nama": "dr. Bambang Wijaya",
                            "skp_id": SKP_ID,
                            "dukungan": [],
                        }
                    ],
                    "tidak_mendukung": [],
                }
            ]
        }
    )

    tahun: int
    pohon: list[SimpulPohon] = Field(
        description="The unit's cascade: work results that support none of the unit's others (its top), each with "
        "those supporting it, down the reporting lines"
    )
    tidak_mendukung: list[TidakMendukung] = Field(
        description="Work results that support nothing though their owner's supervisor has an SKP that year in the "
        "unit: a gap in the cascade"
    )


class RekapSkpOut(BaseModel):
    """How many of a unit's serving employees have an SKP of the year and a final predikat."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
                    "tahun": 2026,
                    "jumlah_pegawai": 40,
                    "dengan_skp": 38,
                    "disetujui": 36,
                    "dengan_predikat": 30,
                }
            ]
        }
    )

    unit_id: uuid.UUID
    tahun: int
    jumlah_pegawai: int = Field(description="Serving employees of the unit and its sub-units")
    dengan_skp: int = Field(description="With an SKP of the year, in any state")
    disetujui: int = Field(description="With an SKP of the year agreed by the rating supervisor (or rated since)")
    dengan_predikat: int = Field(description="With a final SKP of the year and its predikat")


class RekapSkpIn(RosterIn):
    """getRekapSkp over a roster the caller has already read (see RosterIn)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{**ROSTER_EXAMPLE, "tahun": 2026}]})

    tahun: int | None = Field(None, ge=2022, le=2100, description="The SKP year; this year when absent")
