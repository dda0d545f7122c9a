"""The optimal re-placement of a Pemda: people to position seats, maximising the total JPM.

Each position offers `kebutuhan` seats. A person may take a seat only where eligible (kedudukan,
running sanction, minimum education and grade: shared/rules/penempatan.yaml) and, unless the
request allows otherwise, at the kelas jabatan of the position they hold. A person's own seat is
always open to them while their kedudukan allows placement: a later requirement of the position
does not by itself take it away. Options: keep in place everyone whose JPM in their own position
reaches a threshold; limit how many people move (a person moves when the seat they end in is not
the one they hold, leaving a held seat without another included).

Solvers, exact both:
- no move limit: `scipy.optimize.linear_sum_assignment` on each kelas jabatan by itself (the
  classes share no seat, so the blocks are independent and each stays small);
- a move limit couples the classes: one integer program over the eligible pairs, solved by HiGHS
  through `scipy.optimize.milp`.
Measured on 2 cores (make bench; devtools.penempatan_acak, 10,000 people, 1,500 positions): per
kelas about 0.6-1.1 s of solving. Across classes the one dense problem is 6,673 seats x 10,000
people (about 20 s of solving); with a move limit the integer program grows with the eligible
pairs (3,000 people x 450 positions: 25 s; the whole Pemda: minutes), so `waktu_maks_detik` bounds
it and the answer says whether HiGHS proved its placement optimal (`terbukti_optimal`,
`celah_mip`). A Lagrangian price on moves over the per-class blocks would be the way to make the
limited case fast at that scale.
Beside the optimum, the greedy rule a person would follow (best JPM pair first) under the same
constraints, so the gain of solving is visible. Between solutions of equal JPM the solvers prefer
people staying where they are: each stay weighs STAY_BONUS more, so the total can be below the
exact optimum by at most STAY_BONUS per person (1e-7 points), far below the 0.01 shown.

People whose position has no competency standard are left out (their JPM there is undefined) and
listed; so are positions without a standard.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import coo_array

from gateway.penempatan.jpm import Floats, counts, profil
from gateway.penempatan.kelayakan import UNKNOWN, Aturan, KolomJabatan, KolomPegawai, kolom, matriks_layak
from gateway.penempatan.model import Jabatan, Pegawai

STAY_BONUS = 1e-7
BASE_CHECKS = ("kedudukan", "hukdis", "pendidikan", "golongan")  # the kelas is the blocks' (or free)
Ints = npt.NDArray[np.intp]


class MaksPindahTerlaluKecil(ValueError):
    """Fewer moves than the status quo forces (holders over a position's seats, holders who may not
    stay): no placement meets the limit."""

    def __init__(self, maks_pindah: int, minimum: int) -> None:
        self.maks_pindah = maks_pindah
        self.minimum = minimum
        super().__init__(f"at least {minimum} people must move; the limit is {maks_pindah}")


@dataclass(frozen=True)
class Permintaan:
    """What the request allows. `ambang_tetap`: people whose JPM in their own position is at least
    this stay there (percent). `maks_pindah`: at most this many people move."""

    lintas_kelas: bool = False
    ambang_tetap: float | None = None
    maks_pindah: int | None = None
    waktu_maks_detik: float | None = None  # the move-limited solve stops here with its best so far


@dataclass(frozen=True)
class Penempatan:
    nip: str
    jabatan_sebelum: str | None
    jabatan_sesudah: str | None  # None: left without a seat (or still outside the positions given)
    jpm_sebelum: float | None  # in the position held, when it is among those given
    jpm_sesudah: float | None
    pindah: bool
    tetap_ambang: bool  # kept in place by ambang_tetap


@dataclass(frozen=True)
class Hasil:
    penempatan: tuple[Penempatan, ...]  # everyone considered, in the input's order
    jabatan_kurang: tuple[tuple[str, int], ...]  # positions left with empty seats: (id, how many)
    pegawai_sisa: tuple[str, ...]  # people left without a seat
    tidak_diikutkan: tuple[str, ...]  # people holding a position without a standard: not considered
    tanpa_standar: tuple[str, ...]  # positions without a standard: not offered
    total_sebelum: float  # sum of the JPM of everyone in the position they hold
    total_optimal: float
    total_greedy: float
    pindah_optimal: int
    pindah_greedy: int
    metode: str
    waktu_solver_detik: float  # the solver calls alone
    waktu_detik: float  # the whole computation, from the dataclasses
    terbukti_optimal: bool = True  # False: HiGHS stopped at waktu_maks_detik; see celah_mip
    celah_mip: float | None = None  # HiGHS's relative gap to the best bound (0: proven optimal)


@dataclass(frozen=True)
class Blok:
    """One independent part of the problem: people (rows) and positions (cols) as indices into the
    problem's arrays, the JPM of each pair and whether it is allowed."""

    rows: Ints
    cols: Ints
    jpm: Floats
    allowed: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Masalah:
    """The problem in arrays, ready for the solvers."""

    nips: tuple[str, ...]
    jabatan_ids: tuple[str, ...]
    cur: Ints  # per person, index of the position held (-1: none among those offered)
    stayable: npt.NDArray[np.bool_]  # per person: holds an offered position and may stay in it
    kept: npt.NDArray[np.bool_]
    jpm_now: Floats  # per person, JPM in the position held (NaN: none offered)
    capacity: Ints  # seats left per position once the kept took theirs
    blocks: tuple[Blok, ...]
    held: npt.NDArray[np.uint8]  # the level matrices (gateway.penempatan.jpm.Profil)
    required: npt.NDArray[np.uint8]

    def jpm_of(self, people: Ints, positions: Ints) -> Floats:
        """The JPM of the given pairs, as jpm_matrix computes it."""
        if people.size == 0:
            return np.zeros(0)
        held = np.minimum(self.held[people], self.required[positions]).sum(axis=1, dtype=np.int64)
        return np.asarray(100 * held / self.required[positions].sum(axis=1, dtype=np.int64), dtype=np.float64)

    def weights(self, b: Blok) -> Floats:
        """JPM plus the stay bonus; -inf where not allowed."""
        w = np.where(b.allowed, b.jpm, -np.inf)
        stays = self.cur[b.rows][:, np.newaxis] == b.cols[np.newaxis, :]
        return w + np.where(stays & b.allowed, STAY_BONUS, 0.0)


