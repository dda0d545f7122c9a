"""Request and answer shapes of job competency standards."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.types import Line, list_or_semua

JABATAN_ID = "6f1c1d2e-2222-4a4a-8b8b-000000000002"
OUT_EXAMPLE: dict[str, Any] = {
    "jabatan_id": JABATAN_ID,
    "version": 2,
    "items": [
        {
            "kompetensi_id": "b88dac61-6f27-5f93-8baa-5678c48c2236",
            "kompetensi_kode": "INT",
            "nama": "Integritas",
            "jenis": "manajerial",
            "level": 2,
        },
        {
            "kompetensi_id": "dfa1c55c-5909-52ac-8a27-3ef5e19ac4b8",
            "kompetensi_kode": "PB",
            "nama": "Perekat Bangsa",
            "jenis": "sosial_kultural",
            "level": 2,
        },
        {
            "kompetensi_id": "6f1c1d2e-4444-4a4a-8b8b-000000000001",
            "kompetensi_kode": "TEK-KES-01",
            "nama": "Asuhan Keperawatan",
            "jenis": "teknis",
            "level": 3,
        },
    ],
}


class StandarItemIn(BaseModel):
    kompetensi_kode: Line = Field(min_length=1, max_length=30, description="Code in the competency dictionary")
    level: int = Field(ge=1, le=5, description="Required level 1-5")


class StandarIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [{"kompetensi_kode": "TEK-KES-01", "level": 3}], "sertakan_default": True}]
        }
    )

    items: list[StandarItemIn] = Field(
        default_factory=list, max_length=100, description="Required level per competency; replaces the whole standard"
    )
    sertakan_default: bool = Field(
        True,
        description="Add the default managerial and socio-cultural levels for the position's kind "
        "(shared/rules/kompetensi.yaml) for any of those competencies not given in items",
    )


class StandarItemOut(BaseModel):
    kompetensi_id: uuid.UUID
    kompetensi_kode: str = Field(description="Code in the competency dictionary")
    nama: str = Field(description="Name of the competency")
    jenis: str = Field(description="manajerial, sosial_kultural or teknis")
    level: int = Field(description="Required level 1-5")


class StandarOut(BaseModel):
    """Standar kompetensi jabatan: the level of each competency a position requires."""

    model_config = ConfigDict(json_schema_extra={"examples": [OUT_EXAMPLE]})

    jabatan_id: uuid.UUID = Field(description="The position (in the pegawai service)")
    version: int | None = Field(description="Sent as ETag; null while the position has no standard yet")
    items: list[StandarItemOut] = Field(description="Empty while the position has no standard")


class StandarSetOut(StandarOut):
    model_config = ConfigDict(
        json_schema_serialization_defaults_required=True,
        json_schema_extra={"examples": [{**OUT_EXAMPLE, "default_dilewati": []}]},
    )

    default_dilewati: list[str] = Field(
        default_factory=list,
        description="Default competencies (sertakan_default) left out because they are retired or not in the "
        "dictionary",
    )


class StandarBulkIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"jabatan_ids": ["6f1c1d2e-2222-4a4a-8b8b-000000000002"]}]}
    )

    jabatan_ids: list[uuid.UUID] = Field(min_length=1, max_length=10000, description="Positions, up to 10,000")


class StandarLevelIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"jabatan_ids": [JABATAN_ID]}, {"semua": True}]})

    jabatan_ids: list[uuid.UUID] | None = Field(
        None, min_length=1, max_length=10000, description="Positions, up to 10,000 (or `semua`)"
    )
    semua: bool = Field(
        False,
        description="Instead of `jabatan_ids`: every position the caller reaches that has a standard, with no "
        "list to send (for one that reaches everything: every standard, without asking pegawai)",
    )

    @model_validator(mode="after")
    def _one_way(self) -> StandarLevelIn:
        list_or_semua(self.jabatan_ids, self.semua, "field.jabatan-atau-semua")
        return self


class StandarRekapIn(StandarBulkIn):
    dari_pegawai: bool = Field(
        False,
        description="The positions are pegawai's answer to the caller (the gateway's merit evidence, which has just "
        "listed them): from a caller that reaches every position kompetensi takes them as found and does not ask "
        "pegawai again; anyone else's reach is still pegawai's answer to its token.",
    )


class SalinIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"dari": "6f1c1d2e-2222-4a4a-8b8b-000000000002", "ke": ["6f1c1d2e-2222-4a4a-8b8b-000000000003"]}
            ]
        }
    )

    dari: uuid.UUID = Field(description="Position whose standard is copied")
    ke: list[uuid.UUID] = Field(min_length=1, max_length=1000, description="Positions that receive it (replaced)")


class StandarLevelItem(BaseModel):
    jabatan_id: uuid.UUID
    level: dict[str, int] = Field(description="Competency code -> required level (1-5); empty: no standard yet")


class StandarLevelOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [{"jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002", "level": {"INT": 3, "KER": 3}}],
                    "kompetensi": {"INT": "Integritas", "KER": "Kerja Sama"},
                    "missing": ["6f1c1d2e-2222-4a4a-8b8b-000000000009"],
                }
            ]
        }
    )

    items: list[StandarLevelItem]
    kompetensi: dict[str, str] = Field(description="Name of each competency code the standards name")
    missing: list[uuid.UUID] = Field(description="Positions the caller does not reach")


class StandarRekapItem(BaseModel):
    jabatan_id: uuid.UUID
    manajerial: int = Field(description="Managerial competencies the standard requires")
    sosial_kultural: int = Field(description="Socio-cultural competencies the standard requires")
    teknis: int = Field(description="Technical competencies the standard requires")


class StandarRekapOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "jabatan_id": "6f1c1d2e-2222-4a4a-8b8b-000000000002",
                            "manajerial": 9,
                            "sosial_kultural": 1,
                            "teknis": 3,
                        }
                    ]
                }
            ]
        }
    )

    items: list[StandarRekapItem] = Field(description="The positions asked for that have a standard")
