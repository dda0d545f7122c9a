"""The talent box of one employee (gateway/talenta/kotak.py), without a service: every box of
PermenPAN-RB 3/2020 with its actions, each axis at its edges, the reasons of the not mapped."""

from __future__ import annotations

from datetime import date

import pytest

from gateway.penempatan.model import Jabatan, Pegawai
from gateway.talenta.kotak import (
    asesmen_berlaku,
    hitung,
    kategori_kinerja,
    kategori_potensial,
    kotak,
    kotak_pool,
    kotak_saja,
    petakan,
    sumbu_kinerja,
    sumbu_potensial,
)
from shared.dates import shift_years
from shared.rules import load_jpm, load_talenta

TODAY = date(2026, 6, 15)
TAHUN = 2025  # the last year whose ratings are final
# The standard totals 100 levels over 20 competencies of level 5, so a JPM is any whole percent.
STANDAR = {f"K{i:02d}": 5 for i in range(20)}
POS = Jabatan("j-1", 9, "umum", "u-1", "opd", 1, 1, None, None, STANDAR)


def person(held: int = 100, predikat: dict[int, str] | None = None, **kw: object) -> Pegawai:
    """An employee holding `held` of the 100 required levels (so JPM = held %)."""
    levels: dict[str, int] = {}
    left = held
    for code in STANDAR:
        levels[code] = min(5, left)
        left -= levels[code]
    base: dict[str, object] = dict(
        nip="199001012015011001",
        jabatan_id="j-1",
        kelas_jabatan=9,
        rumpun="umum",
        unit_id="u-1",
        opd_id="opd",
        pendidikan="S1",
        golongan="III/b",
        kedudukan="aktif",
        predikat=predikat if predikat is not None else {2025: "baik"},
        kompetensi={k: v for k, v in levels.items() if v},
    )
    return Pegawai(**(base | kw))  # type: ignore[arg-type]  # test values of every field type


# (kinerja, potensial) -> (box, actions) as the regulation's table lays them out.
BOXES = {
    ("dibawah", "rendah"): (1, ["diproses_sesuai_ketentuan"]),
    ("sesuai", "rendah"): (2, ["bimbingan_kinerja", "pengembangan_kompetensi", "penempatan_sesuai"]),
    ("dibawah", "menengah"): (
        3,
        ["bimbingan_kinerja", "konseling_kinerja", "pengembangan_kompetensi", "penempatan_sesuai"],
    ),
    ("diatas", "rendah"): (4, ["rotasi", "pengembangan_kompetensi"]),
    ("sesuai", "menengah"): (5, ["penempatan_sesuai", "bimbingan_kinerja", "pengembangan_kompetensi"]),
    ("dibawah", "tinggi"): (6, ["penempatan_sesuai", "bimbingan_kinerja", "konseling_kinerja"]),
    ("diatas", "menengah"): (
        7,
        [
            "dipertahankan",
            "kelompok_rencana_suksesi_instansi",
            "rotasi_pengayaan_jabatan",
            "pengembangan_kompetensi",
            "tugas_belajar",
        ],
    ),
    ("sesuai", "tinggi"): (
        8,
        ["dipertahankan", "kelompok_rencana_suksesi_instansi", "rotasi_perluasan_jabatan", "bimbingan_kinerja"],
    ),
    ("diatas", "tinggi"): (
        9,
        ["dipromosikan_dan_dipertahankan", "kelompok_rencana_suksesi_instansi_nasional", "penghargaan"],
    ),
}


@pytest.mark.parametrize(("pair", "expected"), BOXES.items())
def test_every_pair_lands_in_its_box_with_its_actions(pair, expected):
    box = kotak(*pair)
    assert (box.nomor, list(box.tindakan)) == expected
    assert (box.kinerja, box.potensial) == pair