def masalah(
    pegawai: Sequence[Pegawai], jabatan: Sequence[Jabatan], permintaan: Permintaan, aturan: Aturan | None = None
) -> tuple[Masalah, tuple[str, ...], tuple[str, ...]]:
    """(the problem, people left out, positions without a standard)."""
    a = aturan or Aturan.load()
    with_standard = [j for j in jabatan if sum(j.standar.values()) > 0]
    tanpa_standar = tuple(j.id for j in jabatan if sum(j.standar.values()) == 0)
    left_out_ids = set(tanpa_standar)
    people = [p for p in pegawai if p.jabatan_id not in left_out_ids]
    left_out = tuple(p.nip for p in pegawai if p.jabatan_id in left_out_ids)
    if len({p.nip for p in people}) != len(people) or len({j.id for j in with_standard}) != len(with_standard):
        raise ValueError("a NIP or a position is given twice")
    pos = {j.id: k for k, j in enumerate(with_standard)}
    prof = profil(people, with_standard)
    kp, kj = kolom(people, with_standard, 0, a)  # no predikat check here: the year does not matter
    cur = np.array([pos.get(p.jabatan_id, -1) if p.jabatan_id else -1 for p in people], dtype=np.intp)
    has = cur >= 0
    jpm_now = np.full(len(people), np.nan)
    if has.any():
        held = np.minimum(prof.held[has], prof.required[cur[has]]).sum(axis=1, dtype=np.int64)
        jpm_now[has] = 100 * held / prof.required[cur[has]].sum(axis=1, dtype=np.int64)
    stayable = has & kp.aktif
    kept = np.zeros(len(people), dtype=bool)
    if permintaan.ambang_tetap is not None:
        kept = stayable & (np.nan_to_num(jpm_now, nan=-1.0) >= permintaan.ambang_tetap)
    seats = np.array([max(0, j.kebutuhan) for j in with_standard], dtype=np.intp)
    kept_per = np.bincount(cur[kept], minlength=len(with_standard)) if kept.any() else np.zeros_like(seats)
    capacity = np.maximum(seats - kept_per, 0)
    # A person's class is that of the position held when it is offered (the data's own kelas else).
    kelas = np.where(has, kj.kelas[np.maximum(cur, 0)], kp.kelas) if kj.kelas.size else kp.kelas.copy()
    free = np.flatnonzero(~kept)
    if permintaan.lintas_kelas:
        groups = [(free, np.arange(len(with_standard)))]
    else:
        groups = [
            (free[kelas[free] == k], np.flatnonzero(kj.kelas == k)) for k in np.unique(kelas[free]) if k != UNKNOWN
        ]
    blocks = tuple(
        _blok(rows, cols, prof.held, prof.required, kp, kj, cur, stayable, a)
        for rows, cols in groups
        if rows.size and cols.size
    )
    problem = Masalah(
        prof.nips, prof.jabatan_ids, cur, stayable, kept, jpm_now, capacity, blocks, prof.held, prof.required
    )
    return problem, left_out, tanpa_standar


