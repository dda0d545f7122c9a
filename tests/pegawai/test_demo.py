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


async def test_demo_positions_have_reporting_lines_so_almost_everyone_has_a_supervisor(pegawai_client, pegawai_db):
    data = demo()
    await insert_dataset(pegawai_db.conn, data)
    serving = [p.nip for p in data.pegawai if p.kedudukan == "aktif" and p.jabatan_id]
    answer = (await pegawai_client.post("/api/v1/pegawai/atasan", json={"nips": serving})).json()
    supervised = {i["nip"]: i["atasan_nip"] for i in answer["items"] if i["atasan_nip"]}
    heads = {j.id for j in data.jabatan if j.atasan_jabatan_id is None}  # the kepala dinas report to no one
    assert {p.nip for p in data.pegawai if p.nip in serving and p.jabatan_id not in heads} <= set(supervised) | {
        p.nip for p in data.pegawai if p.nip in serving and _alone_at_the_top(data, p)
    }
    assert len(supervised) > len(serving) * 0.9
    assert all(boss != nip for nip, boss in supervised.items())


def _alone_at_the_top(data, p) -> bool:
    """A holder whose whole chain upwards is empty has no supervisor (a vacant kepala dinas)."""
    by_id = {j.id: j for j in data.jabatan}
    held = {q.jabatan_id for q in data.pegawai if q.kedudukan == "aktif" and q.nip != p.nip}
    up = by_id[p.jabatan_id].atasan_jabatan_id
    while up is not None:
        if up in held:
            return False
        up = by_id[up].atasan_jabatan_id
    return True
