"""The IP ASN pure core, by hand: every kualifikasi step, every kompetensi combination of a
struktural, a fungsional and a pelaksana, every kinerja step (the 2022 names mapped), every disiplin
level, the category edges (60/61, 70/71, 80/81, 90/90.5/91), missing data, and a group's summary."""

from datetime import date

import pytest

from gateway.ipasn.service import kata
from gateway.ipasn.skor import (
    DataPegawai,
    Hukdis,
    Predikat,
    RekapJenis,
    disiplin,
    jendela,
    kinerja,
    kompetensi,
    kualifikasi,
    proyeksi,
    rekap,
    selesai_pelatihan,
    skor,
)
from shared.rules import RuleError, load_ipasn

RULES = load_ipasn()


def pegawai(
    jenis: str | None = "pelaksana",
    pendidikan: str | None = "S1",
    predikat: Predikat | None = Predikat(2025, "baik", "Baik"),
    hukdis: Hukdis | None = None,
    nip: str = "199001012015031001",
    **ledger: tuple[int, int],
) -> DataPegawai:
    return DataPegawai(
        nip=nip,
        nama="Budi",
        jenis_jabatan=jenis,
        pendidikan=pendidikan,
        predikat=predikat,
        hukdis=hukdis,
        pengembangan={k: RekapJenis(jp, n) for k, (jp, n) in ledger.items()},
    )


def test_rules_hold_the_regulation_figures():
    assert RULES.bobot == {"kualifikasi": 25, "kompetensi": 40, "kinerja": 30, "disiplin": 5}
    assert RULES.kompetensi_max("struktural") == RULES.kompetensi_max("fungsional") == 40
    assert RULES.kompetensi_max("pelaksana") == 40
    assert [(b.kode, b.min, b.maks) for b in RULES.kategori] == [
        ("sangat_rendah", 0, 60),
        ("rendah", 61, 70),
        ("sedang", 71, 80),
        ("tinggi", 81, 90),
        ("sangat_tinggi", 91, 100),
    ]
    assert "kategori.pecahan" in RULES.unconfirmed and "kinerja.pemetaan_2022" in RULES.unconfirmed
    assert any("8/2019" in r for r in RULES.regulation)
    assert RuleError  # the loader refuses a broken table (weights, sums, bands)


@pytest.mark.parametrize(
    ("pendidikan", "points"),
    [
        ("S3", 25),
        ("S2", 20),
        ("S1", 15),
        ("D4", 15),
        ("D3", 10),
        ("D2", 5),
        ("D1", 5),
        ("SMA", 5),
        ("SMP", 1),
        ("SD", 1),
        (None, 0),
    ],
)
def test_kualifikasi_every_step(pendidikan, points):
    got = kualifikasi(pendidikan, RULES)
    assert got.skor == points and got.maks == 25 and got.pendidikan == pendidikan


STRUKTURAL = [  # (leadership, 20 JP technical, seminar) -> points: 15 + 15 + 10
    ((True, True, True), 40),
    ((True, True, False), 30),
    ((True, False, True), 25),
    ((False, True, True), 25),
    ((True, False, False), 15),
    ((False, True, False), 15),
    ((False, False, True), 10),
    ((False, False, False), 0),
]


@pytest.mark.parametrize(("done", "points"), STRUKTURAL)
@pytest.mark.parametrize(
    ("jenis", "own"),
    [
        ("administrator", "pelatihan_struktural_kepemimpinan"),
        ("pengawas", "pelatihan_struktural_kepemimpinan"),
        ("jpt_pratama", "pelatihan_struktural_kepemimpinan"),
        ("ahli_muda", "pelatihan_fungsional"),
        ("terampil", "pelatihan_fungsional"),
    ],
)
def test_kompetensi_struktural_and_fungsional(jenis, own, done, points):
    lead, teknis, seminar = done
    ledger = {}
    if lead:
        ledger[own] = (40, 1)
    if teknis:
        ledger["pelatihan_teknis"] = (12, 1)
        ledger["bimtek"] = (8, 1)  # 12 + 8 = 20: the threshold met exactly, two kinds summed
    else:
        ledger["pelatihan_teknis"] = (19, 2)  # one JP short: 0, no pro-rata
    if seminar:
        ledger["workshop"] = (3, 1)
    got = kompetensi(pegawai(jenis, **ledger), RULES)
    assert got.skor == points
    assert len(got.indikator) == 3
    # the other kelompok's training never counts: a fungsional's leadership training is not its own
    other = (
        "pelatihan_fungsional" if own == "pelatihan_struktural_kepemimpinan" else "pelatihan_struktural_kepemimpinan"
    )
    assert kompetensi(pegawai(jenis, **{other: (100, 1)}), RULES).skor == 0


