from __future__ import annotations

from pydantic import BaseModel, Field


class BarisError(BaseModel):
    baris: int = Field(description="Row number as shown in the spreadsheet (header is row 1)")
    kolom: str | None = Field(description="Column header, when the error belongs to one column")
    pesan: str


class HasilImpor(BaseModel):
    diterima: int = Field(description="Rows that passed every check")
    ditolak: int = Field(description="Rows with at least one error")
    dibuat: int = Field(description="Records written")
    errors: list[BarisError]
