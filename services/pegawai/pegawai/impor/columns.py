"""The sheets a BKPSDM officer fills in: Indonesian headers mapped to API fields.

The same columns serve the template, the import, the export and the error report, so an
exported file (or a report) can be edited and imported again.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from pegawai.pegawai.schemas import Kedudukan, StatusKepegawaian
from shared.messages import t
from shared.rules import load_golongan, load_jabatan, load_pendidikan
from shared.workbook import LIST_SEPARATOR, MAX_FILE_BYTES, MAX_ROWS, Column, Kind

UNIT_SHEET = "Unit"
JABATAN_SHEET = "Jabatan"


class Jenis(StrEnum):
    JABATAN = "jabatan"
    PEGAWAI = "pegawai"


def _golongan() -> tuple[str, ...]:
    gol = load_golongan()
    return (*gol.codes("pns"), *gol.codes("pppk"))


def _pendidikan() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    levels = load_pendidikan().levels
    return tuple(levels), tuple((alias, lv.code) for lv in levels.values() for alias in lv.aliases)


def _note(jenis: Jenis, key: str) -> str:
    return t(f"kolom.{jenis}.{key}")


def columns(jenis: Jenis) -> list[Column]:
    pendidikan, pendidikan_alias = _pendidikan()
    if jenis == Jenis.JABATAN:
        j = Jenis.JABATAN
        return [
            Column("Kode Jabatan", "kode", Kind.CODE, True, _note(j, "kode")),
            Column("Nama Jabatan", "nama", Kind.TEXT, True),
            Column("Jenis Jabatan", "jenis", Kind.CODE, True, choices=tuple(load_jabatan().kinds)),
            Column("Kelas Jabatan", "kelas_jabatan", Kind.INTEGER, True, "1-17"),
            Column("Rumpun", "rumpun", Kind.TEXT, False, _note(j, "rumpun")),
            Column("Kode Unit", "unit_kode", Kind.CODE, True, _note(j, "unit_kode"), choices_from=UNIT_SHEET),
            Column("Kebutuhan (ABK)", "kebutuhan", Kind.INTEGER, True, _note(j, "kebutuhan")),
            Column("Uraian Tugas", "uraian_tugas", Kind.TEXT, False, _note(j, "daftar")),
            Column("Hasil Kerja", "hasil_kerja", Kind.TEXT, False, _note(j, "daftar")),
            Column(
                "Pendidikan Minimal", "syarat_pendidikan_min", Kind.CODE, choices=pendidikan, aliases=pendidikan_alias
            ),
            Column("Golongan Minimal", "syarat_golongan_min", Kind.CODE, choices=_golongan()),
            Column("Kode Jabatan Atasan", "atasan_jabatan_kode", Kind.CODE, False, _note(j, "atasan_jabatan_kode")),
            Column("Jabatan Kunci", "kunci", Kind.BOOLEAN, False, _note(j, "kunci")),
        ]
    p = Jenis.PEGAWAI
    return [
        Column("NIP", "nip", Kind.CODE, True, _note(p, "nip"), width=22),
        Column("Nama", "nama", Kind.TEXT, True, _note(p, "nama")),
        Column("Gelar Depan", "gelar_depan", Kind.TEXT, False, _note(p, "gelar_depan")),
        Column("Gelar Belakang", "gelar_belakang", Kind.TEXT, False, _note(p, "gelar_belakang")),
        Column("Tempat Lahir", "tempat_lahir"),
        Column("Tanggal Lahir", "tanggal_lahir", Kind.DATE, False, _note(p, "tanggal_lahir")),
        Column(
            "Jenis Kelamin",
            "jenis_kelamin",
            Kind.CODE,
            False,
            _note(p, "jenis_kelamin"),
            choices=("L", "P"),
            aliases=(("Laki-laki", "L"), ("Pria", "L"), ("Perempuan", "P"), ("Wanita", "P")),
        ),
        Column("Status", "status_kepegawaian", Kind.CODE, True, choices=tuple(s.value for s in StatusKepegawaian)),
        Column(
            "Kedudukan", "kedudukan", Kind.CODE, False, _note(p, "kedudukan"), choices=tuple(k.value for k in Kedudukan)
        ),
        Column("Golongan", "golongan", Kind.CODE, False, _note(p, "golongan"), choices=_golongan()),
        Column("TMT Golongan", "tmt_golongan", Kind.DATE, False, _note(p, "tmt_golongan")),
        Column("Pendidikan", "pendidikan_tingkat", Kind.CODE, choices=pendidikan, aliases=pendidikan_alias),
        Column("Jurusan", "pendidikan_jurusan"),
        Column("Kode Jabatan", "jabatan_kode", Kind.CODE, False, _note(p, "jabatan_kode"), choices_from=JABATAN_SHEET),
        Column("TMT Jabatan", "tmt_jabatan", Kind.DATE),
        Column("Kode Unit", "unit_kode", Kind.CODE, False, _note(p, "unit_kode"), choices_from=UNIT_SHEET),
        Column("Email", "email"),
        Column("Telepon", "telepon", Kind.PHONE, False, _note(p, "telepon")),
    ]


def header_of(jenis: Jenis, key: str) -> str:
    """The header officers see for a field (ids map to the code column they come from)."""
    key = {"jabatan_id": "jabatan_kode", "unit_id": "unit_kode", "atasan_jabatan_id": "atasan_jabatan_kode"}.get(
        key, key
    )
    return _headers(jenis).get(key, key)


@cache
def _headers(jenis: Jenis) -> dict[str, str]:
    return {c.key: c.header for c in columns(jenis)}  # headers do not depend on the language


def example_row(jenis: Jenis) -> list[Any]:
    if jenis == Jenis.JABATAN:
        return [
            "DINKES-J001",
            "Perawat Ahli Pertama",
            "ahli_pertama",
            8,
            "kesehatan",
            "DINKES.1",
            4,
            LIST_SEPARATOR.join(["Melakukan asuhan keperawatan", "Menyusun laporan"]),
            "Laporan asuhan",
            "S1",
            "III/a",
            "DINKES-J000",
            False,
        ]
    return [
        "198503122010011003",
        "Budi Santoso",
        "",
        "S.Kep.",
        "Semarang",
        date(1985, 3, 12),
        "L",
        "PNS",
        "aktif",
        "III/b",
        date(2018, 4, 1),
        "S1",
        "Keperawatan",
        "DINKES-J001",
        date(2020, 1, 1),
        "",
        "budi@contoh.go.id",
        "081234567890",
    ]


def notes(jenis: Jenis) -> list[str]:
    """The general part of the instructions sheet."""
    limits = {"baris": MAX_ROWS, "mb": MAX_FILE_BYTES // (1024 * 1024)}
    return [
        t(f"petunjuk.{key}", jenis=jenis.value, **limits)
        for key in ("isi", "contoh", "teks", "tanggal", "daftar", "laporan")
    ]
