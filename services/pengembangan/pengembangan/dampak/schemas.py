"""Request and answer shapes of the impact evaluation: the form, an evaluation, the evaluations due
and the summary per program. The aspects, the scale and the recommendations come from the form in
shared/rules/pengembangan.yaml (`evaluasi_dampak`), so the OpenAPI document shows the form in force."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
)

from shared.rules import load_pengembangan
from shared.types import Paragraph, invalid

FORM = load_pengembangan().dampak
CATATAN_MAX = 2000


def _skor(value: dict[str, int]) -> dict[str, int]:
    """Every aspect of the form scored once, each score on the form's scale."""
    form = load_pengembangan().dampak
    allowed = ", ".join(form.aspek)
    unknown = sorted(set(value) - set(form.aspek))
    if unknown:
        raise invalid("field.dampak-aspek-unknown", kode=", ".join(unknown)[:200], allowed=allowed)
    missing = [k for k in form.aspek if k not in value]
    if missing:
        raise invalid("field.dampak-aspek-missing", kode=", ".join(missing), allowed=allowed)
    wrong = [f"{k} = {v}" for k, v in value.items() if v not in form.skala]
    if wrong:
        raise invalid("field.dampak-skor-range", salah="; ".join(wrong), min=form.skala_min, max=form.skala_max)
    return {k: value[k] for k in form.aspek}  # in the form's order


def _rekomendasi(value: Any) -> str:
    codes = load_pengembangan().dampak.rekomendasi
    if not isinstance(value, str) or value not in codes:
        raise invalid("field.dampak-rekomendasi-unknown", value=str(value)[:40], allowed=", ".join(codes))
    return value


def _meaning(kode: str) -> str:
    aspek = FORM.aspek[kode]
    scores = "; ".join(f"{n} = {arti.rstrip('.')}" for n, arti in aspek.skor.items())
    return f"{aspek.nama}. {aspek.pertanyaan} {scores}"


SKOR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": f"A score {FORM.skala_min}-{FORM.skala_max} for every aspect of the form "
    "(`GET /api/v1/evaluasi-dampak/formulir` says what each score means)",
    "properties": {
        kode: {"type": "integer", "minimum": FORM.skala_min, "maximum": FORM.skala_max, "description": _meaning(kode)}
        for kode in FORM.aspek
    },
    "required": list(FORM.aspek),
    "additionalProperties": False,
}
Skor = Annotated[
    dict[Annotated[str, StringConstraints(max_length=40)], StrictInt],
    Field(max_length=20),
    AfterValidator(_skor),
    WithJsonSchema(SKOR_SCHEMA),
]
Rekomendasi = Annotated[
    str,
    BeforeValidator(_rekomendasi),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(FORM.rekomendasi),
            "description": "; ".join(f"{k}: {v}" for k, v in FORM.rekomendasi.items()),
        }
    ),
]
IN_EXAMPLE: dict[str, Any] = {
    "skor": dict.fromkeys(FORM.aspek, 3),
    "rekomendasi": next(iter(FORM.rekomendasi)),
    "catatan": "Sudah menerapkan standar asuhan keperawatan di ruang rawat inap dan membimbing dua perawat baru.",
}


class EvaluasiDampakIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [IN_EXAMPLE]})

    skor: Skor
    rekomendasi: Rekomendasi
    catatan: Paragraph | None = Field(
        None, max_length=CATATAN_MAX, description="A free note: what changed, what is still missing"
    )


class SkorAspek(BaseModel):
    aspek: str
    nama: str
    skor: int
    arti: str = Field(description="What the score means on the form")


class Jendela(BaseModel):
    """When the evaluation of an enrollment is due."""

    tanggal_selesai: date = Field(description="The batch's last day")
    jendela_mulai: date = Field(description=f"The window opens: {FORM.mulai_bulan} months after the last day")
    jendela_selesai: date = Field(
        description=f"The window closes: {FORM.selesai_bulan} months after the last day (later: recorded late)"
    )


OUT_EXAMPLE: dict[str, Any] = {
    "id": "0b6c9e2a-4d1f-4b8e-9a3c-5e7f1d2c3b4a",
    "peserta_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    "nip": "198503122010011003",
    "nama_pegawai": "Ns. Eka Putri, S.Kep.",
    "opd_id": "3f6c2a1e-8b7d-4c5e-9f0a-1b2c3d4e5f60",
    "program_id": "5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21",
    "program_kode": "BIMTEK-ASKEP-01",
    "program_nama": "Bimbingan Teknis Asuhan Keperawatan Dasar",
    "angkatan_id": "8c2e1a4b-6d7f-4a1e-b3c5-2f9e8d7c6b54",
    "angkatan_kode": "2026-02",
    "tanggal_selesai": "2026-03-05",
    "jendela_mulai": "2026-06-05",
    "jendela_selesai": "2026-09-05",
    "terlambat": False,
    **IN_EXAMPLE,
    "rincian": [
        {"aspek": k, "nama": a.nama, "skor": 3, "arti": a.skor[3] if 3 in a.skor else ""} for k, a in FORM.aspek.items()
    ],
    "rekomendasi_nama": next(iter(FORM.rekomendasi.values())),
    "form_versi": FORM.versi,
    "dinilai_oleh": "atasan-199001012015011001",
    "dinilai_oleh_nip": "199001012015011001",
    "dinilai_pada": "2026-07-01T02:00:00Z",
    "version": 1,
    "created_at": "2026-07-01T02:00:00Z",
    "updated_at": "2026-07-01T02:00:00Z",
}


