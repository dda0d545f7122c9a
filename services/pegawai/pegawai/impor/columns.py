"""The sheets a BKPSDM officer fills in: Indonesian headers mapped to API fields.

The same columns serve the template, the import and the export, so an exported file can be
edited and imported again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.rules import load_golongan, load_jabatan, load_pendidikan

LIST_SEPARATOR = " | "  # inside one cell; ';' and ',' are CSV delimiters


class Jenis(StrEnum):
    JABATAN = "jabatan"
    PEGAWAI = "pegawai"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    note: str = ""
    is_list: bool = False


def _kinds() -> str:
    return ", ".join(load_jabatan().kinds)


def columns(jenis: Jenis) -> list[Column]:
    if jenis == Jenis.JABATAN:
        return [
            Column("Kode Jabatan", "kode", True, "Unique code of the position, e.g. DINKES-J001"),
            Column("Nama Jabatan", "nama", True),
            Column("Jenis Jabatan", "jenis", True, f"One of: {_kinds()}"),
            Column("Kelas Jabatan", "kelas_jabatan", True, "1-17"),
            Column("Rumpun", "rumpun", False, "Job family, e.g. kesehatan"),
            Column("Kode Unit", "unit_kode", True, "Code of an existing unit"),
            Column("Kebutuhan (ABK)", "kebutuhan", True, "Required headcount from the workload analysis"),
            Column("Uraian Tugas", "uraian_tugas", False, f"Tasks separated by '{LIST_SEPARATOR.strip()}'", True),
            Column("Hasil Kerja", "hasil_kerja", False, f"Outputs separated by '{LIST_SEPARATOR.strip()}'", True),
            Column("Pendidikan Minimal", "syarat_pendidikan_min", False, ", ".join(load_pendidikan().levels)),
            Column("Golongan Minimal", "syarat_golongan_min", False, "I/a..IV/e or I..XVII"),
        ]
    return [
        Column("NIP", "nip", True, "18 digits"),
        Column("Nama", "nama", True, "Without academic titles"),
        Column("Gelar Depan", "gelar_depan"),
        Column("Gelar Belakang", "gelar_belakang"),
        Column("Tempat Lahir", "tempat_lahir"),
        Column("Tanggal Lahir", "tanggal_lahir", False, "YYYY-MM-DD; must match the NIP (taken from it if empty)"),
        Column("Jenis Kelamin", "jenis_kelamin", False, "L or P; must match the NIP"),
        Column("Status", "status_kepegawaian", True, "CPNS, PNS or PPPK"),
        Column("Kedudukan", "kedudukan", False, "aktif (default), tugas_belajar, cltn, ..."),
        Column("Golongan", "golongan", False, f"PNS: {load_golongan().codes('pns')[0]}..IV/e; PPPK: I..XVII"),
        Column("TMT Golongan", "tmt_golongan", False, "YYYY-MM-DD; required with Golongan"),
        Column("Pendidikan", "pendidikan_tingkat", False, ", ".join(load_pendidikan().levels)),
        Column("Jurusan", "pendidikan_jurusan"),
        Column("Kode Jabatan", "jabatan_kode", False, "Code of an existing position"),
        Column("TMT Jabatan", "tmt_jabatan", False, "YYYY-MM-DD"),
        Column("Kode Unit", "unit_kode", False, "Only for an employee without a position"),
        Column("Email", "email"),
        Column("Telepon", "telepon"),
    ]


def example_row(jenis: Jenis) -> list[str]:
    if jenis == Jenis.JABATAN:
        return ["DINKES-J001", "Perawat Ahli Pertama", "ahli_pertama", "8", "kesehatan", "DINKES.1", "4",
                "Melakukan asuhan keperawatan | Menyusun laporan", "Laporan asuhan", "S1", "III/a"]
    return ["198503122010011003", "Budi Santoso", "", "S.Kep.", "Semarang", "1985-03-12", "L", "PNS", "aktif",
            "III/b", "2018-04-01", "S1", "Keperawatan", "DINKES-J001", "2020-01-01", "", "budi@contoh.go.id", "081234567890"]
