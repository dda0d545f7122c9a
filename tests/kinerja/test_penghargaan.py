"""Awards: recorded by admins within reach, readable within reach, announced ones public."""

from __future__ import annotations

import httpx

from tests.conftest import ENGLISH, auth
from tests.pegawai.helpers import if_match
from tests.problem import assert_problem


def award(nip: str, **kw) -> dict:
    return {"nip": nip, "jenis": "slks_x", "tanggal": "2025-08-17", "nomor_sk": "KEPPRES 75/TK/2025", **kw}


async def test_an_admin_records_an_award_with_the_name_and_unit_of_the_day(kinerja_client, world):
    a1 = world["a1"]
    r = await kinerja_client.post("/api/v1/penghargaan", json=award(a1["nip"], pemberi="Presiden RI"))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["jenis_nama"] == "Satyalancana Karya Satya X Tahun"
    assert body["nama_pegawai"] == a1["nama_lengkap"] and body["unit_nama"] == world["opd_a"]["nama"]
    assert r.headers["ETag"] == '"1"' and r.headers["Location"] == f"/api/v1/penghargaan/{body['id']}"
    listed = await kinerja_client.get("/api/v1/penghargaan", params={"nip": a1["nip"]})
    assert [p["id"] for p in listed.json()["items"]] == [body["id"]]
    # A year filter (found by the fuzzing: it compared the date with text and answered 500).
    for tahun, total in ((2025, 1), (2024, 0)):
        by_year = await kinerja_client.get("/api/v1/penghargaan", params={"tahun": tahun})
        assert by_year.status_code == 200 and by_year.json()["total"] == total


async def test_wrong_kinds_and_dates_are_refused_and_nothing_is_written(kinerja_client, world):
    nip = world["a1"]["nip"]
    problem = assert_problem(await kinerja_client.post("/api/v1/penghargaan", json=award(nip, jenis="bintang")), 422)
    assert problem["errors"][0]["field"] == "jenis" and "slks_x" in problem["errors"][0]["message"]
    future = assert_problem(
        await kinerja_client.post("/api/v1/penghargaan", json=award(nip, tanggal="2999-01-01")), 422
    )
    assert future["errors"][0]["field"] == "tanggal"
    pppk = await kinerja_client.post(
        "/api/v1/penghargaan", json=award(nip, jenis="acara_resmi")
    )  # for PNS and PPPK: accepted
    assert pppk.status_code == 201
    assert (await kinerja_client.get("/api/v1/penghargaan", params={"nip": nip})).json()["total"] == 1


async def test_a_kind_only_for_pns_is_refused_for_a_pppk(kinerja_client, pegawai_client, world):
    from tests.pegawai.factories import make_pegawai

    pppk = await make_pegawai(pegawai_client, status_kepegawaian="PPPK", golongan="IX", nama="Dewi Kontrak")
    problem = assert_problem(await kinerja_client.post("/api/v1/penghargaan", json=award(pppk["nip"])), 422, "PPPK")
    assert problem["type"].endswith("/penghargaan-not-for-status")


async def test_reach_decides_who_sees_and_records_an_award(kinerja_app, kinerja_client, world):
    a1, b1 = world["a1"], world["b1"]
    mine = (await kinerja_client.post("/api/v1/penghargaan", json=award(a1["nip"]))).json()
    theirs = (await kinerja_client.post("/api/v1/penghargaan", json=award(b1["nip"]))).json()
    opd_a = {**ENGLISH, **auth("admin_opd", opd=world["opd_a"]["id"])}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://k") as c:
        listed = await c.get("/api/v1/penghargaan", headers=opd_a)
        assert [p["id"] for p in listed.json()["items"]] == [mine["id"]]
        assert (await c.get(f"/api/v1/penghargaan/{theirs['id']}", headers=opd_a)).status_code == 404
        assert_problem(await c.post("/api/v1/penghargaan", json=award(b1["nip"]), headers=opd_a), 404)
        own = {**ENGLISH, **auth("pegawai", nip=a1["nip"])}
        assert [p["id"] for p in (await c.get("/api/v1/penghargaan", headers=own)).json()["items"]] == [mine["id"]]
        assert (await c.get(f"/api/v1/penghargaan/{mine['id']}", headers=own)).status_code == 200
        assert_problem(
            await c.patch(
                f"/api/v1/penghargaan/{mine['id']}", json={"diumumkan": True}, headers={**own, **if_match(mine)}
            ),
            403,
        )


