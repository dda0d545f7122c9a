"""Request and answer shapes of proposals and of the relevance check."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shared.access import ROSTER_EXAMPLE, RosterIn
from shared.types import NIP, Paragraph, invalid

NIPS_MAX = 500  # employees proposed for one batch in one request (a batch holds at most 10,000 seats)
RELEVANSI_MAX = 500
StatusUsulan = Literal["diajukan", "disetujui", "ditolak"]
STATUS = "diajukan (proposed, awaiting BKPSDM), disetujui (approved: an enrollment exists), ditolak (rejected)"
EXAMPLE_NIP = "198503122010011003"
USULAN_ID = "2d4f6a8c-1b3e-4d5f-8a9b-0c1d2e3f4a5b"
ANGKATAN_ID = "8c2e1a4b-6d7f-4a1e-b3c5-2f9e8d7c6b54"
OPD_ID = "3f6c2a1e-8b7d-4c5e-9f0a-1b2c3d4e5f60"
JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000002"
RELEVANSI = (
    "The relevance check: the program's competencies against the standard of the employee's position "
    "(cocok_jabatan) and of its career-target positions (minat_jabatan_ids in pegawai; cocok_target). Relevant "
    "when either holds one of them."
)


def _distinct(nips: list[str]) -> list[str]:
    twice = sorted({n for n in nips if nips.count(n) > 1})
    if twice:
        raise invalid("field.usulan-nip-twice", nips=", ".join(twice[:5]))
    return nips


class UsulanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "angkatan_id": ANGKATAN_ID,
                    "nips": [EXAMPLE_NIP, "199007152015032001"],
                    "alasan": "Perawat puskesmas yang belum pernah mengikuti pelatihan asuhan keperawatan.",
                }
            ]
        }
    )

    angkatan_id: uuid.UUID = Field(description="The batch (planned or open for enrollment)")
    nips: Annotated[list[NIP], AfterValidator(_distinct)] = Field(
        min_length=1, max_length=NIPS_MAX, description=f"The employees proposed, each once (1-{NIPS_MAX})"
    )
    opd_id: uuid.UUID | None = Field(
        None,
        description="The OPD proposing, whose budget pays: an OPD admin's own (the default; another is refused); "
        "admin_bkpsdm names it. Every NIP must be a serving employee of it.",
    )
    alasan: Paragraph | None = Field(None, max_length=2000, description="Why the OPD proposes them")
    alasan_tidak_relevan: Paragraph | None = Field(
        None,
        min_length=3,
        max_length=2000,
        description="Kept on the proposals the relevance check flags not relevant to the job: the explicit reason "
        "their approval needs (else BKPSDM gives it when approving)",
    )


RELEVANSI_EXAMPLE: dict[str, Any] = {
    "relevan": True,
    "kompetensi_program": ["PPU", "TEK-KESEHATAN-01"],
    "cocok_jabatan": ["TEK-KESEHATAN-01"],
    "cocok_target": [],
    "jabatan_id": JABATAN_ID,
    "target_jabatan_ids": [],
}
ITEM_EXAMPLE: dict[str, Any] = {"usulan_id": USULAN_ID, "nip": EXAMPLE_NIP, **RELEVANSI_EXAMPLE}


class RelevansiOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [RELEVANSI_EXAMPLE]})

    relevan: bool = Field(description="The program develops a competency of the job or of the career target")
    kompetensi_program: list[str] = Field(description="The competencies the program develops")
    cocok_jabatan: list[str] = Field(description="Of them, those the standard of the employee's position requires")
    cocok_target: list[str] = Field(description="Of them, those the standards of its career-target positions require")
    jabatan_id: uuid.UUID | None = Field(description="The employee's position when checked")
    target_jabatan_ids: list[uuid.UUID] = Field(description="Its career-target positions when checked")


OUT_EXAMPLE: dict[str, Any] = {
    "id": USULAN_ID,
    "angkatan_id": ANGKATAN_ID,
    "angkatan_kode": "2026-02",
    "program_id": "5b0f7c1e-3a2d-4e8f-9c1b-7d6e5f4a3b21",
    "program_kode": "BIMTEK-ASKEP-01",
    "program_nama": "Bimbingan Teknis Asuhan Keperawatan Dasar",
    "tanggal_mulai": "2026-12-07",
    "nip": EXAMPLE_NIP,
    "nama_pegawai": "Ns. Eka Putri, S.Kep.",
    "opd_id": OPD_ID,
    "status": "disetujui",
    "alasan": "Perawat puskesmas yang belum pernah mengikuti pelatihan asuhan keperawatan.",
    "diajukan_oleh": "admin-dinkes",
    "relevan": True,
    "relevansi": RELEVANSI_EXAMPLE,
    "alasan_tidak_relevan": None,
    "override_anggaran": False,
    "alasan_override": None,
    "alasan_tolak": None,
    "diputuskan_oleh": "admin-bkpsdm",
    "diputuskan_pada": "2026-11-20T03:00:00Z",
    "peserta_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    "version": 2,
    "created_at": "2026-11-18T02:00:00Z",
    "updated_at": "2026-11-20T03:00:00Z",
}


class UsulanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [OUT_EXAMPLE]})

    id: uuid.UUID
    angkatan_id: uuid.UUID
    angkatan_kode: str
    program_id: uuid.UUID
    program_kode: str
    program_nama: str
    tanggal_mulai: date = Field(description="The batch's first day")
    nip: str
    nama_pegawai: str | None = Field(description="The employee's name when proposed")
    opd_id: uuid.UUID = Field(description="The OPD proposing, whose budget pays")
    status: str = Field(description=STATUS)
    alasan: str | None = Field(description="Why the OPD proposes the employee")
    diajukan_oleh: str = Field(description="Who proposed (the token's subject)")
    relevan: bool | None = Field(
        description="Whether the program fits the job or career target; false is the 'not relevant to the job' "
        "flag (approved only with alasan_tidak_relevan)"
    )
    relevansi: RelevansiOut | None = Field(description="What the relevance check found (when proposed or approved)")
    alasan_tidak_relevan: str | None = Field(description="The explicit reason of a proposal not relevant to the job")
    override_anggaran: bool = Field(description="Approved beyond the OPD's remaining allocation")
    alasan_override: str | None = Field(description="Why BKPSDM overrode the budget")
    alasan_tolak: str | None = Field(description="Why BKPSDM rejected it")
    diputuskan_oleh: str | None
    diputuskan_pada: datetime | None
    peserta_id: uuid.UUID | None = Field(description="The enrollment an approval made")
    version: int = Field(description="Sent as ETag; send it back as If-Match to decide")
    created_at: datetime
    updated_at: datetime


class UsulanBulkOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"jumlah": 1, "items": [OUT_EXAMPLE]}]})

    jumlah: int = Field(description="Proposals made")
    items: list[UsulanOut] = Field(description="Each, in the order of the NIPs sent")


class SetujuiIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {},
                {
                    "alasan_tidak_relevan": "Disiapkan sebagai pengganti pejabat pengadaan yang pensiun tahun depan.",
                    "override_anggaran": True,
                    "alasan_override": "Prioritas daerah; dibiayai dari pergeseran anggaran triwulan IV.",
                },
            ]
        }
    )

    alasan_tidak_relevan: Paragraph | None = Field(
        None,
        min_length=3,
        max_length=2000,
        description="Required when the program fits neither the job nor the career target (the 'not relevant' flag)",
    )
    override_anggaran: bool = Field(
        False, description="Approve even beyond the OPD's remaining allocation (BKPSDM's override)"
    )
    alasan_override: Paragraph | None = Field(
        None, min_length=3, max_length=2000, description="Why: required with override_anggaran"
    )

    @model_validator(mode="after")
    def _override_has_reason(self) -> SetujuiIn:
        if self.override_anggaran and not self.alasan_override:
            raise invalid("field.usulan-override-tanpa-alasan")
        return self


class TolakIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"alasan": "Kuota OPD untuk pelatihan ini tahun ini sudah terpenuhi."}]}
    )

    alasan: Paragraph = Field(min_length=3, max_length=2000, description="Why the proposal is rejected")


class RelevansiIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ids": [USULAN_ID]}]})

    ids: list[uuid.UUID] = Field(min_length=1, max_length=RELEVANSI_MAX, description="Proposals to check")


class RelevansiItem(RelevansiOut):
    model_config = ConfigDict(json_schema_extra={"examples": [ITEM_EXAMPLE]})

    usulan_id: uuid.UUID
    nip: str


class RelevansiBulkOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [ITEM_EXAMPLE], "missing": []}]})

    items: list[RelevansiItem] = Field(description=f"One per proposal found, in the order asked. {RELEVANSI}")
    missing: list[uuid.UUID] = Field(description="Ids of no proposal the caller reads")


class RekapUsulanOut(BaseModel):
    """A unit's approved proposals of a year by their relevance to the job."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
                    "tahun": 2026,
                    "disetujui": 20,
                    "relevan": 17,
                    "tidak_relevan": 3,
                    "belum_diperiksa": 0,
                }
            ]
        }
    )

    unit_id: uuid.UUID
    tahun: int
    disetujui: int = Field(description="Approved proposals for a batch starting in the year")
    relevan: int = Field(description="Of them, found relevant to the job or a career target when proposed")
    tidak_relevan: int = Field(description="Of them, approved though not relevant (with a reason)")
    belum_diperiksa: int = Field(description="Of them, without a relevance check")


class RekapUsulanIn(RosterIn):
    """getRekapUsulan over a roster the caller has already read (see RosterIn)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{**ROSTER_EXAMPLE, "tahun": 2026}]})

    tahun: int | None = Field(None, ge=2000, le=2100, description="The year; this year when absent")
