"""Organisation units: the tree, moves, versions and a unit's roster."""

import asyncio

from sqlalchemy import text

from pegawai.unit_organisasi.service import TREE_MOVE_LOCK
from shared.db import lock_key
from tests.conftest import auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.pegawai.helpers import if_match
from tests.problem import assert_problem


async def test_subtree_lists_every_unit_below_in_one_call(pegawai_client, org):
    seksi = await make_unit(pegawai_client, parent_id=org["bidang_a"]["id"], jenis="seksi", nama="Seksi Rujukan")
    r = await pegawai_client.get(f"/api/v1/unit-organisasi/{org['opd_a']['id']}/subtree")
    assert r.status_code == 200
    ids = {u["id"]: u["depth"] for u in r.json()}
    assert ids == {org["opd_a"]["id"]: 0, org["bidang_a"]["id"]: 1, seksi["id"]: 2}


async def test_moving_a_unit_under_its_own_descendant_is_refused(pegawai_client, org):
    seksi = await make_unit(pegawai_client, parent_id=org["bidang_a"]["id"], jenis="seksi")
    opd = await pegawai_client.get(f"/api/v1/unit-organisasi/{org['opd_a']['id']}")
    r = await pegawai_client.patch(
        f"/api/v1/unit-organisasi/{org['opd_a']['id']}",
        json={"parent_id": seksi["id"]},
        headers={"If-Match": opd.headers["etag"]},
    )
    body = assert_problem(r, 422, "cycle")
    assert body["type"].endswith("unit-cycle")
    still = await pegawai_client.get(f"/api/v1/unit-organisasi/{org['opd_a']['id']}")
    assert still.json()["parent_id"] == org["instansi"]["id"]


async def test_two_crosswise_moves_at_once_cannot_make_a_cycle(live):
    """A under B and, at the same time, B under A: each alone passes the cycle check."""
    root = await make_unit(live.client, jenis="instansi")
    a = await make_unit(live.client, parent_id=root["id"], jenis="opd", nama="A")
    b = await make_unit(live.client, parent_id=root["id"], jenis="opd", nama="B")
    async with live.engine.connect() as first:  # the first move, still uncommitted
        await first.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(TREE_MOVE_LOCK)})
        await first.execute(
            text("UPDATE unit_organisasi SET parent_id = :b, version = version + 1 WHERE id = :a"),
            {"a": a["id"], "b": b["id"]},
        )
        second = asyncio.create_task(
            live.client.patch(
                f"/api/v1/unit-organisasi/{b['id']}", json={"parent_id": a["id"]}, headers={"If-Match": '"1"'}
            )
        )
        await asyncio.sleep(0.5)
        assert not second.done(), "a tree move must wait for the move in progress"
        await first.commit()
    assert_problem(await second, 422, "cycle")
    assert (await live.client.get(f"/api/v1/unit-organisasi/{b['id']}")).json()["parent_id"] == root["id"]