def _blok(
    rows: Ints,
    cols: Ints,
    held: npt.NDArray[np.uint8],
    required: npt.NDArray[np.uint8],
    kp: KolomPegawai,
    kj: KolomJabatan,
    cur: Ints,
    stayable: npt.NDArray[np.bool_],
    a: Aturan,
) -> Blok:
    numerator, total = counts(held[rows], required[cols])
    numerator *= 100
    jpm = np.divide(numerator, total.astype(np.float64)[np.newaxis, :], dtype=np.float64)
    sub_p = KolomPegawai(*(getattr(kp, f)[rows] for f in KolomPegawai.__dataclass_fields__))
    sub_j = KolomJabatan(*(getattr(kj, f)[cols] for f in KolomJabatan.__dataclass_fields__))
    allowed = matriks_layak(sub_p, sub_j, BASE_CHECKS, None, a.penempatan)
    own = cur[rows][:, np.newaxis] == cols[np.newaxis, :]
    allowed |= own & stayable[rows][:, np.newaxis]
    return Blok(rows, cols, jpm, allowed)


# --- solvers -------------------------------------------------------------------------------


def matriks_biaya(problem: Masalah, b: Blok) -> tuple[Floats, Ints, Ints, npt.NDArray[np.bool_], bool] | None:
    """The cost matrix linear_sum_assignment gets for one block, and how to read its answer:
    (cost, the block row of each person kept, the position of each seat, allowed, people are rows).

    Rows are the smaller side (people or seats), so every row is assigned. A forbidden pair costs
    what no seat does (0): every weight is >= 0, so any set of allowed pairs extends to a full
    assignment of the smaller side worth at least as much, and a full assignment without its
    forbidden pairs is worth the same; the optimum of the one is the optimum of the other, with no
    "no seat" columns to add. People allowed no seat of the block are left out of it."""
    seat_col = np.repeat(np.arange(b.cols.size), problem.capacity[b.cols])
    people = np.flatnonzero(b.allowed[:, seat_col].any(axis=1)) if seat_col.size else np.zeros(0, np.intp)
    if people.size == 0:
        return None
    allowed = b.allowed[np.ix_(people, seat_col)]
    weight = problem.weights(b)[np.ix_(people, seat_col)]
    cost = np.where(allowed, -weight, 0.0)  # people x seats
    people_rows = cost.shape[0] <= cost.shape[1]
    if not people_rows:
        cost, allowed = cost.T, allowed.T
    return cost, people, seat_col, allowed, people_rows


def _lsa(problem: Masalah) -> tuple[dict[int, int], float]:
    """person index -> position index, and the solver time."""
    out: dict[int, int] = {}
    spent = 0.0
    for b in problem.blocks:
        built = matriks_biaya(problem, b)
        if built is None:
            continue
        cost, people, seat_col, allowed, people_rows = built
        start = time.perf_counter()
        r, c = linear_sum_assignment(cost)
        spent += time.perf_counter() - start
        real = allowed[r, c]  # a forbidden pair in the answer means: no seat
        person, seat = (r[real], c[real]) if people_rows else (c[real], r[real])
        out.update(zip(b.rows[people[person]].tolist(), b.cols[seat_col[seat]].tolist(), strict=True))
    return out, spent