@pytest.mark.parametrize(
    ("teknis_jp", "seminar", "points"),
    [(20, True, 40), (20, False, 22.5), (19, True, 17.5), (0, False, 0), (45, False, 22.5)],
)
def test_kompetensi_pelaksana(teknis_jp, seminar, points):
    ledger = {"bimtek": (teknis_jp, 1)} if teknis_jp else {}
    if seminar:
        ledger["magang"] = (1, 1)
    got = kompetensi(pegawai("pelaksana", **ledger), RULES)
    assert got.skor == points and got.kelompok == "pelaksana"
    assert [i.kode for i in got.indikator] == ["diklat_teknis", "seminar_workshop_magang_kursus"]
    # leadership training does not score for a pelaksana
    assert kompetensi(pegawai("pelaksana", pelatihan_struktural_kepemimpinan=(100, 1)), RULES).skor == 0


def test_kompetensi_without_a_position_is_scored_as_pelaksana_and_flagged():
    got = kompetensi(pegawai(None, pelatihan_teknis=(20, 1), kursus=(2, 1)), RULES)
    assert got.skor == 40 and got.kelompok == "pelaksana" and not got.confirmed


@pytest.mark.parametrize(
    ("predikat", "points", "step", "confirmed"),
    [
        (Predikat(2025, "sangat_baik", "Sangat Baik"), 30, "Sangat Baik", False),  # mapped from 6/2022
        (Predikat(2025, "baik", "Baik"), 25, "Baik", False),
        (Predikat(2025, "butuh_perbaikan", "Butuh Perbaikan"), 15, "Cukup", False),
        (Predikat(2025, "kurang", "Kurang/Misconduct"), 5, "Kurang", False),
        (Predikat(2025, "sangat_kurang", "Sangat Kurang"), 1, "Sangat Kurang", False),
        (Predikat(2020, "Sangat Baik", "Sangat Baik"), 30, "Sangat Baik", True),  # PP 30/2019 words
        (Predikat(2018, "Cukup", "Cukup"), 15, "Cukup", True),
        (Predikat(2017, "Buruk", "Buruk"), 1, "Buruk", False),
        (None, 0, None, True),
    ],
)
def test_kinerja_every_step(predikat, points, step, confirmed):
    got = kinerja(predikat, RULES)
    assert (got.skor, got.langkah, got.confirmed) == (points, step, confirmed)


@pytest.mark.parametrize(("tingkat", "points"), [(None, 5), ("ringan", 3), ("sedang", 2), ("berat", 1)])
def test_disiplin_every_level(tingkat, points):
    got = disiplin(Hukdis(tingkat, terlihat=False) if tingkat else None, RULES)
    assert got.skor == points and got.maks == 5


def test_disiplin_details_only_when_seen():
    sanction = Hukdis(
        "sedang", True, "S1", "Pemotongan tunjangan kinerja 25% selama 6 bulan", "800/1", date(2025, 4, 1)
    )
    seen = disiplin(sanction, RULES)
    assert seen.hukdis == sanction and seen.terlihat and "Pemotongan" in kata(seen.keterangan)
    hidden = disiplin(Hukdis("sedang", terlihat=False), RULES, terlihat=False)
    assert hidden.skor == 2 and hidden.hukdis is None and not hidden.terlihat
    assert "sedang" not in kata(hidden.keterangan) and "Pemotongan" not in kata(hidden.keterangan)
    # No sanction, hidden: the same words with its score, so the text tells nothing the score does not.
    assert kata(disiplin(None, RULES, terlihat=False).keterangan) == kata(hidden.keterangan).replace(" 2 ", " 5 ", 1)


