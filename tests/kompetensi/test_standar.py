"""Competency standards of positions: defaults by kind, technical levels, scope, copy and bulk read."""

import uuid

from tests.conftest import auth
from tests.kompetensi.factories import make_teknis
from tests.pegawai.factories import make_jabatan
from tests.pegawai.helpers import ANY_VERSION, if_match
from tests.problem import assert_problem


async def test_standard_takes_defaults_by_kind_plus_technical_levels(kompetensi_client, world):
    r = await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{world['jab_a']['id']}",
        json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 3}]},
    )
    assert r.status_code == 200, r.text
    levels = {i["kompetensi_kode"]: i["level"] for i in r.json()["items"]}
    # ahli_muda: managerial and socio-cultural default 2 (shared/rules/kompetensi.yaml)
    assert levels == {
        "INT": 2,
        "KER": 2,
        "KOM": 2,
        "OPH": 2,
        "PPU": 2,
        "PDO": 2,
        "MP": 2,
        "PK": 2,
        "PB": 2,
        "TEK-KEP-01": 3,
    }
    override = await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{world['jab_a']['id']}",
        json={"items": [{"kompetensi_kode": "INT", "level": 4}], "sertakan_default": False},
        headers=if_match(r.json()),
    )
    assert [(i["kompetensi_kode"], i["level"]) for i in override.json()["items"]] == [("INT", 4)]


async def test_bad_standards_are_refused_and_nothing_written(kompetensi_client, world):
    url = f"/api/v1/standar-kompetensi/{world['jab_a']['id']}"
    assert_problem(
        await kompetensi_client.put(url, json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 6}]}), 422, "level"
    )
    assert_problem(
        await kompetensi_client.put(url, json={"items": [{"kompetensi_kode": "NOPE", "level": 2}]}),
        422,
        "Unknown competency",
    )
    missing = uuid.uuid4()
    assert_problem(
        await kompetensi_client.put(f"/api/v1/standar-kompetensi/{missing}", json={"items": []}), 404, "No position"
    )
    assert (await kompetensi_client.get(url)).json()["items"] == []


async def test_admin_opd_sets_standards_only_for_its_positions(kompetensi_client, world):
    headers = auth("admin_opd", opd=world["opd_a"]["id"])
    ok = await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{world['jab_a']['id']}", json={"items": []}, headers=headers
    )
    assert ok.status_code == 200
    assert_problem(
        await kompetensi_client.put(
            f"/api/v1/standar-kompetensi/{world['jab_b']['id']}", json={"items": []}, headers=headers
        ),
        404,
    )


async def test_copy_and_read_many_in_one_request(kompetensi_client, world):
    await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{world['jab_a']['id']}",
        json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 3}]},
    )
    r = await kompetensi_client.post(
        "/api/v1/standar-kompetensi/salin", json={"dari": world["jab_a"]["id"], "ke": [world["jab_b"]["id"]]}
    )
    assert r.status_code == 200
    many = await kompetensi_client.post(
        "/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": [world["jab_a"]["id"], world["jab_b"]["id"]]}
    )
    a, b = many.json()
    assert [(i["kompetensi_kode"], i["level"]) for i in a["items"]] == [
        (i["kompetensi_kode"], i["level"]) for i in b["items"]
    ]
    log = await kompetensi_client.get(
        "/api/v1/audit-log", params={"entity": "standar_kompetensi", "entity_id": world["jab_b"]["id"]}
    )
    assert log.json()["items"][0]["action"] == "replace"


async def _retire(kom, kode):
    k = (await kom.get("/api/v1/kompetensi", params={"q": kode})).json()["items"]
    r = await kom.post(
        f"/api/v1/kompetensi/{next(i for i in k if i['kode'] == kode)['id']}/pensiun", headers=ANY_VERSION
    )
    assert r.status_code == 200, r.text


