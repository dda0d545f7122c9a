"""The generated Pemda dataset: deterministic by seed, valid by the rules, uneven like a real one."""

from collections import Counter

from devtools.dataset import DEMO_OPD_ID, demo, demo_nip, generate
from shared.nip import parse_nip
from shared.rules import load_golongan, load_jabatan


def test_same_seed_same_pemda_and_requested_sizes():
    a, b = generate(11, 5, 50, 200), generate(11, 5, 50, 200)
    assert [p.nip for p in a.pegawai] == [p.nip for p in b.pegawai]
    assert [j.id for j in a.jabatan] == [j.id for j in b.jabatan]
    assert len(a.opds()) == 5 and len(a.jabatan) == 50 and len(a.pegawai) == 200
    assert generate(12, 5, 50, 200).pegawai[0].nip != a.pegawai[0].nip


def test_every_employee_is_valid_by_the_rules():
    data = demo()
    nips = [p.nip for p in data.pegawai]
    assert len(set(nips)) == len(nips)
    gol, kinds = load_golongan(), load_jabatan().kinds
    for p in data.pegawai:
        nip = parse_nip(p.nip)
        assert nip.tanggal_lahir == p.tanggal_lahir and nip.jenis_kelamin.value == p.jenis_kelamin
        assert gol.get(p.golongan).scheme == ("pppk" if p.status_kepegawaian == "PPPK" else "pns")
    for j in data.jabatan:
        assert j.jenis in kinds and 1 <= j.kelas_jabatan <= 17


def test_staffing_is_uneven_and_some_retire_soon():
    data = demo()
    held = Counter(p.jabatan_id for p in data.pegawai)
    assert any(held[j.id] < j.kebutuhan for j in data.jabatan), "some positions are short"
    assert any(held[j.id] > j.kebutuhan for j in data.jabatan), "some positions are over"
    kinds = {j.id: j.jenis for j in data.jabatan}
    rules = load_jabatan()
    # Reaching the retirement age (BUP) by 2029 means retiring by early 2030 at the latest.
    soon = [p for p in data.pegawai if p.tanggal_lahir.year + rules.bup(kinds[p.jabatan_id]) <= 2029]
    assert len(soon) >= 10
    assert any(p.status_kepegawaian == "PPPK" for p in data.pegawai)


def test_demo_constants_point_into_the_demo():
    data = demo()
    assert DEMO_OPD_ID in {u.id for u in data.opds()}
    opd_positions = {j.id for j in data.jabatan if j.opd_id == DEMO_OPD_ID}
    assert any(p.nip == demo_nip() and p.jabatan_id in opd_positions for p in data.pegawai)
