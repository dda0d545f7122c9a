"""The optimal re-placement equals a brute-force optimum on small instances (with the move limit
and the keep threshold too), and at Pemda scale is never below the greedy rule."""

import dataclasses
import time

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from devtools.penempatan_acak import instance
from gateway.penempatan.jpm import jpm_pegawai
from gateway.penempatan.kelayakan import kelayakan
from gateway.penempatan.model import Jabatan, Pegawai
from gateway.penempatan.optimasi import (
    STAY_BONUS,
    MaksPindahTerlaluKecil,
    Permintaan,
    masalah,
    matriks_biaya,
    minimum_pindah,
    optimasi,
)

CODES = ("A", "B", "C", "D", "E")


def small(seed: int, n_people: int = 6, n_positions: int = 4) -> tuple[list[Pegawai], list[Jabatan]]:
    rng = np.random.default_rng(seed)
    positions = [
        Jabatan(
            id=f"j{j}",
            kelas_jabatan=int(rng.choice([8, 9])),
            rumpun="r",
            unit_id=f"u{j}",
            opd_id="o",
            kebutuhan=int(rng.integers(1, 3)),
            bezetting=0,
            syarat_pendidikan_min=str(rng.choice(["S1", "SMA"])) if rng.random() < 0.4 else None,
            standar={c: int(rng.integers(1, 6)) for c in CODES if rng.random() < 0.7} or {"A": 3},
        )
        for j in range(n_positions)
    ]
    people = []
    for i in range(n_people):
        held = positions[int(rng.integers(n_positions))] if rng.random() < 0.85 else None
        people.append(
            Pegawai(
                nip=f"{i:02d}",
                jabatan_id=held.id if held else None,
                kelas_jabatan=held.kelas_jabatan if held else int(rng.choice([8, 9])),
                rumpun="r",
                unit_id=held.unit_id if held else None,
                opd_id="o",
                pendidikan=str(rng.choice(["SMA", "D3", "S1"])),
                golongan="III/a",
                kedudukan="aktif" if rng.random() < 0.9 else "cltn",
                hukdis_aktif=bool(rng.random() < 0.1),
                kompetensi={c: int(rng.integers(1, 6)) for c in CODES if rng.random() < 0.8},
            )
        )
    return people, positions


def brute_force(people, positions, req: Permintaan) -> float | None:
    """The best total JPM over every assignment, straight from the rules: eligibility per pair
    (`kelayakan` of penempatan_kembali, whose checks are the base ones plus the same class; the
    class dropped when lintas_kelas), one's own seat always open while active, seats = kebutuhan,
    the kept fixed, moves counted as seats changed. None: no assignment meets the limit."""
    by_id = {j.id: j for j in positions}
    options, fixed = [], []
    for p in people:
        own = by_id.get(p.jabatan_id)
        jpm_own = jpm_pegawai(p, own) if own else None
        keep = req.ambang_tetap is not None and own and p.kedudukan == "aktif" and jpm_own >= req.ambang_tetap
        fixed.append(bool(keep))
        allowed = [None]
        for j in positions:
            reasons = {a.kode for a in kelayakan(p, j, "penempatan_kembali", 2025).alasan}
            if req.lintas_kelas:
                reasons -= {"kelas_sama", "kelas_tidak_diketahui"}
            if not reasons or (j is own and p.kedudukan == "aktif"):
                allowed.append(j)
        options.append([own] if keep else allowed)
    best = None

    def walk(i: int, used: dict[str, int], total: float, moves: int) -> None:
        nonlocal best
        if req.maks_pindah is not None and moves > req.maks_pindah:
            return
        if i == len(people):
            best = total if best is None else max(best, total)
            return
        p = people[i]
        own = by_id.get(p.jabatan_id)
        for j in options[i]:
            if fixed[i]:  # the kept hold their seat, counted from the start
                walk(i + 1, used, total + jpm_pegawai(p, j), moves)
                continue
            if j is not None and used.get(j.id, 0) >= j.kebutuhan:
                continue
            moved = (j.id if j else None) != (own.id if own else None)
            got = jpm_pegawai(p, j) if j else 0.0
            if j is not None:
                used[j.id] = used.get(j.id, 0) + 1
            walk(i + 1, used, total + got, moves + moved)
            if j is not None:
                used[j.id] -= 1

    kept: dict[str, int] = {}
    for p, f in zip(people, fixed, strict=True):
        if f:
            kept[p.jabatan_id] = kept.get(p.jabatan_id, 0) + 1
    walk(0, kept, 0.0, 0)
    return best


