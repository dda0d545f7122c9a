"""The optimal re-placement of a Pemda: people to position seats, maximising the total JPM.

Each position offers `kebutuhan` seats. A person may take a seat only where eligible (kedudukan,
running sanction, minimum education and grade: shared/rules/penempatan.yaml) and, unless the
request allows otherwise, at the kelas jabatan of the position they hold. A person's own seat is
always open to them while their kedudukan allows placement: a later requirement of the position
does not by itself take it away. Options: keep in place everyone whose JPM in their own position
reaches a threshold; limit how many people move (a person moves when the seat they end in is not
the one they hold, leaving a held seat without another included).

Solvers, exact all:
- no move limit: `scipy.optimize.linear_sum_assignment` on each kelas jabatan by itself (the
  classes share no seat, so the blocks are independent and each stays small);
- a move limit couples the classes, and across classes the one block is large (6,673 seats x
  10,000 people): from SPARSE_PAIRS eligible pairs on, the sparse path (`_jarang`). The LP
  relaxation (HiGHS dual simplex) over each person's and each position's best pairs and every stay,
  priced against every eligible pair with its duals (column generation); its vertex is shown
  optimal over all pairs by the residual graph of its placement having no gaining cycle at the
  move's price (Bellman-Ford over positions), or by no pair pricing in. A fractional vertex (the
  move limit is one constraint beside a transportation problem) goes to an integer program over
  the candidates, widened by every pair whose reduced cost is below the gap to the LP bound (no
  other pair can be in a better placement), so that answer is exact too; else `celah_mip` is the
  proven relative gap;
- below SPARSE_PAIRS, the one integer program over every eligible pair (`_milp`; `solver="dense"`).
Measured on 2 cores, loaded by other work (devtools.penempatan_acak, 10,000 people, 1,500
positions, 1.2 million eligible pairs within classes, 11.7 million across): per kelas without a
limit about 0.5-1.1 s of solving; with a limit of 500 moves beyond the 3,572 the status quo forces,
the sparse path about 2.5 s (the integer program over every pair did not finish in 9 minutes);
across classes, with or without the limit, 10-17 s (about three LPs of 120,000 pairs; the dense
assignment took 31 s in the same run; docs/benchmarks.md). `waktu_maks_detik` bounds the integer
programs (not the LPs), and the answer says whether the placement is proven optimal
(`terbukti_optimal`, `celah_mip`: for the sparse path the proven relative gap to the LP bound).
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
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, linprog, milp
from scipy.sparse import coo_array, vstack

from gateway.penempatan.jpm import Floats, counts_kali, profil
from gateway.penempatan.kelayakan import UNKNOWN, Aturan, KolomJabatan, KolomPegawai, kolom, matriks_layak
from gateway.penempatan.model import Jabatan, Pegawai

STAY_BONUS = 1e-7
THREADS = 2  # the per-class assignments and the greedy rule share this many threads (2 cores)
SPARSE_PAIRS = 100_000  # from this many eligible pairs on, the sparse path (solver="auto")
CANDIDATES = 8  # per person, the best-weighted pairs the sparse path starts from (and staying)
# HiGHS's tolerances are absolute (1e-7 on reduced costs): its objective is scaled so that the stay
# bonus stands well above them.
SCALE = 1e3
PRICING_ROUNDS = 30  # at most; what is left unpriced then is a proven bound on the gap
CYCLE_ROUNDS = 60  # a cycle check not settled by then counts as "not shown optimal": pricing goes on
CHECK_BELOW = 2_000  # the cycle check runs when pricing brings fewer pairs than this
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
    # sum(min(held, required)) of each pair and sum(required) of each position: the JPM is
    # 100 * numerator / total, so the distinct JPMs are few and the rule sorts by their codes.
    numerator: npt.NDArray[np.int32] | None = None
    total: npt.NDArray[np.int64] | None = None


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
    numerator, total = counts_kali(held[rows], required[cols], 100)
    whole = np.rint(numerator / 100).astype(np.int32)  # exact: 100 times a small integer, over 100
    jpm = np.divide(numerator, total.astype(np.float64)[np.newaxis, :], dtype=np.float64)
    sub_p = KolomPegawai(*(getattr(kp, f)[rows] for f in KolomPegawai.__dataclass_fields__))
    sub_j = KolomJabatan(*(getattr(kj, f)[cols] for f in KolomJabatan.__dataclass_fields__))
    allowed = matriks_layak(sub_p, sub_j, BASE_CHECKS, None, a.penempatan)
    own = cur[rows][:, np.newaxis] == cols[np.newaxis, :]
    allowed |= own & stayable[rows][:, np.newaxis]
    return Blok(rows, cols, jpm, allowed, whole, total)


# --- solvers -------------------------------------------------------------------------------


def matriks_biaya(
    problem: Masalah, b: Blok, weight: Floats | None = None
) -> tuple[Floats, Ints, Ints, npt.NDArray[np.bool_], bool] | None:
    """The cost matrix linear_sum_assignment gets for one block, and how to read its answer:
    (cost, the block row of each person kept, the position of each seat, allowed, people are rows).

    Rows are the smaller side (people or seats), so every row is assigned. A forbidden pair costs
    what no seat does (0): every weight is >= 0, so any set of allowed pairs extends to a full
    assignment of the smaller side worth at least as much, and a full assignment without its
    forbidden pairs is worth the same; the optimum of the one is the optimum of the other, with no
    "no seat" columns to add. People allowed no seat of the block are left out of it. `weight`:
    `problem.weights(b)` when the caller has it already."""
    seats = problem.capacity[b.cols]
    seat_col = np.repeat(np.arange(b.cols.size), seats)
    open_cols = seats > 0
    people = np.flatnonzero(b.allowed[:, open_cols].any(axis=1)) if seat_col.size else np.zeros(0, np.intp)
    if people.size == 0:
        return None
    w = problem.weights(b) if weight is None else weight
    # Per position first, then each position's column repeated once per seat (np.repeat, in the
    # order of seat_col): the same matrix as indexing by seat, for a fraction of the gathers.
    allowed_cols = b.allowed[people]
    cost_cols = np.where(allowed_cols, -w[people], 0.0)  # people x positions
    allowed = np.repeat(allowed_cols, seats, axis=1)
    cost = np.repeat(cost_cols, seats, axis=1)  # people x seats
    people_rows = cost.shape[0] <= cost.shape[1]
    if not people_rows:
        cost, allowed = cost.T, allowed.T
    return cost, people, seat_col, allowed, people_rows


def _lsa(problem: Masalah, pool: Executor | None = None) -> tuple[dict[int, int], float]:
    """person index -> position index, and the solver time (the calls' own, summed). With `pool`
    the blocks are solved in its threads (linear_sum_assignment and numpy release the GIL), the
    largest first; the answer is put together in the blocks' order either way."""
    if pool is None:
        solved = [_lsa_blok(problem, b) for b in problem.blocks]
    else:
        largest = sorted(range(len(problem.blocks)), key=lambda k: -problem.blocks[k].allowed.size)
        futures = {k: pool.submit(_lsa_blok, problem, problem.blocks[k]) for k in largest}
        solved = [futures[k].result() for k in range(len(problem.blocks))]
    out: dict[int, int] = {}
    for pairs, _ in solved:
        out.update(pairs)
    return out, sum(took for _, took in solved)


def _lsa_blok(problem: Masalah, b: Blok) -> tuple[dict[int, int], float]:
    built = matriks_biaya(problem, b)
    if built is None:
        return {}, 0.0
    cost, people, seat_col, allowed, people_rows = built
    start = time.perf_counter()
    r, c = linear_sum_assignment(cost)
    took = time.perf_counter() - start
    real = allowed[r, c]  # a forbidden pair in the answer means: no seat
    person, seat = (r[real], c[real]) if people_rows else (c[real], r[real])
    return dict(zip(b.rows[people[person]].tolist(), b.cols[seat_col[seat]].tolist(), strict=True)), took


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


def _gap_tolerance(problem: Masalah) -> float:
    """A gap this small is optimal as the module states it: the stay bonus of everyone, plus the
    floating point of HiGHS's duals."""
    return STAY_BONUS * problem.cur.size + 1e-6


@dataclass(frozen=True)
class _Pasangan:
    """Candidate (person, position) pairs of the sparse path, with their weight and move coefficient."""

    pi: Ints
    pj: Ints
    w: Floats
    move: Floats

    @staticmethod
    def of(problem: Masalah, pi: Ints, pj: Ints) -> _Pasangan:
        stays = problem.cur[pi] == pj
        w = problem.jpm_of(pi, pj) + np.where(stays, STAY_BONUS, 0.0)
        return _Pasangan(pi, pj, w, np.where(stays, -1.0, np.where(problem.cur[pi] < 0, 1.0, 0.0)))

    def plus(self, problem: Masalah, pi: Ints, pj: Ints) -> _Pasangan:
        more = _Pasangan.of(problem, pi, pj)
        return _Pasangan(*(np.concatenate([getattr(self, f), getattr(more, f)]) for f in ("pi", "pj", "w", "move")))


def _kandidat(problem: Masalah, weights: list[Floats], k: int) -> _Pasangan:
    """Each person's k best-weighted allowed pairs, each position's best people (twice its seats
    and k more), and every stay: a start the pricing seldom has to add much to."""
    ps, js = [], []
    for b, w in zip(problem.blocks, weights, strict=True):
        if k < b.cols.size:
            top = np.argpartition(-w, k - 1, axis=1)[:, :k]
            r, c = np.repeat(np.arange(b.rows.size), k), top.ravel()
        else:
            r, c = np.nonzero(b.allowed)
        seats = problem.capacity[b.cols]
        per_col = 2 * seats + k
        most = int(per_col.max(initial=0))
        if most < b.rows.size:
            best = np.argpartition(-w, most - 1, axis=0)[:most]  # unordered: order them
            order = np.argsort(-np.take_along_axis(w, best, axis=0), axis=0)
            best = np.take_along_axis(best, order, axis=0)
            keep = np.arange(most)[:, np.newaxis] < per_col[np.newaxis, :]
            rank, col = np.nonzero(keep)
            r, c = np.concatenate([r, best[rank, col]]), np.concatenate([c, col])
            if k < b.cols.size:
                # A guess at each position's price: the weight of the best person beyond its
                # seats. Each person's best pairs net of it are the likelier answer.
                ranked = np.take_along_axis(w, best, axis=0)
                guess = ranked[np.minimum(seats, most - 1), np.arange(b.cols.size)]
                net = np.argpartition(-(w - np.where(np.isfinite(guess), guess, 0.0)), k - 1, axis=1)[:, :k]
                r, c = np.concatenate([r, np.repeat(np.arange(b.rows.size), k)]), np.concatenate([c, net.ravel()])
        ok = b.allowed[r, c]
        ps.append(b.rows[r[ok]])
        js.append(b.cols[c[ok]])
    stay = np.flatnonzero(problem.stayable & ~problem.kept)
    n = problem.capacity.size
    key = np.unique(
        np.concatenate(
            [*(p.astype(np.int64) * n + j for p, j in zip(ps, js, strict=True)), stay * n + problem.cur[stay]]
        )
    )
    return _Pasangan.of(problem, (key // n).astype(np.intp), (key % n).astype(np.intp))


def _constraints(problem: Masalah, c: _Pasangan, rhs: float | None) -> tuple[list[LinearConstraint], bool]:
    n = c.pi.size
    at = np.arange(n)
    ones = np.ones(n)
    rows = [
        LinearConstraint(coo_array((ones, (c.pi, at)), shape=(problem.cur.size, n)).tocsr(), -np.inf, 1),
        LinearConstraint(
            coo_array((ones, (c.pj, at)), shape=(problem.capacity.size, n)).tocsr(),
            -np.inf,
            problem.capacity.astype(float),
        ),
    ]
    if rhs is not None:
        rows.append(
            LinearConstraint(coo_array((c.move, (np.zeros(n, np.intp), at)), shape=(1, n)).tocsr(), -np.inf, rhs)
        )
    return rows, rhs is not None


def _lp(problem: Masalah, c: _Pasangan, rhs: float | None) -> tuple[Floats, float, Floats, Floats, float]:
    """The LP relaxation over the candidates (dual simplex: a vertex): (x, value, u per person,
    v per position, the price of a move)."""
    rows, limited = _constraints(problem, c, rhs)
    a = vstack([r.A for r in rows]).tocsr()
    ub = np.concatenate([np.broadcast_to(r.ub, r.A.shape[0]) for r in rows])
    res = linprog(-c.w * SCALE, A_ub=a, b_ub=ub, bounds=(0, 1), method="highs-ds")
    if res.x is None:  # the stays are candidates, so minimum_pindah <= maks_pindah makes it feasible
        raise RuntimeError(f"HiGHS solved no LP: {res.message}")
    duals = -np.asarray(res.ineqlin.marginals) / SCALE
    people, positions = problem.cur.size, problem.capacity.size
    price = float(duals[people + positions]) if limited else 0.0
    return res.x, -float(res.fun) / SCALE, duals[:people], duals[people : people + positions], price


def _pricing(
    problem: Masalah,
    weights: list[Floats],
    c: _Pasangan,
    duals: tuple[Floats, Floats, float],
    below: float,
    per_person: int | None = None,
) -> tuple[Ints, Ints, Floats]:
    """Every allowed pair outside the candidates whose reduced cost (u_i + v_j + price * move_ij -
    w_ij) is below `below`, and per person the most negative such reduced cost (as a positive
    shortfall, 0 if none): raising u_i by it makes every pair dual feasible."""
    u, v, price = duals
    ps, js = [], []
    short = np.zeros(problem.cur.size)
    local_row = np.full(problem.cur.size, -1, dtype=np.intp)
    local_col = np.full(problem.capacity.size, -1, dtype=np.intp)
    for b, w in zip(problem.blocks, weights, strict=True):
        r = u[b.rows][:, np.newaxis] + v[b.cols][np.newaxis, :] - w
        if price:
            cur = problem.cur[b.rows]
            r[cur < 0, :] += price
            rr, cc = np.nonzero(cur[:, np.newaxis] == b.cols[np.newaxis, :])
            r[rr, cc] -= price
        r[~b.allowed] = np.inf
        local_row[b.rows] = np.arange(b.rows.size)
        local_col[b.cols] = np.arange(b.cols.size)
        inside = (local_row[c.pi] >= 0) & (local_col[c.pj] >= 0)
        r[local_row[c.pi[inside]], local_col[c.pj[inside]]] = np.inf  # candidates: already in the LP
        local_row[b.rows] = -1
        local_col[b.cols] = -1
        short[b.rows] = np.maximum(0.0, -r.min(axis=1, initial=np.inf))
        if per_person is not None and per_person < b.cols.size:
            # only each person's most negative few: the next duals change the rest anyway
            top = np.argpartition(r, per_person - 1, axis=1)[:, :per_person]
            rr = np.repeat(np.arange(b.rows.size), per_person)
            cc = top.ravel()
            hit = r[rr, cc] < below
            rr, cc = rr[hit], cc[hit]
        else:
            rr, cc = np.nonzero(r < below)
        ps.append(b.rows[rr])
        js.append(b.cols[cc])
    return np.concatenate(ps), np.concatenate(js), short


def _jarang(
    problem: Masalah, maks_pindah: int | None, time_limit: float | None = None
) -> tuple[dict[int, int], float, float | None]:
    """Exact on sparse candidate pairs (person -> position, solver time, relative gap: 0 when proven).

    The LP relaxation (people <= 1, seats, and the move limit) over each person's best pairs and
    staying, priced against every allowed pair of every block with its duals: a pair whose reduced
    cost is negative joins, until none is (or what is left, raised into the duals, bounds the LP of
    all pairs: `upper`). Without a move limit the LP is a transportation problem and its vertex
    is integral: the answer. With one, if the vertex is fractional, the integer program over the
    candidates gives a placement, and every pair whose reduced cost is below the gap to `upper`
    joins before it is solved again: a pair at or above it cannot be in a better placement
    (reduced-cost fixing), so that answer is exact over all pairs."""
    if not problem.blocks:
        return {}, 0.0, 0.0
    started = time.perf_counter()
    weights = [problem.weights(b) for b in problem.blocks]
    holders = int(((problem.cur >= 0) & ~problem.kept).sum())
    rhs = None if maks_pindah is None else float(maks_pindah - holders)
    c = _kandidat(problem, weights, CANDIDATES)
    if c.pi.size == 0:  # no person is allowed any seat
        return {}, time.perf_counter() - started, 0.0
    tolerance = _gap_tolerance(problem)
    for _ in range(PRICING_ROUNDS):
        x, value, u, v, price = _lp(problem, c, rhs)
        pi, pj, short = _pricing(problem, weights, c, (u, v, price), -1e-9, CANDIDATES)
        if pi.size == 0 or short.sum() <= tolerance / 2:
            break
        if pi.size <= CHECK_BELOW and np.all((x < 1e-6) | (x > 1 - 1e-6)):
            # Few pairs priced in: often the LP's duals only are off (degenerate), not its answer.
            chosen = np.flatnonzero(x > 0.5)
            best = dict(zip(c.pi[chosen].tolist(), c.pj[chosen].tolist(), strict=True))
            if _no_better_cycle(problem, weights, best, price, v):
                lower = float(c.w[chosen].sum())
                slack = 0.0 if rhs is None else max(0.0, rhs - float(c.move[chosen].sum()))
                return best, time.perf_counter() - started, _relative_gap(lower + price * slack, lower, tolerance)
        c = c.plus(problem, pi, pj)
    upper = value + float(short.sum())  # u + short is dual feasible for every pair
    if np.all((x < 1e-6) | (x > 1 - 1e-6)):
        chosen = np.flatnonzero(x > 0.5)
        best = dict(zip(c.pi[chosen].tolist(), c.pj[chosen].tolist(), strict=True))
        lower = float(c.w[chosen].sum())
        return best, time.perf_counter() - started, _relative_gap(upper, lower, tolerance)
    best, lower, proven = _mip(problem, c, rhs, time_limit)
    if upper - lower > tolerance:
        # Only a pair whose reduced cost is below the gap can be in a better placement.
        pi, pj, _ = _pricing(problem, weights, c, (u + short, v, price), upper - lower + tolerance)
        if pi.size:
            again, again_lower, proven = _mip(problem, c.plus(problem, pi, pj), rhs, time_limit)
            if again_lower > lower:
                best, lower = again, again_lower
    return best, time.perf_counter() - started, 0.0 if proven else _relative_gap(upper, lower, tolerance)


def _no_better_cycle(
    problem: Masalah, weights: list[Floats], best: dict[int, int], price: float, start: Floats | None = None
) -> bool:
    """Whether `best` is optimal over every allowed pair for the weights less `price` per move: no
    exchange of seats gains (no positive cycle in its residual graph). Then it is optimal for the
    move limit too, as long as the price is 0 or the limit is met exactly (else the price times
    the moves left unused bounds the gap).

    The residual graph over positions, a node for "no seat" and one for the seats' slack: an arc
    p -> j is a person at p taking a seat of j, worth the best such person's gain; j -> slack when
    j has a free seat, slack -> p when p has someone in it. Longest paths by Bellman-Ford
    (vectorised, only from the nodes that changed), from `start` (the LP's duals of the positions
    are such paths already, but for the pairs the LP did not hold): they settle exactly when no
    cycle gains. Not settled within CYCLE_ROUNDS: False (the caller prices on; never wrong, only slower)."""
    n_pos = problem.capacity.size
    none, slack = n_pos, n_pos + 1
    gain = np.full((n_pos + 2, n_pos + 2), -np.inf)
    at = np.full(problem.cur.size, none, dtype=np.intp)
    if best:
        at[np.fromiter(best.keys(), np.intp, len(best))] = np.fromiter(best.values(), np.intp, len(best))
    for b, w in zip(problem.blocks, weights, strict=True):
        lagr = w.copy()
        if price:
            cur = problem.cur[b.rows]
            lagr[cur < 0, :] -= price
            rr, cc = np.nonzero(cur[:, np.newaxis] == b.cols[np.newaxis, :])
            lagr[rr, cc] += price
        where = at[b.rows]
        local = np.searchsorted(b.cols, where)  # b.cols is sorted (np.flatnonzero / arange)
        inside = (where < n_pos) & (local < b.cols.size)
        inside[inside] = b.cols[local[inside]] == where[inside]
        now = np.zeros(b.rows.size)
        now[inside] = lagr[np.flatnonzero(inside), local[inside]]
        moves = np.column_stack([lagr - now[:, np.newaxis], -now])  # to each position of the block, to "no seat"
        order = np.argsort(where, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(where[order]) != 0])
        grouped = np.maximum.reduceat(moves[order], starts, axis=0)
        src = where[order][starts]
        targets = np.r_[b.cols, none]
        gain[np.ix_(src, targets)] = np.maximum(gain[np.ix_(src, targets)], grouped)
    filled = np.bincount(at[at < n_pos], minlength=n_pos)
    gain[np.flatnonzero(filled < problem.capacity), slack] = 0.0
    gain[slack, np.flatnonzero(filled > 0)] = 0.0
    gain[none, slack] = gain[slack, none] = 0.0
    np.fill_diagonal(gain, -np.inf)
    dist = np.zeros(n_pos + 2)
    if start is not None:
        dist[:n_pos] = start
    changed = np.arange(n_pos + 2)
    for _ in range(min(n_pos + 3, CYCLE_ROUNDS)):
        reach = (dist[changed, np.newaxis] + gain[changed]).max(axis=0)
        better = reach > dist + 1e-9
        if not better.any():
            return True
        dist[better] = reach[better]
        changed = np.flatnonzero(better)
    return False


def _mip(
    problem: Masalah, c: _Pasangan, rhs: float | None, time_limit: float | None
) -> tuple[dict[int, int], float, bool]:
    """The integer program over the candidates: (placement, its weight, proven optimal over them)."""
    rows, _ = _constraints(problem, c, rhs)
    options: dict[str, float] = {"mip_rel_gap": 1e-12}
    if time_limit is not None:
        options["time_limit"] = time_limit
    res = milp(-c.w * SCALE, constraints=rows, integrality=np.ones(c.pi.size), bounds=Bounds(0, 1), options=options)
    if res.x is None:
        raise RuntimeError(f"HiGHS found no placement: {res.message}")
    chosen = np.flatnonzero(res.x > 0.5)
    found = dict(zip(c.pi[chosen].tolist(), c.pj[chosen].tolist(), strict=True))
    return found, float(c.w[chosen].sum()), res.status == 0


def _relative_gap(upper: float, lower: float, tolerance: float) -> float:
    return 0.0 if upper - lower <= tolerance else (upper - lower) / max(abs(upper), 1.0)


def greedy(problem: Masalah, maks_pindah: int | None = None) -> dict[int, int]:
    """Best JPM pair first (a stay before a move of equal JPM), each taken while the person is
    free, the position has a seat and, with a limit, the moves it brings stay within it: the
    mover, and a holder it leaves without a seat; a holder who moves frees a seat for another."""
    pi, pj, stays = _pairs_urut(problem)
    if maks_pindah is None:  # no budget to spend in order: the same choice, in rounds of arrays
        return _greedy_rounds(pi, pj, problem.capacity.copy(), problem.cur.size)
    free = problem.capacity.copy()
    holders = (problem.cur >= 0) & ~problem.kept
    pending = np.bincount(problem.cur[holders & problem.stayable], minlength=free.size)
    budget = np.inf if maks_pindah is None else maks_pindah
    moves = minimum_pindah(problem)
    out: dict[int, int] = {}
    seats_left, people_left = int(free.sum()), np.unique(pi).size
    for i, j, stay in zip(pi.tolist(), pj.tolist(), stays.tolist(), strict=True):
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


def _pairs_urut(problem: Masalah) -> tuple[Ints, Ints, npt.NDArray[np.bool_]]:
    """Every allowed pair in the greedy rule's order: the weight rounded to 1e-9 down, a stay
    before a move, then person and position (np.lexsort of those keys). The weight is 100 *
    numerator / total (plus the stay bonus), so its distinct values are a few thousand codes
    (numerator, total, stay): each code's weight is computed as `weights` computes it, the codes
    ranked, and the pairs sorted once on one int64 key that is distinct per pair (a plain sort
    gives the order a stable one would) instead of four passes over a million pairs."""
    if any(b.numerator is None or b.total is None for b in problem.blocks):
        pi, pj, w = _pairs(problem)
        stays = problem.cur[pi] == pj
        order = np.lexsort((pj, pi, ~stays, -np.round(w, 9)))
        return pi[order], pj[order], stays[order]
    ps, js, ns, ts = [], [], [], []
    for b in problem.blocks:
        assert b.numerator is not None and b.total is not None
        r, c = np.nonzero(b.allowed)
        ps.append(b.rows[r])
        js.append(b.cols[c])
        ns.append(b.numerator[r, c].astype(np.int64))
        ts.append(b.total[c])
    if not ps:
        return np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0, bool)
    pi, pj, num, tot = (np.concatenate(x) for x in (ps, js, ns, ts))
    stays = problem.cur[pi] == pj
    top = int(tot.max(initial=0)) + 1
    code = (num * top + tot) * 2 + stays
    present = np.flatnonzero(np.bincount(code, minlength=2 * top * top))
    n_of, rest = np.divmod(present, 2 * top)
    t_of, stay_of = np.divmod(rest, 2)
    value = np.divide(100.0 * n_of, t_of.astype(np.float64)) + np.where(stay_of == 1, STAY_BONUS, 0.0)
    _, rank = np.unique(-np.round(value, 9), return_inverse=True)  # equal rounded weights, equal rank
    rank_of = np.zeros(2 * top * top, dtype=np.int64)
    rank_of[present] = rank
    # The blocks list each person's pairs by position, so a stable sort by person gives the order
    # by (person, position); a stable sort of that by (rank, move) the rule's order.
    by_person = _stabil(pi, problem.cur.size)
    key = rank_of[code[by_person]] * 2 + ~stays[by_person]
    order = by_person[_stabil(key, 2 * present.size)]
    return pi[order], pj[order], stays[order]


def _stabil(keys: Ints, bound: int) -> Ints:
    """A stable argsort of non-negative keys below `bound`: on 16 bits numpy sorts by radix, far
    faster than its merge sort of 64-bit keys over a million pairs."""
    small = np.int16 if bound <= np.iinfo(np.int16).max else np.int32 if bound <= np.iinfo(np.int32).max else np.int64
    return np.argsort(keys.astype(small, copy=False), kind="stable")


def _greedy_rounds(pi: Ints, pj: Ints, free: Ints, n_people: int) -> dict[int, int]:
    """The best-first rule without a move limit, on the pairs in its order, without a Python step
    per pair. Each round takes every pair that is its person's first among the pairs left and
    among the first `free[j]` pairs left of its position: the rule in order takes each of them
    (nothing before it in the order takes the person, nor all the position's seats), and what it
    does with any other pair depends on these alone among the pairs of this round, so committing
    them first changes nothing. Then the people placed and the positions full drop out. The first
    pair left always qualifies, so every round places someone; on a Pemda about a dozen rounds do.
    A person's first pair is a minimum by scatter (np.minimum.at); the pairs grouped by position
    (in the order within each) are sorted once and kept grouped as pairs drop out."""
    n = pi.size
    if n == 0:
        return {}
    first_pi, first_pj = pi, pj
    by_j = _stabil(pj, int(free.size))  # by position, in the rule's order within each
    out: list[Ints] = []
    where = np.arange(n)  # each pair's place in the order, to answer in the order the rule takes them
    placed = np.zeros(n_people, dtype=bool)
    first = np.empty(n_people, dtype=np.intp)
    while n:
        at = np.arange(n)
        # each person's first pair left
        first.fill(n)
        np.minimum.at(first, pi, at)
        best = first[pi] == at
        # each position's last pair within its free seats (by_j lists the pairs of position 0,
        # then 1, ..., each in order)
        per = np.bincount(pj, minlength=free.size)
        start = np.cumsum(per) - per
        reach = np.minimum(free, per)
        last = np.full(free.size, -1, dtype=np.intp)
        some = reach > 0
        last[some] = by_j[start[some] + reach[some] - 1]
        take = best & (at <= last[pj])
        ti, tj = pi[take], pj[take]
        out.append(where[take])
        placed[ti] = True
        free -= np.bincount(tj, minlength=free.size)
        keep = ~placed[pi] & (free[pj] > 0)
        renumber = np.cumsum(keep) - 1
        by_j = renumber[by_j[keep[by_j]]]
        pi, pj, where = pi[keep], pj[keep], where[keep]
        n = pi.size
    taken = np.sort(np.concatenate(out))
    return dict(zip(first_pi[taken].tolist(), first_pj[taken].tolist(), strict=True))


def _final(problem: Masalah, assignment: dict[int, int]) -> Ints:
    """Per person the position it ends in (-1: none): the assignment, and the kept where they are."""
    final = np.full(problem.cur.size, -1, dtype=np.intp)
    if assignment:
        n = len(assignment)
        final[np.fromiter(assignment.keys(), np.intp, n)] = np.fromiter(assignment.values(), np.intp, n)
    final[problem.kept] = problem.cur[problem.kept]
    return final


def _moves(problem: Masalah, assignment: dict[int, int]) -> int:
    return int((_final(problem, assignment) != problem.cur).sum())


def _total(problem: Masalah, assignment: dict[int, int]) -> float:
    people = np.fromiter(assignment.keys(), dtype=np.intp, count=len(assignment))
    positions = np.fromiter(assignment.values(), dtype=np.intp, count=len(assignment))
    return float(np.nansum(problem.jpm_now[problem.kept]) + problem.jpm_of(people, positions).sum())


def optimasi(
    pegawai: Sequence[Pegawai],
    jabatan: Sequence[Jabatan],
    permintaan: Permintaan | None = None,
    aturan: Aturan | None = None,
    *,
    solver: Literal["auto", "dense", "sparse"] = "auto",
) -> Hasil:
    """Re-place `pegawai` in the seats of `jabatan` for the highest total JPM (see the module).
    `solver`: "dense" the per-class assignment or the one integer program over every eligible
    pair, "sparse" the priced LP over candidate pairs; "auto" the sparse one from SPARSE_PAIRS
    eligible pairs on with a move limit or across classes, the dense one otherwise."""
    started = time.perf_counter()
    req = permintaan or Permintaan()
    problem, left_out, tanpa_standar = masalah(pegawai, jabatan, req, aturan)
    if req.maks_pindah is not None and req.maks_pindah < (minimum := minimum_pindah(problem)):
        raise MaksPindahTerlaluKecil(req.maks_pindah, minimum)
    gap: float | None = 0.0
    sparse = solver == "sparse" or (
        solver == "auto"
        and (req.maks_pindah is not None or req.lintas_kelas)
        and sum(int(np.count_nonzero(b.allowed)) for b in problem.blocks) >= SPARSE_PAIRS
    )
    if sparse:
        best, spent, gap = _jarang(problem, req.maks_pindah, req.waktu_maks_detik)
        metode = (
            "HiGHS (scipy.optimize.linprog, milp) on priced candidate pairs"
            + (", batas pindah" if req.maks_pindah is not None else "")
            + (" (lintas kelas)" if req.lintas_kelas else "")
        )
    elif req.maks_pindah is None:
        # The greedy rule beside the blocks' assignments, in threads: all of it is numpy and
        # linear_sum_assignment, which release the GIL, so two cores take it at once.
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            greedy_done = pool.submit(greedy, problem)
            best, spent = _lsa(problem, pool)
            rule = greedy_done.result()
        metode = "scipy.optimize.linear_sum_assignment per kelas jabatan" + (
            " (lintas kelas)" if req.lintas_kelas else ""
        )
    else:
        best, spent, gap = _milp(problem, req.maks_pindah, req.waktu_maks_detik)
        metode = "HiGHS (scipy.optimize.milp), batas pindah"
    if sparse or req.maks_pindah is not None:
        rule = greedy(problem, req.maks_pindah)
    held_now = {p.nip: p.jabatan_id for p in pegawai}
    final = _final(problem, best)
    placed = np.flatnonzero(final >= 0)
    jpm_after = np.full(final.size, np.nan)
    jpm_after[placed] = problem.jpm_of(placed, final[placed])
    ids = problem.jabatan_ids
    # Plain Python values per person from whole arrays (tolist), not numpy scalars one by one.
    out = [
        Penempatan(
            nip=nip,
            jabatan_sebelum=held_now[nip] if before < 0 else ids[before],
            jabatan_sesudah=ids[after] if after >= 0 else None,
            jpm_sebelum=None if before < 0 else now,
            jpm_sesudah=None if after < 0 else then,
            pindah=after != before,
            tetap_ambang=kept,
        )
        for nip, before, after, now, then, kept in zip(
            problem.nips,
            problem.cur.tolist(),
            final.tolist(),
            problem.jpm_now.tolist(),
            jpm_after.tolist(),
            problem.kept.tolist(),
            strict=True,
        )
    ]
    filled = np.bincount(np.fromiter(best.values(), np.intp, len(best)), minlength=problem.capacity.size) if best else 0
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
