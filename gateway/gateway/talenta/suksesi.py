"""The successors of key positions: the people of the succession boxes (7-9) ranked by how well
they match each position's standard, with their readiness.

Ready now (`siap_sekarang`): the position's minimum education and golongan met today (placement's
own checks, `kelayakan.syarat_jabatan`) and the JPM against the position in the top band; ready in
one or two years (`siap_1_2_tahun`): the JPM in the middle band or better, education met, and the
golongan met or at most `golongan_kurang_maks` steps short; anyone else is not listed. The holders
of a position are not its successors. Ties fall to readiness, then the box, then a fixed draw
that hashes the NIP with the position (placement's `undian`), never the NIP itself, whose digits
are a birth date and a gender.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gateway.penempatan.jpm import Gap, Levels, jpm_matrix, profil, rincian
from gateway.penempatan.kelayakan import Alasan, Aturan, syarat_jabatan
from gateway.penempatan.model import Jabatan, Pegawai
from gateway.penempatan.peringkat import undian
from shared.rules import JpmRules, TalentaRules, load_golongan, load_jpm, load_talenta

SIAP_SEKARANG = "siap_sekarang"
SIAP_1_2_TAHUN = "siap_1_2_tahun"
KESIAPAN = (SIAP_SEKARANG, SIAP_1_2_TAHUN)


@dataclass(frozen=True)
class Calon:
    """One person of the succession boxes with its box number."""

    pegawai: Pegawai
    kotak: int


@dataclass(frozen=True)
class Suksesor:
    urutan: int  # 1 = first
    nip: str
    kotak: int
    jpm: float  # percent against the position's standard, unrounded
    band: str
    kesiapan: str  # siap_sekarang | siap_1_2_tahun
    kurang: tuple[Alasan, ...]  # what stands between a siap_1_2_tahun successor and ready now (empty when ready)
    rincian: tuple[Gap, ...]  # per competency of the standard: required, held, gap


@dataclass(frozen=True)
class Suksesi:
    jabatan_id: str
    tanpa_standar: bool  # no standard: nobody's match can be read, nobody is listed
    jumlah: int  # successors found before the limit
    siap_sekarang: int  # of them ready now
    suksesor: tuple[Suksesor, ...]  # the first `limit`

    @property
    def tanpa_siap_sekarang(self) -> bool:
        return self.siap_sekarang == 0


def kesiapan(
    pegawai: Pegawai,
    jabatan: Jabatan,
    band: str,
    rules: TalentaRules | None = None,
    jpm_rules: JpmRules | None = None,
    aturan: Aturan | None = None,
    cache: Syarat | None = None,
) -> tuple[str | None, tuple[Alasan, ...]]:
    """(readiness or None when not a successor, what is short of ready now). `cache` keeps the
    requirement checks by education, grade and the position's minimums across calls."""
    r = rules or load_talenta()
    bands = [b.kode for b in (jpm_rules or load_jpm()).bands[r.band_set]]
    rank = bands.index(band)  # 0 is the top band
    if rank > bands.index(r.siap_1_2_band):
        return None, ()
    kurang = list(_syarat(pegawai, jabatan, aturan, cache))
    if any(not _golongan_dekat(a, r) for a in kurang):
        return None, ()
    if rank > bands.index(r.siap_sekarang_band):
        kurang.append(Alasan("jpm", (("band", band), ("band_siap", r.siap_sekarang_band))))
    return (SIAP_1_2_TAHUN if kurang else SIAP_SEKARANG), tuple(kurang)


Syarat = dict[tuple[str | None, str | None, str | None, str | None], tuple[Alasan, ...]]


def _syarat(pegawai: Pegawai, jabatan: Jabatan, aturan: Aturan | None, cache: Syarat | None) -> tuple[Alasan, ...]:
    """The position's requirements against the person's education and grade. A Pemda has a dozen
    of each, so one answer per combination serves thousands of pairs (placement's own checks)."""
    key = (pegawai.pendidikan, pegawai.golongan, jabatan.syarat_pendidikan_min, jabatan.syarat_golongan_min)
    if cache is None:
        return syarat_jabatan(pegawai, jabatan, aturan)
    if key not in cache:
        cache[key] = syarat_jabatan(pegawai, jabatan, aturan)
    return cache[key]


def _golongan_dekat(a: Alasan, r: TalentaRules) -> bool:
    """A shortfall a successor may still have in one or two years: the golongan, at most
    `golongan_kurang_maks` steps short in the same scheme; anything else (education, an unknown
    grade) is not."""
    if a.kode != "golongan":
        return False
    values = a.params()
    rules = load_golongan()
    held, need = rules.get(str(values["dimiliki"])), rules.get(str(values["syarat"]))
    return held is not None and need is not None and need.rank - held.rank <= r.golongan_kurang_maks


def suksesi(
    jabatan: Sequence[Jabatan],
    calon: Sequence[Calon],
    limit: int,
    rules: TalentaRules | None = None,
    jpm_rules: JpmRules | None = None,
    aturan: Aturan | None = None,
) -> list[Suksesi]:
    """The successors of each position among `calon` (only those in the succession boxes count),
    ranked by JPM against the position. One JPM matrix for every pair at once."""
    r = rules or load_talenta()
    jr = jpm_rules or load_jpm()
    a = aturan or Aturan.load()
    pool = list({c.pegawai.nip: c for c in calon if c.kotak in r.kotak_kandidat}.values())
    bands = jr.bands[r.band_set]
    floor = next(b.min for b in bands if b.kode == r.siap_1_2_band)
    matrix = (
        jpm_matrix(*_levels(pool, jabatan)) if pool and jabatan else np.empty((len(pool), len(jabatan)), np.float64)
    )
    siap_rank = {k: i for i, k in enumerate(KESIAPAN)}
    cache: Syarat = {}
    out = []
    for col, j in enumerate(jabatan):
        if not j.standar:
            out.append(Suksesi(j.id, True, 0, 0, ()))
            continue
        scores = matrix[:, col]
        found = []
        for row in np.flatnonzero(scores >= floor):  # NaN (no standard) compares False
            c = pool[int(row)]
            if c.pegawai.jabatan_id == j.id:  # its holder
                continue
            jpm = float(scores[row])
            band = jr.kategori(jpm, r.band_set).kode
            siap, kurang = kesiapan(c.pegawai, j, band, r, jr, a, cache)
            if siap is not None:
                found.append((c, jpm, band, siap, kurang))
        found.sort(key=lambda f: (-f[1], siap_rank[f[3]], -f[0].kotak, undian(j.id, f[0].pegawai.nip)))
        chosen = tuple(
            Suksesor(i, c.pegawai.nip, c.kotak, jpm, band, siap, kurang, rincian(c.pegawai, j))
            for i, (c, jpm, band, siap, kurang) in enumerate(found[:limit], start=1)
        )
        ready = sum(1 for f in found if f[3] == SIAP_SEKARANG)
        out.append(Suksesi(j.id, False, len(found), ready, chosen))
    return out


def _levels(pool: Sequence[Calon], jabatan: Sequence[Jabatan]) -> tuple[Levels, Levels]:
    p = profil([c.pegawai for c in pool], jabatan)
    return p.held, p.required