REQUESTS = [
    Permintaan(),
    Permintaan(lintas_kelas=True),
    Permintaan(ambang_tetap=70),
    Permintaan(maks_pindah=1),
    Permintaan(maks_pindah=2, ambang_tetap=60),
    Permintaan(maks_pindah=3, lintas_kelas=True),
]


@pytest.mark.parametrize("req", REQUESTS, ids=lambda r: f"{r.lintas_kelas}-{r.ambang_tetap}-{r.maks_pindah}")
@pytest.mark.parametrize("seed", range(12))
def test_the_optimum_equals_brute_force_on_small_instances(seed, req):
    people, positions = small(seed)
    want = brute_force(people, positions, req)
    assert want is not None or req.maks_pindah is not None
    if want is None:
        with pytest.raises(MaksPindahTerlaluKecil):
            optimasi(people, positions, req)
        return
    got = optimasi(people, positions, req)
    tolerance = STAY_BONUS * len(people) + 1e-9
    assert got.total_optimal == pytest.approx(want, abs=tolerance)
    assert got.terbukti_optimal and got.celah_mip == 0.0
    assert got.total_greedy <= got.total_optimal + tolerance
    # The answer is itself an assignment that meets every constraint and adds up to its total.
    check_assignment(people, positions, req, got)
    if req.maks_pindah is not None:
        assert got.pindah_optimal <= req.maks_pindah and got.pindah_greedy <= req.maks_pindah


def check_assignment(people, positions, req, got):
    by_id = {j.id: j for j in positions}
    by_nip = {p.nip: p for p in people}
    seats: dict[str, int] = {}
    total = 0.0
    for row in got.penempatan:
        p = by_nip[row.nip]
        if row.jabatan_sesudah is None:
            assert row.nip in got.pegawai_sisa
            continue
        j = by_id[row.jabatan_sesudah]
        seats[j.id] = seats.get(j.id, 0) + 1
        if not row.tetap_ambang and j.id != p.jabatan_id:
            reasons = {a.kode for a in kelayakan(p, j, "penempatan_kembali", 2025).alasan}
            if req.lintas_kelas:
                reasons -= {"kelas_sama", "kelas_tidak_diketahui"}
            assert not reasons, (row, reasons)
        assert row.jpm_sesudah == pytest.approx(jpm_pegawai(p, j))
        assert row.pindah == (row.jabatan_sesudah != row.jabatan_sebelum)
        total += row.jpm_sesudah
    assert total == pytest.approx(got.total_optimal)
    kept = {j: sum(1 for r in got.penempatan if r.tetap_ambang and r.jabatan_sesudah == j) for j in seats}
    for j, n in seats.items():
        assert n <= max(by_id[j].kebutuhan, kept[j])
    short = dict(got.jabatan_kurang)
    for j in positions:
        assert short.get(j.id, 0) == max(0, j.kebutuhan - seats.get(j.id, 0))


def test_a_move_limit_below_what_the_status_quo_forces_is_refused_with_the_minimum():
    rows = [Pegawai(f"{i}", "j", 9, "r", "u", "o", "S1", "III/a", "aktif", kompetensi={"A": 3}) for i in range(3)]
    pos = [
        Jabatan("j", 9, "r", "u", "o", 1, 3, standar={"A": 3}),
        Jabatan("k", 9, "r", "v", "o", 2, 0, standar={"A": 3}),
    ]
    with pytest.raises(MaksPindahTerlaluKecil) as caught:
        optimasi(rows, pos, Permintaan(maks_pindah=1))
    assert caught.value.minimum == 2
    got = optimasi(rows, pos, Permintaan(maks_pindah=2))
    assert got.pindah_optimal == 2 and got.total_optimal == pytest.approx(300, abs=1e-5)


