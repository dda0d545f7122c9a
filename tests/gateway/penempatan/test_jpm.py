"""The whole-Pemda JPM matrix gives kompetensi's figure and category for every pair."""

import numpy as np
import pytest

from gateway.penempatan.jpm import jpm_matrix, jpm_pegawai, kategori_matrix, profil, rincian
from gateway.penempatan.model import Jabatan, Pegawai
from shared.rules import load_jpm, read_yaml

RULE = read_yaml("jpm.yaml")


def by_the_rule_file(held: dict[str, int], required: dict[str, int]) -> float | None:
    """A plain loop over shared/rules/jpm.yaml's formula (kompetensi's per-pair figure is SQL, not
    importable as a function): capped sum ratio, a missing assessment counting as its value."""
    assert RULE["formula"]["method"] == "capped_sum_ratio"
    missing = RULE["formula"]["missing_assessment_counts_as"]
    total = 0
    got = 0
    for kode, need in required.items():
        total += need
        got += min(held.get(kode, missing), need)
    return None if total == 0 else 100 * got / total


def band_by_the_rule_file(jpm: float, band_set: str) -> str:
    for kode, _nama, minimum in RULE["categories"][band_set]:
        if jpm >= minimum:
            return kode
    raise AssertionError("the last band starts at 0")


def person(nip: str, levels: dict[str, int]) -> Pegawai:
    return Pegawai(nip, None, None, None, None, None, None, None, "aktif", kompetensi=levels)


def position(id_: str, standar: dict[str, int]) -> Jabatan:
    return Jabatan(id_, 9, None, None, None, 1, 0, standar=standar)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_matrix_equals_the_rule_file_on_every_pair_of_random_data(seed):
    rng = np.random.default_rng(seed)
    codes = [f"K{i:02d}" for i in range(25)]
    people = [
        person(f"{i:018d}", {c: int(rng.integers(1, 6)) for c in codes if rng.random() < 0.7}) for i in range(120)
    ]
    positions = [
        position(f"j{j}", {c: int(rng.integers(1, 6)) for c in codes if rng.random() < 0.3}) for j in range(40)
    ]
    positions.append(position("tanpa-standar", {}))
    prof = profil(people, positions)
    got = jpm_matrix(prof.held, prof.required)
    rules = load_jpm()
    for band_set in ("pemetaan", "seleksi"):
        kategori = kategori_matrix(got, band_set)
        bands = rules.bands[band_set]
        for i, p in enumerate(people):
            for j, jab in enumerate(positions):
                want = by_the_rule_file(p.kompetensi, jab.standar)
                if want is None:
                    assert np.isnan(got[i, j]) and kategori[i, j] == -1
                    continue
                assert got[i, j] == want  # the same float: one division of the same two integers
                assert jpm_pegawai(p, jab) == want
                assert bands[kategori[i, j]].kode == band_by_the_rule_file(want, band_set)
                assert bands[kategori[i, j]].kode == rules.kategori(want, band_set).kode


def test_a_share_exactly_at_a_band_minimum_is_in_that_band_and_just_below_is_not():
    # 39 of 50 required levels: exactly 78.0, the lowest JPM of cukup_optimal; 38.99.. would not be.
    standar = {f"K{i}": 5 for i in range(10)}
    exact = person("1", {**{f"K{i}": 5 for i in range(7)}, "K7": 4})  # 35 + 4 = 39
    below = person("2", {**{f"K{i}": 5 for i in range(7)}, "K7": 3})  # 38
    prof = profil([exact, below], [position("j", standar)])
    jpm = jpm_matrix(prof.held, prof.required)
    assert jpm[0, 0] == 78.0 and jpm[1, 0] == 76.0
    kategori = kategori_matrix(jpm)
    assert [load_jpm().bands["pemetaan"][k].kode for k in kategori[:, 0]] == ["cukup_optimal", "kurang_optimal"]


def test_a_surplus_in_one_competency_does_not_hide_a_gap_in_another():
    p = person("1", {"A": 5, "B": 1})
    j = position("j", {"A": 3, "B": 3})
    prof = profil([p], [j])
    assert jpm_matrix(prof.held, prof.required)[0, 0] == pytest.approx(100 * 4 / 6)


def test_the_gaps_of_one_pair_in_the_standards_order_never_assessed_counting_0():
    p = person("1", {"INT": 3, "TEK": 2})
    j = position("j", {"INT": 2, "PB": 2, "TEK": 3})
    assert [(g.kompetensi_kode, g.dibutuhkan, g.dimiliki, g.gap) for g in rincian(p, j)] == [
        ("INT", 2, 3, 1),
        ("PB", 2, None, -2),
        ("TEK", 3, 2, -1),
    ]
