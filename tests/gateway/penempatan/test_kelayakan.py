"""Eligibility for a position: every reason is listed, the modes follow shared/rules/penempatan.yaml,
and the vectorised matrix decides exactly as the per-pair check."""

import dataclasses

import numpy as np
import pytest

import shared.rules as rules
from devtools.penempatan_acak import instance
from gateway.penempatan.kelayakan import kelayakan, matriks_mode
from gateway.penempatan.model import Jabatan, Pegawai
from shared.messages import has

TAHUN = 2025


def pegawai(**kw) -> Pegawai:
    base = dict(
        nip="198503122010011003",
        jabatan_id="j-lama",
        kelas_jabatan=9,
        rumpun="kesehatan",
        unit_id="u-1",
        opd_id="opd-1",
        pendidikan="S1",
        golongan="III/b",
        kedudukan="aktif",
        hukdis_aktif=False,
        predikat={2025: "baik", 2024: "sangat_baik"},
    )
    return Pegawai(**(base | kw))


def jabatan(**kw) -> Jabatan:
    base = dict(
        id="j-baru",
        kelas_jabatan=9,
        rumpun="kesehatan",
        unit_id="u-2",
        opd_id="opd-1",
        kebutuhan=1,
        bezetting=0,
        syarat_pendidikan_min="S1",
        syarat_golongan_min="III/a",
        standar={"INT": 2},
    )
    return Jabatan(**(base | kw))


def codes(result) -> list[str]:
    return [a.kode for a in result.alasan]


def test_the_rule_file_names_its_regulations_and_the_modes():
    r = rules.load_penempatan()
    assert any("PP 11/2017" in x for x in r.regulation) and any("pola karier" in x for x in r.regulation)
    assert list(r.modes) == ["penempatan_kembali", "promosi", "rotasi"]
    assert r.kelas_naik_min == 1 and r.kelas_naik_maks == 3 and r.predikat_minimal == "baik"
    assert [k.kode for k in r.kriteria] == ["layak", "jpm", "predikat_terakhir", "minat_karier", "undian_nip"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("  kelas_naik_maks: 3", "  kelas_naik_maks: 0"),
        ("    checks: [kedudukan, hukdis, pendidikan, golongan, kelas, unit]", "    checks: [kedudukan, warna]"),
        ("  minimal: baik", "  minimal: luar_biasa"),
        ("    - [layak, desc]\n", ""),
        ("  values: [aktif]", "  values: [libur]"),
    ],
)
def test_a_broken_placement_table_stops_the_boot(tmp_path, monkeypatch, change, message):
    for name in ("penempatan.yaml", "skp.yaml"):
        (tmp_path / name).write_text((rules.RULES_DIR / name).read_text())
    text = (tmp_path / "penempatan.yaml").read_text()
    assert change in text
    (tmp_path / "penempatan.yaml").write_text(text.replace(change, message))
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load_penempatan.cache_clear()
    rules.load_skp.cache_clear()
    try:
        with pytest.raises((rules.RuleError, ValueError)):
            rules.load_penempatan()
    finally:
        rules.load_penempatan.cache_clear()
        rules.load_skp.cache_clear()


def test_a_person_who_meets_everything_is_eligible_in_each_mode():
    assert kelayakan(pegawai(), jabatan(), "rotasi", TAHUN).layak
    assert kelayakan(pegawai(), jabatan(unit_id="u-1"), "penempatan_kembali", TAHUN).layak
    assert kelayakan(pegawai(), jabatan(kelas_jabatan=11), "promosi", TAHUN).layak