def test_equal_jpm_elsewhere_never_moves_anyone():
    same = {"A": 3, "B": 2}
    pos = [Jabatan(f"j{k}", 9, "r", f"u{k}", "o", 1, 1, standar=same) for k in range(3)]
    rows = [
        Pegawai(f"{k}", f"j{k}", 9, "r", f"u{k}", "o", "S1", "III/a", "aktif", kompetensi={"A": 3, "B": 2})
        for k in range(3)
    ]
    got = optimasi(rows, pos)
    assert got.pindah_optimal == 0 and got.pindah_greedy == 0


def test_positions_without_a_standard_and_their_holders_are_left_out_and_listed():
    pos = [Jabatan("j", 9, "r", "u", "o", 1, 0, standar={"A": 3}), Jabatan("kosong", 9, "r", "u", "o", 1, 1)]
    rows = [
        Pegawai("1", "kosong", 9, "r", "u", "o", "S1", "III/a", "aktif", kompetensi={"A": 3}),
        Pegawai("2", None, 9, "r", None, "o", "S1", "III/a", "aktif", kompetensi={"A": 2}),
    ]
    got = optimasi(rows, pos)
    assert got.tanpa_standar == ("kosong",) and got.tidak_diikutkan == ("1",)
    assert [(r.nip, r.jabatan_sebelum, r.jabatan_sesudah, r.pindah) for r in got.penempatan] == [("2", None, "j", True)]


def test_at_pemda_scale_the_optimum_is_never_below_greedy_and_equals_bare_linear_sum_assignment():
    people, positions = instance(7, 10_000, 1_500)
    got = optimasi(people, positions)
    print(
        f"\nPemda 10,000 x 1,500: optimal {got.total_optimal:,.2f}, greedy {got.total_greedy:,.2f} "
        f"(+{got.total_optimal - got.total_greedy:,.2f}); moves {got.pindah_optimal:,} / {got.pindah_greedy:,}; "
        f"solver {got.waktu_solver_detik:.2f} s, all {got.waktu_detik:.2f} s"
    )
    assert got.total_optimal >= got.total_greedy
    assert got.total_optimal > got.total_greedy  # on this instance the solve gains something
    placed = [r for r in got.penempatan if r.jabatan_sesudah]
    assert len(placed) + len(got.pegawai_sisa) == len(got.penempatan)
    # The same blocks through bare linear_sum_assignment give the same total.
    problem = masalah(people, positions, Permintaan())[0]
    bare = 0.0
    start = time.perf_counter()
    for b in problem.blocks:
        built = matriks_biaya(problem, b)
        if built is not None:
            r, c = linear_sum_assignment(built[0])
            bare -= built[0][r, c].sum()  # forbidden pairs cost 0: they add nothing
    print(f"bare linear_sum_assignment on the same matrices: {time.perf_counter() - start:.2f} s")
    assert bare == pytest.approx(got.total_optimal, abs=STAY_BONUS * len(people) + 1e-6)


def test_a_person_may_move_across_classes_only_when_the_request_allows():
    pos = [
        Jabatan("a", 9, "r", "u", "o", 1, 1, standar={"A": 5}),
        Jabatan("b", 11, "r", "u", "o", 1, 0, standar={"A": 5}),
    ]
    rows = [
        Pegawai("1", "a", 9, "r", "u", "o", "S1", "III/a", "aktif", kompetensi={"A": 5}),
        Pegawai("2", None, 11, "r", None, "o", "S1", "III/a", "aktif", kompetensi={"A": 1}),
    ]
    assert optimasi(rows, pos).total_optimal == pytest.approx(120, abs=1e-5)  # 100 + 20
    moved = dataclasses.replace(rows[1], kompetensi={"A": 5})
    assert optimasi([rows[0], moved], pos, Permintaan(lintas_kelas=True)).total_optimal == pytest.approx(200, abs=1e-5)


