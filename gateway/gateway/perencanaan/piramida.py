"""The staffing pyramid of a unit (piramida pegawai): headcount per golongan and age band, a plain
function over what pegawai returned. Age is read here to describe the workforce to a planning
meeting, never to rank or choose anyone (the decisions of penempatan and pelatihan do not import
this module)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from shared.rules import UsiaPiramida


@dataclass(frozen=True)
class BarisPiramida:
    golongan: str
    per_usia: tuple[int, ...]  # in the order of the bands

    @property
    def jumlah(self) -> int:
        return sum(self.per_usia)


@dataclass(frozen=True)
class Piramida:
    kelompok_usia: tuple[str, ...]
    baris: tuple[BarisPiramida, ...]  # lowest golongan first: a bar chart draws it at the bottom
    tanpa_data: int  # employees without a golongan or a birth date, counted apart


def usia(lahir: date, today: date) -> int:
    """Full years of age on `today`."""
    return today.year - lahir.year - ((today.month, today.day) < (lahir.month, lahir.day))


def kelompok(age: int, bands: Sequence[UsiaPiramida]) -> int:
    """The index of the band an age falls in (the bands cover every age: the rules check it)."""
    return next(i for i, b in enumerate(bands) if b.dari <= age and (b.sampai is None or age <= b.sampai))


def piramida(
    pegawai: Iterable[tuple[str | None, date | None]],
    today: date,
    bands: Sequence[UsiaPiramida],
    urutan_golongan: Sequence[str],
) -> Piramida:
    """`pegawai`: (golongan, birth date) of each employee; `urutan_golongan`: every golongan code,
    lowest first (PNS, then PPPK). Only the golongan someone holds get a row."""
    counts: Counter[tuple[str, int]] = Counter()
    tanpa = 0
    order = {code: i for i, code in enumerate(urutan_golongan)}
    for golongan, lahir in pegawai:
        if golongan not in order or lahir is None:
            tanpa += 1
            continue
        counts[(golongan, kelompok(usia(lahir, today), bands))] += 1
    held = sorted({g for g, _ in counts}, key=order.__getitem__)
    rows = tuple(BarisPiramida(g, tuple(counts[(g, i)] for i in range(len(bands)))) for g in held)
    return Piramida(tuple(b.kode for b in bands), rows, tanpa)