async def test_a_retired_default_is_skipped_and_named_not_refused(kompetensi_client, world):
    await _retire(kompetensi_client, "PB")
    url = f"/api/v1/standar-kompetensi/{world['jab_a']['id']}"
    r = await kompetensi_client.put(url, json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 3}]})
    assert r.status_code == 200, r.text
    codes = {i["kompetensi_kode"] for i in r.json()["items"]}
    assert "PB" not in codes and {"INT", "MP", "TEK-KEP-01"} <= codes and len(codes) == 9
    assert r.json()["default_dilewati"] == ["PB"]
    # asked for by name it is still refused, and the standard stays as it was
    assert_problem(
        await kompetensi_client.put(
            url, json={"items": [{"kompetensi_kode": "PB", "level": 2}]}, headers=if_match(r.json())
        ),
        422,
        "PB is retired",
    )
    assert {i["kompetensi_kode"] for i in (await kompetensi_client.get(url)).json()["items"]} == codes


async def test_copying_a_standard_that_holds_a_retired_competency_is_refused(kompetensi_client, world):
    a, b = world["jab_a"]["id"], world["jab_b"]["id"]
    await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{a}", json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 3}]}
    )
    await _retire(kompetensi_client, "TEK-KEP-01")
    body = assert_problem(
        await kompetensi_client.post("/api/v1/standar-kompetensi/salin", json={"dari": a, "ke": [b]}),
        422,
        "retired competency TEK-KEP-01",
    )
    assert body["retired"] == ["TEK-KEP-01"]
    assert (await kompetensi_client.get(f"/api/v1/standar-kompetensi/{b}")).json()["items"] == [], "nothing copied"
    # once the source no longer holds it, the copy goes through
    await kompetensi_client.put(f"/api/v1/standar-kompetensi/{a}", json={"items": []}, headers=ANY_VERSION)
    copied = await kompetensi_client.post("/api/v1/standar-kompetensi/salin", json={"dari": a, "ke": [b]})
    assert copied.status_code == 200 and "TEK-KEP-01" not in {i["kompetensi_kode"] for i in copied.json()[0]["items"]}


async def test_a_code_repeated_in_one_standard_is_refused_and_nothing_written(kompetensi_client, world):
    url = f"/api/v1/standar-kompetensi/{world['jab_a']['id']}"
    items = [
        {"kompetensi_kode": "TEK-KEP-01", "level": 3},
        {"kompetensi_kode": "INT", "level": 2},
        {"kompetensi_kode": "TEK-KEP-01", "level": 4},
    ]
    assert_problem(await kompetensi_client.put(url, json={"items": items}), 422, "TEK-KEP-01 is given more than once")
    assert (await kompetensi_client.get(url)).json()["items"] == []
    log = await kompetensi_client.get(
        "/api/v1/audit-log", params={"entity": "standar_kompetensi", "entity_id": world["jab_a"]["id"]}
    )
    assert log.json()["total"] == 0


async def test_the_write_policy_holds_for_standards_and_competencies_as_in_pegawai(kompetensi_client, world):
    """The first PUT of a standard needs no version; replacing it and deleting a competency need the
    version read (428 without, 412 when stale), or `If-Match: *` for a deliberate overwrite."""
    url = f"/api/v1/standar-kompetensi/{world['jab_b']['id']}"
    body = {"items": [{"kompetensi_kode": "INT", "level": 3}], "sertakan_default": False}
    first = await kompetensi_client.put(url, json=body)
    assert first.status_code == 200 and first.headers["etag"] == '"1"', first.text
    changed = {"items": [{"kompetensi_kode": "INT", "level": 4}], "sertakan_default": False}
    assert_problem(await kompetensi_client.put(url, json=changed), 428)
    assert_problem(await kompetensi_client.put(url, json=changed, headers={"If-Match": '"7"'}), 412)
    second = await kompetensi_client.put(url, json=changed, headers={"If-Match": first.headers["etag"]})
    assert second.status_code == 200 and second.headers["etag"] == '"2"'
    assert_problem(await kompetensi_client.put(url, json=body, headers=if_match(first.json())), 412)
    assert (await kompetensi_client.put(url, json=body, headers=ANY_VERSION)).headers["etag"] == '"3"'

    unused = await make_teknis(kompetensi_client, "TEK-POL-01")
    gone = f"/api/v1/kompetensi/{unused['id']}"
    assert_problem(await kompetensi_client.delete(gone), 428)
    assert_problem(await kompetensi_client.delete(gone, headers={"If-Match": '"9"'}), 412)
    assert (await kompetensi_client.delete(gone, headers=if_match(unused))).status_code == 204
    assert_problem(await kompetensi_client.get(gone), 404)


