"""The compact reads of placement: GET /pegawai/ringkas and /jabatan/ringkas."""

import uuid

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
    # A range taken from a position out of the caller's reach: not found, as the position itself.
    foreign = await pegawai_client.get("/api/v1/pegawai/ringkas", params={"jabatan_acuan": ja["id"]}, headers=opd)
    assert_problem(foreign, 404)
    mine = await pegawai_client.get("/api/v1/pegawai/ringkas", params={"jabatan_acuan": jb["id"]}, headers=opd)
    assert [r["nama"] for r in mine.json()["items"]] == ["Fajar"]


async def test_compact_rows_narrowed_to_a_kelas_range_and_rumpun(pegawai_client):
    """The people a placement mode could accept: holders of positions in the kelas range (both ends
    included) and of the rumpun; someone without a position matches no range."""
    root = await make_unit(pegawai_client, jenis="instansi")
    j6 = await make_jabatan(pegawai_client, root["id"], kelas_jabatan=6, rumpun="kesehatan")
    j7 = await make_jabatan(pegawai_client, root["id"], kelas_jabatan=7, rumpun="kesehatan")
    j7a = await make_jabatan(pegawai_client, root["id"], kelas_jabatan=7, rumpun="administrasi")
    j9 = await make_jabatan(pegawai_client, root["id"], kelas_jabatan=9, rumpun="kesehatan")
    nip = {
        name: (await make_pegawai(pegawai_client, j["id"], nama=name))["nip"]
        for name, j in (("Enam", j6), ("Tujuh", j7), ("Admin", j7a), ("Sembilan", j9))
    }
    nip["Tanpa"] = (await make_pegawai(pegawai_client, nama="Tanpa", unit_id=root["id"]))["nip"]
    by_nip = {v: k for k, v in nip.items()}

    async def names(**params: object) -> list[str]:
        r = await pegawai_client.get("/api/v1/pegawai/ringkas", params={"unit_id": root["id"], **params})
        assert r.status_code == 200, r.text
        assert r.json()["total"] == len(r.json()["items"])
        return sorted(by_nip[i["nip"]] for i in r.json()["items"])

    assert await names(kelas_min=7, kelas_maks=7) == ["Admin", "Tujuh"]
    assert await names(kelas_min=6, kelas_maks=8, rumpun="kesehatan") == ["Enam", "Tujuh"]
    assert await names(kelas_min=7) == ["Admin", "Sembilan", "Tujuh"]
    assert await names(kelas_maks=6) == ["Enam"]
    assert await names(rumpun="administrasi") == ["Admin"]
    assert await names() == sorted(nip)
    # The range of a position, read in the same request: the same rows as its bounds by name.
    assert await names(jabatan_acuan=j7["id"]) == await names(kelas_min=7, kelas_maks=7)
    assert await names(jabatan_acuan=j9["id"], kelas_turun=2, rumpun_acuan="true") == ["Sembilan", "Tujuh"]
    assert await names(jabatan_acuan=j7["id"], kelas_turun=1, rumpun_acuan="true") == ["Enam", "Tujuh"]
    assert await names(jabatan_acuan=j7["id"], kelas_turun=1) == ["Admin", "Enam", "Tujuh"]
    assert await names(jabatan_acuan=j9["id"], kelas_turun=3, kelas_maks=7) == ["Admin", "Enam", "Tujuh"]
    for bad in ({"kelas_min": 0}, {"kelas_maks": 18}, {"rumpun": ""}, {"kelas_turun": -1}):
        assert_problem(await pegawai_client.get("/api/v1/pegawai/ringkas", params=bad), 422)
    out = await pegawai_client.get("/api/v1/pegawai/ringkas", params={"jabatan_acuan": str(uuid.uuid4())})
    assert_problem(out, 404)
