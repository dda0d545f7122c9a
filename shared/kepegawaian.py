"""The vocabulary of employment every service shares: status kepegawaian and kedudukan hukum.

Kedudukan follows the employment states BKN records (PP 11/2017 jo. PP 17/2020: cuti di luar
tanggungan negara, Pasal 310-317; pemberhentian sementara, Pasal 276-281; tugas belajar;
dipekerjakan/diperbantukan; pensiun, berhenti, meninggal). One definition of who still serves is
used everywhere: by headcount (bezetting), retirement projection, gap matrices and plans.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class StatusKepegawaian(StrEnum):
    CPNS = "CPNS"
    PNS = "PNS"
    PPPK = "PPPK"


class Kedudukan(StrEnum):
    AKTIF = "aktif"
    TUGAS_BELAJAR = "tugas_belajar"
    CLTN = "cltn"  # cuti di luar tanggungan negara
    DIPEKERJAKAN = "dipekerjakan"
    DIPERBANTUKAN = "diperbantukan"
    PEMBERHENTIAN_SEMENTARA = "pemberhentian_sementara"
    MASA_PERSIAPAN_PENSIUN = "masa_persiapan_pensiun"
    PENSIUN = "pensiun"
    BERHENTI = "berhenti"
    MENINGGAL = "meninggal"


# No longer an employee: left out of headcount, projections and analyses.
ENDED = frozenset({Kedudukan.PENSIUN, Kedudukan.BERHENTI, Kedudukan.MENINGGAL})
# Still an employee of the Pemda, wherever the person works now.
SERVING = frozenset(Kedudukan) - ENDED
ENDED_VALUES = sorted(k.value for k in ENDED)
SERVING_VALUES = sorted(k.value for k in SERVING)


def nama_lengkap(nama: str, depan: str | None, belakang: str | None) -> str:
    """The name with its academic titles, as printed on a decree."""
    out = f"{depan.strip()} {nama}" if depan else nama
    return f"{out}, {belakang.strip()}" if belakang else out


def nama_of(pegawai: Mapping[str, Any]) -> str:
    """The name to show of an employee record from the pegawai service (titles included), its NIP
    when it has none."""
    return str(pegawai.get("nama_lengkap") or pegawai.get("nama") or pegawai["nip"])
