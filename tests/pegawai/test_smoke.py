from tests.factories import make_jabatan, make_pegawai, make_unit


async def test_create_and_read_back(client):
    opd = await make_unit(client, nama="Dinas Kesehatan")
    jab = await make_jabatan(client, opd["id"])
    p = await make_pegawai(client, jab["id"])
    r = await client.get(f"/api/v1/pegawai/{p['nip']}")
    assert r.status_code == 200
    assert r.json()["jabatan_nama"] == "Analis Kebijakan"
    assert r.headers["etag"] == '"1"'
