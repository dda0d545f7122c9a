"""Every write is audited: actor, time, entity, before and after, set-based writes included."""

from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.pegawai.helpers import audit_entries, if_match
from tests.problem import assert_problem


async def test_moving_a_position_audits_each_holder_and_makes_their_etag_stale(pegawai_client, org):
    holders = [await make_pegawai(pegawai_client, org["jab_a"]["id"]) for _ in range(2)]
    bystander = await make_pegawai(pegawai_client, org["jab_b"]["id"])
    r = await pegawai_client.patch(
        f"/api/v1/jabatan/{org['jab_a']['id']}", json={"unit_id": org["opd_a"]["id"]}, headers=if_match(org["jab_a"])
    )
    assert r.status_code == 200, r.text
    for p in holders:
        now = await pegawai_client.get(f"/api/v1/pegawai/{p['nip']}")
        assert now.json()["unit_id"] == org["opd_a"]["id"]
        assert now.headers["etag"] == f'"{p["version"] + 1}"', "the record changed, so its ETag must change"
        entry = (await audit_entries(pegawai_client, "pegawai", p["id"]))[0]
        assert (entry["action"], entry["actor"]) == ("update", "test-admin_bkpsdm")
        assert entry["before"]["unit_id"] == org["bidang_a"]["id"] and entry["after"]["unit_id"] == org["opd_a"]["id"]
        assert entry["before"]["nip"] == entry["after"]["nip"] == p["nip"]
        stale = await pegawai_client.patch(
            f"/api/v1/pegawai/{p['nip']}", json={"nama": "Lost Update"}, headers=if_match(p)
        )
        assert_problem(stale, 412)
    assert len(await audit_entries(pegawai_client, "pegawai", bystander["id"])) == 1, "only the insert"
    assert (await pegawai_client.get(f"/api/v1/pegawai/{bystander['nip']}")).json()["version"] == bystander["version"]


async def test_mutasi_audits_the_closed_history_row(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    opened = (await pegawai_client.get(f"/api/v1/pegawai/{p['nip']}/riwayat-jabatan")).json()[0]
    r = await pegawai_client.post(
        f"/api/v1/pegawai/{p['nip']}/mutasi",
        json={"jabatan_id": org["jab_b"]["id"], "tmt": "2024-07-01"},
        headers=if_match(p),
    )
    assert r.status_code == 200, r.text
    closing = (await audit_entries(pegawai_client, "riwayat_jabatan", opened["id"]))[0]
    assert closing["action"] == "update" and closing["actor"] == "test-admin_bkpsdm"
    assert closing["before"]["tmt_selesai"] is None and closing["after"]["tmt_selesai"] == "2024-07-01"
    assert closing["before"]["nama_jabatan"] == closing["after"]["nama_jabatan"] == "Pranata Komputer"


async def test_deleting_a_unit_is_audited_with_the_row_before(pegawai_client, org):
    empty = await make_unit(pegawai_client, parent_id=org["opd_b"]["id"], nama="Seksi Lama")
    assert (
        await pegawai_client.delete(f"/api/v1/unit-organisasi/{empty['id']}", headers=if_match(empty))
    ).status_code == 204
    entry = (await audit_entries(pegawai_client, "unit_organisasi", empty["id"]))[0]
    assert (entry["action"], entry["after"]) == ("delete", None)
    assert entry["before"]["nama"] == "Seksi Lama" and entry["before"]["parent_id"] == org["opd_b"]["id"]


async def test_deleting_a_position_is_audited_with_the_row_before(pegawai_client, org):
    empty = await make_jabatan(pegawai_client, org["bidang_b"]["id"], nama="Jabatan Dihapus", kebutuhan=4)
    assert (await pegawai_client.delete(f"/api/v1/jabatan/{empty['id']}", headers=if_match(empty))).status_code == 204
    entry = (await audit_entries(pegawai_client, "jabatan", empty["id"]))[0]
    assert (entry["action"], entry["after"]) == ("delete", None)
    assert entry["before"]["kode"] == empty["kode"] and entry["before"]["kebutuhan"] == 4


async def test_recording_a_grade_audits_the_history_row_and_the_employee(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    r = await pegawai_client.post(
        f"/api/v1/pegawai/{p['nip']}/riwayat-golongan",
        json={"golongan": "III/c", "tmt": "2022-04-01", "nomor_sk": "823/7"},
    )
    assert r.status_code == 201, r.text
    row = (await audit_entries(pegawai_client, "riwayat_golongan", r.json()["id"]))[0]
    assert (row["action"], row["before"]) == ("insert", None)
    assert (
        row["after"]["golongan"] == "III/c"
        and row["after"]["nomor_sk"] == "823/7"
        and row["after"]["pegawai_id"] == p["id"]
    )
    employee = (await audit_entries(pegawai_client, "pegawai", p["id"]))[0]
    assert employee["action"] == "update"
    assert (employee["before"]["golongan"], employee["after"]["golongan"]) == ("III/b", "III/c")
