"""Staffing needs and the retirement projection."""

from datetime import date

from shared.nip import JenisKelamin
from tests.conftest import auth
from tests.pegawai.factories import make_jabatan, make_pegawai, new_nip
from tests.problem import assert_problem


async def test_shortage_and_surplus_per_position(pegawai_client, org):
    # jab_a needs 2 and gets 3 (one forced); jab_b needs 3 and gets 1.
    for _ in range(2):
        await make_pegawai(pegawai_client, org["jab_a"]["id"])
    await make_pegawai(pegawai_client, org["jab_a"]["id"], paksa=True, alasan="tugas khusus")
    await make_pegawai(pegawai_client, org["jab_b"]["id"])
    r = await pegawai_client.get("/api/v1/kebutuhan/jabatan")
    rows = {j["jabatan_id"]: j for j in r.json()["items"]}
    assert (
        rows[org["jab_a"]["id"]]["bezetting"],
        rows[org["jab_a"]["id"]]["selisih"],
        rows[org["jab_a"]["id"]]["status"],
    ) == (3, 1, "lebih")
    assert (
        rows[org["jab_b"]["id"]]["bezetting"],
        rows[org["jab_b"]["id"]]["selisih"],
        rows[org["jab_b"]["id"]]["status"],
    ) == (1, -2, "kurang")
    only_short = await pegawai_client.get("/api/v1/kebutuhan/jabatan", params={"status": "kurang"})
    assert [j["jabatan_id"] for j in only_short.json()["items"]] == [org["jab_b"]["id"]]


async def test_rollup_per_unit_does_not_let_a_surplus_hide_a_shortage(pegawai_client, org):
    second = await make_jabatan(pegawai_client, org["bidang_a"]["id"], nama="Sanitarian", kebutuhan=2)
    for _ in range(3):
        await make_pegawai(pegawai_client, org["jab_a"]["id"], paksa=True, alasan="x")
    r = await pegawai_client.get("/api/v1/kebutuhan/unit")
    units = {u["unit_id"]: u for u in r.json()}
    opd_a = units[org["opd_a"]["id"]]
    assert (opd_a["jumlah_jabatan"], opd_a["kebutuhan"], opd_a["bezetting"]) == (2, 4, 3)
    assert (opd_a["kurang"], opd_a["lebih"], opd_a["selisih"]) == (2, 1, -1)
    assert units[org["bidang_a"]["id"]]["opd_id"] == org["opd_a"]["id"]
    root = units[org["instansi"]["id"]]
    assert root["jumlah_jabatan"] == 3 and root["kebutuhan"] == 7
    assert second["id"]
    scoped = await pegawai_client.get("/api/v1/kebutuhan/unit", headers=auth("admin_opd", opd=org["opd_b"]["id"]))
    assert {u["unit_id"] for u in scoped.json()} == {org["opd_b"]["id"], org["bidang_b"]["id"]}


async def test_tmt_pensiun_is_the_first_of_the_month_after_the_bup_birthday(pegawai_client, org):
    # BUP 58 (pelaksana): born 15 March 1967 -> 1 April 2025; born 5 December 1967 -> 1 January 2026.
    march = await make_pegawai(pegawai_client, org["jab_b"]["id"], nip=new_nip(date(1967, 3, 15), (1990, 3)))
    december = await make_pegawai(pegawai_client, org["jab_b"]["id"], nip=new_nip(date(1967, 12, 5), (1990, 3)))
    r = await pegawai_client.get("/api/v1/proyeksi-pensiun", params={"tahun": 3, "per_tanggal": "2024-06-30"})
    by_nip = {p["nip"]: p["tmt_pensiun"] for p in r.json()["pegawai"]}
    assert (by_nip[march["nip"]], by_nip[december["nip"]]) == ("2025-04-01", "2026-01-01")


async def test_retirement_projection_uses_the_bup_of_the_position_kind(pegawai_client, org):
    madya = await make_jabatan(
        pegawai_client,
        org["bidang_a"]["id"],
        nama="Dokter Ahli Madya",
        jenis="ahli_madya",
        kelas_jabatan=11,
        kebutuhan=1,
    )
    # Pelaksana (BUP 58) born 1968-05-20 -> 58 on 2026-05-20 -> TMT pensiun 2026-06-01.
    p58 = await make_pegawai(
        pegawai_client,
        org["jab_a"]["id"],
        nip=new_nip(date(1968, 5, 20), (1995, 3)),
        golongan="III/d",
        tmt_golongan="2015-04-01",
    )
    # Ahli madya (BUP 60) born 1968-05-20 -> TMT pensiun 2028-06-01.
    p60 = await make_pegawai(
        pegawai_client,
        madya["id"],
        nip=new_nip(date(1968, 5, 20), (1995, 3), JenisKelamin.PEREMPUAN),
        golongan="IV/a",
        tmt_golongan="2015-04-01",
    )
    # A guru exception (BUP 60) in a pelaksana post.
    guru = await make_pegawai(
        pegawai_client,
        org["jab_a"]["id"],
        nip=new_nip(date(1967, 1, 2), (1990, 3)),
        bup_khusus="guru",
        golongan="IV/a",
        tmt_golongan="2015-04-01",
    )
    young = await make_pegawai(pegawai_client, org["jab_b"]["id"], nip=new_nip(date(1995, 1, 1), (2017, 3)))
    r = await pegawai_client.get("/api/v1/proyeksi-pensiun", params={"tahun": 3, "per_tanggal": "2026-01-15"})
    assert r.status_code == 200, r.text
    body = r.json()
    by_nip = {p["nip"]: p for p in body["pegawai"]}
    assert by_nip[p58["nip"]]["bup"] == 58 and by_nip[p58["nip"]]["tmt_pensiun"] == "2026-06-01"
    assert by_nip[guru["nip"]]["bup"] == 60 and by_nip[guru["nip"]]["tmt_pensiun"] == "2027-02-01"
    assert by_nip[p60["nip"]]["bup"] == 60 and by_nip[p60["nip"]]["tmt_pensiun"] == "2028-06-01"
    assert young["nip"] not in by_nip
    assert [(y["tahun"], y["pensiun"]) for y in body["per_tahun"]] == [(2026, 1), (2027, 1), (2028, 1)]
    # Each position is exactly full, so each retirement opens a vacancy.
    assert [y["lowongan_baru"] for y in body["per_tahun"]] == [1, 1, 1]
    assert {j["nama"]: j["kekurangan_akhir"] for j in body["per_jabatan"]} == {
        "Pranata Komputer": 2,
        "Dokter Ahli Madya": 1,
    }
    shorter = await pegawai_client.get("/api/v1/proyeksi-pensiun", params={"tahun": 2, "per_tanggal": "2026-01-15"})
    assert p60["nip"] not in {p["nip"] for p in shorter.json()["pegawai"]}, "2028 is beyond 2026-2027"
    assert "Pasal 239" in body["aturan"]


async def test_reports_are_not_for_pegawai_and_validate_input(pegawai_client, org):
    me = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    assert_problem(await pegawai_client.get("/api/v1/kebutuhan/jabatan", headers=auth("pegawai", nip=me["nip"])), 403)
    assert_problem(await pegawai_client.get("/api/v1/proyeksi-pensiun", params={"tahun": 0}), 422, "tahun")
    other = auth("admin_opd", opd=org["opd_a"]["id"])
    assert_problem(
        await pegawai_client.get("/api/v1/kebutuhan/unit", params={"unit_id": org["opd_b"]["id"]}, headers=other), 404
    )
