"""The demo awards and sanctions load and make sense through the API."""

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest_asyncio

from devtools.dataset import demo
from kinerja.demo import insert_dataset as load_kinerja
from pegawai.demo import insert_dataset as load_pegawai


@pytest_asyncio.fixture
async def loaded(pegawai_db, kinerja_db) -> tuple[Any, dict[str, int]]:
    data = demo()
    await load_pegawai(pegawai_db.conn, data)
    return data, await load_kinerja(kinerja_db.conn, data)


async def test_demo_awards_follow_years_of_service_and_a_few_are_public(kinerja_client, loaded):
    data, counts = loaded
    awards = (await kinerja_client.get("/api/v1/penghargaan", params={"limit": 500})).json()["items"]
    assert len(awards) == counts["penghargaan"] > 20
    kinds = Counter(a["jenis"] for a in awards)
    assert kinds["slks_x"] > kinds["slks_xx"] > 0 and kinds["asn_teladan"] == 3
    pns = {p.nip for p in data.pegawai if p.status_kepegawaian == "PNS"}
    for a in awards:
        if a["jenis"].startswith("slks"):
            years = {"slks_x": 10, "slks_xx": 20, "slks_xxx": 30}[a["jenis"]]
            assert a["nip"] in pns and int(a["tanggal"][:4]) - int(a["nip"][8:12]) == years
    public = (await kinerja_client.get("/api/v1/publik/penghargaan")).json()
    assert public["total"] == 3 and all(p["penghargaan"] == "ASN Teladan / ASN Berprestasi" for p in public["items"])


async def test_demo_sanctions_are_few_mostly_light_and_one_is_announced(kinerja_client, loaded):
    data, counts = loaded
    sanctions = (await kinerja_client.get("/api/v1/hukuman-disiplin", params={"limit": 500})).json()["items"]
    assert 0 < len(sanctions) == counts["hukuman_disiplin"] <= len(data.pegawai) // 20
    assert [s["jenis"] for s in sanctions].count("B1") == 1
    running = [s for s in sanctions if s["tanggal_selesai"] is None or s["tanggal_selesai"] >= date.today().isoformat()]
    announced = (await kinerja_client.get("/api/v1/hukuman-disiplin/pengumuman")).json()["total"]
    assert announced == sum(1 for s in running if s["diumumkan_internal"]) <= 1


async def test_demo_skps_spread_like_a_pemdas_and_feed_the_bulk_predikat(kinerja_client, loaded):
    data, counts = loaded
    serving = [p.nip for p in data.pegawai if p.kedudukan == "aktif" and p.jabatan_id]
    r = await kinerja_client.post("/api/v1/predikat-kinerja/bulk", json={"nips": serving, "tahun_terakhir": 3})
    latest = [i["terakhir"]["predikat"] for i in r.json()["items"] if i["terakhir"]]
    assert len(latest) > len(serving) * 0.9
    spread = Counter(latest)
    assert spread["baik"] > len(latest) / 2 and 0 < spread["sangat_baik"] < spread["baik"]
    assert 0 < spread["butuh_perbaikan"] + spread["kurang"] + spread["sangat_kurang"] < len(latest) / 4
    years = {h["tahun"] for i in r.json()["items"] for h in i["riwayat"]}
    assert years == {date.today().year - 2, date.today().year - 1}
    drafts = await kinerja_client.get("/api/v1/skp", params={"tahun": date.today().year, "status": "draft"})
    assert drafts.json()["total"] > 0 and counts["skp"] > len(serving)


async def test_demo_skps_of_past_years_have_their_quarterly_evaluations_rated_as_their_year(kinerja_client, loaded):
    _, counts = loaded
    past = (await kinerja_client.get("/api/v1/skp", params={"tahun": date.today().year - 1, "limit": 1})).json()
    assert counts["evaluasi_periodik"] == 2 * 4 * past["total"]  # two past years alike, four quarters each
    skp = past["items"][0]
    r = await kinerja_client.get(f"/api/v1/skp/{skp['id']}/evaluasi")
    assert r.status_code == 200, r.text
    periodic = r.json()["items"]
    assert [e["ke"] for e in periodic] == [1, 2, 3, 4]
    assert {e["predikat"] for e in periodic} == {skp["predikat"]}
    assert all(len(e["hasil_kerja"]) == len(skp["rencana"]) and len(e["perilaku"]) == 7 for e in periodic)
    assert periodic[0]["selesai"] < periodic[0]["dinilai_pada"][:10]  # rated after its quarter ended
    # Every past SKP is final: nothing is due.
    due = await kinerja_client.get("/api/v1/skp/evaluasi-jatuh-tempo", params={"tahun": date.today().year - 1})
    assert due.json()["total"] == 0


async def test_demo_activity_is_last_week_of_each_serving_employee_with_a_position(kinerja_client, loaded):
    data, counts = loaded
    holders = {p.nip for p in data.pegawai if p.kedudukan == "aktif" and p.jabatan_id}
    assert counts["aktivitas_harian"] == 20 * len(holders)  # four entries a day, Monday to Friday
    nip = sorted(holders)[0]
    week = await kinerja_client.get(
        f"/api/v1/aktivitas/ringkasan/pegawai/{nip}",
        params={"periode": "minggu", "tanggal": (date.today() - timedelta(days=7)).isoformat()},
    )
    assert week.status_code == 200, week.text
    summary = week.json()
    # 90 + 150 + 120 + 90 minutes a day, five days; every entry serves a task of the position.
    assert summary["jumlah_entri"] == 20 and summary["menit_efektif"] == 5 * 450
    assert summary["persen_tugas_jabatan"] == 100.0
