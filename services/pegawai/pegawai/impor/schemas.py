"""What an import answers: counts and one error per problem, each naming the row and the column header."""

from __future__ import annotations

from pydantic import BaseModel, Field


class BarisError(BaseModel):
    baris: int = Field(description="Row number as shown in the spreadsheet (header is row 1)")
    kolom: str | None = Field(description="Column header, when the error belongs to one column")
    code: str = Field(description="Stable code of the problem, for programs (e.g. cell.not-text, impor.nip-ada, missing)")
    pesan: str = Field(description="What is wrong and how to fix it, in the request's language")


class HasilImpor(BaseModel):
    diterima: int = Field(description="Rows that passed every check")
    ditolak: int = Field(description="Rows with at least one error")
    dibuat: int = Field(description="Records written (0 for a dry run)")
    errors: list[BarisError]
    uji: bool = Field(False, description="A dry run (uji=true): checked only, nothing written")
