"""The demo standards and assessments load and make sense through the API."""

from collections import Counter
from typing import Any

import pytest_asyncio

from devtools.dataset import demo, demo_nip
from kompetensi.demo import insert_dataset as load_kompetensi
from pegawai.demo import insert_dataset as load_pegawai


@pytest_asyncio.fixture
async def loaded(pegawai_db, kompetensi_db) -> tuple[Any, dict[str, int]]:
    """The demo Pemda loaded in both services, as `make run` does, and the kompetensi row counts."""
    data = demo()
    await load_pegawai(pegawai_db.conn, data)
    return data, await load_kompetensi(kompetensi_db.conn, data)


async def test_demo_gives_every_position_a_standard_and_a_realistic_spread(kompetensi_client, loaded):
    data, counts = loaded
    assert counts["asesmen"] > len(data.pegawai) * 5
    ids = [str(j.id) for j in data.jabatan]
    standards = (await kompetensi_client.post("/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": ids})).json()
    assert all(s["items"] for s in standards)
    kinds = [Counter(i["jenis"] for i in s["items"]) for s in standards]
    assert all(k["manajerial"] == 8 and k["sosial_kultural"] == 1 and 2 <= k["teknis"] <= 4 for k in kinds)
    position = next(j for j in data.jabatan if sum(1 for p in data.pegawai if p.jabatan_id == j.id) >= 3)
    nips = [p.nip for p in data.pegawai if p.jabatan_id == position.id]
    jpm = (
        await kompetensi_client.post(f"/api/v1/jpm/jabatan/{position.id}", json={"nips": nips, "rinci": False})
    ).json()["items"]
    assert len(jpm) == len(nips) and all(0 <= i["jpm"] <= 100 for i in jpm)
    profile = (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{demo_nip()}")).json()
    assert profile["items"]
    everyone = (
        await kompetensi_client.post("/api/v1/profil-kompetensi/bulk", json={"nips": [p.nip for p in data.pegawai]})
    ).json()["items"]
    stale = sum(1 for p in everyone for i in p["items"] if i["kedaluwarsa"])
    total = sum(len(p["items"]) for p in everyone)
    assert 0 < stale < total * 0.2, "a few, not most, are stale"


async def test_demo_employees_mostly_meet_their_standard_and_some_fall_clearly_short(kompetensi_client, loaded):
    data, _ = loaded
    serving = [p for p in data.pegawai if p.kedudukan == "aktif" and p.jabatan_id]
    positions = sorted({str(p.jabatan_id) for p in serving})
    standards = (
        await kompetensi_client.post("/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": positions})
    ).json()
    required = {s["jabatan_id"]: {i["kompetensi_kode"]: i["level"] for i in s["items"]} for s in standards}
    profiles = (
        await kompetensi_client.post("/api/v1/profil-kompetensi/bulk", json={"nips": [p.nip for p in serving]})
    ).json()["items"]
    held = {p["nip"]: {i["kompetensi_kode"]: i["level"] for i in p["items"]} for p in profiles}
    met_share, big_gaps = [], 0
    for p in serving:
        standard, levels = required[str(p.jabatan_id)], held[p.nip]
        met_share.append(
            sum(levels.get(k, 0) >= lv for k, lv in standard.items()) / len(standard)
        )  # never assessed = 0
        big_gaps += any(k in levels and lv - levels[k] >= 2 for k, lv in standard.items())
    n = len(met_share)
    assert n > 200
    assert sum(s >= 0.7 for s in met_share) >= 0.7 * n, "most employees meet most of their standard's levels"
    short = sum(s < 0.5 for s in met_share)
    assert 3 <= short <= 0.25 * n, f"some, not many, fall short in half of their standard or more ({short} of {n})"
    assert big_gaps >= 3, "some are two or more levels below a requirement"
