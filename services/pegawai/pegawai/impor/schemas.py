"""What an import answers: counts and one error per problem, each naming the row and the column header."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class BarisError(BaseModel):
    baris: int = Field(description="Row number as shown in the spreadsheet (header is row 1)")
    kolom: str | None = Field(description="Column header, when the error belongs to one column")
    code: str = Field(
        description="Stable code of the problem, for programs (e.g. cell.not-text, impor.nip-ada, missing)"
    )
    pesan: str = Field(description="What is wrong and how to fix it, in the request's language")


class HasilImpor(BaseModel):
    model_config = ConfigDict(
        json_schema_serialization_defaults_required=True,
        json_schema_extra={
            "examples": [
                {
                    # A partial import (partial=true): the good rows were written, the bad ones are listed.
                    "diterima": 48,
                    "ditolak": 2,
                    "dibuat": 48,
                    "uji": False,
                    "errors": [
                        {
                            "baris": 7,
                            "kolom": "NIP",
                            "code": "cell.not-text",
                            "pesan": "berisi angka atau tanggal (1.98503E+17), bukan teks, sehingga digitnya mungkin "
                            "sudah diubah oleh spreadsheet. Format kolom NIP sebagai Teks lalu ketik ulang nilainya, "
                            "atau awali nilainya dengan apostrof (').",
                        },
                        {
                            "baris": 12,
                            "kolom": "NIP",
                            "code": "impor.nip-ada",
                            "pesan": "pegawai dengan NIP 199007152015032001 sudah ada.",
                        },
                    ],
                }
            ]
        },
    )

    diterima: int = Field(description="Rows that passed every check")
    ditolak: int = Field(description="Rows with at least one error")
    dibuat: int = Field(description="Records written (0 for a dry run)")
    errors: list[BarisError] = Field(description="One entry per problem found, by row")
    uji: bool = Field(False, description="A dry run (uji=true): checked only, nothing written")