async def test_the_compact_levels_of_many_positions_within_reach(kompetensi_client, world):
    """POST /standar-kompetensi/level: per position the required level per code (empty without a
    standard), the codes' names once; a position out of the caller's reach is missing, not a 404."""
    a, b = world["jab_a"]["id"], world["jab_b"]["id"]
    items = [{"kompetensi_kode": "TEK-KEP-01", "level": 3}, {"kompetensi_kode": "INT", "level": 4}]
    r = await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{a}", json={"items": items, "sertakan_default": False}, headers=ANY_VERSION
    )
    assert r.status_code == 200, r.text
    got = (await kompetensi_client.post("/api/v1/standar-kompetensi/level", json={"jabatan_ids": [a, b]})).json()
    assert {i["jabatan_id"]: i["level"] for i in got["items"]} == {a: {"TEK-KEP-01": 3, "INT": 4}, b: {}}
    assert set(got["kompetensi"]) == {"TEK-KEP-01", "INT"} and got["missing"] == []
    full = (await kompetensi_client.post("/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": [a]})).json()
    assert {i["kompetensi_kode"]: i["level"] for i in full[0]["items"]} == got["items"][0]["level"]  # the same standard
    opd_a = auth("admin_opd", opd=world["opd_a"]["id"])
    scoped = await kompetensi_client.post(
        "/api/v1/standar-kompetensi/level", json={"jabatan_ids": [a, b]}, headers=opd_a
    )
    assert [i["jabatan_id"] for i in scoped.json()["items"]] == [a] and scoped.json()["missing"] == [b]
    too_many = {"jabatan_ids": [a] * 10001}
    assert_problem(await kompetensi_client.post("/api/v1/standar-kompetensi/level", json=too_many), 422)


async def test_the_compact_levels_of_every_position_within_reach(pegawai_client, kompetensi_client, world):
    """`semua` in place of `jabatan_ids` (the talent map's standards for BKPSDM, asked beside
    pegawai's lists): every position the caller reaches that has a standard, the same levels as by
    id, ordered by id, none named missing; a narrower caller still gets only its reach."""
    path, put = "/api/v1/standar-kompetensi/level", "/api/v1/standar-kompetensi/{}"
    a, b = world["jab_a"]["id"], world["jab_b"]["id"]
    nothing = (await kompetensi_client.post(path, json={"semua": True})).json()
    assert nothing == {"items": [], "kompetensi": {}, "missing": []}
    for jabatan_id, kode in ((a, "TEK-KEP-01"), (b, "INT")):
        body = {"items": [{"kompetensi_kode": kode, "level": 3}], "sertakan_default": False}
        assert (await kompetensi_client.put(put.format(jabatan_id), json=body)).status_code == 200
    bare = (await make_jabatan(pegawai_client, world["opd_a"]["id"], nama="Tanpa Standar"))["id"]  # absent
    by_id = (await kompetensi_client.post(path, json={"jabatan_ids": [a, b, bare]})).json()
    assert by_id["items"][2] == {"jabatan_id": bare, "level": {}}
    every = (await kompetensi_client.post(path, json={"semua": True})).json()
    assert every == {
        "items": sorted(by_id["items"][:2], key=lambda i: i["jabatan_id"]),
        "kompetensi": by_id["kompetensi"],
        "missing": [],
    }
    opd_a = auth("admin_opd", opd=world["opd_a"]["id"])
    scoped = (await kompetensi_client.post(path, json={"semua": True}, headers=opd_a)).json()
    names = {"TEK-KEP-01": by_id["kompetensi"]["TEK-KEP-01"]}
    assert scoped == {"items": [by_id["items"][0]], "kompetensi": names, "missing": []}  # B's is not even named
    own = auth("pegawai", nip=world["b1"]["nip"])
    mine = (await kompetensi_client.post(path, json={"semua": True}, headers=own)).json()
    assert [i["jabatan_id"] for i in mine["items"]] == [b] and mine["missing"] == []
    for neither_or_both in ({}, {"semua": False}, {"jabatan_ids": [a], "semua": True}, {"jabatan_ids": None}):
        problem = assert_problem(await kompetensi_client.post(path, json=neither_or_both), 422)
        assert "jabatan_ids" in str(problem), problem
