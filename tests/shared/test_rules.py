"""Regulation tables: loaded and validated at start, each naming its regulation."""

import pytest

import shared.rules as rules


def test_tables_load_with_their_regulation():
    gol = rules.load_golongan()
    assert gol.get("iii/a").pangkat == "Penata Muda"
    assert gol.get("IV/e").rank == 17
    assert gol.get("XVII").scheme == "pppk"
    assert any("PP 99/2000" in r for r in gol.regulation)
    jab = rules.load_jabatan()
    assert jab.bup("ahli_utama") == 65 and jab.bup("ahli_madya") == 60 and jab.bup("pelaksana") == 58
    assert any("Pasal 239" in r for r in jab.regulation)


def test_d4_meets_an_s1_minimum_but_d3_does_not():
    pend = rules.load_pendidikan()
    assert pend.meets("D4", "S1")
    assert not pend.meets("D3", "S1")
    assert pend.resolve("SLTA").code == "SMA"


def test_a_broken_table_stops_loading(tmp_path, monkeypatch):
    (tmp_path / "jabatan.yaml").write_text((rules.RULES_DIR / "jabatan.yaml").read_text().replace("[1, 9]", "[9, 1]"))
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load_jabatan.cache_clear()
    try:
        with pytest.raises(ValueError, match="inverted"):
            rules.load_jabatan()
    finally:
        monkeypatch.undo()
        rules.load_jabatan.cache_clear()
        rules.load_jabatan()


def test_a_table_without_its_regulation_is_refused(tmp_path, monkeypatch):
    (tmp_path / "golongan.yaml").write_text("version: '1'\npns: {}\n")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    with pytest.raises(rules.RuleError, match="regulation"):
        rules.read_yaml("golongan.yaml")


def test_the_predikat_comes_from_the_matrix_of_permenpanrb_6_2022():
    skp = rules.load_skp()
    assert any("6/2022" in r for r in skp.regulation)
    assert skp.predikat_of("diatas", "diatas").kode == "sangat_baik"
    assert skp.predikat_of("sesuai", "sesuai").kode == "baik"
    assert skp.predikat_of("diatas", "dibawah").kode == "kurang"  # behaviour below: misconduct
    assert skp.predikat_of("dibawah", "sesuai").kode == "butuh_perbaikan"
    assert skp.predikat_of("dibawah", "dibawah").kode == "sangat_kurang"
    assert [p for p in skp.predikat if skp.is_low(p)] == ["butuh_perbaikan", "kurang", "sangat_kurang"]
    assert len(skp.berakhlak) == 7
    assert skp.periodic_evaluation == {"bulanan": 12, "triwulanan": 4, "semesteran": 2}  # evaluations a year


def test_sanction_kinds_of_pp_94_2021_by_level_with_their_duration():
    hukdis = rules.load_hukdis()
    assert any("PP 94/2021" in r for r in hukdis.regulation)
    assert [k.kode for k in hukdis.of_level("sedang")] == ["S1", "S2", "S3"]
    assert [k.bulan for k in hukdis.of_level("sedang")] == [6, 9, 12]
    assert hukdis.kinds["R1"].bulan is None and hukdis.kinds["B3"].mengakhiri
    kinds = rules.load_penghargaan().kinds
    assert kinds["slks_x"].masa_kerja_min == 10 and kinds["acara_resmi"].untuk == ["pns", "pppk"]


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("skp.yaml", ("dibawah: {diatas: butuh_perbaikan, ", "dibawah: {"), "every pair"),
        ("skp.yaml", ("sesuai: {diatas: baik,", "sesuai: {diatas: luar_biasa,"), "unknown predikat"),
        ("skp.yaml", ("triwulanan: 4,", "triwulanan: 5,"), "equal parts"),
        (
            "hukdis.yaml",
            ('B3: ["Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS", null,', 'B3: ["X", 12,'),
            "cannot run",
        ),
    ],
)
def test_a_broken_kinerja_table_stops_the_boot(tmp_path, monkeypatch, name, change, message):
    source = (rules.RULES_DIR / name).read_text()
    assert change[0] in source
    (tmp_path / name).write_text(source.replace(change[0], change[1]))
    loader = {"skp.yaml": rules.load_skp, "hukdis.yaml": rules.load_hukdis}[name]
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    loader.cache_clear()
    try:
        with pytest.raises(rules.RuleError, match=message):
            loader()
    finally:
        monkeypatch.undo()
        loader.cache_clear()
        loader()
