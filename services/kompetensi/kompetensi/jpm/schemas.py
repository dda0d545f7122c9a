"""Request and answer shapes of job-person match, gap matrices and job families."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

BandSet = Literal["pemetaan", "seleksi"]
EXAMPLE_NIP, OTHER_NIP = "198503122010011003", "199007152015032001"
JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000002"
RUMUS = "JPM% = 100 x sum(min(dimiliki, dibutuhkan)) / sum(dibutuhkan); never assessed counts as 0"
KATEGORI = (
    "Category code in the chosen band set (shared/rules/jpm.yaml): pemetaan (mapping) optimal, cukup_optimal, "
    "kurang_optimal; seleksi (selection) ms (memenuhi syarat, meets), mms (masih memenuhi syarat, still meets), "
    "kms (kurang memenuhi syarat, falls short)"
)
BAND_SET = "Band set the category is chosen from: pemetaan (mapping, the default) or seleksi (selection)"
STANDAR_EXAMPLE: list[dict[str, Any]] = [
    {"kompetensi_kode": "INT", "nama": "Integritas", "jenis": "manajerial", "dibutuhkan": 2},
    {"kompetensi_kode": "PB", "nama": "Perekat Bangsa", "jenis": "sosial_kultural", "dibutuhkan": 2},
    {"kompetensi_kode": "TEK-KES-01", "nama": "Asuhan Keperawatan", "jenis": "teknis", "dibutuhkan": 3},
]
JPM_JABATAN_EXAMPLE: dict[str, Any] = {
    "jabatan_id": JABATAN_ID,
    "rumus": RUMUS,
    "kategori_set": "pemetaan",
    "standar": STANDAR_EXAMPLE,
    "items": [
        {"nip": EXAMPLE_NIP, "jpm": 85.71, "kategori": "cukup_optimal", "dimiliki": [3, 2, 2], "gap": [1, 0, -1]},
        {"nip": OTHER_NIP, "jpm": 57.14, "kategori": "kurang_optimal", "dimiliki": [2, None, 2], "gap": [0, -2, -1]},
    ],
}
JPM_PEGAWAI_EXAMPLE: dict[str, Any] = {
    "nip": EXAMPLE_NIP,
    "rumus": RUMUS,
    "items": [
        {
            "jabatan_id": JABATAN_ID,
            "jpm": 85.71,
            "kategori": "ms",
            "rincian": [
                {
                    "kompetensi_kode": "INT",
                    "jenis": "manajerial",
                    "dibutuhkan": 2,
                    "dimiliki": 3,
                    "gap": 1,
                    "tanggal_asesmen": "2025-05-20",
                },
                {
                    "kompetensi_kode": "PB",
                    "jenis": "sosial_kultural",
                    "dibutuhkan": 2,
                    "dimiliki": 2,
                    "gap": 0,
                    "tanggal_asesmen": "2025-05-20",
                },
                {
                    "kompetensi_kode": "TEK-KES-01",
                    "jenis": "teknis",
                    "dibutuhkan": 3,
                    "dimiliki": 2,
                    "gap": -1,
                    "tanggal_asesmen": "2022-03-10",
                },
            ],
        }
    ],
    "tanpa_standar": ["6f1c1d2e-2222-4a4a-8b8b-000000000004"],
}
MATRIKS_EXAMPLE: dict[str, Any] = {
    "kompetensi": ["INT", "PB", "TEK-KES-01"],
    "pegawai": [
        {
            "nip": EXAMPLE_NIP,
            "nama": "Budi Santoso",
            "jabatan_id": JABATAN_ID,
            "jabatan_nama": "Perawat Ahli Pertama",
            "gap": {"INT": 1, "PB": 0, "TEK-KES-01": -1},
        },
    ],
    "ringkasan": [
        {"kompetensi_kode": "TEK-KES-01", "nama": "Asuhan Keperawatan", "jumlah_gap": 1, "rata_rata_gap": -1.0},
        {"kompetensi_kode": "INT", "nama": "Integritas", "jumlah_gap": 0, "rata_rata_gap": 1.0},
        {"kompetensi_kode": "PB", "nama": "Perekat Bangsa", "jumlah_gap": 0, "rata_rata_gap": 0.0},
    ],
    "tanpa_jabatan": ["199211202019022002"],
}
RUMPUN_EXAMPLE: dict[str, Any] = {
    "metode": "scipy.cluster.hierarchy average linkage, cosine distance, cut at 0.5",
    "keluarga": [
        {
            "keluarga": 1,
            "rumpun": "kesehatan",
            "anggota": [JABATAN_ID, "6f1c1d2e-2222-4a4a-8b8b-000000000003", "6f1c1d2e-2222-4a4a-8b8b-000000000005"],
            "kompetensi_teknis": ["TEK-KES-01", "TEK-KES-02"],
        },
    ],
    "berbeda": [
        {
            "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000005",
            "nama": "Pranata Laboratorium Kesehatan Terampil",
            "rumpun_dinyatakan": "laboratorium",
            "rumpun_keluarga": "kesehatan",
            "keluarga": 1,
        },
    ],
    "tanpa_standar_teknis": 14,
}


class RincianItem(BaseModel):
    kompetensi_kode: str = Field(description="Code in the competency dictionary")
    jenis: str = Field(description="manajerial, sosial_kultural or teknis")
    dibutuhkan: int = Field(description="Level the position requires")
    dimiliki: int | None = Field(description="Level the person holds; null: never assessed (counts as 0)")
    gap: int = Field(description="dimiliki - dibutuhkan; negative is a shortfall")
    tanggal_asesmen: date | None = Field(description="Date of the assessment the held level comes from")


class StandarItem(BaseModel):
    kompetensi_kode: str = Field(description="Code in the competency dictionary")
    nama: str = Field(description="Name of the competency")
    jenis: str = Field(description="manajerial, sosial_kultural or teknis")
    dibutuhkan: int = Field(description="Level the position requires")


class JpmPegawai(BaseModel):
    nip: str
    jpm: float = Field(description="Job-person match in percent, two decimals")
    kategori: str = Field(description=KATEGORI)
    dimiliki: list[int | None] | None = Field(
        None,
        description="Held level per item of `standar`, in its order; null = never assessed. Absent with rinci=false",
    )
    gap: list[int] | None = Field(
        None,
        description="dimiliki - dibutuhkan per item of `standar`; negative is a shortfall. Absent with rinci=false",
    )


class JpmJabatanIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP, OTHER_NIP], "kategori": "pemetaan"}]}
    )

    nips: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=10000, description="Up to 10,000 NIPs; one given twice is matched once"
    )
    kategori: BandSet = Field("pemetaan", description=BAND_SET)
    rinci: bool = Field(True, description="Include the per-competency detail")


class JpmJabatanOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [JPM_JABATAN_EXAMPLE]})

    jabatan_id: uuid.UUID
    rumus: str = Field(description="The formula used, in words")
    kategori_set: BandSet = Field(description=BAND_SET)
    standar: list[StandarItem] = Field(
        description="The position's standard, once; each person's arrays follow its order"
    )
    items: list[JpmPegawai] = Field(description="One per person, best JPM first (ties by NIP)")


class JpmPegawaiIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"jabatan_ids": ["6f1c1d2e-2222-4a4a-8b8b-000000000002"], "kategori": "seleksi"}]
        }
    )

    jabatan_ids: list[uuid.UUID] = Field(min_length=1, max_length=2000, description="Positions to match against")
    kategori: BandSet = Field("pemetaan", description=BAND_SET)


class JpmJabatanItem(BaseModel):
    jabatan_id: uuid.UUID
    jpm: float = Field(description="Job-person match in percent, two decimals")
    kategori: str = Field(description=KATEGORI)
    rincian: list[RincianItem] = Field(description="Per competency of the position's standard")


class JpmPegawaiOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [JPM_PEGAWAI_EXAMPLE]})

    nip: str
    rumus: str = Field(description="The formula used, in words")
    items: list[JpmJabatanItem] = Field(description="One per position that has a standard")
    tanpa_standar: list[uuid.UUID] = Field(description="Positions that have no competency standard yet")


class MatriksGapIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"unit_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001", "format": "json"}]}
    )

    unit_id: uuid.UUID | None = Field(None, description="A unit and everything under it (give this or nips)")
    nips: list[Annotated[str, Field(max_length=40)]] | None = Field(
        None, max_length=10000, description="Up to 10,000 NIPs (give this or unit_id)"
    )
    format: Literal["json", "xlsx"] = Field("json", description="json, or xlsx for a workbook download")


class MatriksBaris(BaseModel):
    nip: str
    nama: str | None
    jabatan_id: uuid.UUID | None = Field(description="The position held, whose standard is the yardstick")
    jabatan_nama: str | None
    gap: dict[str, int | None] = Field(
        description="Competency code -> gap; absent when the position does not require it"
    )


class MatriksRingkasan(BaseModel):
    kompetensi_kode: str = Field(description="Code in the competency dictionary")
    nama: str = Field(description="Name of the competency")
    jumlah_gap: int = Field(description="Employees below the required level")
    rata_rata_gap: float = Field(description="Average gap of the employees whose position requires it")


class MatriksGapOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [MATRIKS_EXAMPLE]})

    kompetensi: list[str] = Field(description="The matrix's columns: competency codes, sorted")
    pegawai: list[MatriksBaris] = Field(description="The matrix's rows: one per employee with a position")
    ringkasan: list[MatriksRingkasan] = Field(description="Per competency, most shortfalls first")
    tanpa_jabatan: list[str] = Field(description="Employees without a position (no standard to compare)")


class Keluarga(BaseModel):
    keluarga: int = Field(description="Number of the family (job family found from the standards)")
    rumpun: str | None = Field(description="The declared job family most members share")
    anggota: list[uuid.UUID] = Field(description="Ids of the member positions")
    kompetensi_teknis: list[str] = Field(description="Technical competency codes the members require")


class RumpunBerbeda(BaseModel):
    jabatan_id: uuid.UUID
    nama: str = Field(description="Name of the position")
    rumpun_dinyatakan: str | None = Field(description="The job family (rumpun) the position declares")
    rumpun_keluarga: str | None = Field(description="The job family of the family it falls into")
    keluarga: int = Field(description="Number of that family")


class RumpunOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [RUMPUN_EXAMPLE]})

    metode: str = Field(description="The clustering used, in words")
    keluarga: list[Keluarga] = Field(description="Families of positions with similar technical standards")
    berbeda: list[RumpunBerbeda] = Field(description="Positions whose declared rumpun differs from their family's")
    tanpa_standar_teknis: int = Field(description="Positions in reach without a technical standard (left out)")


JPM_SENDIRI_EXAMPLE: dict[str, Any] = {
    "rumus": RUMUS,
    "kategori_set": "pemetaan",
    "items": [
        {
            "nip": EXAMPLE_NIP,
            "jabatan_id": JABATAN_ID,
            "jpm": 85.71,
            "kategori": "cukup_optimal",
            "rincian": [
                {
                    "kompetensi_kode": "INT",
                    "nama": "Integritas",
                    "jenis": "manajerial",
                    "dibutuhkan": 2,
                    "dimiliki": 3,
                    "gap": 1,
                },
                {
                    "kompetensi_kode": "TEK-KES-01",
                    "nama": "Asuhan Keperawatan",
                    "jenis": "teknis",
                    "dibutuhkan": 3,
                    "dimiliki": 2,
                    "gap": -1,
                },
            ],
        }
    ],
    "tanpa_jabatan": ["199211202019022002"],
    "tanpa_standar": [],
    "missing": [OTHER_NIP],
}


class JpmSendiriIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"nips": [EXAMPLE_NIP, OTHER_NIP]}]})

    nips: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=1000, description="Up to 1,000 NIPs; one given twice is matched once"
    )
    kategori: BandSet = Field("pemetaan", description=BAND_SET)
    jabatan: dict[Annotated[str, Field(max_length=40)], uuid.UUID | None] | None = Field(
        None,
        max_length=1000,
        description="Optional: the position each NIP holds now (null: none), as the caller knows it (e.g. the "
        "gateway, which has just read the employee record). Taken only from a caller that reaches every employee, "
        "for the NIPs it names, so the service need not ask pegawai again; for anyone else, and for NIPs it does "
        "not name, the service asks pegawai with the caller's token as without it.",
    )


class RincianSendiri(BaseModel):
    kompetensi_kode: str = Field(description="Code in the competency dictionary")
    nama: str = Field(description="Name of the competency")
    jenis: str = Field(description="manajerial, sosial_kultural or teknis")
    dibutuhkan: int = Field(description="Level the position requires")
    dimiliki: int | None = Field(description="Level the person holds; null: never assessed (counts as 0)")
    gap: int = Field(description="dimiliki - dibutuhkan; negative is a shortfall")


class JpmSendiri(BaseModel):
    nip: str
    jabatan_id: uuid.UUID = Field(description="The position the employee holds, whose standard is the yardstick")
    jpm: float = Field(description="Job-person match in percent, two decimals")
    kategori: str = Field(description=KATEGORI)
    rincian: list[RincianSendiri] = Field(description="Per competency of the position's standard, in its order")


class JpmSendiriOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [JPM_SENDIRI_EXAMPLE]})

    rumus: str = Field(description="The formula used, in words")
    kategori_set: BandSet = Field(description=BAND_SET)
    items: list[JpmSendiri] = Field(description="One per employee whose position has a standard, in the order asked")
    tanpa_jabatan: list[str] = Field(description="Employees without a position (no standard to compare)")
    tanpa_standar: list[str] = Field(description="Employees whose position has no competency standard yet")
    missing: list[str] = Field(description="NIPs out of the caller's reach (or unknown)")
