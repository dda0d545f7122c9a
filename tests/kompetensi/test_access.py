"""The holes found when each role was tried against each kompetensi endpoint, each closed."""

import uuid

from tests.conftest import auth
from tests.pegawai.factories import make_unit
from tests.pegawai.helpers import ANY_VERSION
from tests.problem import assert_problem


async def _standard(kom, jabatan_id, headers=None):
    r = await kom.put(
        f"/api/v1/standar-kompetensi/{jabatan_id}",
        json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 3}]},
        headers={**ANY_VERSION, **(headers or {})},
    )
    assert r.status_code == 200, r.text
    return r.json()


async def test_admin_opd_gets_404_for_another_opds_standards(kompetensi_client, world):
    await _standard(kompetensi_client, world["jab_b"]["id"])
    opd_a = auth("admin_opd", opd=world["opd_a"]["id"])
    theirs = world["jab_b"]["id"]
    assert_problem(await kompetensi_client.get(f"/api/v1/standar-kompetensi/{theirs}", headers=opd_a), 404)
    bulk = await kompetensi_client.post(
        "/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": [world["jab_a"]["id"], theirs]}, headers=opd_a
    )
    assert assert_problem(bulk, 404)["missing"] == [theirs]
    # Its own OPD's positions it reads as before.
    own = await kompetensi_client.post(
        "/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": [world["jab_a"]["id"]]}, headers=opd_a
    )
    assert own.status_code == 200 and own.json()[0]["jabatan_id"] == world["jab_a"]["id"]


async def test_admin_opd_cannot_run_jpm_against_another_opds_positions(kompetensi_client, world):
    await _standard(kompetensi_client, world["jab_a"]["id"])
    await _standard(kompetensi_client, world["jab_b"]["id"])
    opd_a = auth("admin_opd", opd=world["opd_a"]["id"])
    mine = world["a1"]["nip"]
    foreign = await kompetensi_client.post(
        f"/api/v1/jpm/jabatan/{world['jab_b']['id']}", json={"nips": [mine]}, headers=opd_a
    )
    assert_problem(foreign, 404)
    mixed = await kompetensi_client.post(
        f"/api/v1/jpm/pegawai/{mine}", json={"jabatan_ids": [world["jab_a"]["id"], world["jab_b"]["id"]]}, headers=opd_a
    )
    assert assert_problem(mixed, 404)["missing"] == [world["jab_b"]["id"]]
    own = await kompetensi_client.post(
        f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [mine]}, headers=opd_a
    )
    assert own.status_code == 200 and own.json()["items"][0]["nip"] == mine


async def test_gap_matrix_of_another_opds_unit_is_404_not_an_empty_200(kompetensi_client, world):
    opd_a = auth("admin_opd", opd=world["opd_a"]["id"])
    assert_problem(
        await kompetensi_client.post("/api/v1/matriks-gap", json={"unit_id": world["opd_b"]["id"]}, headers=opd_a), 404
    )
    assert_problem(await kompetensi_client.post("/api/v1/matriks-gap", json={"unit_id": str(uuid.uuid4())}), 404)
    own = await kompetensi_client.post("/api/v1/matriks-gap", json={"unit_id": world["opd_a"]["id"]}, headers=opd_a)
    assert own.status_code == 200 and {p["nip"] for p in own.json()["pegawai"]} == {
        world["a1"]["nip"],
        world["a2"]["nip"],
    }


async def test_ingestion_is_for_the_platforms_services_not_the_read_only_integration(kompetensi_client, world):
    body = {
        "sumber": "pengembangan/angkatan/1",
        "hasil": [{"nip": world["a1"]["nip"], "kompetensi_kode": "TEK-KEP-01", "level": 3, "tanggal": "2025-10-01"}],
    }
    assert_problem(
        await kompetensi_client.post("/api/v1/asesmen/hasil-pelatihan", json=body, headers=auth("integrasi")), 403
    )
    assert (await kompetensi_client.get("/api/v1/asesmen", params={"nip": world["a1"]["nip"]})).json()["total"] == 0
    assert (
        await kompetensi_client.post("/api/v1/asesmen/hasil-pelatihan", json=body, headers=auth("layanan"))
    ).status_code == 201


async def test_a_pegawai_token_gets_404_for_every_other_nip(kompetensi_client, world):
    me = auth("pegawai", nip=world["a1"]["nip"])
    other = world["a2"]["nip"]
    assert_problem(await kompetensi_client.get(f"/api/v1/profil-kompetensi/{other}", headers=me), 404)
    assert_problem(await kompetensi_client.get("/api/v1/asesmen", params={"nip": other}, headers=me), 404)
    assert_problem(
        await kompetensi_client.post(
            f"/api/v1/jpm/pegawai/{other}", json={"jabatan_ids": [world["jab_a"]["id"]]}, headers=me
        ),
        404,
    )
    # A role that may never do the action still gets 403, whatever the record.
    assert_problem(
        await kompetensi_client.post("/api/v1/matriks-gap", json={"nips": [world["a1"]["nip"]]}, headers=me), 403
    )


