"""Who may do what: no valid token means 401 everywhere; scope and roles hold on every resource."""

import pytest

from tests.conftest import auth
from tests.pegawai.factories import make_pegawai, new_nip
from tests.pegawai.helpers import api_operations, bad_credentials, concrete, if_match
from tests.problem import assert_problem

BAD = bad_credentials()


@pytest.mark.parametrize("credentials", list(BAD))
@pytest.mark.parametrize(("method", "path"), api_operations())
async def test_every_api_route_answers_401_without_a_valid_token(pegawai_app, make_client, method, path, credentials):
    async with make_client(pegawai_app) as anonymous:
        r = await anonymous.request(method, concrete(path), headers=BAD[credentials])
    assert_problem(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"


async def test_admin_opd_gets_404_for_another_opds_position_and_cannot_change_it(pegawai_client, org):
    theirs = org["jab_b"]
    headers = auth("admin_opd", opd=org["opd_a"]["id"])
    url = f"/api/v1/jabatan/{theirs['id']}"
    assert_problem(await pegawai_client.get(url, headers=headers), 404, "in your scope")
    assert_problem(
        await pegawai_client.patch(url, json={"kebutuhan": 99}, headers={**headers, **if_match(theirs)}),
        404,
        "in your scope",
    )
    assert_problem(await pegawai_client.delete(url, headers=headers), 404)
    unchanged = (await pegawai_client.get(url)).json()
    assert (unchanged["kebutuhan"], unchanged["version"]) == (theirs["kebutuhan"], theirs["version"])


async def test_stale_if_match_on_a_position_is_412_and_changes_nothing(pegawai_client, org):
    url = f"/api/v1/jabatan/{org['jab_a']['id']}"
    first = await pegawai_client.patch(url, json={"nama": "Pranata Komputer Ahli"}, headers=if_match(org["jab_a"]))
    assert first.status_code == 200 and first.headers["etag"] == '"2"'
    stale = await pegawai_client.patch(url, json={"kebutuhan": 9, "nama": "Lost"}, headers=if_match(org["jab_a"]))
    body = assert_problem(stale, 412, "reload")
    assert body["current_etag"] == '"2"'
    now = (await pegawai_client.get(url)).json()
    assert (now["nama"], now["kebutuhan"], now["version"]) == ("Pranata Komputer Ahli", 2, 2)


async def test_stale_if_match_on_mutasi_is_412_and_moves_nobody(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    url = f"/api/v1/pegawai/{p['nip']}"
    changed = await pegawai_client.patch(url, json={"telepon": "0812-0000-1111"}, headers=if_match(p))
    assert changed.status_code == 200
    stale = await pegawai_client.post(
        f"{url}/mutasi", json={"jabatan_id": org["jab_b"]["id"], "tmt": "2024-07-01"}, headers=if_match(p)
    )
    assert_problem(stale, 412, "changed since you read it")
    now = (await pegawai_client.get(url)).json()
    assert (now["jabatan_id"], now["version"]) == (org["jab_a"]["id"], changed.json()["version"])
    assert [h["tmt_selesai"] for h in (await pegawai_client.get(f"{url}/riwayat-jabatan")).json()] == [None]


async def test_integrasi_reads_every_opd_but_cannot_write_employees(pegawai_client, org):
    mine, theirs = (
        await make_pegawai(pegawai_client, org["jab_a"]["id"]),
        await make_pegawai(pegawai_client, org["jab_b"]["id"]),
    )
    machine = auth("integrasi")
    listed = await pegawai_client.get("/api/v1/pegawai", headers=machine)
    assert {p["nip"] for p in listed.json()["items"]} == {mine["nip"], theirs["nip"]}
    assert (await pegawai_client.get(f"/api/v1/pegawai/{theirs['nip']}", headers=machine)).status_code == 200
    assert (
        await pegawai_client.get(f"/api/v1/pegawai/{theirs['nip']}/riwayat-golongan", headers=machine)
    ).status_code == 200
    looked_up = await pegawai_client.post(
        "/api/v1/pegawai/lookup", json={"nips": [mine["nip"], theirs["nip"]]}, headers=machine
    )
    assert len(looked_up.json()["items"]) == 2
    url = f"/api/v1/pegawai/{mine['nip']}"
    writes = [
        pegawai_client.post(
            "/api/v1/pegawai",
            json={"nip": new_nip(), "nama": "Mesin", "status_kepegawaian": "PNS", "unit_id": org["bidang_a"]["id"]},
            headers=machine,
        ),
        pegawai_client.patch(url, json={"nama": "Diubah Mesin"}, headers={**machine, **if_match(mine)}),
        pegawai_client.post(
            f"{url}/mutasi", json={"jabatan_id": org["jab_b"]["id"], "tmt": "2024-07-01"}, headers=machine
        ),
        pegawai_client.post(
            f"{url}/riwayat-golongan", json={"golongan": "III/c", "tmt": "2022-04-01"}, headers=machine
        ),
        pegawai_client.post(f"{url}/riwayat-pendidikan", json={"tingkat": "S2", "tahun_lulus": 2015}, headers=machine),
    ]
    for write in writes:
        assert_problem(await write, 403)
    assert (await pegawai_client.get("/api/v1/pegawai", params={"limit": 1})).json()["total"] == 2
    after = (await pegawai_client.get(url)).json()
    assert (after["nama"], after["version"], after["golongan"]) == (mine["nama"], mine["version"], mine["golongan"])


async def test_admin_opd_cannot_change_the_structure_of_its_own_opd_unit(pegawai_client, org):
    opd = org["opd_a"]
    headers = {**auth("admin_opd", opd=opd["id"]), **if_match(opd)}
    url = f"/api/v1/unit-organisasi/{opd['id']}"
    for change in ({"jenis": "instansi"}, {"kode": "BARU"}, {"parent_id": org["opd_b"]["id"]}):
        assert_problem(await pegawai_client.patch(url, json=change, headers=headers), 403)
    assert_problem(await pegawai_client.delete(url, headers=headers), 403)
    unchanged = (await pegawai_client.get(url)).json()
    assert (unchanged["jenis"], unchanged["kode"], unchanged["version"]) == ("opd", opd["kode"], opd["version"])
    # Its name it may keep current, and inside its OPD it shapes the tree, with the kinds that sit below an OPD.
    renamed = await pegawai_client.patch(url, json={"nama": "Dinas Kesehatan Kabupaten"}, headers=headers)
    assert renamed.status_code == 200
    bidang = org["bidang_a"]
    bidang_headers = {**auth("admin_opd", opd=opd["id"]), **if_match(bidang)}
    assert_problem(
        await pegawai_client.patch(
            f"/api/v1/unit-organisasi/{bidang['id']}", json={"jenis": "opd"}, headers=bidang_headers
        ),
        403,
    )
    ok = await pegawai_client.patch(
        f"/api/v1/unit-organisasi/{bidang['id']}", json={"jenis": "upt"}, headers=bidang_headers
    )
    assert ok.status_code == 200 and ok.json()["jenis"] == "upt"
