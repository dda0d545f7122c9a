"""The successors of key positions (gateway/talenta/suksesi.py), without a service: only the
succession boxes, ranked by JPM against the position, readiness at its edges, the holder left out,
ties drawn without the NIP, and protected attributes unable to reach the answer."""

from __future__ import annotations

import random
from datetime import date

from devtools.penempatan_acak import instance
from gateway.penempatan.model import Jabatan, Pegawai, pegawai_dari_rekaman
from gateway.penempatan.peringkat import undian
from gateway.talenta.kotak import petakan
from gateway.talenta.suksesi import Calon, suksesi
from tests.gateway.penempatan.test_peringkat import PROTECTED

STANDAR = {f"K{i:02d}": 5 for i in range(20)}  # 100 levels: JPM = levels held
POS = Jabatan("j-kunci", 12, "umum", "u-1", "opd", 1, 1, "S1", "III/c", STANDAR)


def person(nip: str, held: int, **kw: object) -> Pegawai:
    levels: dict[str, int] = {}
    left = held
    for code in STANDAR:
        levels[code] = min(5, left)
        left -= levels[code]
    base: dict[str, object] = dict(
        nip=nip,
        jabatan_id="j-lain",
        kelas_jabatan=10,
        rumpun="umum",
        unit_id="u-2",
        opd_id="opd",
        pendidikan="S1",
        golongan="III/c",
        kedudukan="aktif",
        predikat={2025: "sangat_baik"},
        kompetensi={k: v for k, v in levels.items() if v},
    )
    return Pegawai(**(base | kw))  # type: ignore[arg-type]  # test values of every field type


def one(calon: list[Calon], limit: int = 20, pos: Jabatan = POS):
    return suksesi([pos], calon, limit)[0]


def test_ranked_by_jpm_with_readiness_at_the_band_edges():
    calon = [
        Calon(person("a", 78), 9),  # cukup optimal at its edge: in one or two years
        Calon(person("b", 100), 7),
        Calon(person("c", 90), 8),  # optimal at its edge: ready now
        Calon(person("d", 89), 9),  # just below: in one or two years
        Calon(person("e", 77), 9),  # below the middle band: not a successor
    ]
    got = one(calon)
    rows = [(s.nip, s.jpm, s.band, s.kesiapan, s.urutan) for s in got.suksesor]
    assert rows == [
        ("b", 100.0, "optimal", "siap_sekarang", 1),
        ("c", 90.0, "optimal", "siap_sekarang", 2),
        ("d", 89.0, "cukup_optimal", "siap_1_2_tahun", 3),
        ("a", 78.0, "cukup_optimal", "siap_1_2_tahun", 4),
    ]
    assert (got.jumlah, got.siap_sekarang, got.tanpa_siap_sekarang, got.tanpa_standar) == (4, 2, False, False)
    d = got.suksesor[2]
    assert [(k.kode, k.params()) for k in d.kurang] == [("jpm", {"band": "cukup_optimal", "band_siap": "optimal"})]
    assert got.suksesor[0].kurang == ()
    gaps = {g.kompetensi_kode: (g.dibutuhkan, g.dimiliki, g.gap) for g in got.suksesor[3].rincian}
    assert gaps["K00"] == (5, 5, 0) and gaps["K15"] == (5, 3, -2) and gaps["K16"] == (5, None, -5)


def test_golongan_one_step_short_waits_two_steps_or_education_short_is_not_listed():
    calon = [
        Calon(person("satu", 100, golongan="III/b"), 9),  # one step below III/c
        Calon(person("dua", 100, golongan="III/a"), 9),  # two steps
        Calon(person("sma", 100, pendidikan="SMA"), 9),  # below S1
        Calon(person("pppk", 100, golongan="IX"), 9),  # a PPPK grade does not compare with III/c
        Calon(person("keduanya", 80, golongan="III/b"), 9),  # middle band and one step short
    ]
    got = one(calon)
    assert [(s.nip, s.kesiapan) for s in got.suksesor] == [("satu", "siap_1_2_tahun"), ("keduanya", "siap_1_2_tahun")]
    assert [k.kode for k in got.suksesor[0].kurang] == ["golongan"]
    assert [k.kode for k in got.suksesor[1].kurang] == ["golongan", "jpm"]
    assert got.tanpa_siap_sekarang