async def test_moving_a_unit_elsewhere_works_and_is_audited(pegawai_client, org):
    current = await pegawai_client.get(f"/api/v1/unit-organisasi/{org['bidang_a']['id']}")
    r = await pegawai_client.patch(
        f"/api/v1/unit-organisasi/{org['bidang_a']['id']}",
        json={"parent_id": org["opd_b"]["id"]},
        headers={"If-Match": current.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["parent_id"] == org["opd_b"]["id"]
    assert r.headers["etag"] == '"2"'
    log = await pegawai_client.get(
        "/api/v1/audit-log", params={"entity": "unit_organisasi", "entity_id": org["bidang_a"]["id"]}
    )
    entries = log.json()["items"]
    assert entries[0]["action"] == "update"
    assert entries[0]["before"]["parent_id"] == org["opd_a"]["id"]
    assert entries[0]["after"]["parent_id"] == org["opd_b"]["id"]
    assert entries[0]["actor"] == "test-admin_bkpsdm"


async def test_update_needs_if_match_and_refuses_a_stale_one(pegawai_client, org):
    url = f"/api/v1/unit-organisasi/{org['bidang_a']['id']}"
    assert_problem(await pegawai_client.patch(url, json={"nama": "X"}), 428, "If-Match")
    ok = await pegawai_client.patch(url, json={"nama": "Bidang Baru"}, headers={"If-Match": '"1"'})
    assert ok.status_code == 200
    stale = await pegawai_client.patch(url, json={"nama": "Lost update"}, headers={"If-Match": '"1"'})
    body = assert_problem(stale, 412, "changed since you read it")
    assert body["current_etag"] == '"2"'
    assert (await pegawai_client.get(url)).json()["nama"] == "Bidang Baru"


async def test_deleting_a_unit_that_holds_positions_is_refused(pegawai_client, org):
    r = await pegawai_client.delete(
        f"/api/v1/unit-organisasi/{org['bidang_a']['id']}", headers=if_match(org["bidang_a"])
    )
    assert_problem(r, 409, "still holds 1 position")
    assert (await pegawai_client.get(f"/api/v1/unit-organisasi/{org['bidang_a']['id']}")).status_code == 200


async def test_deleting_a_unit_with_sub_units_is_refused_and_an_empty_one_works(pegawai_client, org):
    assert_problem(
        await pegawai_client.delete(f"/api/v1/unit-organisasi/{org['opd_b']['id']}", headers=if_match(org["opd_b"])),
        409,
        "sub-unit",
    )
    empty = await make_unit(pegawai_client, parent_id=org["opd_b"]["id"])
    assert (
        await pegawai_client.delete(f"/api/v1/unit-organisasi/{empty['id']}", headers=if_match(empty))
    ).status_code == 204
    assert (await pegawai_client.get(f"/api/v1/unit-organisasi/{empty['id']}")).status_code == 404


async def test_duplicate_code_is_a_conflict(pegawai_client, org):
    r = await pegawai_client.post(
        "/api/v1/unit-organisasi",
        json={"kode": org["bidang_a"]["kode"], "nama": "X", "jenis": "bidang", "parent_id": org["opd_a"]["id"]},
    )
    assert_problem(r, 409, "already used")


async def test_admin_opd_sees_and_changes_only_its_own_opd(pegawai_client, org):
    headers = auth("admin_opd", opd=org["opd_a"]["id"])
    listed = await pegawai_client.get("/api/v1/unit-organisasi", headers=headers)
    assert {u["id"] for u in listed.json()["items"]} == {org["opd_a"]["id"], org["bidang_a"]["id"]}
    assert listed.json()["total"] == 2
    assert (
        await pegawai_client.get(f"/api/v1/unit-organisasi/{org['opd_b']['id']}", headers=headers)
    ).status_code == 404
    created = await pegawai_client.post(
        "/api/v1/unit-organisasi",
        json={"kode": "A-NEW", "nama": "Seksi Baru", "jenis": "seksi", "parent_id": org["bidang_a"]["id"]},
        headers=headers,
    )
    assert created.status_code == 201
    foreign = await pegawai_client.post(
        "/api/v1/unit-organisasi",
        json={"kode": "B-NEW", "nama": "Seksi Lain", "jenis": "seksi", "parent_id": org["bidang_b"]["id"]},
        headers=headers,
    )
    assert_problem(foreign, 422, "does not exist in your scope")


async def test_positions_follow_units_in_list_filters(pegawai_client, org):
    extra = await make_jabatan(
        pegawai_client, org["opd_a"]["id"], nama="Sekretaris", jenis="administrator", kelas_jabatan=11
    )
    r = await pegawai_client.get("/api/v1/jabatan", params={"unit_id": org["opd_a"]["id"]})
    assert {j["id"] for j in r.json()["items"]} == {extra["id"], org["jab_a"]["id"]}
    r = await pegawai_client.get(
        "/api/v1/jabatan", params={"unit_id": org["opd_a"]["id"], "include_sub_units": "false"}
    )
    assert [j["id"] for j in r.json()["items"]] == [extra["id"]]


async def test_a_units_roster_lists_its_serving_employees_and_those_below_in_one_call(pegawai_client, org):
    seksi = await make_unit(pegawai_client, parent_id=org["bidang_a"]["id"], jenis="seksi", nama="Seksi Rujukan")
    jab_seksi = await make_jabatan(pegawai_client, seksi["id"], nama="Perawat Pelaksana")
    in_bidang = await make_pegawai(pegawai_client, org["jab_a"]["id"], nama="Ani", gelar_depan="dr.")
    in_seksi = await make_pegawai(pegawai_client, jab_seksi["id"], nama="Budi")
    belajar = await make_pegawai(pegawai_client, jab_seksi["id"], nama="Citra", kedudukan="tugas_belajar")
    retired = await make_pegawai(pegawai_client, jab_seksi["id"], nama="Dodi")
    url = f"/api/v1/pegawai/{retired['nip']}"
    r = await pegawai_client.patch(url, json={"kedudukan": "pensiun"}, headers=if_match(retired))
    assert r.status_code == 200, r.text
    await make_pegawai(pegawai_client, org["jab_b"]["id"], nama="Di OPD lain")

    r = await pegawai_client.get(f"/api/v1/unit-organisasi/{org['opd_a']['id']}/pegawai")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["unit_id"] == org["opd_a"]["id"]
    by_nip = {p["nip"]: p for p in body["items"]}
    # Serving states count (a study leave too); a retired employee and another OPD's do not.
    assert set(by_nip) == {in_bidang["nip"], in_seksi["nip"], belajar["nip"]}
    assert by_nip[in_bidang["nip"]] == {
        "nip": in_bidang["nip"],
        "nama_lengkap": "dr. Ani, S.Kom.",
        "status_kepegawaian": "PNS",
        "golongan": "III/b",
        "jabatan_id": org["jab_a"]["id"],
        "jabatan_nama": "Pranata Komputer",
        "jabatan_jenis": "pelaksana",
        "kelas_jabatan": 7,
        "unit_id": org["bidang_a"]["id"],
        "unit_nama": "Bidang Pelayanan Kesehatan",
    }
    # Ordered by unit code, then name.
    units = {org["bidang_a"]["id"]: org["bidang_a"]["kode"], seksi["id"]: seksi["kode"]}
    keys = [(units[p["unit_id"]], p["nama_lengkap"]) for p in body["items"]]
    assert keys == sorted(keys)

    seksi_only = await pegawai_client.get(f"/api/v1/unit-organisasi/{seksi['id']}/pegawai")
    assert {p["nip"] for p in seksi_only.json()["items"]} == {in_seksi["nip"], belajar["nip"]}
    empty = await make_unit(pegawai_client, parent_id=org["opd_b"]["id"], jenis="seksi")
    assert (await pegawai_client.get(f"/api/v1/unit-organisasi/{empty['id']}/pegawai")).json()["items"] == []


async def test_a_roster_out_of_reach_is_404_and_an_employee_sees_only_itself_in_its_own(pegawai_client, org):
    mine = await make_pegawai(pegawai_client, org["jab_a"]["id"], nama="Sendiri")
    await make_pegawai(pegawai_client, org["jab_a"]["id"], nama="Rekan")
    url = f"/api/v1/unit-organisasi/{org['opd_a']['id']}/pegawai"
    foreign = auth("admin_opd", opd=org["opd_b"]["id"])
    assert_problem(await pegawai_client.get(url, headers=foreign), 404, "unit")
    own = await pegawai_client.get(
        f"/api/v1/unit-organisasi/{org['bidang_a']['id']}/pegawai", headers=auth("pegawai", nip=mine["nip"])
    )
    assert own.status_code == 200
    assert [p["nip"] for p in own.json()["items"]] == [mine["nip"]]
