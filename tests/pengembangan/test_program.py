"""Programs of the catalogue: what admin_bkpsdm writes, what everyone reads, what is refused."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.conftest import ENGLISH, auth
from tests.pegawai.helpers import if_match
from tests.pengembangan.conftest import angkatan_body, program_body
from tests.problem import assert_problem


async def audit(client: httpx.AsyncClient, entity: str, **params: Any) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/audit-log", params={"entity": entity, "limit": 100, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same record, whatever the spelling of its timestamps' time zone (Z or +00:00)."""
    stamps = ("created_at", "updated_at")
    return {k: v for k, v in a.items() if k not in stamps} == {k: v for k, v in b.items() if k not in stamps}


async def test_a_program_is_created_with_its_competencies_path_and_costs_and_audited(pengembangan_client):
    r = await pengembangan_client.post("/api/v1/program", json=program_body())
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["ETag"] == '"1"' and r.headers["Location"] == f"/api/v1/program/{body['id']}"
    assert body["jenis_nama"] == "Bimbingan teknis" and body["jalur"] == "klasikal"
    assert body["biaya_total_per_peserta"] == 3_500_000 + 2_750_000
    # Competencies come back by code, whatever order they were sent in.
    assert body["kompetensi"] == [
        {"kode_kompetensi": "PPU", "level": 2},
        {"kode_kompetensi": "TEK-KESEHATAN-01", "level": 3},
    ]
    got = await pengembangan_client.get(f"/api/v1/program/{body['id']}")
    assert got.status_code == 200 and got.headers["ETag"] == '"1"'
    assert same(got.json(), body)
    assert [e["action"] for e in await audit(pengembangan_client, "program", entity_id=body["id"])] == ["insert"]
    assert len(await audit(pengembangan_client, "program_kompetensi")) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"jp": 0}, "jp"),
        ({"jp": -8}, "jp"),
        ({"jp": 100_000}, "jp"),
        ({"biaya_per_peserta": -1}, "biaya_per_peserta"),
        ({"biaya_per_peserta": 1500.5}, "biaya_per_peserta"),
        ({"biaya_perjalanan_per_peserta": -100}, "biaya_perjalanan_per_peserta"),
        ({"jenis": "diklat"}, "jenis"),
        ({"jenis": "ngopi"}, "jenis"),
        ({"penyelenggara": "swasta"}, "penyelenggara"),
        ({"kompetensi": []}, "kompetensi"),
        ({"kompetensi": [{"kode_kompetensi": "tek kes 01", "level": 3}]}, "kompetensi.0.kode_kompetensi"),
        ({"kompetensi": [{"kode_kompetensi": "INT", "level": 6}]}, "kompetensi.0.level"),
        (
            {"kompetensi": [{"kode_kompetensi": "INT", "level": 2}, {"kode_kompetensi": "INT", "level": 3}]},
            "kompetensi",
        ),
        ({"kode": "bimtek askep"}, "kode"),
        ({"nama": "Bimtek\x00"}, "nama"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(pengembangan_client, change, field):
    problem = assert_problem(await pengembangan_client.post("/api/v1/program", json=program_body(**change)), 422)
    assert field in [e["field"] for e in problem["errors"]], problem
    assert (await pengembangan_client.get("/api/v1/program")).json()["total"] == 0
    assert await audit(pengembangan_client, "program") == []


async def test_an_unknown_kind_is_answered_with_the_kinds_there_are(pengembangan_client):
    problem = assert_problem(await pengembangan_client.post("/api/v1/program", json=program_body(jenis="diklat")), 422)
    [error] = problem["errors"]
    assert error["code"] == "program-jenis-unknown" and "pelatihan_teknis" in error["message"]


async def test_a_travel_cost_needs_a_program_out_of_town(pengembangan_client):
    body = program_body(luar_kota=False, biaya_perjalanan_per_peserta=500_000)
    problem = assert_problem(await pengembangan_client.post("/api/v1/program", json=body), 422, "out of town")
    assert problem["type"].endswith("/program-perjalanan-dalam-kota")
    made = (await pengembangan_client.post("/api/v1/program", json=program_body(luar_kota=True))).json()
    moved_home = await pengembangan_client.patch(
        f"/api/v1/program/{made['id']}", json={"luar_kota": False}, headers=if_match(made)
    )
    assert_problem(moved_home, 422, "out of town")
    both = await pengembangan_client.patch(
        f"/api/v1/program/{made['id']}",
        json={"luar_kota": False, "biaya_perjalanan_per_peserta": 0},
        headers=if_match(made),
    )
    assert both.status_code == 200 and both.json()["biaya_total_per_peserta"] == 3_500_000


async def test_a_code_is_unique_and_never_changes(pengembangan_client, pengembangan_db):
    first = (await pengembangan_client.post("/api/v1/program", json=program_body())).json()
    again = await pengembangan_client.post("/api/v1/program", json=program_body(nama="Another name"))
    assert assert_problem(again, 409, "BIMTEK-ASKEP-01")["type"].endswith("/program-kode-duplicate")
    assert (await pengembangan_client.get("/api/v1/program")).json()["total"] == 1
    url = f"/api/v1/program/{first['id']}"
    renamed = assert_problem(
        await pengembangan_client.patch(url, json={"kode": "BIMTEK-X"}, headers=if_match(first)), 422
    )
    assert renamed["errors"][0]["code"] == "program-kode-fixed"
    assert (await pengembangan_client.get(url)).json()["kode"] == "BIMTEK-ASKEP-01"
    # Nor behind the API's back: the database refuses it too.
    async with pengembangan_db.unlocked() as session:
        with pytest.raises(Exception, match="never changes"):
            async with session.begin_nested():
                await session.execute(text("UPDATE program SET kode = 'BIMTEK-X' WHERE id = :id"), {"id": first["id"]})


async def test_a_change_needs_the_version_read_and_replaces_the_competencies(pengembangan_client):
    made = (await pengembangan_client.post("/api/v1/program", json=program_body())).json()
    url = f"/api/v1/program/{made['id']}"
    assert_problem(await pengembangan_client.patch(url, json={"jp": 40}), 428)
    assert_problem(await pengembangan_client.patch(url, json={"jp": 40}, headers={"If-Match": '"9"'}), 412)
    changed = await pengembangan_client.patch(
        url,
        json={
            "jp": 40,
            "kompetensi": [{"kode_kompetensi": "TEK-KESEHATAN-01", "level": 4}, {"kode_kompetensi": "KOM", "level": 2}],
        },
        headers=if_match(made),
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert changed.headers["ETag"] == '"2"' and body["jp"] == 40 and body["kode"] == made["kode"]
    assert body["kompetensi"] == [
        {"kode_kompetensi": "KOM", "level": 2},
        {"kode_kompetensi": "TEK-KESEHATAN-01", "level": 4},
    ]
    # Only the list changing still moves the version, so a stale If-Match is refused afterwards.
    levels = await pengembangan_client.patch(
        url, json={"kompetensi": [{"kode_kompetensi": "KOM", "level": 3}]}, headers=if_match(body)
    )
    assert levels.status_code == 200 and levels.headers["ETag"] == '"3"'
    assert_problem(await pengembangan_client.patch(url, json={"jp": 41}, headers=if_match(body)), 412)
    assert_problem(await pengembangan_client.patch(url, json={"jp": None}, headers=if_match(levels.json())), 422)
    # The program's own row changed once (the list's rows are audited as themselves).
    log = await audit(pengembangan_client, "program", entity_id=made["id"])
    assert [e["action"] for e in log] == ["update", "insert"]
    assert log[0]["before"]["jp"] == 32 and log[0]["after"]["jp"] == 40
    kompetensi_log = {
        (e["action"], e["entity_id"].split(",")[1]) for e in await audit(pengembangan_client, "program_kompetensi")
    }
    assert {("delete", "PPU"), ("insert", "KOM"), ("update", "TEK-KESEHATAN-01")} <= kompetensi_log


async def test_a_program_with_batches_cannot_be_deleted(pengembangan_client, katalog):
    askep, pka = katalog["askep"], katalog["pka"]
    url = f"/api/v1/program/{askep['id']}"
    assert_problem(await pengembangan_client.delete(url, headers=if_match(askep)), 409, "2 batches")
    assert (await pengembangan_client.get(url)).status_code == 200
    assert_problem(await pengembangan_client.delete(f"/api/v1/program/{pka['id']}"), 428)
    gone = await pengembangan_client.delete(f"/api/v1/program/{pka['id']}", headers=if_match(pka))
    assert gone.status_code == 204
    assert (await pengembangan_client.get(f"/api/v1/program/{pka['id']}")).status_code == 404
    assert [e["action"] for e in await audit(pengembangan_client, "program", entity_id=pka["id"])] == [
        "delete",
        "insert",
    ]
    # Its competencies go with it, each audited.
    dropped = [e for e in await audit(pengembangan_client, "program_kompetensi") if e["action"] == "delete"]
    assert sorted(e["entity_id"].split(",")[1] for e in dropped) == ["MP", "PK"]
    # A planned batch deleted, the program without batches can go.
    coaching = katalog["coaching"]
    planned = katalog["planned"]
    assert (
        await pengembangan_client.delete(f"/api/v1/angkatan/{planned['id']}", headers=if_match(planned))
    ).status_code == 204
    assert (
        await pengembangan_client.delete(f"/api/v1/program/{coaching['id']}", headers=if_match(coaching))
    ).status_code == 204


async def test_the_catalogue_filters_by_kind_path_competency_provider_year_and_open_seats(pengembangan_client, katalog):
    async def codes(**params: Any) -> list[str]:
        r = await pengembangan_client.get("/api/v1/program", params=params)
        assert r.status_code == 200, r.text
        return [p["kode"] for p in r.json()["items"]]

    every = ["BIMTEK-ASKEP-01", "COACH-PDO-01", "PKA-01"]
    assert await codes() == every
    assert await codes(jenis="coaching") == ["COACH-PDO-01"]
    assert await codes(jalur="klasikal") == ["BIMTEK-ASKEP-01", "PKA-01"]
    assert await codes(jalur="pendidikan") == []
    assert await codes(kompetensi="PK") == ["PKA-01"]
    assert await codes(kompetensi="TEK-KESEHATAN-01") == ["BIMTEK-ASKEP-01"]
    assert await codes(penyelenggara="lan") == ["PKA-01"]
    last_year = int(katalog["finished"]["tanggal_mulai"][:4])
    assert await codes(tahun=last_year) == ["BIMTEK-ASKEP-01"]
    assert await codes(tahun=last_year - 1) == []
    assert await codes(tersedia=True) == ["BIMTEK-ASKEP-01"]
    assert await codes(tersedia=False) == ["COACH-PDO-01", "PKA-01"]
    assert await codes(q="kepemimpinan") == ["PKA-01"]
    assert await codes(q="%") == []
    assert_problem(await pengembangan_client.get("/api/v1/program", params={"kompetensi": "a b"}), 422)
    assert_problem(await pengembangan_client.get("/api/v1/program", params={"jenis": "ngopi"}), 422)


async def test_many_programs_are_read_at_once_in_the_order_asked(pengembangan_client, katalog):
    unknown = "00000000-0000-4000-8000-000000000001"
    ids = [katalog["pka"]["id"], unknown, katalog["askep"]["id"], katalog["pka"]["id"]]
    r = await pengembangan_client.post("/api/v1/program/lookup", json={"ids": ids})
    assert r.status_code == 200, r.text
    assert [p["kode"] for p in r.json()["items"]] == ["PKA-01", "BIMTEK-ASKEP-01"]
    assert r.json()["missing"] == [unknown]


async def test_the_kinds_of_development_are_listed_with_their_path(pengembangan_client):
    r = await pengembangan_client.get("/api/v1/program/jenis")
    assert r.status_code == 200, r.text
    kinds = {k["kode"]: k for k in r.json()}
    assert kinds["coaching"]["jalur"] == "nonklasikal" and kinds["coaching"]["tanpa_biaya"]
    assert kinds["tugas_belajar"]["jalur"] == "pendidikan" and not kinds["tugas_belajar"]["tanpa_biaya"]
    assert kinds["sekolah_kader"]["jalur_nama"] == "Sekolah kader"
    assert not any(k["confirmed"] for k in kinds.values())


async def test_every_signed_in_role_reads_the_catalogue_and_only_admin_bkpsdm_writes_it(pengembangan_app, katalog):
    askep = katalog["askep"]
    readers = [
        auth("admin_opd", opd="00000000-0000-4000-8000-00000000000a"),
        auth("pegawai", nip="198503122010011003"),
        auth("atasan", nip="198503122010011003"),
        auth("integrasi"),
        auth("layanan"),
    ]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=pengembangan_app), base_url="http://p") as c:
        for headers in readers:
            headers = {**ENGLISH, **headers}
            assert (await c.get("/api/v1/program", headers=headers)).json()["total"] == 3
            assert (await c.get(f"/api/v1/angkatan/{katalog['open']['id']}", headers=headers)).status_code == 200
            assert_problem(await c.post("/api/v1/program", json=program_body("NEW-01"), headers=headers), 403)
            assert_problem(
                await c.patch(f"/api/v1/program/{askep['id']}", json={"jp": 1}, headers={**headers, **if_match(askep)}),
                403,
            )
        assert_problem(await c.get("/api/v1/program"), 401)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=pengembangan_app), base_url="http://p") as c:
        admin = {**ENGLISH, **auth("admin_bkpsdm")}
        assert (await c.get("/api/v1/program", headers=admin)).json()["total"] == 3  # nothing was written


async def test_a_retried_create_is_replayed_not_written_twice(pengembangan_client):
    key = {"Idempotency-Key": "program-askep-1"}
    first = await pengembangan_client.post("/api/v1/program", json=program_body(), headers=key)
    again = await pengembangan_client.post("/api/v1/program", json=program_body(), headers=key)
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json()["id"] == first.json()["id"]
    assert (await pengembangan_client.get("/api/v1/program")).json()["total"] == 1


async def test_the_catalogue_is_reached_through_the_gateway(gateway_client, katalog):
    r = await gateway_client.get("/api/v1/program", params={"tersedia": "true"})
    assert r.status_code == 200, r.text
    assert [p["kode"] for p in r.json()["items"]] == ["BIMTEK-ASKEP-01"]
    batches = await gateway_client.get("/api/v1/angkatan", params={"program_id": katalog["askep"]["id"]})
    assert batches.status_code == 200 and batches.json()["total"] == 2
    made = await gateway_client.post("/api/v1/angkatan", json=angkatan_body(katalog["pka"]["id"], "GW-01"))
    assert made.status_code == 201, made.text
