"""The demo Pemda loads into the real schema and is usable through the API."""

from devtools.dataset import DEMO_OPD_ID, demo, demo_nip
from pegawai.demo import insert_dataset
from tests.conftest import auth


async def test_demo_data_is_usable_through_the_api(pegawai_client, pegawai_db):
    data = demo()
    counts = await insert_dataset(pegawai_db.conn, data)
    assert counts["pegawai"] == len(data.pegawai)
    listed = await pegawai_client.get("/api/v1/pegawai", params={"limit": 5})
    assert listed.json()["total"] == len(data.pegawai)
    one = (await pegawai_client.get(f"/api/v1/pegawai/{demo_nip()}")).json()
    assert one["jabatan_nama"] and one["unit_nama"] and one["golongan"]
    scoped = await pegawai_client.get(
        "/api/v1/pegawai", params={"limit": 1000}, headers=auth("admin_opd", opd=DEMO_OPD_ID)
    )
    assert demo_nip() in {p["nip"] for p in scoped.json()["items"]}
    assert 0 < scoped.json()["total"] < len(data.pegawai)
    name = data.pegawai[0].nama.split()[-1]
    found = await pegawai_client.get("/api/v1/pegawai", params={"q": name[:-1] + "x"})
    assert found.json()["total"] >= 1
    short = await pegawai_client.get("/api/v1/kebutuhan/jabatan", params={"status": "kurang"})
    assert short.json()["total"] > 0
    history = await pegawai_client.get(f"/api/v1/pegawai/{demo_nip()}/riwayat-jabatan")
    assert history.json()[0]["tmt_selesai"] is None
