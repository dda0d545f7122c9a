"""Batches (angkatan) of the catalogue's programs: dates, seats, status, filters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import text

from tests.pegawai.helpers import if_match
from tests.pengembangan.conftest import TODAY, angkatan_body, make_angkatan
from tests.pengembangan.test_program import audit, same
from tests.problem import assert_problem


async def test_a_batch_carries_its_program_and_its_seats_left(pengembangan_client, katalog):
    batch = katalog["open"]
    assert batch["program_kode"] == "BIMTEK-ASKEP-01" and batch["program_nama"] == katalog["askep"]["nama"]
    assert batch["kuota"] == 30 and batch["terisi"] == 0 and batch["sisa_kursi"] == 30
    r = await pengembangan_client.get(f"/api/v1/angkatan/{batch['id']}")
    assert r.status_code == 200 and same(r.json(), batch) and r.headers["ETag"] == '"1"'
    assert [e["action"] for e in await audit(pengembangan_client, "angkatan", entity_id=batch["id"])] == ["insert"]


async def test_a_batch_ending_before_it_starts_is_refused_and_nothing_is_written(pengembangan_client, katalog):
    program = katalog["pka"]["id"]
    body = angkatan_body(program, tanggal_mulai="2027-03-10", tanggal_selesai="2027-03-09")
    problem = assert_problem(await pengembangan_client.post("/api/v1/angkatan", json=body), 422, "2027-03-09")
    assert problem["type"].endswith("/angkatan-selesai-before-mulai")
    for bad in ({"kuota": 0}, {"kuota": -5}, {"tanggal_mulai": "1999-12-31"}, {"status": "ditunda"}, {"kode": "a b"}):
        assert_problem(await pengembangan_client.post("/api/v1/angkatan", json=angkatan_body(program, **bad)), 422)
    unknown = angkatan_body("00000000-0000-4000-8000-000000000001")
    assert_problem(await pengembangan_client.post("/api/v1/angkatan", json=unknown), 422, "not in the catalogue")
    listed = await pengembangan_client.get("/api/v1/angkatan", params={"program_id": program})
    assert listed.json()["total"] == 0
    # One day is a batch: the last day may be the first.
    one_day = angkatan_body(program, tanggal_mulai="2027-03-10", tanggal_selesai="2027-03-10")
    assert (await pengembangan_client.post("/api/v1/angkatan", json=one_day)).status_code == 201


async def test_a_batch_code_is_unique_within_its_program(pengembangan_client, katalog):
    taken = katalog["open"]["kode"]
    again = await pengembangan_client.post("/api/v1/angkatan", json=angkatan_body(katalog["askep"]["id"], taken))
    assert assert_problem(again, 409, taken)["type"].endswith("/angkatan-kode-duplicate")
    elsewhere = await pengembangan_client.post("/api/v1/angkatan", json=angkatan_body(katalog["pka"]["id"], taken))
    assert elsewhere.status_code == 201
    renamed = await pengembangan_client.patch(
        f"/api/v1/angkatan/{katalog['finished']['id']}", json={"kode": taken}, headers=if_match(katalog["finished"])
    )
    assert renamed.status_code == 409  # a finished batch no longer changes, whatever the change


async def test_the_status_moves_forward_and_a_finished_batch_no_longer_changes(pengembangan_client, katalog):
    planned = katalog["planned"]
    url = f"/api/v1/angkatan/{planned['id']}"
    assert_problem(await pengembangan_client.patch(url, json={"status": "dibuka"}), 428)
    skipped = await pengembangan_client.patch(url, json={"status": "selesai"}, headers=if_match(planned))
    assert assert_problem(skipped, 409, "dibuka")["type"].endswith("/angkatan-status-transition")
    opened = await pengembangan_client.patch(url, json={"status": "dibuka"}, headers=if_match(planned))
    assert opened.status_code == 200 and opened.json()["status"] == "dibuka"
    # It starts ten days ahead: not running yet.
    early = await pengembangan_client.patch(url, json={"status": "berjalan"}, headers=if_match(opened.json()))
    assert assert_problem(early, 422, "not started")["type"].endswith("/angkatan-not-started")
    started = (TODAY - timedelta(days=1)).isoformat()
    running = await pengembangan_client.patch(
        url,
        json={"status": "berjalan", "tanggal_mulai": started, "tanggal_selesai": TODAY.isoformat()},
        headers=if_match(opened.json()),
    )
    assert running.status_code == 200, running.text
    assert_problem(await pengembangan_client.delete(url, headers=if_match(running.json())), 409, "berjalan")
    done = await pengembangan_client.patch(url, json={"status": "selesai"}, headers=if_match(running.json()))
    assert done.status_code == 200 and done.headers["ETag"] == '"4"'
    final = await pengembangan_client.patch(url, json={"tempat": "Aula"}, headers=if_match(done.json()))
    assert assert_problem(final, 409, "selesai")["type"].endswith("/angkatan-final")
    log = await audit(pengembangan_client, "angkatan", entity_id=planned["id"])
    assert [(e["before"] or {}).get("status") for e in log] == ["berjalan", "dibuka", "direncanakan", None]


async def test_a_batch_is_never_moved_to_another_program(pengembangan_client, katalog):
    planned = katalog["planned"]
    moved = await pengembangan_client.patch(
        f"/api/v1/angkatan/{planned['id']}", json={"program_id": katalog["pka"]["id"]}, headers=if_match(planned)
    )
    assert assert_problem(moved, 422)["errors"][0]["code"] == "angkatan-program-fixed"


async def test_the_quota_never_drops_below_the_seats_taken(pengembangan_client, pengembangan_db, katalog):
    batch = katalog["open"]
    # Enrollment is not built yet; a batch with 12 seats taken stands in for it.
    async with pengembangan_db.unlocked() as session:
        await session.execute(text("UPDATE angkatan SET terisi = 12 WHERE id = :id"), {"id": batch["id"]})
        await session.commit()
    url = f"/api/v1/angkatan/{batch['id']}"
    current = (await pengembangan_client.get(url)).json()
    assert current["sisa_kursi"] == 18
    assert_problem(await pengembangan_client.patch(url, json={"kuota": 11}, headers=if_match(current)), 409, "12")
    assert (await pengembangan_client.patch(url, json={"kuota": 12}, headers=if_match(current))).json()[
        "sisa_kursi"
    ] == 0
    full = await pengembangan_client.get("/api/v1/angkatan", params={"tersedia": "true"})
    assert full.json()["total"] == 0  # open, but no seat left
    current = (await pengembangan_client.get(url)).json()
    # A batch with participants is not deleted.
    assert_problem(await pengembangan_client.delete(url, headers=if_match(current)), 409, "12 participants")


async def test_batches_filter_by_program_year_status_seats_online_and_competency(pengembangan_client, katalog):
    async def codes(**params: Any) -> list[str]:
        r = await pengembangan_client.get("/api/v1/angkatan", params=params)
        assert r.status_code == 200, r.text
        return [f"{a['program_kode']}/{a['kode']}" for a in r.json()["items"]]

    finished, open_, planned = (
        f"{katalog[k]['program_kode']}/{katalog[k]['kode']}" for k in ("finished", "open", "planned")
    )
    assert (await codes())[0] == finished  # earliest first
    assert sorted(await codes()) == sorted([finished, open_, planned])
    assert await codes(program_id=katalog["coaching"]["id"]) == [planned]
    assert await codes(tahun=int(katalog["finished"]["tanggal_mulai"][:4])) == [finished]
    assert await codes(status="dibuka") == [open_]
    assert await codes(tersedia="true") == [open_]
    assert sorted(await codes(tersedia="false")) == sorted([finished, planned])
    assert await codes(daring="true") == [planned]
    assert await codes(kompetensi="PDO") == [planned]
    assert await codes(jalur="nonklasikal") == [planned]
    assert await codes(penyelenggara="lan") == []
    assert_problem(await pengembangan_client.get("/api/v1/angkatan", params={"status": "ditunda"}), 422)


async def test_many_batches_are_read_at_once(pengembangan_client, katalog):
    ids = [katalog["planned"]["id"], katalog["open"]["id"]]
    r = await pengembangan_client.post("/api/v1/angkatan/lookup", json={"ids": ids})
    assert r.status_code == 200 and [a["id"] for a in r.json()["items"]] == ids and r.json()["missing"] == []
    assert_problem(await pengembangan_client.post("/api/v1/angkatan/lookup", json={"ids": []}), 422)


async def test_a_planned_batch_is_deleted_with_its_version(pengembangan_client, katalog):
    extra = await make_angkatan(pengembangan_client, katalog["pka"]["id"], "X-01")
    url = f"/api/v1/angkatan/{extra['id']}"
    assert_problem(await pengembangan_client.delete(url), 428)
    assert_problem(await pengembangan_client.delete(url, headers={"If-Match": '"5"'}), 412)
    assert (await pengembangan_client.delete(url, headers=if_match(extra))).status_code == 204
    assert (await pengembangan_client.get(url)).status_code == 404
    assert [e["action"] for e in await audit(pengembangan_client, "angkatan", entity_id=extra["id"])] == [
        "delete",
        "insert",
    ]
