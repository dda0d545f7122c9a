"""Job-person match (JPM) of a whole Pemda at once: people x positions, vectorised.

The figure is kompetensi's (services/kompetensi/kompetensi/jpm/queries.py, shared/rules/jpm.yaml):
JPM% = 100 * sum(min(held, required)) / sum(required) over the position's standard, a competency
never assessed counting as 0. Here min(h, r) is the number of levels l in 1..5 with h >= l and
r >= l, so the numerator of every pair is one product of two 0/1 matrices (a float32 matmul,
exact: the counts stay far below 2**24). The percentage is then one float64 division of two
integers, as PostgreSQL's float8 does it, so a share that is exactly a band minimum compares equal
to it and the category is the service's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain, pairwise, repeat

import numpy as np
import numpy.typing as npt

from gateway.penempatan.model import Jabatan, Pegawai
from shared.rules import JpmRules, load_jpm

LEVELS = 5
Levels = npt.NDArray[np.uint8]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Profil:
    """People and positions as level matrices over one list of competency codes: `held` (people x
    codes) and `required` (positions x codes), 0 where not assessed or not required."""

    nips: tuple[str, ...]
    jabatan_ids: tuple[str, ...]
    kode: tuple[str, ...]
    held: Levels
    required: Levels


@dataclass(frozen=True)
class Gap:
    """One competency of a position's standard against what a person holds."""

    kompetensi_kode: str
    dibutuhkan: int
    dimiliki: int | None  # None: never assessed (counts as 0)
    gap: int  # dimiliki - dibutuhkan; negative is a shortfall


def profil(pegawai: Sequence[Pegawai], jabatan: Sequence[Jabatan]) -> Profil:
    """The level matrices. Only the competencies some position requires are columns: a level held
    in a competency no standard asks for changes no JPM."""
    kode = tuple(sorted({k for j in jabatan for k in j.standar}))
    col = {k: i for i, k in enumerate(kode)}
    held = _matrix([p.kompetensi for p in pegawai], col)
    required = _matrix([j.standar for j in jabatan], col)
    return Profil(tuple(p.nip for p in pegawai), tuple(j.id for j in jabatan), kode, held, required)


def _matrix(rows: Sequence[Mapping[str, int]], col: dict[str, int]) -> Levels:
    """Levels by row and code column; codes outside `col` are dropped. The codes and levels of all
    rows are flattened and looked up by C-level iteration (map, chain, np.fromiter), not a Python
    step per entry: a Pemda has about 300,000 of them."""
    lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    n = int(lengths.sum())
    cols = np.fromiter(map(col.get, chain.from_iterable(rows), repeat(-1)), dtype=np.intp, count=n)
    values = np.fromiter(chain.from_iterable(r.values() for r in rows), dtype=np.int64, count=n)
    r = np.repeat(np.arange(len(rows), dtype=np.intp), lengths)
    known = cols >= 0
    r, cols, values = r[known], cols[known], values[known]
    if values.size and (values.min() < 0 or values.max() > LEVELS):
        raise ValueError(f"a competency level is outside 0..{LEVELS}")
    out = np.zeros((len(rows), len(col)), dtype=np.uint8)
    out[r, cols] = values
    return out


def indicators(levels: Levels, columns: list[npt.NDArray[np.intp]]) -> npt.NDArray[np.float32]:
    """[levels[:, cols_l] >= l for l in 1..5] side by side, as 0/1 float32."""
    parts = [levels[:, cols] >= lv for lv, cols in enumerate(columns, start=1)]
    return np.concatenate(parts, axis=1).astype(np.float32)


def counts(held: Levels, required: Levels) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """(sum over codes of min(held, required) per person and position, sum(required) per position).

    Level l of a competency is a column only if some position requires at least l: the others
    add zero to every pair. One matmul does all five levels."""
    if held.shape[1] != required.shape[1]:
        raise ValueError("held and required levels must have the same competency columns")
    return counts_kali(held, required, 1)


def counts_kali(held: Levels, required: Levels, kali: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """`counts` with the numerator times `kali` (100 for a percentage) out of the one matmul: the
    required side's indicators are `kali` instead of 1, so no pass over the people x positions
    matrix multiplies afterwards. Exact while kali * 5 * codes stays below 2**24 (float32)."""
    if held.shape[1] != required.shape[1]:
        raise ValueError("held and required levels must have the same competency columns")
    if kali * LEVELS * required.shape[1] >= 2**24:
        raise ValueError("too many competencies for exact float32 counts")
    top = required.max(axis=0) if required.size else np.zeros(required.shape[1], dtype=np.uint8)
    columns = [np.flatnonzero(top >= lv) for lv in range(1, LEVELS + 1)]
    right = indicators(required, columns)
    if kali != 1:
        right *= kali
    numerator = indicators(held, columns) @ right.T
    return numerator, required.sum(axis=1, dtype=np.int64)


PARTS = 2  # the division runs in this many row slices at once (numpy releases the GIL): 2 cores


def jpm_matrix(held: Levels, required: Levels) -> Floats:
    """JPM in percent, people x positions (float64, unrounded); NaN for a position without a
    standard (kompetensi lists those as `tanpa_standar`)."""
    numerator, total = counts_kali(held, required, 100)  # still exact in float32 (100 * 5 * codes)
    out = np.empty(numerator.shape, dtype=np.float64)
    by = total.astype(np.float64)[np.newaxis, :]

    def divide(rows: slice) -> None:
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(numerator[rows], by, out=out[rows], dtype=np.float64)

    edges = np.linspace(0, numerator.shape[0], PARTS + 1).astype(int)
    slices = [slice(int(a), int(b)) for a, b in pairwise(edges)]
    if numerator.size < 1_000_000:
        divide(slice(None))
    else:
        with ThreadPoolExecutor(max_workers=PARTS) as pool:
            list(pool.map(divide, slices))
    out[:, total == 0] = np.nan
    return out


def kategori_matrix(jpm: Floats, band_set: str | None = None, rules: JpmRules | None = None) -> npt.NDArray[np.int8]:
    """Per pair, the index of its band in `rules.bands[band_set]` (highest minimum first), chosen
    from the unrounded percentage as kompetensi does; -1 where the JPM is NaN."""
    rules = rules or load_jpm()
    bands = rules.bands[band_set or rules.default_set]
    out = np.full(jpm.shape, -1, dtype=np.int8)
    for index in range(len(bands) - 1, -1, -1):  # lowest band first, each higher one overwrites
        out[jpm >= bands[index].min] = index
    return out


def jpm_pegawai(pegawai: Pegawai, jabatan: Jabatan) -> float | None:
    """The JPM of one pair, plainly (None: the position has no standard)."""
    total = sum(jabatan.standar.values())
    if total == 0:
        return None
    held = sum(min(pegawai.kompetensi.get(k, 0), level) for k, level in jabatan.standar.items())
    return 100 * held / total


def rincian(pegawai: Pegawai, jabatan: Jabatan) -> tuple[Gap, ...]:
    """Per competency of the position's standard, in its order: required, held and the gap."""
    return tuple(
        Gap(
            kompetensi_kode=k,
            dibutuhkan=level,
            dimiliki=pegawai.kompetensi.get(k),
            gap=pegawai.kompetensi.get(k, 0) - level,
        )
        for k, level in jabatan.standar.items()
    )
