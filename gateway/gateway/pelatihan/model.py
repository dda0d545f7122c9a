"""The inputs of the training plan: a person, a program and its batches, an OPD's budget, as the
plan sees them.

The gateway builds them from the services' records: pegawai (unit, OPD, status, career targets),
kompetensi (held levels, the standards of the position and of the career-target positions), kinerja
(the latest final predikat), pengembangan (the catalogue and its batches with the seats left, the
budgets with what is left of them, the JP ledger of the year and the rotation data: days since the
latest development). `Pegawai` has no field for a protected attribute (gender, age or birth date,
religion, marital status, origin, disability, political background): the plan cannot weigh what it
is not given. The adverse-impact report gets them on their own (gateway.keadilan).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PNS = "PNS"
PPPK = "PPPK"
CPNS = "CPNS"


@dataclass(frozen=True, slots=True)
class Pegawai:
    """One employee. `kompetensi`: held level (1-5) per competency code, absent counts 0.
    `standar`: the required level per code of the position held; `standar_karier`: per code, the
    highest level a career-target position's standard asks (the relevance rule of proposals: a
    program is relevant when it develops a competency of either)."""

    nip: str
    unit_id: str | None
    opd_id: str | None  # whose development budget pays
    status: str | None  # PNS, PPPK, CPNS (shared.kepegawaian); another: no JP rule
    predikat_terakhir: str | None = None  # the latest final SKP predikat (skp.yaml), None: none yet
    jp_tahun_ini: int = 0  # JP already in the ledger for the plan's year
    hari_sejak_pengembangan: int | None = None  # days since the latest development; None: never
    kompetensi: Mapping[str, int] = field(default_factory=dict)
    standar: Mapping[str, int] = field(default_factory=dict)
    standar_karier: Mapping[str, int] = field(default_factory=dict)
    # Already on the way this year (proposed and pending, or enrolled and not cancelled or failed):
    # the programs (not planned again, each takes one of the person's program slots) and the JP of
    # those not yet in the ledger (counted toward the 20 JP as if done).
    program_terdaftar: frozenset[str] = frozenset()
    jp_terdaftar: int = 0


@dataclass(frozen=True, slots=True)
class Program:
    """A program of the catalogue. `kompetensi`: the level (1-5) it brings per competency code."""

    id: str
    jp: int
    biaya_per_peserta: int  # rupiah
    biaya_perjalanan_per_peserta: int = 0  # rupiah, paid when the batch is held out of town
    luar_kota: bool = False
    kompetensi: Mapping[str, int] = field(default_factory=dict)
    kode: str | None = None
    jenis: str | None = None  # a kind of shared/rules/pengembangan.yaml


@dataclass(frozen=True, slots=True)
class Angkatan:
    """A batch of a program with the seats it has left. An online batch (`daring`) costs no travel
    even when its program is held out of town."""

    id: str
    program_id: str
    sisa_kursi: int
    daring: bool = False


@dataclass(frozen=True, slots=True)
class Anggaran:
    """What an OPD has left of its development allocation for the year (alokasi less what
    enrollments committed and realised), in rupiah."""

    opd_id: str
    sisa: int


def biaya(program: Program, angkatan: Angkatan) -> int:
    """What one participant of the batch costs the OPD: the fee, plus travel when out of town."""
    travel = program.biaya_perjalanan_per_peserta if program.luar_kota and not angkatan.daring else 0
    return program.biaya_per_peserta + travel