def test_only_the_succession_boxes_and_never_the_holder():
    calon = [
        Calon(person("holder", 100, jabatan_id="j-kunci"), 9),
        *(Calon(person(f"box{n}", 100), n) for n in range(1, 10)),
    ]
    got = one(calon)
    assert sorted(s.nip for s in got.suksesor) == ["box7", "box8", "box9"]
    # Equal JPM and readiness: the higher box first.
    assert [s.nip for s in got.suksesor] == ["box9", "box8", "box7"]


def test_the_limit_keeps_the_first_and_counts_them_all():
    calon = [Calon(person(f"p{n:02d}", 80 + n), 9) for n in range(20)]
    got = one(calon, limit=5)
    assert [s.nip for s in got.suksesor] == ["p19", "p18", "p17", "p16", "p15"]
    assert (got.jumlah, got.siap_sekarang) == (20, 10)  # 90..99 are ready now


def test_a_position_without_a_standard_lists_nobody_and_is_flagged():
    got = one([Calon(person("a", 100), 9)], pos=Jabatan("j-x", 12, "umum", "u-1", "opd", 1, 1))
    assert got.tanpa_standar and got.suksesor == () and got.tanpa_siap_sekarang


def test_ties_are_drawn_without_following_the_nip_that_is_the_birth_date():
    nips = [f"{1965 + i}0101{2000 + i}011001" for i in range(30)]
    calon = [Calon(person(n, 95), 9) for n in nips]
    order = [s.nip for s in one(calon, limit=30).suksesor]
    assert order == sorted(nips, key=lambda n: undian("j-kunci", n))
    assert order != sorted(nips) and order != sorted(nips, reverse=True)
    assert order == [s.nip for s in one(list(reversed(calon)), limit=30).suksesor]


def test_shuffling_protected_attributes_in_the_source_records_leaves_the_map_and_successors_unchanged():
    people, positions = instance(4, 300, 40, tahun=2025)
    today = date(2026, 3, 1)
    rng = random.Random(7)
    records = []
    for p in people:
        record = {
            "nip": p.nip,
            "jabatan_id": p.jabatan_id,
            "kelas_jabatan": p.kelas_jabatan,
            "rumpun": p.rumpun,
            "unit_id": p.unit_id,
            "pendidikan_tingkat": p.pendidikan,
            "golongan": p.golongan,
            "kedudukan": p.kedudukan,
            "minat_jabatan_ids": sorted(p.minat_jabatan_ids),
            "jenis_kelamin": rng.choice("LP"),
            "tanggal_lahir": date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28)),
            "tempat_lahir": rng.choice(["Bandung", "Medan", "Kupang"]),
            "agama": rng.choice(["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu"]),
            "status_perkawinan": rng.choice(["kawin", "belum_kawin", "cerai"]),
            "disabilitas": rng.random() < 0.05,
            "afiliasi_politik": rng.choice([None, "partai_a"]),
        }
        records.append((record, p))
    by_id = {j.id: j for j in positions}

    def answer(rows):
        built = [
            pegawai_dari_rekaman(r, kompetensi=p.kompetensi, predikat=p.predikat, hukdis_aktif=False) for r, p in rows
        ]
        peta = [petakan(p, by_id.get(p.jabatan_id or ""), date(2025, 1, 1), 2025, today) for p in built]
        boxes = sorted((m.nip, m.kotak.nomor if m.kotak else None) for m in peta)
        calon = [Calon(p, m.kotak.nomor) for p, m in zip(built, peta, strict=True) if m.kotak]
        succ = [[(s.nip, s.urutan, s.kesiapan, s.jpm) for s in x.suksesor] for x in suksesi(positions[:10], calon, 10)]
        return boxes, succ

    before = answer(records)
    assert any(row for row in before[1])  # some position has successors: the test compares something
    for key in PROTECTED & set(records[0][0]):
        values = [r[key] for r, _ in records]
        rng.shuffle(values)
        for (r, _), v in zip(records, values, strict=True):
            r[key] = v
    assert answer(records) == before
    assert answer(list(reversed(records))) == before
