"""The needs plan, decided by plain functions (no service, no web): per position, the staffing of
today and of the end of each year of the horizon if nobody is appointed, and the formation that
follows by the path of its kind (shared/rules/perencanaan.yaml); rolled up by summing positions.

A shortage is a position's own: a surplus in one position never fills another's (they differ in
kind, class and task), so every roll-up sums the shortages per position and the surpluses apart.
A surplus absorbs the position's own retirements first. The shortage only grows over the horizon
(nobody joins when nobody is appointed), and the formation of a year is its growth that year: the
first year carries today's shortage too, and the horizon's formations add up to its last shortage.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

JALUR = ("cpns", "pppk", "promosi")


@dataclass(frozen=True)
class Posisi:
    """A position as pegawai's staffing report gives it."""

    jabatan_id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    kelas_jabatan: int
    unit_id: uuid.UUID
    kebutuhan: int
    bezetting: int


@dataclass(frozen=True)
class SetelahPenempatan:
    """The outcome of a re-placement, to plan from instead of today's seats: per position, the
    seats filled after it (a position not named keeps today's bezetting); and, when known, the
    retirements per position and year where the retirees sit after it (else they stay with the
    position they hold today)."""

    terisi: Mapping[uuid.UUID, int]
    pensiun: Mapping[uuid.UUID, Mapping[int, int]] | None = None


@dataclass(frozen=True)
class Tahunan:
    """A position at the end of a year of the horizon, nobody appointed meanwhile."""

    tahun: int
    pensiun: int  # holders whose pension takes effect that year
    bezetting: int
    kurang: int
    lebih: int
    formasi: int  # the growth of the shortage that year (the first year: today's shortage too)


@dataclass(frozen=True)
class RencanaJabatan:
    posisi: Posisi
    jalur: str
    bezetting_dasar: int  # the seats the plan starts from: today's, or after the re-placement
    kurang: int  # today (from bezetting_dasar)
    lebih: int
    per_tahun: tuple[Tahunan, ...]

    @property
    def pensiun(self) -> int:
        return sum(y.pensiun for y in self.per_tahun)

    @property
    def formasi(self) -> int:
        return sum(y.formasi for y in self.per_tahun)


@dataclass(frozen=True)
class RekapTahun:
    tahun: int
    pensiun: int
    kurang: int
    lebih: int
    formasi_cpns: int
    formasi_pppk: int
    promosi: int


@dataclass(frozen=True)
class Rekap:
    """Positions summed: shortages and surpluses per position, never netted against each other."""

    jumlah_jabatan: int = 0
    kebutuhan: int = 0
    bezetting: int = 0
    kurang: int = 0
    lebih: int = 0
    pensiun: int = 0
    formasi_cpns: int = 0
    formasi_pppk: int = 0
    promosi: int = 0
    per_tahun: tuple[RekapTahun, ...] = field(default_factory=tuple)

    @property
    def formasi(self) -> int:
        """The formation to request: CPNS and PPPK (a promotion is no formation)."""
        return self.formasi_cpns + self.formasi_pppk


def rencana_jabatan(
    posisi: Posisi, pensiun: Mapping[int, int], tahun: Sequence[int], jalur: str, bezetting_dasar: int | None = None
) -> RencanaJabatan:
    """One position over the horizon `tahun` (consecutive years); `pensiun`: year -> retirements
    (a year outside the horizon is not counted)."""
    seats = posisi.bezetting if bezetting_dasar is None else bezetting_dasar
    before = 0  # the shortage before the horizon: formations start from none requested
    remaining = seats
    years = []
    for y in tahun:
        leaving = min(pensiun.get(y, 0), remaining)  # nobody retires twice
        remaining -= leaving
        kurang = max(posisi.kebutuhan - remaining, 0)
        years.append(Tahunan(y, leaving, remaining, kurang, max(remaining - posisi.kebutuhan, 0), kurang - before))
        before = kurang
    return RencanaJabatan(
        posisi=posisi,
        jalur=jalur,
        bezetting_dasar=seats,
        kurang=max(posisi.kebutuhan - seats, 0),
        lebih=max(seats - posisi.kebutuhan, 0),
        per_tahun=tuple(years),
    )


def rencana(
    posisi: Iterable[Posisi],
    pensiun: Mapping[uuid.UUID, Mapping[int, int]],
    tahun: Sequence[int],
    jalur: Mapping[str, str],
    setelah_penempatan: SetelahPenempatan | None = None,
) -> list[RencanaJabatan]:
    """Every position's plan; with `setelah_penempatan`, from the seats after the re-placement."""
    if setelah_penempatan is not None and setelah_penempatan.pensiun is not None:
        pensiun = setelah_penempatan.pensiun
    terisi = setelah_penempatan.terisi if setelah_penempatan is not None else {}
    return [
        rencana_jabatan(p, pensiun.get(p.jabatan_id, {}), tahun, jalur[p.jenis], terisi.get(p.jabatan_id))
        for p in posisi
    ]


def rekap(items: Iterable[RencanaJabatan], tahun: Sequence[int]) -> Rekap:
    """The sum of positions' plans, in total and per year."""
    items = list(items)
    per_tahun = []
    for i, y in enumerate(tahun):
        rows = [r.per_tahun[i] for r in items]
        by_path = dict.fromkeys(JALUR, 0)
        for r, row in zip(items, rows, strict=True):
            by_path[r.jalur] += row.formasi
        per_tahun.append(
            RekapTahun(
                tahun=y,
                pensiun=sum(row.pensiun for row in rows),
                kurang=sum(row.kurang for row in rows),
                lebih=sum(row.lebih for row in rows),
                formasi_cpns=by_path["cpns"],
                formasi_pppk=by_path["pppk"],
                promosi=by_path["promosi"],
            )
        )
    return Rekap(
        jumlah_jabatan=len(items),
        kebutuhan=sum(r.posisi.kebutuhan for r in items),
        bezetting=sum(r.bezetting_dasar for r in items),
        kurang=sum(r.kurang for r in items),
        lebih=sum(r.lebih for r in items),
        pensiun=sum(r.pensiun for r in items),
        formasi_cpns=sum(y.formasi_cpns for y in per_tahun),
        formasi_pppk=sum(y.formasi_pppk for y in per_tahun),
        promosi=sum(y.promosi for y in per_tahun),
        per_tahun=tuple(per_tahun),
    )
