"""The sheets of the SKP import: their columns (headers officers see, mapped to fields) and the
row models each row is validated with."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from shared.messages import t
from shared.rules import load_skp
from shared.types import NIP, Paragraph
from shared.workbook import Column, Kind

Rating = Literal["diatas", "sesuai", "dibawah"]


class Jenis(StrEnum):
    SKP = "skp"  # annual SKP of PermenPAN-RB 6/2022 (2022 on), as final records
    SKP_LAMA = "skp-lama"  # numeric SKP of before 2022, on its own scale


def _ratings() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The rating codes, and the names an officer types (Di Atas Ekspektasi ...) as aliases."""
    ratings = load_skp().ratings
    return tuple(ratings), tuple((name, code) for code, (name, _) in ratings.items())


def columns(jenis: Jenis) -> list[Column]:
    if jenis == Jenis.SKP:
        codes, aliases = _ratings()
        return [
            Column("NIP", "nip", Kind.CODE, True, width=22),
            Column("Tahun", "tahun", Kind.INTEGER, True, t("kolom.skp.tahun")),
            Column("NIP Penilai", "penilai_nip", Kind.CODE, False, t("kolom.skp.penilai_nip"), width=22),
            Column("Hasil Kerja", "rating_hasil_kerja", Kind.CODE, True, choices=codes, aliases=aliases),
            Column("Perilaku Kerja", "rating_perilaku_kerja", Kind.CODE, True, choices=codes, aliases=aliases),
            Column("Catatan", "catatan", Kind.TEXT, False, width=40),
        ]
    return [
        Column("NIP", "nip", Kind.CODE, True, width=22),
        Column("Tahun", "tahun", Kind.INTEGER, True, t("kolom.skp-lama.tahun")),
        Column("Skala", "skala", Kind.CODE, True, t("kolom.skp-lama.skala"), choices=tuple(load_skp().legacy)),
        Column("Nilai", "nilai", Kind.DECIMAL, True, t("kolom.skp-lama.nilai")),
    ]


def header_of(jenis: Jenis, key: str) -> str:
    return {c.key: c.header for c in columns(jenis)}.get(key, key)


def example_row(jenis: Jenis) -> list[object]:
    if jenis == Jenis.SKP:
        return ["198503122010011003", 2025, "197801012005011002", "sesuai", "diatas", ""]
    return ["198503122010011003", 2020, "pp_30_2019", 92.5]


class SkpBaris(BaseModel):
    """One row of the SKP sheet, checked as the API checks an SKP's rating."""

    nip: NIP
    tahun: int = Field(ge=2022, le=2100)
    penilai_nip: NIP | None = None
    rating_hasil_kerja: Rating
    rating_perilaku_kerja: Rating
    catatan: Paragraph | None = Field(None, max_length=2000)
