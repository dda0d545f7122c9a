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