def _total(points: float) -> DataPegawai:
    """An employee whose total is `points`, built from the steps (pelaksana, so halves are possible)."""
    for pend in ("S3", "S2", "S1", "D3", "SMA", "SD", None):
        for teknis in (True, False):
            for seminar in (True, False):
                for pred in ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang", None):
                    for hk in (None, "ringan", "sedang", "berat"):
                        ledger = {}
                        if teknis:
                            ledger["pelatihan_teknis"] = (20, 1)
                        if seminar:
                            ledger["seminar"] = (2, 1)
                        data = pegawai(
                            "pelaksana",
                            pend,
                            Predikat(2025, pred, pred) if pred else None,
                            Hukdis(hk, False) if hk else None,
                            **ledger,
                        )
                        if skor(data, RULES).total == points:
                            return data
    raise AssertionError(points)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (60, "sangat_rendah"),
        (60.5, "sangat_rendah"),
        (61, "rendah"),
        (70, "rendah"),
        (71, "sedang"),
        (80, "sedang"),
        (80.5, "sedang"),
        (70.5, "rendah"),
        (81, "tinggi"),
        (90, "tinggi"),
        (90.5, "tinggi"),
        (91, "sangat_tinggi"),
        (100, "sangat_tinggi"),
        (0, "sangat_rendah"),
    ],
)
def test_category_edges(total, band):
    assert RULES.kategori_of(total).kode == band
    # A half point comes only from a pelaksana with one of its two indicators (22.5 or 17.5), so the
    # highest such total is 82.5: 90.5 (and 60.5 here) are tested on the rule alone.
    if total not in (0, 60.5, 90.5):  # 0 neither: disiplin scores at least 1
        got = skor(_total(total), RULES)
        assert got.total == total and got.kategori == band


def test_one_employee_by_hand():
    # S2 20 + (teknis 22.5: 15 + 5 JP; seminar 17.5) 40 + butuh_perbaikan 15 + ringan 3 = 78: Sedang
    data = pegawai(
        "pelaksana",
        "S2",
        Predikat(2025, "butuh_perbaikan", "Butuh Perbaikan"),
        Hukdis("ringan", False),
        pelatihan_teknis=(15, 1),
        bimtek=(5, 1),
        seminar=(2, 1),
    )
    got = skor(data, RULES)
    assert [d.skor for d in got.dimensi] == [20, 40, 15, 3]
    assert got.total == 78 and got.kategori == "sedang" and got.kategori_nama == "Sedang"
    teknis = got.kompetensi.indikator[0]
    assert (teknis.jp, teknis.terpenuhi, teknis.skor) == (20, True, 22.5)


def test_missing_everything_scores_the_floor():
    got = skor(pegawai(None, None, None, None), RULES)
    # no education 0, no development 0, no predikat 0, no sanction 5
    assert got.total == 5 and got.kategori == "sangat_rendah"
    assert "0" in kata(got.kinerja.keterangan)


def test_windows_count_back_from_the_measurement_date():
    w = jendela(date(2026, 3, 1), RULES)
    assert (
        w.kompetensi_dari == date(2024, 3, 2) and w.disiplin_dari == date(2025, 3, 2) and w.sampai == date(2026, 3, 1)
    )
    leap = jendela(date(2028, 2, 29), RULES)
    assert leap.kompetensi_dari == date(2026, 3, 1)