def test_the_nine_boxes_each_once_and_every_action_labelled_in_both_languages():
    rules = load_talenta()
    assert sorted(rules.box_of.values()) == list(range(1, 10)) and len(rules.box_of) == 9
    assert rules.tindakan["penempatan_sesuai"].label("id") == "Penempatan yang sesuai"
    assert rules.tindakan["diproses_sesuai_ketentuan"].nama == "Diproses sesuai ketentuan peraturan perundang-undangan"
    assert all(t.en and t.nama for t in rules.tindakan.values())
    assert any("PermenPAN-RB 3/2020" in r for r in rules.regulation)
    assert any("20/2025" in r for r in rules.regulation)
    # The regulation's boxes and axes are confirmed; the platform's readings are not.
    assert rules.confirmed == {
        "sumbu": True,
        "kotak": True,
        "tindakan": True,
        "kinerja": False,
        "potensial": False,
        "suksesi": False,
    }


# (predikat of the last final year, kinerja)
@pytest.mark.parametrize(
    ("predikat", "kategori"),
    [
        ("sangat_baik", "diatas"),
        ("baik", "sesuai"),
        ("butuh_perbaikan", "dibawah"),
        ("kurang", "dibawah"),
        ("sangat_kurang", "dibawah"),
    ],
)
def test_each_predikat_gives_its_kinerja_category(predikat, kategori):
    got = sumbu_kinerja({2025: predikat, 2024: "baik"}, TAHUN)
    assert (got.kategori, got.tahun, got.predikat, got.alasan) == (kategori, 2025, predikat, ())


def test_the_latest_final_year_decides_and_the_years_before_are_evidence():
    got = sumbu_kinerja({2026: "sangat_kurang", 2025: "sangat_baik", 2024: "kurang", 2023: "baik", 2022: "baik"}, TAHUN)
    # 2026 is not final yet: not read; 2025 decides; evidence 2025, 2024, 2023 (three years).
    assert (got.kategori, got.tahun) == ("diatas", 2025)
    assert got.riwayat == ((2025, "sangat_baik"), (2024, "kurang"), (2023, "baik"))


def test_a_missing_last_year_falls_back_one_year_and_no_further():
    assert sumbu_kinerja({2024: "sangat_baik"}, TAHUN).kategori == "diatas"
    got = sumbu_kinerja({2023: "sangat_baik"}, TAHUN)
    assert got.kategori is None and [a.kode for a in got.alasan] == ["predikat_tidak_ada"]
    assert got.alasan[0].params() == {"dari": 2024, "sampai": 2025} and got.riwayat == ((2023, "sangat_baik"),)
    unknown = sumbu_kinerja({2025: "Cukup"}, TAHUN)
    assert unknown.kategori is None and [a.kode for a in unknown.alasan] == ["predikat_tidak_dikenal"]


@pytest.mark.parametrize(
    ("jpm", "band", "kategori"),
    [
        (100.0, "optimal", "tinggi"),
        (90.0, "optimal", "tinggi"),
        (89.99, "cukup_optimal", "menengah"),
        (78.0, "cukup_optimal", "menengah"),
        (77.99, "kurang_optimal", "rendah"),
        (0.0, "kurang_optimal", "rendah"),
    ],
)
def test_the_jpm_bands_at_their_edges(jpm, band, kategori):
    assert kategori_potensial(jpm) == (band, kategori)


@pytest.mark.parametrize(("held", "kategori"), [(90, "tinggi"), (89, "menengah"), (78, "menengah"), (77, "rendah")])
def test_the_potensial_of_a_profile_against_its_own_position(held, kategori):
    got = sumbu_potensial(person(held), POS, date(2025, 1, 10), TODAY)
    assert (got.kategori, got.jpm, got.alasan) == (kategori, float(held), ())


def test_an_assessment_counts_three_years_to_the_day():
    assert asesmen_berlaku(date(2023, 6, 15), TODAY)
    assert not asesmen_berlaku(date(2023, 6, 14), TODAY)
    old = sumbu_potensial(person(100), POS, date(2023, 6, 14), TODAY)
    assert old.kategori is None and old.jpm == 100.0 and old.band == "optimal"  # shown, not used
    assert [(a.kode, a.params()) for a in old.alasan] == [
        ("asesmen_kedaluwarsa", {"tanggal": "2023-06-14", "tahun": 3})
    ]


