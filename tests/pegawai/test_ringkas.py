"""The compact reads of placement: GET /pegawai/ringkas and /jabatan/ringkas."""

from tests.conftest import auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.problem import assert_problem


async def test_compact_rows_of_people_and_positions_within_reach(pegawai_client):
    root = await make_unit(pegawai_client, jenis="instansi")
    a = await make_unit(pegawai_client, parent_id=root["id"], jenis="opd")
    b = await make_unit(pegawai_client, parent_id=root["id"], jenis="opd")
    ja = await make_jabatan(pegawai_client, a["id"], kebutuhan=3, kelas_jabatan=8, rumpun="kesehatan")
    jb = await make_jabatan(pegawai_client, b["id"], kebutuhan=1)
    x = await make_pegawai(pegawai_client, ja["id"], nama="Xena", minat_jabatan_ids=[jb["id"]])
    await make_pegawai(pegawai_client, ja["id"], nama="Yuda", kedudukan="cltn")
    gone = await make_pegawai(pegawai_client, ja["id"], nama="Zaki", kedudukan="pensiun")
    f = await make_pegawai(pegawai_client, jb["id"], nama="Fajar")

    rows = (await pegawai_client.get("/api/v1/pegawai/ringkas", params={"unit_id": a["id"]})).json()
    assert sorted(r["nama"] for r in rows["items"]) == ["Xena", "Yuda"]
    assert gone["nip"] not in str(rows) and rows["total"] == 2  # ended employment is not placed
    xena = next(r for r in rows["items"] if r["nip"] == x["nip"])
    assert xena == {
        "nip": x["nip"],
        "nama": "Xena",
        "jabatan_id": ja["id"],
        "jabatan_nama": ja["nama"],
        "kelas_jabatan": 8,
        "rumpun": "kesehatan",
        "unit_id": a["id"],
        "unit_nama": a["nama"],
        "pendidikan_tingkat": "S1",
        "golongan": "III/b",
        "kedudukan": "aktif",
        "status_kepegawaian": "PNS",
        "minat_jabatan_ids": [jb["id"]],
    }
    assert [r["nip"] for r in rows["items"]] == sorted(r["nip"] for r in rows["items"])
    with_groups = (await pegawai_client.get("/api/v1/pegawai/ringkas", params={"kelompok": "true", "limit": 1})).json()
    assert {"jenis_kelamin", "tanggal_lahir"} <= set(with_groups["items"][0]) and len(with_groups["items"]) == 1
    assert "jenis_kelamin" not in xena

    opd = auth("admin_opd", opd=b["id"])
    mine = (await pegawai_client.get("/api/v1/pegawai/ringkas", headers=opd)).json()
    assert [r["nip"] for r in mine["items"]] == [f["nip"]]
    assert_problem(await pegawai_client.get("/api/v1/pegawai/ringkas", params={"unit_id": a["id"]}, headers=opd), 404)
    me = (await pegawai_client.get("/api/v1/pegawai/ringkas", headers=auth("pegawai", nip=f["nip"]))).json()
    assert [r["nip"] for r in me["items"]] == [f["nip"]]
    assert_problem(await pegawai_client.get("/api/v1/pegawai/ringkas", params={"limit": 10001}), 422)

    positions = (await pegawai_client.get("/api/v1/jabatan/ringkas", params={"unit_id": a["id"]})).json()
    [row] = positions["items"]
    assert (row["id"], row["kebutuhan"], row["bezetting"], row["kelas_jabatan"]) == (ja["id"], 3, 2, 8)
    assert (row["syarat_pendidikan_min"], row["syarat_golongan_min"]) == ("S1", "III/a")
    kebutuhan = (await pegawai_client.get("/api/v1/kebutuhan/jabatan", params={"unit_id": a["id"]})).json()
    assert kebutuhan["items"][0]["bezetting"] == row["bezetting"]  # pegawai's own count
    theirs = (await pegawai_client.get("/api/v1/jabatan/ringkas", headers=opd)).json()
    assert [r["id"] for r in theirs["items"]] == [jb["id"]]
    own = (await pegawai_client.get("/api/v1/jabatan/ringkas", headers=auth("pegawai", nip=f["nip"]))).json()
    assert [r["id"] for r in own["items"]] == [jb["id"]]
