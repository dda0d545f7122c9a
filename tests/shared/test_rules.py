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


def test_development_rights_in_jp_of_pp_11_2017_and_pp_49_2018():
    dev = rules.load_pengembangan()
    assert dev.pns_min_jp_per_tahun == 20  # a floor for every PNS (Pasal 203(4))
    assert dev.pppk_max_jp_per_tahun_kontrak == 24  # a ceiling per contract year, not a minimum
    assert any("PP 11/2017" in r and "PP 17/2020" in r and "203" in r for r in dev.regulation)
    assert any("PP 49/2018" in r for r in dev.regulation) and any("LAN 10/2018" in r for r in dev.regulation)
    raw = rules.read_yaml("pengembangan.yaml")
    assert raw["jp"]["pns"]["confirmed"] and raw["jp"]["pppk"]["confirmed"]
    assert raw["jp"]["menit_per_jp_confirmed"] is False  # a best reading stays marked


def test_the_kinds_of_development_each_on_its_path_and_whether_they_cost_nothing_by_nature():
    dev = rules.load_pengembangan()
    assert list(dev.jalur) == ["klasikal", "nonklasikal", "pendidikan", "kader"]
    by_path = {jalur: {k.kode for k in dev.of_jalur(jalur)} for jalur in dev.jalur}
    # The kinds, `diklat` split into the five pelatihan of Perlan 10/2018.
    assert {"bimtek", "seminar", "workshop", "kursus", "sosialisasi", "pelatihan_teknis"} <= by_path["klasikal"]
    assert {"coaching", "mentoring", "e_learning", "magang"} <= by_path["nonklasikal"]
    assert by_path["pendidikan"] == {"tugas_belajar", "izin_belajar"}
    assert by_path["kader"] == {"sekolah_kader"}
    assert "diklat" not in dev.kinds
    free = {k.kode for k in dev.kinds.values() if k.tanpa_biaya}
    assert {"coaching", "mentoring", "e_learning", "izin_belajar"} <= free
    assert not free & (by_path["klasikal"] | by_path["kader"] | {"tugas_belajar"})
    # Every kind names its regulation; none of the list is verified text, so each stays marked.
    assert all(k.regulation and not k.confirmed for k in dev.kinds.values())
    assert "Perlan 10/2018" in dev.kinds["bimtek"].regulation


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('      coaching: ["Coaching", true, false]\n', "appears twice"),
        ('      bimtek: ["Bimbingan teknis", false, false]', "never free"),
        ('    regulation: "PP 49/2018, Pasal 40 ayat (1)"\n', "regulation"),
    ],
)
def test_a_broken_development_table_stops_the_boot(tmp_path, monkeypatch, change, message):
    source = (rules.RULES_DIR / "pengembangan.yaml").read_text()
    assert change in source
    broken = {
        "appears twice": source.replace(change, change + change.replace("coaching:", "bimtek:")),
        "never free": source.replace(change, change.replace("false, false", "true, false")),
        "regulation": source.replace(change, ""),
    }[message]
    (tmp_path / "pengembangan.yaml").write_text(broken)
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load_pengembangan.cache_clear()
    try:
        with pytest.raises(rules.RuleError, match=message):
            rules.load_pengembangan()
    finally:
        monkeypatch.undo()
        rules.load_pengembangan.cache_clear()
        rules.load_pengembangan()


def test_the_impact_evaluation_form_names_its_basis_window_aspects_and_scale():
    form = rules.load_pengembangan().dampak
    assert (form.mulai_bulan, form.selesai_bulan) == (3, 6)  # the and BKPSDM's practice
    assert "Perlan 10/2018" in form.regulation and "not a regulation" in form.basis_jendela
    assert "Kirkpatrick" in form.model and "level 3" in form.model
    assert list(form.skala) == [1, 2, 3, 4]
    assert list(form.aspek) == ["penerapan", "perubahan_perilaku", "kontribusi_kinerja", "berbagi_pengetahuan"]
    assert all(sorted(a.skor) == [1, 2, 3, 4] and all(a.skor.values()) for a in form.aspek.values())
    assert list(form.rekomendasi) == ["cukup", "perlu_pengembangan_lanjutan"]
    assert form.versi == rules.read_yaml("pengembangan.yaml")["version"]


@pytest.mark.parametrize(
    ("change", "replacement", "message"),
    [
        ("    mulai_bulan: 3\n", "    mulai_bulan: 7\n", "later selesai_bulan"),
        ("        4: Membagikan secara terstruktur", "        5: Membagikan secara terstruktur", "each score 1-4"),
        ("  skala: [1, 4]\n", "  skala: [4, 1]\n", "lowest first"),
        ("    penerapan:\n", "    Penerapan Hasil:\n", "lower-case"),
        ('    cukup: "Cukup', '    cukup: ""\n    x_cukup: "Cukup', "at least two recommendations"),
    ],
)
def test_a_broken_impact_evaluation_form_stops_the_boot(tmp_path, monkeypatch, change, replacement, message):
    source = (rules.RULES_DIR / "pengembangan.yaml").read_text()
    assert change in source
    (tmp_path / "pengembangan.yaml").write_text(source.replace(change, replacement))
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load_pengembangan.cache_clear()
    try:
        with pytest.raises(rules.RuleError, match=message):
            rules.load_pengembangan()
    finally:
        monkeypatch.undo()
        rules.load_pengembangan.cache_clear()
        rules.load_pengembangan()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # Box 4 given the pair of box 6: one pair twice, another never.
        ("4: {kinerja: diatas, potensial: rendah,", "4: {kinerja: dibawah, potensial: tinggi,", "exactly one box"),
        ("    - [sesuai, Sesuai Ekspektasi, As expected]\n", "", "three categories"),
        (
            "  7: {kinerja: diatas, potensial: menengah, tindakan: [dipertahankan,",
            "  7: {kinerja: diatas, potensial: menengah, tindakan: [dipromosikan,",
            "unknown",
        ),
        ("    kurang: dibawah\n", "", "every predikat"),
        ("    cukup_optimal: menengah\n", "", "every JPM band"),
        ("    band_min: optimal\n", "    band_min: kurang_optimal\n", "ready now at least as high"),
    ],
)
def test_a_broken_talent_table_stops_the_boot(tmp_path, monkeypatch, old, new, message):
    for path in rules.RULES_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    source = (rules.RULES_DIR / "talenta.yaml").read_text()
    assert old in source
    (tmp_path / "talenta.yaml").write_text(source.replace(old, new, 1))
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load_talenta.cache_clear()
    try:
        with pytest.raises(rules.RuleError, match=message):
            rules.load_talenta()
    finally:
        monkeypatch.undo()
        rules.load_talenta.cache_clear()
        rules.load_talenta()