class EvaluasiDampakOut(Jendela):
    model_config = ConfigDict(json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    peserta_id: uuid.UUID
    nip: str
    nama_pegawai: str | None
    opd_id: uuid.UUID = Field(description="The OPD the enrollment is charged to")
    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    angkatan_id: uuid.UUID
    angkatan_kode: str
    terlambat: bool = Field(description="First recorded after the window closed")
    skor: dict[str, int] = Field(description="Score per aspect, as sent")
    rincian: list[SkorAspek] = Field(description="Each aspect scored, with its name and what the score means")
    rekomendasi: str
    rekomendasi_nama: str
    catatan: str | None
    form_versi: str = Field(description="Version of the rule file whose form was used")
    dinilai_oleh: str
    dinilai_oleh_nip: str | None
    dinilai_pada: datetime
    version: int = Field(description="Sent as ETag; send it back as If-Match to replace the evaluation")
    created_at: datetime
    updated_at: datetime


DUE_EXAMPLE: dict[str, Any] = {
    key: OUT_EXAMPLE[key]
    for key in (
        "peserta_id",
        "nip",
        "nama_pegawai",
        "opd_id",
        "program_id",
        "program_kode",
        "program_nama",
        "angkatan_id",
        "angkatan_kode",
        "tanggal_selesai",
        "jendela_mulai",
        "jendela_selesai",
    )
} | {"lewat": False}


class EvaluasiJatuhTempo(Jendela):
    """A passed enrollment without an impact evaluation whose window is open or has closed."""

    model_config = ConfigDict(json_schema_extra={"examples": [DUE_EXAMPLE]})

    peserta_id: uuid.UUID
    nip: str
    nama_pegawai: str | None
    opd_id: uuid.UUID
    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    angkatan_id: uuid.UUID
    angkatan_kode: str
    lewat: bool = Field(description="The window has closed: the evaluation is overdue and will be marked late")


RINGKASAN_EXAMPLE: dict[str, Any] = {
    "program_id": OUT_EXAMPLE["program_id"],
    "program_kode": OUT_EXAMPLE["program_kode"],
    "program_nama": OUT_EXAMPLE["program_nama"],
    "jumlah": 12,
    "rata_rata": dict(zip(FORM.aspek, (3.25, 2.92, 2.75, 2.5), strict=False)),
    "rekomendasi": dict(zip(FORM.rekomendasi, (9, 3), strict=False)),
    "terlambat": 2,
}


class RingkasanProgram(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [RINGKASAN_EXAMPLE]})

    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    jumlah: int = Field(description="Evaluations counted")
    rata_rata: dict[str, float | None] = Field(
        description="Average score per aspect of the form, two decimals (None: no evaluation scored it)"
    )
    rekomendasi: dict[str, int] = Field(description="How many evaluations gave each recommendation")
    terlambat: int = Field(description="How many were recorded late")


class AspekOut(BaseModel):
    kode: str
    nama: str
    pertanyaan: str
    skor: dict[int, str] = Field(description="Each score and what it means")


class RekomendasiOut(BaseModel):
    kode: str
    nama: str


FORMULIR_EXAMPLE: dict[str, Any] = {
    "versi": FORM.versi,
    "regulation": FORM.regulation,
    "model": FORM.model,
    "jendela_mulai_bulan": FORM.mulai_bulan,
    "jendela_selesai_bulan": FORM.selesai_bulan,
    "jendela_basis": FORM.basis_jendela,
    "skala_min": FORM.skala_min,
    "skala_max": FORM.skala_max,
    "aspek": [a.model_dump(mode="json") for a in FORM.aspek.values()][:1],
    "rekomendasi": [{"kode": k, "nama": v} for k, v in FORM.rekomendasi.items()],
}


class FormulirOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [FORMULIR_EXAMPLE]})

    versi: str = Field(description="Version of the rule file the form comes from")
    regulation: str
    model: str = Field(description="The evaluation model the aspects follow")
    jendela_mulai_bulan: int = Field(description="Months after the batch's last day the window opens")
    jendela_selesai_bulan: int = Field(description="Months after the batch's last day the window closes")
    jendela_basis: str = Field(description="Where the window comes from")
    skala_min: int
    skala_max: int
    aspek: list[AspekOut]
    rekomendasi: list[RekomendasiOut]
