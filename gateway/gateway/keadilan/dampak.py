"""The adverse-impact report of a selection: for the chosen people against the eligible pool, the
selection rate of each gender and age band, each group's ratio to the highest rate among the
groups large enough to judge, flagged under the four-fifths rule (shared/rules/keadilan.yaml).

It reads protected attributes, and only here: the ranking and the optimisation never get them
(gateway.penempatan's inputs do not carry them). The report decides nothing; a flag asks why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date

from shared.rules import KeadilanRules, load_keadilan

TIDAK_DIKETAHUI = "tidak_diketahui"


@dataclass(frozen=True)
class AtributKelompok:
    """What the report groups a person of the eligible pool by."""

    nip: str
    jenis_kelamin: str | None  # "L" / "P" (shared.nip.JenisKelamin); None: unknown
    tanggal_lahir: date | None


@dataclass(frozen=True)
class Kelompok:
    kode: str
    pool: int  # eligible people in the group
    terpilih: int  # of them, chosen
    rasio_seleksi: float | None  # terpilih / pool (None: nobody of the group in the pool)
    rasio_terhadap_tertinggi: float | None  # to the highest rate of the judged groups
    status: str  # "wajar", "dampak_merugikan" (ratio < rasio_min), "terlalu_kecil", "tidak_diketahui",
    # "tanpa_pembanding" (no judged group was chosen at all: nothing to compare with)


@dataclass(frozen=True)
class Dimensi:
    kode: str  # "jenis_kelamin" or "kelompok_usia"
    kelompok: tuple[Kelompok, ...]
    rujukan: str | None  # the judged group with the highest rate
    dampak_merugikan: bool  # some judged group falls under the four-fifths of the highest


@dataclass(frozen=True)
class Laporan:
    pool: int
    terpilih: int
    rasio_min: float
    kelompok_min: int
    dimensi: tuple[Dimensi, ...]
    terpilih_di_luar_pool: tuple[str, ...]  # chosen NIPs not in the pool (not counted; a data error)


def usia(lahir: date, pada: date) -> int:
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


def laporan(
    pool: Sequence[AtributKelompok], terpilih: Collection[str], pada: date, rules: KeadilanRules | None = None
) -> Laporan:
    """The report of choosing `terpilih` (NIPs) from `pool`, ages taken at `pada`."""
    r = rules or load_keadilan()
    people = {p.nip: p for p in pool}
    chosen = set(terpilih)

    def gender(p: AtributKelompok) -> str:
        return p.jenis_kelamin if p.jenis_kelamin in r.jenis_kelamin else TIDAK_DIKETAHUI

    def band(p: AtributKelompok) -> str:
        return r.kelompok_usia_of(usia(p.tanggal_lahir, pada)) if p.tanggal_lahir else TIDAK_DIKETAHUI

    dims = (
        _dimensi("jenis_kelamin", [*r.jenis_kelamin], people.values(), chosen, gender, r),
        _dimensi("kelompok_usia", [b.kode for b in r.kelompok_usia], people.values(), chosen, band, r),
    )
    return Laporan(
        pool=len(people),
        terpilih=len(chosen & people.keys()),
        rasio_min=r.rasio_min,
        kelompok_min=r.kelompok_min,
        dimensi=dims,
        terpilih_di_luar_pool=tuple(sorted(chosen - people.keys())),
    )


def _dimensi(
    kode: str,
    groups: list[str],
    people: Collection[AtributKelompok],
    chosen: set[str],
    of: Callable[[AtributKelompok], str],
    r: KeadilanRules,
) -> Dimensi:
    pool = Counter(of(p) for p in people)
    picked = Counter(of(p) for p in people if p.nip in chosen)
    codes = groups + ([TIDAK_DIKETAHUI] if pool[TIDAK_DIKETAHUI] else [])
    rate = {g: picked[g] / pool[g] if pool[g] else None for g in codes}
    judged = [g for g in groups if pool[g] >= r.kelompok_min]
    top = max(judged, key=lambda g: (rate[g] or 0.0, -groups.index(g)), default=None)
    top_rate = rate[top] if top is not None else None
    out = []
    for g in codes:
        ratio = None
        if g == TIDAK_DIKETAHUI:
            status = TIDAK_DIKETAHUI
        elif g not in judged:
            status = "terlalu_kecil"
        elif not top_rate:
            status = "tanpa_pembanding"
        else:
            ratio = (rate[g] or 0.0) / top_rate
            status = "dampak_merugikan" if ratio < r.rasio_min else "wajar"
        out.append(Kelompok(g, pool[g], picked[g], rate[g], ratio, status))
    return Dimensi(
        kode=kode,
        kelompok=tuple(out),
        rujukan=top if top_rate else None,
        dampak_merugikan=any(k.status == "dampak_merugikan" for k in out),
    )