async def test_only_announced_awards_are_public_with_name_unit_and_award_only(kinerja_app, kinerja_client, world):
    a1, a2 = world["a1"], world["a2"]
    shown = (await kinerja_client.post("/api/v1/penghargaan", json=award(a1["nip"], diumumkan=True))).json()
    hidden = (await kinerja_client.post("/api/v1/penghargaan", json=award(a2["nip"], tanggal="2025-09-01"))).json()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://k") as anyone:
        r = await anyone.get("/api/v1/publik/penghargaan")
        assert r.status_code == 200, r.text
        assert r.headers["Cache-Control"] == "public, max-age=300"
        assert r.json()["items"] == [
            {
                "nama": a1["nama_lengkap"],
                "unit": world["opd_a"]["nama"],
                "penghargaan": "Satyalancana Karya Satya X Tahun",
                "tanggal": "2025-08-17",
            }
        ]
        assert a1["nip"] not in r.text
        # Announcing the other one puts it on the feed, newest first.
        patched = await kinerja_client.patch(
            f"/api/v1/penghargaan/{hidden['id']}", json={"diumumkan": True}, headers=if_match(hidden)
        )
        assert patched.status_code == 200 and patched.headers["ETag"] == '"2"'
        names = [p["nama"] for p in (await anyone.get("/api/v1/publik/penghargaan")).json()["items"]]
        assert names == [a2["nama_lengkap"], a1["nama_lengkap"]]
    assert shown["diumumkan"]


async def test_an_award_is_deleted_with_its_version_and_every_write_is_audited(kinerja_client, world):
    created = (await kinerja_client.post("/api/v1/penghargaan", json=award(world["a1"]["nip"]))).json()
    url = f"/api/v1/penghargaan/{created['id']}"
    assert_problem(await kinerja_client.delete(url), 428)
    assert_problem(await kinerja_client.delete(url, headers={"If-Match": '"7"'}), 412)
    assert (await kinerja_client.delete(url, headers=if_match(created))).status_code == 204
    assert (await kinerja_client.get(url)).status_code == 404
    log = (await kinerja_client.get("/api/v1/audit-log", params={"entity": "penghargaan"})).json()["items"]
    assert [e["action"] for e in log] == ["delete", "insert"]


async def test_the_public_feed_passes_the_gateway_without_a_token_and_stays_cacheable(
    gateway_app, kinerja_client, world
):
    await kinerja_client.post("/api/v1/penghargaan", json=award(world["a1"]["nip"], diumumkan=True))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway_app), base_url="http://gw") as anyone:
        r = await anyone.get("/api/v1/publik/penghargaan")
        assert r.status_code == 200, r.text
        assert r.headers["Cache-Control"] == "public, max-age=300" and r.json()["total"] == 1
        # Everything else under /api/v1 still asks for a token, and the private list is not cacheable.
        assert_problem(await anyone.get("/api/v1/penghargaan"), 401)
        private = await anyone.get("/api/v1/penghargaan", headers=auth("admin_bkpsdm"))
        assert private.status_code == 200 and private.headers["Cache-Control"] == "no-store"
        assert (await anyone.get("/api/v1/publik/tidak-ada")).status_code == 404
        # No way round to a private resource without a token (a client may normalise the dots
        # itself and then meets the token check; the gateway refuses the ones that arrive).
        for sneaky in ("/api/v1/publik/penghargaan/../../penghargaan", "/api/v1/publik/penghargaan/%2E%2E/x"):
            r = await anyone.get(sneaky)
            assert r.status_code in (401, 404) and r.headers["content-type"].startswith("application/problem+json")
        raw = await anyone.request("GET", httpx.URL("http://gw/api/v1/publik/penghargaan/..%2F..%2Fpenghargaan"))
        assert raw.status_code in (401, 404)