# --- the sparse path: priced candidate pairs (what solver="auto" takes at Pemda scale) ---------


@pytest.mark.parametrize("req", REQUESTS, ids=lambda r: f"{r.lintas_kelas}-{r.ambang_tetap}-{r.maks_pindah}")
@pytest.mark.parametrize("seed", range(12))
def test_the_sparse_path_equals_brute_force_on_small_instances(seed, req):
    people, positions = small(seed, n_people=7, n_positions=5)
    want = brute_force(people, positions, req)
    if want is None:
        with pytest.raises(MaksPindahTerlaluKecil):
            optimasi(people, positions, req, solver="sparse")
        return
    got = optimasi(people, positions, req, solver="sparse")
    tolerance = STAY_BONUS * len(people) + 1e-6
    assert got.total_optimal == pytest.approx(want, abs=tolerance)
    assert got.terbukti_optimal and got.celah_mip == 0.0
    assert got.total_greedy <= got.total_optimal + tolerance
    check_assignment(people, positions, req, got)
    if req.maks_pindah is not None:
        assert got.pindah_optimal <= req.maks_pindah


MEDIUM = [
    ("a move limit", 1_000, 150, 50, False),
    ("a move limit across classes", 1_000, 150, 50, True),
    ("a tight move limit", 1_000, 150, 0, False),
    ("across classes", 1_500, 200, None, True),
]


@pytest.mark.parametrize(("name", "n_people", "n_positions", "extra", "lintas"), MEDIUM, ids=[m[0] for m in MEDIUM])
def test_the_sparse_path_equals_the_dense_solvers_on_medium_instances(name, n_people, n_positions, extra, lintas):
    """Against the integer program over every eligible pair (HiGHS) or linear_sum_assignment on
    the dense cost matrix: the same optimum, proven; the limit is what the status quo forces plus
    `extra` moves."""
    people, positions = instance(3, n_people, n_positions)
    limit = None
    if extra is not None:
        forced = minimum_pindah(masalah(people, positions, Permintaan(lintas_kelas=lintas))[0])
        limit = forced + extra
    req = Permintaan(lintas_kelas=lintas, maks_pindah=limit)
    dense = optimasi(people, positions, req, solver="dense")
    sparse = optimasi(people, positions, req, solver="sparse")
    assert dense.terbukti_optimal and sparse.terbukti_optimal and sparse.celah_mip == 0.0
    assert sparse.total_optimal == pytest.approx(dense.total_optimal, abs=STAY_BONUS * n_people + 1e-6)
    assert sparse.total_optimal >= sparse.total_greedy
    if limit is not None:
        assert sparse.pindah_optimal <= limit
    check_assignment(people, positions, req, sparse)


@pytest.mark.parametrize("lintas", [False, True], ids=["per class", "across classes"])
def test_at_pemda_scale_with_a_move_limit_the_sparse_optimum_is_proven_and_never_below_greedy(lintas):
    people, positions = instance(7, 10_000, 1_500)
    forced = minimum_pindah(masalah(people, positions, Permintaan(lintas_kelas=lintas))[0])
    req = Permintaan(lintas_kelas=lintas, maks_pindah=forced + 500)
    got = optimasi(people, positions, req)
    print(
        f"\nPemda 10,000 x 1,500, at most {forced + 500:,} moves ({forced:,} forced), lintas {lintas}: optimal "
        f"{got.total_optimal:,.2f}, greedy {got.total_greedy:,.2f}; moves {got.pindah_optimal:,} / "
        f"{got.pindah_greedy:,}; solver {got.waktu_solver_detik:.2f} s, all {got.waktu_detik:.2f} s; {got.metode}"
    )
    assert "priced candidate pairs" in got.metode
    assert got.terbukti_optimal and got.celah_mip == 0.0
    assert got.total_optimal >= got.total_greedy
    assert got.pindah_optimal <= req.maks_pindah and got.pindah_greedy <= req.maks_pindah
