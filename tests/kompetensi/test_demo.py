"""The demo standards and assessments load and make sense through the API."""

from collections import Counter

from devtools.dataset import demo, demo_nip
from kompetensi.demo import insert_dataset as load_kompetensi
from pegawai.demo import insert_dataset as load_pegawai


async def test_demo_gives_every_position_a_standard_and_a_realistic_spread(kom, pegawai_db, kompetensi_db):
    data = demo()
    await load_pegawai(pegawai_db.conn, data)
    counts = await load_kompetensi(kompetensi_db.conn, data)
    assert counts["asesmen"] > len(data.pegawai) * 5
    ids = [str(j.id) for j in data.jabatan]
    standards = (await kom.post("/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": ids})).json()
    assert all(s["items"] for s in standards)
    kinds = [Counter(i["jenis"] for i in s["items"]) for s in standards]
    assert all(k["manajerial"] == 8 and k["sosial_kultural"] == 1 and 2 <= k["teknis"] <= 4 for k in kinds)
    position = next(j for j in data.jabatan if sum(1 for p in data.pegawai if p.jabatan_id == j.id) >= 3)
    nips = [p.nip for p in data.pegawai if p.jabatan_id == position.id]
    jpm = (await kom.post(f"/api/v1/jpm/jabatan/{position.id}", json={"nips": nips, "rinci": False})).json()["items"]
    assert len(jpm) == len(nips) and all(0 <= i["jpm"] <= 100 for i in jpm)
    profile = (await kom.get(f"/api/v1/profil-kompetensi/{demo_nip()}")).json()
    assert profile["items"]
    everyone = (await kom.post("/api/v1/profil-kompetensi/bulk", json={"nips": [p.nip for p in data.pegawai]})).json()["items"]
    stale = sum(1 for p in everyone for i in p["items"] if i["kedaluwarsa"])
    total = sum(len(p["items"]) for p in everyone)
    assert 0 < stale < total * 0.2, "a few, not most, are stale"