def test_group_summary_and_moves_by_hand():
    a = pegawai("pelaksana", "S1", nip="1", pelatihan_teknis=(20, 1), seminar=(1, 1))  # 15+40+25+5 = 85
    b = pegawai("pelaksana", "S1", nip="2", pelatihan_teknis=(8, 1))  # 15+0+25+5 = 45, 12 JP short
    c = pegawai("administrator", "S2", nip="3", pelatihan_teknis=(20, 1))  # 20+15+25+5 = 65
    items = [skor(x, RULES) for x in (a, b, c)]
    assert [s.total for s in items] == [85, 45, 65]
    r = rekap(items, RULES, target=75)
    assert r.jumlah == 3 and r.rata_rata == 65 and r.kategori == "rendah"
    assert r.distribusi == {"sangat_rendah": 1, "rendah": 1, "sedang": 0, "tinggi": 1, "sangat_tinggi": 0}
    assert r.selisih_target == 10 and not r.tercapai
    lost = {d.kode: d.hilang for d in r.per_dimensi}
    # kualifikasi 10+10+5 = 25; kompetensi 0+40+25 = 65; kinerja 5*3 = 15; disiplin 0
    assert lost == {"kualifikasi": 25, "kompetensi": 65, "kinerja": 15, "disiplin": 0}
    assert r.terlemah == "kompetensi"
    moves = {m.kode: m for m in r.langkah}
    # b lacks 20 JP (22.5), b lacks a seminar (17.5) and c too (10), c lacks leadership (15)
    assert moves["diklat_teknis"].orang == 1 and moves["diklat_teknis"].poin == 22.5
    assert moves["diklat_teknis"].jp_kurang == 12 and moves["diklat_teknis"].kenaikan_rata_rata == 7.5
    assert moves["seminar_workshop_magang_kursus"].orang == 2 and moves["seminar_workshop_magang_kursus"].poin == 27.5
    assert moves["seminar_workshop_magang_kursus"].kenaikan_rata_rata == 9.17
    assert moves["diklat_kepemimpinan"].nips == ("3",) and moves["diklat_kepemimpinan"].rata_rata_sesudah == 70
    # most points per person first: 22.5 (teknis), then 15 (leadership), then 13.75 (seminar)
    assert [m.kode for m in r.langkah] == ["diklat_teknis", "diklat_kepemimpinan", "seminar_workshop_magang_kursus"]
    assert all(kata(m.keterangan) for m in r.langkah)


def test_empty_group():
    r = rekap([], RULES, target=75)
    assert r.jumlah == 0 and r.rata_rata == 0 and r.terlemah is None and r.langkah == () and r.kategori is None


def test_what_if_a_plan_is_done():
    b = pegawai("pelaksana", "S1", pelatihan_teknis=(8, 1))
    after = selesai_pelatihan(b, {"pelatihan_teknis": 12}, date(2026, 6, 1))
    assert skor(after, RULES).kompetensi.skor == 22.5 and skor(b, RULES).kompetensi.skor == 0


def test_a_plans_projection_by_hand():
    # b: pelaksana with 8 JP technical; c: administrator without leadership training; a: untouched.
    a = pegawai("pelaksana", "S1", nip="1", pelatihan_teknis=(20, 1), seminar=(1, 1))  # kompetensi 40
    b = pegawai("pelaksana", "S1", nip="2", pelatihan_teknis=(8, 1))  # 0 -> 22.5 with 12 JP more
    c = pegawai("administrator", "S2", nip="3", pelatihan_teknis=(20, 1))  # 15 -> 30 with a PKA
    plan = {"2": {"bimtek": 12}, "3": {"pelatihan_struktural_kepemimpinan": 40, "coaching": 4}}
    got = proyeksi([a, b, c], plan, date(2026, 6, 1), RULES)
    assert (got.kompetensi_sebelum, got.kompetensi_sesudah, got.orang_naik) == (18.33, 30.83, 2)
    # totals 85, 45, 65 -> 85, 67.5, 80
    assert (got.ipasn_sebelum, got.ipasn_sesudah) == (65, 77.5)
    assert "2" in kata(got.keterangan)
    short = proyeksi([b], {"2": {"bimtek": 11}}, date(2026, 6, 1), RULES)  # 19 JP: all or nothing
    assert short.orang_naik == 0 and short.kompetensi_sesudah == 0