def test_every_missing_piece_of_the_potensial_is_a_reason():
    never = sumbu_potensial(person(0), POS, None, TODAY)
    assert [a.kode for a in never.alasan] == ["asesmen_tidak_ada"] and never.kategori is None
    no_standard = Jabatan("j-2", 9, "umum", "u-1", "opd", 1, 1)
    got = sumbu_potensial(person(90), no_standard, None, TODAY)
    assert [a.kode for a in got.alasan] == ["tanpa_standar", "asesmen_tidak_ada"] and got.jpm is None
    unplaced = sumbu_potensial(person(90, jabatan_id=None), None, date(2025, 1, 1), TODAY)
    assert [a.kode for a in unplaced.alasan] == ["tanpa_jabatan"]


def test_a_person_lands_in_the_box_of_both_axes_or_is_not_mapped_with_every_reason():
    star = petakan(person(95, {2025: "sangat_baik"}), POS, date(2025, 1, 1), TAHUN, TODAY)
    assert star.kotak is not None and star.kotak.nomor == 9 and star.alasan == ()
    # Box 4: above expectation, low potential; box 6: below expectation, high potential.
    assert petakan(person(50, {2025: "sangat_baik"}), POS, date(2025, 1, 1), TAHUN, TODAY).kotak.nomor == 4  # type: ignore[union-attr]  # mapped: both axes read
    assert petakan(person(95, {2025: "kurang"}), POS, date(2025, 1, 1), TAHUN, TODAY).kotak.nomor == 6  # type: ignore[union-attr]  # mapped: both axes read
    lost = petakan(person(95, {}), POS, None, TAHUN, TODAY)
    assert lost.kotak is None and [a.kode for a in lost.alasan] == ["predikat_tidak_ada", "asesmen_tidak_ada"]
    counts = hitung([star, lost, star])
    assert counts == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 2}


@pytest.mark.parametrize(
    "predikat",
    [{}, {2025: "baik"}, {2024: "sangat_baik"}, {2023: "baik"}, {2026: "kurang", 2025: "sangat_baik"}, {2025: "Cukup"}],
)
def test_the_pools_short_reading_is_the_same_rule(predikat):
    # The successors' pool beyond the unit is read without evidence; the category is the same.
    assert kategori_kinerja(predikat, TAHUN) == sumbu_kinerja(predikat, TAHUN).kategori
    full = petakan(person(95, predikat), POS, date(2025, 1, 1), TAHUN, TODAY)
    kinerja = kategori_kinerja(predikat, TAHUN)
    if kinerja is not None:
        assert kotak_saja(person(95, predikat), kinerja, POS, date(2025, 1, 1), TODAY) == full.kotak


@pytest.mark.parametrize("held", [0, 40, 70, 85, 95, 100])
@pytest.mark.parametrize("tanggal", [None, date(2025, 1, 1), date(2023, 6, 15), date(2023, 6, 14)])
@pytest.mark.parametrize("kinerja", ["diatas", "sesuai"])
@pytest.mark.parametrize("jabatan", ["held", "none", "no-standard"])
def test_the_pools_box_from_raw_levels_is_kotak_saja(held, tanggal, kinerja, jabatan):
    # The pool's thousands are boxed from the raw levels without a Pegawai: the same box, or none.
    p = person(held)
    pos = {"held": POS, "none": None, "no-standard": Jabatan("j-1", 9, "umum", "u-1", "opd", 1, 1, None, None, {})}
    j = pos[jabatan]
    batas = shift_years(TODAY, -load_talenta().asesmen_maks_tahun)
    got = kotak_pool(
        p.kompetensi, None if j is None else j.standar, kinerja, tanggal, batas, load_talenta(), load_jpm()
    )
    assert got == kotak_saja(p, kinerja, j, tanggal, TODAY)
