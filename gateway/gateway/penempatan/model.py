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
from typing import Any


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


# The fields of a pegawai record (the pegawai service's PegawaiOut) that placement reads; nothing
# else of the record is looked at, so what a record says of gender, birth, religion, marriage,
# origin, disability or politics cannot reach a placement decision.
FIELDS_READ = (
    "nip",
    "jabatan_id",
    "kelas_jabatan",
    "rumpun",
    "unit_id",
    "pendidikan_tingkat",
    "golongan",
    "kedudukan",
    "minat_jabatan_ids",
)


def pegawai_dari_rekaman(
    record: Mapping[str, Any],
    *,
    kompetensi: Mapping[str, int],
    predikat: Mapping[int, str],
    hukdis_aktif: bool,
    opd_id: str | None = None,
) -> Pegawai:
    """A `Pegawai` from a pegawai record and what kompetensi (held levels) and kinerja (predikat per
    year, a running sanction) say of the same NIP. Reads only FIELDS_READ of the record."""
    r = {k: record.get(k) for k in FIELDS_READ}

    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return Pegawai(
        nip=str(r["nip"]),
        jabatan_id=text(r["jabatan_id"]),
        kelas_jabatan=r["kelas_jabatan"],
        rumpun=r["rumpun"],
        unit_id=text(r["unit_id"]),
        opd_id=opd_id,
        pendidikan=r["pendidikan_tingkat"],
        golongan=r["golongan"],
        kedudukan=str(r["kedudukan"]),
        hukdis_aktif=hukdis_aktif,
        predikat=dict(predikat),
        minat_jabatan_ids=frozenset(str(x) for x in r["minat_jabatan_ids"] or ()),
        kompetensi=dict(kompetensi),
    )
