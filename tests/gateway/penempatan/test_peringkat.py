"""Candidates for one position: eligible first, then by the criteria of the rule file, with the
explanation; protected attributes cannot reach the order."""

import dataclasses
import random
from datetime import date

from devtools.penempatan_acak import instance
from gateway.penempatan.model import FIELDS_READ, Jabatan, Pegawai, pegawai_dari_rekaman
from gateway.penempatan.peringkat import peringkat, undian
from shared.rules import load_penempatan

TAHUN = 2025
PROTECTED = {
    "jenis_kelamin",
    "tanggal_lahir",
    "tempat_lahir",
    "agama",
    "status_perkawinan",
    "suku",
    "asal_daerah",
    "disabilitas",
    "afiliasi_politik",
}
POS = Jabatan("j-target", 9, "kesehatan", "u-2", "opd", 1, 0, "S1", None, {"INT": 3, "KER": 3, "TEK": 4})


def person(nip: str, levels: dict[str, int], predikat: dict[int, str] | None = None, **kw) -> Pegawai:
    base = dict(
        nip=nip,
        jabatan_id="j-lama",
        kelas_jabatan=9,
        rumpun="kesehatan",
        unit_id="u-1",
        opd_id="opd",
        pendidikan="S1",
        golongan="III/b",
        kedudukan="aktif",
        predikat=predikat if predikat is not None else {2025: "baik", 2024: "baik"},
        kompetensi=levels,
    )
    return Pegawai(**(base | kw))


def test_eligible_first_then_jpm_then_latest_predikat_then_career_interest_then_the_draw():
    full = {"INT": 3, "KER": 3, "TEK": 4}
    people = [
        person("1", {"INT": 3, "KER": 3, "TEK": 4}, pendidikan="SMA"),  # 100 but not eligible
        person("2", {"INT": 3, "KER": 3, "TEK": 2}),  # 80
        person("3", full, {2025: "baik"}),  # 100, baik
        person("4", full, {2025: "sangat_baik"}),  # 100, sangat baik
        person("5", {"INT": 3, "KER": 3, "TEK": 2}, minat_jabatan_ids=frozenset({"j-target"})),  # 80, interested
        person("6", {"INT": 3, "KER": 3, "TEK": 2}),  # 80: tie with 2, broken by the draw
    ]
    got = peringkat(POS, people, "penempatan_kembali", TAHUN)
    order = [k.nip for k in got.kandidat]
    tie = sorted(["2", "6"], key=lambda n: undian("j-target", n))
    assert order == ["4", "3", "5", *tie, "1"]
    assert [k.urutan for k in got.kandidat] == [1, 2, 3, 4, 5, 6]
    assert [k.kode for k in got.kriteria] == [k.kode for k in load_penempatan().kriteria]
    first = got.kandidat[0]
    assert (
        first.layak and first.jpm == 100.0 and first.kategori == "optimal" and first.predikat_terakhir == "sangat_baik"
    )
    assert dict(first.nilai)["jpm"] == 100.0 and list(dict(first.nilai)) == [k.kode for k in got.kriteria]
    last = got.kandidat[-1]
    assert not last.layak and [a.kode for a in last.alasan] == ["pendidikan"]


def test_the_input_of_the_ranking_carries_no_protected_attribute():
    fields = {f.name for f in dataclasses.fields(Pegawai)}
    assert not fields & PROTECTED
    assert not set(FIELDS_READ) & PROTECTED


def test_shuffling_protected_attributes_in_the_source_records_leaves_the_ranking_unchanged():
    people, positions = instance(3, 300, 40, tahun=TAHUN)
    target = positions[5]
    rng = random.Random(1)
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

    def ranking(rows):
        built = [
            pegawai_dari_rekaman(r, kompetensi=p.kompetensi, predikat=p.predikat, hukdis_aktif=p.hukdis_aktif)
            for r, p in rows
        ]
        return [(k.nip, k.urutan, k.layak, k.jpm) for k in peringkat(target, built, "promosi", TAHUN).kandidat]

    before = ranking(records)
    for key in PROTECTED & set(records[0][0]):
        values = [r[key] for r, _ in records]
        rng.shuffle(values)
        for (r, _), v in zip(records, values, strict=True):
            r[key] = v
    assert ranking(records) == before
    assert ranking(list(reversed(records))) == before  # nor does the order they come in


def test_the_draw_does_not_follow_the_nip_that_is_the_birth_date():
    # Equal candidates: NIP order would put the oldest first every time; the draw does not.
    nips = [f"{1965 + i}0101{2000 + i}011001" for i in range(30)]
    people = [person(n, {"INT": 3, "KER": 3, "TEK": 4}) for n in nips]
    order = [k.nip for k in peringkat(POS, people, "penempatan_kembali", TAHUN).kandidat]
    assert order != sorted(nips) and order != sorted(nips, reverse=True)
    assert order == [k.nip for k in peringkat(POS, list(reversed(people)), "penempatan_kembali", TAHUN).kandidat]