async def test_an_idempotency_key_is_bound_to_the_callers_identity_and_scope(kompetensi_client, pegawai_client, world):
    """Two OPD admins who share a token subject (or any two callers reusing a key) never get each
    other's stored answer, and a replay passes the same access checks as the original."""
    body = {
        "nip": world["a1"]["nip"],
        "kompetensi_kode": "TEK-KEP-01",
        "level": 3,
        "tanggal": "2025-05-01",
        "metode": "uji_kompetensi",
    }
    key = {"Idempotency-Key": "shared-key-1"}
    opd_a = auth("admin_opd", opd=world["opd_a"]["id"], sub="shared-sub")
    opd_b = auth("admin_opd", opd=world["opd_b"]["id"], sub="shared-sub")
    first = await kompetensi_client.post("/api/v1/asesmen", json=body, headers={**opd_a, **key})
    assert first.status_code == 201
    # Same subject and key, another OPD: not the stored answer with A's employee, but B's own
    # access decision (A's employee is out of its reach).
    assert_problem(await kompetensi_client.post("/api/v1/asesmen", json=body, headers={**opd_b, **key}), 404)
    # The same caller replays its first answer.
    again = await kompetensi_client.post("/api/v1/asesmen", json=body, headers={**opd_a, **key})
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()
    # A caller who has meanwhile lost the right to write gets no replay either.
    assert_problem(
        await kompetensi_client.post(
            "/api/v1/asesmen", json=body, headers={**auth("integrasi", sub="shared-sub"), **key}
        ),
        403,
    )
    assert (await kompetensi_client.get("/api/v1/asesmen", params={"nip": world["a1"]["nip"]})).json()["total"] == 1


async def test_a_replay_is_refused_once_the_record_is_out_of_reach(kompetensi_client, pegawai_client, world):
    """The key replays only after the access checks of the request pass again."""
    body = {
        "nip": world["a1"]["nip"],
        "kompetensi_kode": "TEK-KEP-01",
        "level": 2,
        "tanggal": "2025-05-01",
        "metode": "uji_kompetensi",
    }
    opd_a = {**auth("admin_opd", opd=world["opd_a"]["id"]), "Idempotency-Key": "move-1"}
    assert (await kompetensi_client.post("/api/v1/asesmen", json=body, headers=opd_a)).status_code == 201
    # The employee moves to OPD B: the same admin's retry is now out of reach.
    other_opd_unit = await make_unit(pegawai_client, parent_id=world["opd_b"]["id"], nama="Bidang B")
    moved = await pegawai_client.patch(
        f"/api/v1/jabatan/{world['jab_a']['id']}",
        json={"unit_id": other_opd_unit["id"]},
        headers={"If-Match": f'"{world["jab_a"]["version"]}"'},
    )
    assert moved.status_code == 200, moved.text
    assert_problem(await kompetensi_client.post("/api/v1/asesmen", json=body, headers=opd_a), 404)


async def test_an_atasan_reads_its_direct_reports_competency_profile_and_no_one_elses(
    pegawai_client, kompetensi_client, kompetensi_app, world
):
    from shared.access import Scope, policy_of
    from shared.auth import Principal
    from shared.clients import RemoteDirectory
    from tests.conftest import token

    boss, report, stranger = world["a1"]["nip"], world["a2"]["nip"], world["b1"]["nip"]
    r = await pegawai_client.patch(f"/api/v1/pegawai/{report}", json={"atasan_nip": boss}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    atasan = auth("atasan", nip=boss)
    assert (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{report}", headers=atasan)).status_code == 200
    assert (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{boss}", headers=atasan)).status_code == 200
    assert_problem(await kompetensi_client.get(f"/api/v1/profil-kompetensi/{stranger}", headers=atasan), 404)
    # The same employee with the pegawai role reads only its own profile.
    plain = auth("pegawai", nip=boss)
    assert_problem(await kompetensi_client.get(f"/api/v1/profil-kompetensi/{report}", headers=plain), 404)
    # The Scope of a service without organisation data asks pegawai for the reports, once per request.
    principal = Principal(sub="t", roles=frozenset({"atasan"}), nip=boss, token=token("atasan", nip=boss))
    scope = Scope(principal, policy_of(principal), RemoteDirectory(kompetensi_app.state.pegawai, principal.token))
    assert await scope.direct_reports() == frozenset({report})
    assert set(await scope.require_pegawai([report, boss])) == {report, boss}
