"""The inputs of placement: a person and a position as the decisions see them.

The gateway builds them from the services' records (pegawai: position, unit, education, grade,
kedudukan, career interests; kinerja: predikat per year and running sanctions; kompetensi: held
levels and the position's standard). `Pegawai` has no field for a protected attribute (gender,
age or birth date, religion, marital status, origin, disability, political background): what the
ranking and the optimisation cannot be given, they cannot weigh.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Pegawai:
    """One employee. `kompetensi` holds the current level (1-5) per competency code; a competency
    never assessed is absent and counts as 0 (shared/rules/jpm.yaml)."""

    nip: str
    jabatan_id: str | None  # the position held now (pegawai's UUID as text), None: not placed
    kelas_jabatan: int | None  # kelas of the position held now
    rumpun: str | None  # rumpun of the position held now
    unit_id: str | None
    opd_id: str | None
    pendidikan: str | None  # a level of shared/rules/pendidikan.yaml (aliases accepted)
    golongan: str | None  # a grade of shared/rules/golongan.yaml (PNS I/a..IV/e, PPPK I..XVII)
    kedudukan: str  # shared.kepegawaian.Kedudukan
    hukdis_aktif: bool = False  # a disciplinary sanction is running now
    predikat: Mapping[int, str] = field(default_factory=dict)  # year -> final SKP predikat (skp.yaml)
    minat_jabatan_ids: frozenset[str] = frozenset()  # positions named as career interest
    kompetensi: Mapping[str, int] = field(default_factory=dict)  # competency code -> held level


@dataclass(frozen=True, slots=True)
class Jabatan:
    """One position. `standar` is the required level (1-5) per competency code, in the order of
    the position's standard (kompetensi's `standar`); empty: the position has no standard yet."""

    id: str
    kelas_jabatan: int
    rumpun: str | None
    unit_id: str | None
    opd_id: str | None
    kebutuhan: int  # seats the position should have
    bezetting: int  # seats filled now
    syarat_pendidikan_min: str | None = None
    syarat_golongan_min: str | None = None
    standar: Mapping[str, int] = field(default_factory=dict)
