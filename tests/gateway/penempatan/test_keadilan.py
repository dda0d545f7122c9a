"""The adverse-impact report, against hand-computed examples."""

from datetime import date

import pytest

import shared.rules as rules
from gateway.keadilan.dampak import AtributKelompok, laporan, usia

PADA = date(2026, 1, 1)


def people(prefix: str, n: int, jk: str | None, lahir: date | None) -> list[AtributKelompok]:
    return [AtributKelompok(f"{prefix}{i:03d}", jk, lahir) for i in range(n)]


def test_the_four_fifths_rule_by_gender_computed_by_hand():
    # 40 men, 12 chosen: 0.30. 50 women, 10 chosen: 0.20. 0.20 / 0.30 = 0.667 < 0.8: flagged.
    men = people("L", 40, "L", date(1990, 6, 1))
    women = people("P", 50, "P", date(1990, 6, 1))
    chosen = [p.nip for p in men[:12]] + [p.nip for p in women[:10]]
    got = laporan(men + women, chosen, PADA)
    assert (got.pool, got.terpilih, got.rasio_min) == (90, 22, 0.8)
    gender = next(d for d in got.dimensi if d.kode == "jenis_kelamin")
    by = {k.kode: k for k in gender.kelompok}
    assert (by["L"].pool, by["L"].terpilih, by["L"].rasio_seleksi) == (40, 12, 0.3)
    assert (by["P"].pool, by["P"].terpilih, by["P"].rasio_seleksi) == (50, 10, 0.2)
    assert gender.rujukan == "L" and by["L"].rasio_terhadap_tertinggi == 1.0 and by["L"].status == "wajar"
    assert by["P"].rasio_terhadap_tertinggi == pytest.approx(2 / 3) and by["P"].status == "dampak_merugikan"
    assert gender.dampak_merugikan


def test_exactly_four_fifths_is_not_flagged():
    # 10 of 20 (0.5) against 8 of 20 (0.4): ratio 0.8 exactly.
    a = people("L", 20, "L", None)
    b = people("P", 20, "P", None)
    got = laporan(a + b, [p.nip for p in a[:10] + b[:8]], PADA)
    gender = got.dimensi[0]
    assert [k.status for k in gender.kelompok] == ["wajar", "wajar"]
    assert gender.kelompok[1].rasio_terhadap_tertinggi == pytest.approx(0.8)


def test_age_bands_from_the_rule_file_small_groups_and_unknowns_are_not_judged():
    young = people("a", 20, "L", date(2000, 1, 2))  # 25 on 1 Jan 2026
    thirty = people("b", 10, "P", date(1996, 1, 1))  # 30 exactly on the day
    forty = people("c", 4, "L", date(1980, 5, 5))  # 45: a group of 4, too small
    unknown = people("d", 3, None, None)
    # young 10/20 = 0.5 (the highest judged), thirty 2/10 = 0.2: 0.4 < 0.8, flagged; forty 4/4 = 1.0 but too small.
    chosen = [p.nip for p in young[:10] + thirty[:2] + forty + unknown[:1]]
    got = laporan(young + thirty + forty + unknown, chosen, PADA)
    age = next(d for d in got.dimensi if d.kode == "kelompok_usia")
    by = {k.kode: k for k in age.kelompok}
    assert list(by) == ["usia_dibawah_30", "usia_30_39", "usia_40_49", "usia_50_keatas", "tidak_diketahui"]
    assert age.rujukan == "usia_dibawah_30"
    assert (
        by["usia_30_39"].rasio_terhadap_tertinggi == pytest.approx(0.4)
        and by["usia_30_39"].status == "dampak_merugikan"
    )
    assert by["usia_40_49"].status == "terlalu_kecil" and by["usia_40_49"].rasio_seleksi == 1.0
    assert by["usia_40_49"].rasio_terhadap_tertinggi is None
    assert by["usia_50_keatas"].pool == 0 and by["usia_50_keatas"].rasio_seleksi is None
    assert by["usia_50_keatas"].status == "terlalu_kecil"
    assert (by["tidak_diketahui"].pool, by["tidak_diketahui"].status) == (3, "tidak_diketahui")
    gender = next(d for d in got.dimensi if d.kode == "jenis_kelamin")
    assert {k.kode: k.pool for k in gender.kelompok} == {"L": 24, "P": 10, "tidak_diketahui": 3}


def test_nobody_chosen_gives_nothing_to_compare_and_chosen_outside_the_pool_are_listed():
    pool = people("L", 15, "L", None) + people("P", 15, "P", None)
    got = laporan(pool, ["999"], PADA)
    assert got.terpilih == 0 and got.terpilih_di_luar_pool == ("999",)
    assert [k.status for k in got.dimensi[0].kelompok] == ["tanpa_pembanding", "tanpa_pembanding"]
    assert not got.dimensi[0].dampak_merugikan and got.dimensi[0].rujukan is None


def test_age_in_whole_years_on_the_day():
    assert usia(date(1990, 6, 2), date(2026, 6, 1)) == 35
    assert usia(date(1990, 6, 1), date(2026, 6, 1)) == 36


def test_the_rule_file_names_the_four_fifths_rule_and_its_bands_cover_every_age():
    r = rules.load_keadilan()
    assert any("1607.4" in x for x in r.regulation) and any("UU 20/2023" in x for x in r.regulation)
    assert r.rasio_min == 0.8 and r.kelompok_min == 10
    assert [r.kelompok_usia_of(a) for a in (18, 29, 30, 49, 50, 70)] == [
        "usia_dibawah_30",
        "usia_dibawah_30",
        "usia_30_39",
        "usia_40_49",
        "usia_50_keatas",
        "usia_50_keatas",
    ]


def test_age_bands_with_a_gap_stop_the_boot(tmp_path, monkeypatch):
    text = (rules.RULES_DIR / "keadilan.yaml").read_text().replace("[usia_30_39, 30, 39]", "[usia_30_39, 31, 39]")
    (tmp_path / "keadilan.yaml").write_text(text)
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load_keadilan.cache_clear()
    try:
        with pytest.raises(rules.RuleError, match="must start the year after"):
            rules.load_keadilan()
    finally:
        rules.load_keadilan.cache_clear()
