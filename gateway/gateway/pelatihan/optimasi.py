"""Choosing the enrollments: the integer program (HiGHS through scipy.optimize.milp) and the greedy
rule a person would follow, on the same candidates and under the same constraints.

Variables: x per candidate pair (person, group of batches), binary, and per person aimed at the JP
minimum and below it, y in [0, 1], the share of the missing JP the plan closes. Maximise
sum nilai * x + capai_jp_minimum * sum y subject to:
- seats: per group, sum x <= seats left;
- budget: per OPD, sum biaya * x <= what is left (the scenario's factor applied);
- one batch per program per person (a row only where a person has two groups of one program);
- at most maks_program_per_pegawai programs per person, less those already on the way this year
  (`Masalah.slot`; a row only where a person has more candidates);
- a PPPK's ceiling: sum jp * x <= room left (a row only where its candidates could pass it);
- y_p <= (sum min(jp, missing) * x of p) / JP missing of p.
Rows are made only where they can bind, so the program stays as small as the candidates.

The plan is never worse than the greedy rule: should HiGHS stop at its time limit with a plan
below the greedy one, the greedy plan is the answer (and `metode` says so).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array, csr_array, vstack

from gateway.pelatihan.masalah import Bools, Floats, Ints, Masalah

TOL = 1e-6
# Above this many candidate pairs, the LP prices the pairs first (_pangkas). The whole Pemda
# (10,000 people, about 230,000 pairs) took HiGHS 42 s to reach a 1.5% gap in one integer program.
PANGKAS_DARI = 20_000
PANGKAS_BIAYA_REDUKSI = 1.0  # in the objective's units: one level of the position's standard


@dataclass(frozen=True)
class Solusi:
    pilih: Ints  # indices of the chosen pairs, ascending
    capai: Bools  # per person: reaches the JP minimum with the plan (aimed and was below)
    celah_berbobot: float  # sum of nilai of the chosen pairs
    objektif: float  # celah_berbobot + capai_jp_minimum * sum of kemajuan_jp
    biaya: int
    metode: str
    waktu_solver_detik: float = 0.0
    celah_mip: float | None = 0.0  # HiGHS's relative gap to its best bound (None: no bound known)
    dalam_celah_sasaran: bool = True  # HiGHS proved the plan within the target gap (solver.celah_mip)


def kemajuan_jp(m: Masalah, pilih: Ints) -> Floats:
    """Per person aimed and below the minimum, the share of the missing JP the chosen pairs close
    (each pair's JP counted up to what is missing, the share at most 1); 0 for everyone else."""
    clipped = np.minimum(m.jp[pilih], m.kurang_jp[m.pi[pilih]])
    jp_plan = np.bincount(m.pi[pilih], weights=clipped, minlength=len(m.pegawai))
    return np.where(m.kurang_jp > 0, np.minimum(jp_plan / np.maximum(m.kurang_jp, 1), 1.0), 0.0)


def nilai_solusi(m: Masalah, pilih: Ints) -> tuple[Bools, float, float, int]:
    """(reaches the minimum per person, weighted gap closed, objective, cost) of chosen pairs."""
    jp_plan = np.bincount(m.pi[pilih], weights=m.jp[pilih], minlength=len(m.pegawai))
    capai = (m.kurang_jp > 0) & (jp_plan >= m.kurang_jp)
    closed = float(m.nilai[pilih].sum())
    bonus = m.bobot.capai_jp_minimum * float(kemajuan_jp(m, pilih).sum())
    return capai, closed, closed + bonus, int(m.biaya[pilih].sum())


def _rows(keys: Ints, coef: Floats, n: int) -> tuple[csr_array, Ints]:
    """One row per distinct key (of the pairs), the pairs' coefficients in it; (matrix, keys)."""
    uniq, row = np.unique(keys, return_inverse=True)
    a = coo_array((coef, (row, np.arange(keys.size))), shape=(uniq.size, n))
    return a.tocsr(), uniq


def milp_rencana(m: Masalah, waktu_maks: float | None = None, celah: float | None = None) -> Solusi:
    n = m.pi.size
    if n == 0:
        return Solusi(np.zeros(0, np.int64), np.zeros(len(m.pegawai), bool), 0.0, 0.0, 0, "tanpa kandidat")
    people = len(m.pegawai)
    ones = np.ones(n)
    blocks: list[csr_array] = []
    upper: list[Floats] = []

    a, groups = _rows(m.pk, ones, n)
    blocks.append(a)
    upper.append(np.array([m.kelompok[k].kursi for k in groups.tolist()], dtype=float))

    paid = (m.biaya > 0) & (m.opd[m.pi] >= 0)
    if paid.any():
        # In units of the costs' greatest common divisor: the same rows (floor of the budget: every
        # cost is a multiple of the unit), with coefficients HiGHS need not scale from millions.
        unit = int(np.gcd.reduce(m.biaya[paid]))
        a, opds = _rows(np.where(paid, m.opd[m.pi], -1), (m.biaya // unit).astype(float) * paid, n)
        keep = opds >= 0
        blocks.append(a[np.flatnonzero(keep)])
        upper.append((m.anggaran[opds[keep]] // unit).astype(float))

    pair_key = m.pi * (len(m.program) + 1) + m.pg
    a, _ = _rows(pair_key, ones, n)
    twice = np.asarray(a.sum(axis=1)).ravel() > 1
    if twice.any():
        blocks.append(a[np.flatnonzero(twice)])
        upper.append(np.ones(int(twice.sum())))

    _, first = np.unique(pair_key, return_index=True)
    programs_per_person = np.bincount(m.pi[first], minlength=people)
    a, persons = _rows(m.pi, ones, n)
    many = programs_per_person[persons] > m.slot[persons]
    if many.any():
        blocks.append(a[np.flatnonzero(many)])
        upper.append(m.slot[persons[many]].astype(float))

    a_jp, persons_jp = _rows(m.pi, m.jp.astype(float), n)
    jp_max = np.bincount(m.pi, weights=m.jp, minlength=people)
    tight = m.ruang_jp[persons_jp] < jp_max[persons_jp]
    if tight.any():
        blocks.append(a_jp[np.flatnonzero(tight)])
        upper.append(m.ruang_jp[persons_jp[tight]].astype(float))

    aimed = np.flatnonzero((m.kurang_jp > 0) & (np.bincount(m.pi, minlength=people) > 0))
    n_y = aimed.size
    width = n + n_y
    padded = [coo_array(b).tocsr() for b in blocks]
    padded = [csr_array((b.data, b.indices, b.indptr), shape=(b.shape[0], width)) for b in padded]
    if n_y:
        # kurang_p * y_p - sum min(jp, kurang_p) x_p <= 0, 0 <= y_p <= 1: y_p is the share of the
        # missing JP the plan closes (kemajuan_jp). A binary "reaches it" y made HiGHS spend 7x
        # longer in cuts for the same plans (500 people: 3.2 s against 0.44 s); the share rewards
        # each step towards the duty and gives the full bonus only on reaching it.
        row_of = np.full(people, -1, dtype=np.int64)
        row_of[aimed] = np.arange(n_y)
        on = row_of[m.pi] >= 0
        clipped = np.minimum(m.jp, m.kurang_jp[m.pi])[on].astype(float)
        link = coo_array((-clipped, (row_of[m.pi][on], np.flatnonzero(on))), shape=(n_y, width)).tocsr()
        y_part = coo_array(
            (m.kurang_jp[aimed].astype(float), (np.arange(n_y), n + np.arange(n_y))), shape=(n_y, width)
        ).tocsr()
        padded.append(csr_array(link + y_part))
        upper.append(np.zeros(n_y))
    matrix = vstack(padded, format="csr")
    c = -np.concatenate([m.nilai, np.full(n_y, m.bobot.capai_jp_minimum)])
    rhs = np.concatenate(upper)
    limit = waktu_maks if waktu_maks is not None else m.aturan.waktu_maks_detik
    target = celah if celah is not None else m.aturan.celah_mip
    start = time.perf_counter()
    columns = np.arange(width)
    bound: float | None = None
    metode = "HiGHS (scipy.optimize.milp)"
    if n > PANGKAS_DARI:
        columns, bound = _pangkas(c, matrix, rhs, n)
        metode += f", {n - int((columns < n).sum()):,} of {n:,} pairs set aside by the LP's reduced costs"
    options: dict[str, float | bool] = {
        # HiGHS's MIP presolve (probing above all) took longer than the whole solve without it here
        "presolve": False,
        "time_limit": max(1.0, limit - (time.perf_counter() - start)),
        "mip_rel_gap": target,
    }
    res = milp(
        c[columns],
        constraints=LinearConstraint(matrix[:, columns], -np.inf, rhs),
        integrality=(columns < n).astype(float),  # y is a share: continuous
        bounds=Bounds(0, 1),
        options=options,
    )
    spent = time.perf_counter() - start
    gap: float | None = None
    if res.x is None:  # x = 0 is always feasible: only the time limit before any plan leaves none
        pilih = np.zeros(0, np.int64)
    else:
        x = np.zeros(width)
        x[columns] = res.x
        pilih = np.flatnonzero(x[:n] > 0.5).astype(np.int64)
        if res.status in (0, 1):
            gap = float(getattr(res, "mip_gap", 0.0) or 0.0)
    capai, closed, objective, cost = nilai_solusi(m, pilih)
    if bound is not None:
        # The gap to the whole problem's LP bound, which no plan of any pair can pass.
        gap = max(0.0, (bound - objective) / max(abs(objective), TOL))
    inside = gap is not None and gap <= target + TOL
    return Solusi(pilih, capai, closed, objective, cost, metode, spent, gap, inside)


def _pangkas(c: Floats, matrix: csr_array, rhs: Floats, n: int) -> tuple[Ints, float | None]:
    """The columns to give the integer program, and the whole problem's LP bound (a maximum).

    A large plan is solved in two steps: the LP relaxation of the whole problem (HiGHS's simplex;
    its duals price the seats, the budgets and each person's limits), then the integer program on
    the pairs whose reduced cost is within PANGKAS_BIAYA_REDUKSI of zero (the LP's own choices among
    them), every y kept. The pairs set aside are those the prices say cannot pay their way; the
    reported gap is measured against the whole problem's LP bound, so it is an honest gap of the
    whole problem, not of the smaller one."""
    lp = linprog(c, A_ub=matrix, b_ub=rhs, bounds=(0, 1), method="highs")
    if lp.status != 0:
        return np.arange(c.size), None
    reduced = c - matrix.T @ lp.ineqlin.marginals  # >= 0 for a pair the LP leaves at 0
    keep = (reduced <= PANGKAS_BIAYA_REDUKSI) | (lp.x > 1e-9)
    keep[n:] = True
    return np.flatnonzero(keep), float(-lp.fun)


def greedy(m: Masalah) -> Solusi:
    """Best weighted gap per rupiah first (a free pair before any paid one, then by weighted gap;
    pairs closing no gap last), each taken while its seats, the OPD's budget, the person's limit of
    programs, one batch per program and a PPPK's ceiling allow."""
    start = time.perf_counter()
    ratio = np.where(m.biaya > 0, m.nilai / np.maximum(m.biaya, 1), np.where(m.nilai > 0, np.inf, 0.0))
    order = np.lexsort((np.arange(m.pi.size), -m.nilai, -ratio))
    seats = np.array([g.kursi for g in m.kelompok], dtype=np.int64)
    budget = m.anggaran.copy()
    taken = np.zeros(len(m.pegawai), dtype=np.int64)
    room = m.ruang_jp.copy()
    had: set[tuple[int, int]] = set()
    out: list[int] = []
    maks = m.slot.tolist()
    pi, pk, pg, jp, cost, opd = (x.tolist() for x in (m.pi, m.pk, m.pg, m.jp, m.biaya, m.opd[m.pi]))
    for k in order.tolist():
        i, g = pi[k], pg[k]
        if seats[pk[k]] == 0 or taken[i] >= maks[i] or jp[k] > room[i] or (i, g) in had:
            continue
        if cost[k] > 0 and (opd[k] < 0 or budget[opd[k]] < cost[k]):
            continue
        seats[pk[k]] -= 1
        taken[i] += 1
        room[i] -= jp[k]
        if cost[k] > 0:
            budget[opd[k]] -= cost[k]
        had.add((i, g))
        out.append(k)
    pilih = np.array(sorted(out), dtype=np.int64)
    capai, closed, objective, total = nilai_solusi(m, pilih)
    return Solusi(
        pilih, capai, closed, objective, total, "greedy: celah berbobot per rupiah", time.perf_counter() - start
    )


def solve(m: Masalah, waktu_maks: float | None = None, celah: float | None = None) -> tuple[Solusi, Solusi]:
    """(the plan, the greedy rule's plan). The plan is HiGHS's unless greedy's is better, which
    can happen only where HiGHS stopped early: at its time limit, or within its target gap (its
    gap then holds for the greedy plan all the more)."""
    best = milp_rencana(m, waktu_maks, celah)
    rule = greedy(m)
    if rule.objektif > best.objektif + TOL:
        best = Solusi(
            rule.pilih,
            rule.capai,
            rule.celah_berbobot,
            rule.objektif,
            rule.biaya,
            f"{rule.metode} (HiGHS stopped early below it)",
            best.waktu_solver_detik,
            best.celah_mip,
            best.dalam_celah_sasaran,
        )
    return best, rule


def angkatan_dari_kelompok(m: Masalah, pilih: Ints) -> Ints:
    """The batch of each chosen pair: a group's people fill its batches in the input's order."""
    left = {b: max(0, m.angkatan[b].sisa_kursi) for g in m.kelompok for b in g.angkatan}
    out = np.empty(pilih.size, dtype=np.int64)
    for n, k in enumerate(pilih.tolist()):
        b = next(b for b in m.kelompok[int(m.pk[k])].angkatan if left[b] > 0)
        left[b] -= 1
        out[n] = b
    return out