def _pairs(problem: Masalah) -> tuple[Ints, Ints, Floats]:
    """Every allowed (person, position) pair of every block with its weight."""
    ps, js, ws = [], [], []
    for b in problem.blocks:
        w = problem.weights(b)
        r, c = np.nonzero(b.allowed)
        ps.append(b.rows[r])
        js.append(b.cols[c])
        ws.append(w[r, c])
    if not ps:
        return np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0)
    return np.concatenate(ps), np.concatenate(js), np.concatenate(ws)


def minimum_pindah(problem: Masalah) -> int:
    """Moves no placement avoids: holders who may not stay, and holders beyond their position's
    seats (the kept never move)."""
    holders = (problem.cur >= 0) & ~problem.kept
    stay = holders & problem.stayable
    per = np.bincount(problem.cur[stay], minlength=problem.capacity.size)
    return int((holders & ~problem.stayable).sum() + np.maximum(per - problem.capacity, 0).sum())


def _milp(
    problem: Masalah, maks_pindah: int, time_limit: float | None = None
) -> tuple[dict[int, int], float, float | None]:
    """(person -> position, solver time, HiGHS's relative MIP gap: 0 when proven optimal)."""
    pi, pj, w = _pairs(problem)
    if pi.size == 0:
        return {}, 0.0, 0.0
    n = pi.size
    people = np.unique(pi)
    person_row = np.searchsorted(people, pi)
    holders = int(((problem.cur >= 0) & ~problem.kept).sum())
    stays = problem.cur[pi] == pj
    outsider = problem.cur[pi] < 0
    move_coef = np.where(stays, -1.0, np.where(outsider, 1.0, 0.0))
    ones = np.ones(n)
    arange = np.arange(n)
    a_people = coo_array((ones, (person_row, arange)), shape=(people.size, n))
    a_pos = coo_array((ones, (pj, arange)), shape=(problem.capacity.size, n))
    a_move = coo_array((move_coef, (np.zeros(n, np.intp), arange)), shape=(1, n))
    constraints = [
        LinearConstraint(a_people.tocsr(), -np.inf, 1),
        LinearConstraint(a_pos.tocsr(), -np.inf, problem.capacity.astype(float)),
        LinearConstraint(a_move.tocsr(), -np.inf, maks_pindah - holders),
    ]
    start = time.perf_counter()
    options = {} if time_limit is None else {"time_limit": time_limit}
    res = milp(-w, constraints=constraints, integrality=np.ones(n), bounds=Bounds(0, 1), options=options)
    spent = time.perf_counter() - start
    if res.x is None:  # minimum_pindah was checked, so no placement found is the time limit or the solver
        raise RuntimeError(f"HiGHS found no placement: {res.message}")
    chosen = np.flatnonzero(res.x > 0.5)
    gap = 0.0 if res.status == 0 else getattr(res, "mip_gap", None)
    return {int(pi[k]): int(pj[k]) for k in chosen}, spent, gap


def greedy(problem: Masalah, maks_pindah: int | None = None) -> dict[int, int]:
    """Best JPM pair first (a stay before a move of equal JPM), each taken while the person is
    free, the position has a seat and, with a limit, the moves it brings stay within it: the
    mover, and a holder it leaves without a seat; a holder who moves frees a seat for another."""
    pi, pj, w = _pairs(problem)
    stays = problem.cur[pi] == pj
    order = np.lexsort((pj, pi, ~stays, -np.round(w, 9)))
    free = problem.capacity.copy()
    holders = (problem.cur >= 0) & ~problem.kept
    pending = np.bincount(problem.cur[holders & problem.stayable], minlength=free.size)
    budget = np.inf if maks_pindah is None else maks_pindah
    moves = minimum_pindah(problem)
    out: dict[int, int] = {}
    seats_left, people_left = int(free.sum()), np.unique(pi).size
    for i, j, stay in zip(pi[order].tolist(), pj[order].tolist(), stays[order].tolist(), strict=True):
        if seats_left == 0 or people_left == 0:
            break
        if free[j] == 0 or i in out:
            continue
        if not stay:
            k = problem.cur[i]
            delta = 1 + (1 if pending[j] >= free[j] else 0)
            if k >= 0 and problem.stayable[i] and pending[k] > free[k]:
                delta -= 1
            if moves + delta > budget:
                continue
            moves += delta
            if k >= 0 and problem.stayable[i]:
                pending[k] -= 1
        else:
            pending[j] -= 1
        out[i] = j
        free[j] -= 1
        seats_left -= 1
        people_left -= 1
    return out