def test_every_reason_is_listed_none_dropped():
    p = pegawai(
        kedudukan="tugas_belajar",
        hukdis_aktif=True,
        pendidikan="D3",
        golongan="II/c",
        rumpun="keuangan",
        predikat={2025: "butuh_perbaikan"},
    )
    got = kelayakan(p, jabatan(kelas_jabatan=13), "promosi", TAHUN)
    assert not got.layak
    assert codes(got) == [
        "kedudukan",
        "hukdis",
        "pendidikan",
        "golongan",
        "kelas_naik",
        "rumpun",
        "predikat",
        "predikat_tidak_ada",
    ]
    by = {a.kode: a.params() for a in got.alasan}
    assert by["pendidikan"] == {"dimiliki": "D3", "syarat": "S1"}
    assert by["golongan"] == {"dimiliki": "II/c", "syarat": "III/a"}
    assert by["kelas_naik"] == {"kelas": 9, "kelas_jabatan": 13, "naik_min": 1, "naik_maks": 3}
    assert by["predikat"] == {"tahun": 2025, "predikat": "butuh_perbaikan", "minimal": "baik"}
    assert by["predikat_tidak_ada"] == {"tahun": 2024, "minimal": "baik"}


def test_each_mode_checks_the_class_as_its_rule_says():
    assert codes(kelayakan(pegawai(), jabatan(kelas_jabatan=10), "penempatan_kembali", TAHUN)) == ["kelas_sama"]
    assert codes(kelayakan(pegawai(), jabatan(kelas_jabatan=9), "promosi", TAHUN)) == ["kelas_naik"]
    assert codes(kelayakan(pegawai(), jabatan(kelas_jabatan=12), "promosi", TAHUN)) == []  # three up
    assert codes(kelayakan(pegawai(), jabatan(kelas_jabatan=8), "promosi", TAHUN)) == ["kelas_naik"]
    assert codes(kelayakan(pegawai(), jabatan(unit_id="u-1"), "rotasi", TAHUN)) == ["unit"]
    assert codes(kelayakan(pegawai(kelas_jabatan=None), jabatan(), "rotasi", TAHUN)) == ["kelas_tidak_diketahui"]


def test_education_compares_d4_with_s1_and_grades_only_within_their_scheme():
    assert kelayakan(pegawai(pendidikan="D4"), jabatan(), "rotasi", TAHUN).layak
    assert codes(kelayakan(pegawai(pendidikan=None), jabatan(), "rotasi", TAHUN)) == ["pendidikan_tidak_diketahui"]
    assert codes(kelayakan(pegawai(golongan="IX"), jabatan(), "rotasi", TAHUN)) == ["golongan_skema"]
    assert codes(kelayakan(pegawai(), jabatan(syarat_pendidikan_min="SLTA"), "rotasi", TAHUN)) == []  # an alias
    weird = jabatan(syarat_pendidikan_min="Paket X", syarat_golongan_min="V/z")
    assert codes(kelayakan(pegawai(), weird, "rotasi", TAHUN)) == [
        "pendidikan_syarat_tidak_dikenal",
        "golongan_syarat_tidak_dikenal",
    ]


def test_every_reason_has_a_text_in_the_catalogue():
    for kode in (
        "kedudukan hukdis pendidikan pendidikan_tidak_diketahui pendidikan_syarat_tidak_dikenal golongan "
        "golongan_tidak_diketahui golongan_skema golongan_syarat_tidak_dikenal kelas_sama kelas_naik "
        "kelas_tidak_diketahui rumpun unit predikat predikat_tidak_ada"
    ).split():
        assert has(f"penempatan.alasan.{kode}"), kode
    for k in rules.load_penempatan().kriteria:
        assert has(f"penempatan.kriteria.{k.kode}"), k.kode


@pytest.mark.parametrize("mode", ["penempatan_kembali", "promosi", "rotasi"])
def test_the_matrix_decides_every_pair_as_the_per_pair_check(mode):
    people, positions = instance(5, 150, 60)
    # Odd data too: unknown education and grade, PPPK grades, requirements that are not levels.
    people = [dataclasses.replace(p, pendidikan=None) if i % 17 == 0 else p for i, p in enumerate(people)] + [
        dataclasses.replace(people[0], nip="x1", golongan="IX"),
        dataclasses.replace(people[1], nip="x2", golongan=None),
    ]
    positions = [*positions, dataclasses.replace(positions[0], id="odd", syarat_pendidikan_min="Paket X")]
    matrix = matriks_mode(people, positions, mode, TAHUN)
    want = np.array([[kelayakan(p, j, mode, TAHUN).layak for j in positions] for p in people])
    assert matrix.any() and not matrix.all()
    assert (matrix == want).all()