def _moves(problem: Masalah, assignment: dict[int, int]) -> int:
    people = np.arange(problem.cur.size)
    final = np.array([assignment.get(int(i), -1) for i in people], dtype=np.intp)
    final[problem.kept] = problem.cur[problem.kept]
    return int((final != problem.cur).sum())


def _total(problem: Masalah, assignment: dict[int, int]) -> float:
    people = np.fromiter(assignment.keys(), dtype=np.intp, count=len(assignment))
    positions = np.fromiter(assignment.values(), dtype=np.intp, count=len(assignment))
    return float(np.nansum(problem.jpm_now[problem.kept]) + problem.jpm_of(people, positions).sum())


def optimasi(
    pegawai: Sequence[Pegawai],
    jabatan: Sequence[Jabatan],
    permintaan: Permintaan | None = None,
    aturan: Aturan | None = None,
) -> Hasil:
    """Re-place `pegawai` in the seats of `jabatan` for the highest total JPM (see the module)."""
    started = time.perf_counter()
    req = permintaan or Permintaan()
    problem, left_out, tanpa_standar = masalah(pegawai, jabatan, req, aturan)
    if req.maks_pindah is not None and req.maks_pindah < (minimum := minimum_pindah(problem)):
        raise MaksPindahTerlaluKecil(req.maks_pindah, minimum)
    gap: float | None = 0.0
    if req.maks_pindah is None:
        best, spent = _lsa(problem)
        metode = "scipy.optimize.linear_sum_assignment per kelas jabatan" + (
            " (lintas kelas)" if req.lintas_kelas else ""
        )
    else:
        best, spent, gap = _milp(problem, req.maks_pindah, req.waktu_maks_detik)
        metode = "HiGHS (scipy.optimize.milp), batas pindah"
    rule = greedy(problem, req.maks_pindah)
    held_now = {p.nip: p.jabatan_id for p in pegawai}
    final = np.array([best.get(i, -1) for i in range(len(problem.nips))], dtype=np.intp)
    final[problem.kept] = problem.cur[problem.kept]
    placed = np.flatnonzero(final >= 0)
    jpm_after = np.full(final.size, np.nan)
    jpm_after[placed] = problem.jpm_of(placed, final[placed])
    out = []
    for i, nip in enumerate(problem.nips):
        before, after = int(problem.cur[i]), int(final[i])
        out.append(
            Penempatan(
                nip=nip,
                jabatan_sebelum=held_now[nip] if before < 0 else problem.jabatan_ids[before],
                jabatan_sesudah=problem.jabatan_ids[after] if after >= 0 else None,
                jpm_sebelum=None if before < 0 else float(problem.jpm_now[i]),
                jpm_sesudah=None if after < 0 else float(jpm_after[i]),
                pindah=after != before,
                tetap_ambang=bool(problem.kept[i]),
            )
        )
    filled = np.bincount([j for j in best.values()], minlength=problem.capacity.size) if best else 0
    empty = problem.capacity - filled
    return Hasil(
        penempatan=tuple(out),
        jabatan_kurang=tuple((problem.jabatan_ids[j], int(empty[j])) for j in np.flatnonzero(empty > 0)),
        pegawai_sisa=tuple(p.nip for p in out if p.jabatan_sesudah is None),
        tidak_diikutkan=left_out,
        tanpa_standar=tanpa_standar,
        total_sebelum=float(np.nansum(problem.jpm_now)),
        total_optimal=_total(problem, best),
        total_greedy=_total(problem, rule),
        pindah_optimal=_moves(problem, best),
        pindah_greedy=_moves(problem, rule),
        metode=metode,
        waktu_solver_detik=spent,
        waktu_detik=time.perf_counter() - started,
        terbukti_optimal=gap == 0.0,
        celah_mip=gap,
    )
