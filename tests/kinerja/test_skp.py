"""SKP (PermenPAN-RB 6/2022): the workflow between employee and supervisor, cascading work
results, the predikat from the matrix, corrections, history and the bulk and unit reads."""

from __future__ import annotations

from typing import Any

import httpx
import pytest_asyncio

from tests.conftest import ENGLISH, auth
from tests.pegawai.helpers import ANY_VERSION, if_match
from tests.problem import assert_problem

BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


def perilaku(*ratings: str) -> list[dict[str, str]]:
    values = list(ratings) + [ratings[-1]] * (7 - len(ratings))
    return [{"nilai": v, "rating": r} for v, r in zip(BERAKHLAK, values, strict=True)]


def rencana(uraian: str, mendukung: str | None = None) -> dict[str, Any]:
    return {"uraian": uraian, "indikator": [f"Indikator {uraian}"], "target": "12 laporan", "mendukung_id": mendukung}


@pytest_asyncio.fixture
async def skp_world(pegawai_client, kinerja_app, kinerja_client, world) -> dict[str, Any]:
    """a2 supervises a1 (set by hand); the 2026 period is open; a2 has an SKP with one work result."""
    a1, a2, b1 = world["a1"], world["a2"], world["b1"]
    r = await pegawai_client.patch(f"/api/v1/pegawai/{a1['nip']}", json={"atasan_nip": a2["nip"]}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    periode = (await kinerja_client.post("/api/v1/periode-skp", json={"tahun": 2026, "evaluasi": "triwulanan"})).json()
    # a2 has no supervisor of its own: an admin names one.
    atasan_skp = await kinerja_client.post(
        "/api/v1/skp", json={"nip": a2["nip"], "periode_id": periode["id"], "penilai_nip": b1["nip"]}
    )
    assert atasan_skp.status_code == 201, atasan_skp.text
    planned = await kinerja_client.put(
        f"/api/v1/skp/{atasan_skp.json()['id']}/rencana",
        json={"items": [rencana("Meningkatnya mutu pelayanan kesehatan")]},
        headers=if_match(atasan_skp.json()),
    )
    assert planned.status_code == 200, planned.text
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://kinerja")
    return {
        **world,
        "periode": periode,
        "atasan_item": planned.json()["rencana"][0]["id"],
        "c": client,
        "pegawai": {**ENGLISH, **auth("pegawai", nip=a1["nip"])},
        "atasan": {**ENGLISH, **auth("atasan", nip=a2["nip"])},
    }


async def _planned_and_agreed(w: dict[str, Any]) -> dict[str, Any]:
    c, me, boss = w["c"], w["pegawai"], w["atasan"]
    made = await c.post("/api/v1/skp", json={"nip": w["a1"]["nip"], "periode_id": w["periode"]["id"]}, headers=me)
    assert made.status_code == 201, made.text
    skp = made.json()
    assert skp["penilai_nip"] == w["a2"]["nip"] and skp["status"] == "draft"
    body = {"items": [rencana("Laporan pelayanan bulanan tersusun", w["atasan_item"])]}
    skp = (await c.put(f"/api/v1/skp/{skp['id']}/rencana", json=body, headers={**me, **if_match(skp)})).json()
    assert skp["rencana"][0]["mendukung_id"] == w["atasan_item"]
    skp = (await c.post(f"/api/v1/skp/{skp['id']}/ajukan", headers={**me, **if_match(skp)})).json()
    assert skp["status"] == "diajukan"
    agreed = await c.post(f"/api/v1/skp/{skp['id']}/setujui", headers={**boss, **if_match(skp)})
    assert agreed.status_code == 200, agreed.text
    return agreed.json()


async def _rated(w: dict[str, Any], skp: dict[str, Any], hasil: str, *ratings: str) -> dict[str, Any]:
    body = {
        "realisasi": [{"id": skp["rencana"][0]["id"], "realisasi": "12 laporan tersusun"}],
        "rating_hasil_kerja": hasil,
        "perilaku": perilaku(*ratings),
    }
    r = await w["c"].post(f"/api/v1/skp/{skp['id']}/nilai", json=body, headers={**w["atasan"], **if_match(skp)})
    assert r.status_code == 200, r.text
    return r.json()


async def test_the_employee_plans_the_supervisor_agrees_rates_and_the_matrix_gives_the_predikat(skp_world):
    w = skp_world
    skp = await _planned_and_agreed(w)
    # Four values above expectation, three as expected: the median is above, with results as expected: Baik.
    rated = await _rated(w, skp, "sesuai", "diatas", "diatas", "diatas", "diatas", "sesuai")
    assert rated["rating_perilaku_kerja"] == "diatas" and rated["predikat"] == "baik"
    assert rated["predikat_nama"] == "Baik" and rated["rencana"][0]["realisasi"] == "12 laporan tersusun"
    assert [p["nilai"] for p in rated["perilaku"]] == list(BERAKHLAK)
    final = await w["c"].post(f"/api/v1/skp/{rated['id']}/final", headers={**w["atasan"], **if_match(rated)})
    assert final.status_code == 200 and final.json()["status"] == "final"
    # The employee sees it; a colleague and another OPD's admin do not.
    assert (await w["c"].get(f"/api/v1/skp/{skp['id']}", headers=w["pegawai"])).status_code == 200
    other = {**ENGLISH, **auth("pegawai", nip=w["b1"]["nip"])}
    assert (await w["c"].get(f"/api/v1/skp/{skp['id']}", headers=other)).status_code == 404
    foreign = {**ENGLISH, **auth("admin_opd", opd=w["opd_b"]["id"])}
    assert (await w["c"].get(f"/api/v1/skp/{skp['id']}", headers=foreign)).status_code == 404
    rated_by_me = (await w["c"].get("/api/v1/skp", headers=w["atasan"])).json()["items"]
    assert skp["id"] in [s["id"] for s in rated_by_me]


async def test_each_step_belongs_to_its_participant_and_its_state(skp_world):
    w = skp_world
    c, me, boss = w["c"], w["pegawai"], w["atasan"]
    made = (
        await c.post("/api/v1/skp", json={"nip": w["a1"]["nip"], "periode_id": w["periode"]["id"]}, headers=me)
    ).json()
    url = f"/api/v1/skp/{made['id']}"
    assert_problem(await c.post(f"{url}/ajukan", headers={**me, **if_match(made)}), 422, "work result")
    made = (await c.put(f"{url}/rencana", json={"items": [rencana("A")]}, headers={**me, **if_match(made)})).json()
    assert_problem(await c.post(f"{url}/setujui", headers={**boss, **if_match(made)}), 409, "draft")
    made = (await c.post(f"{url}/ajukan", headers={**me, **if_match(made)})).json()
    # The employee may not agree to its own SKP, nor rate it; its supervisor may not edit the plan.
    mine = assert_problem(await c.post(f"{url}/setujui", headers={**me, **if_match(made)}), 403)
    assert mine["type"].endswith("/skp-not-penilai")
    assert_problem(
        await c.put(f"{url}/rencana", json={"items": [rencana("B")]}, headers={**boss, **if_match(made)}), 403
    )
    back = await c.post(
        f"{url}/kembalikan", json={"catatan": "Tambahkan indikator"}, headers={**boss, **if_match(made)}
    )
    assert back.status_code == 200 and back.json()["status"] == "draft"
    assert back.json()["catatan_penilai"] == "Tambahkan indikator"
    # A second SKP for the same period, and one for a period that does not exist.
    body = {"nip": w["a1"]["nip"], "periode_id": w["periode"]["id"]}
    assert_problem(await c.post("/api/v1/skp", json=body, headers=me), 409)
    unknown = {**body, "periode_id": "00000000-0000-0000-0000-00000000abcd"}
    assert_problem(await w["c"].post("/api/v1/skp", json=unknown, headers=me), 404)
    # Only an admin names the supervisor; an employee may not make a colleague's SKP.
    assert_problem(await c.post("/api/v1/skp", json={**body, "penilai_nip": w["b1"]["nip"]}, headers=me), 403)
    other = {"nip": w["a2"]["nip"], "periode_id": w["periode"]["id"]}
    assert_problem(await c.post("/api/v1/skp", json=other, headers=me), 403)


async def test_ratings_outside_the_allowed_values_and_foreign_work_results_are_refused_and_nothing_written(
    skp_world, kinerja_client
):
    w = skp_world
    skp = await _planned_and_agreed(w)
    url = f"/api/v1/skp/{skp['id']}/nilai"
    bad = {"realisasi": [], "rating_hasil_kerja": "luar_biasa", "perilaku": perilaku("sesuai")}
    problem = assert_problem(await w["c"].post(url, json=bad, headers={**w["atasan"], **if_match(skp)}), 422)
    assert problem["errors"][0]["field"] == "rating_hasil_kerja"
    six = {"realisasi": [], "rating_hasil_kerja": "sesuai", "perilaku": perilaku("sesuai")[:6]}
    assert_problem(await w["c"].post(url, json=six, headers={**w["atasan"], **if_match(skp)}), 422)
    twice = {"realisasi": [], "rating_hasil_kerja": "sesuai", "perilaku": [perilaku("sesuai")[0]] * 7}
    assert_problem(await w["c"].post(url, json=twice, headers={**w["atasan"], **if_match(skp)}), 422)
    after = (await kinerja_client.get(f"/api/v1/skp/{skp['id']}")).json()
    assert after["status"] == "disetujui" and after["predikat"] is None and after["version"] == skp["version"]
    # A work result may support only the supervisor's own, of the same year.
    draft = await kinerja_client.post(
        "/api/v1/skp", json={"nip": w["b1"]["nip"], "periode_id": w["periode"]["id"], "penilai_nip": w["a1"]["nip"]}
    )
    foreign = {"items": [rencana("X", w["atasan_item"])]}
    r = await kinerja_client.put(
        f"/api/v1/skp/{draft.json()['id']}/rencana", json=foreign, headers=if_match(draft.json())
    )
    assert_problem(r, 422, "supervisor")


async def test_a_final_skp_changes_only_through_a_logged_correction_by_bkpsdm(skp_world, kinerja_client):
    w = skp_world
    rated = await _rated(w, await _planned_and_agreed(w), "sesuai", "sesuai")
    final = (await w["c"].post(f"/api/v1/skp/{rated['id']}/final", headers={**w["atasan"], **if_match(rated)})).json()
    assert final["predikat"] == "baik"
    again = {"realisasi": [], "rating_hasil_kerja": "diatas", "perilaku": perilaku("diatas")}
    url = f"/api/v1/skp/{final['id']}"
    assert_problem(await w["c"].post(f"{url}/nilai", json=again, headers={**w["atasan"], **if_match(final)}), 409)
    opd_a = {**ENGLISH, **auth("admin_opd", opd=w["opd_a"]["id"])}
    fix = {"alasan": "Keberatan pegawai dikabulkan", "rating_hasil_kerja": "diatas", "rating_perilaku_kerja": "diatas"}
    assert_problem(await w["c"].post(f"{url}/koreksi", json=fix, headers={**opd_a, **if_match(final)}), 403)
    corrected = await kinerja_client.post(f"{url}/koreksi", json=fix, headers=if_match(final))
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["predikat"] == "sangat_baik" and corrected.json()["status"] == "final"
    log = (await kinerja_client.get("/api/v1/audit-log", params={"entity": "skp", "entity_id": final["id"]})).json()
    assert any(e["after"].get("predikat") == "sangat_baik" for e in log["items"] if e["after"])


async def test_bulk_predikat_with_history_and_the_units_low_performers(skp_world, kinerja_client):
    w = skp_world
    a1, a2, b1 = w["a1"]["nip"], w["a2"]["nip"], w["b1"]["nip"]
    rated = await _rated(w, await _planned_and_agreed(w), "dibawah", "sesuai")  # Butuh Perbaikan
    await w["c"].post(f"/api/v1/skp/{rated['id']}/final", headers={**w["atasan"], **if_match(rated)})
    lama = await kinerja_client.post(
        "/api/v1/skp-lama", json={"nip": a1, "tahun": 2020, "skala": "pp_30_2019", "nilai": 92.5}
    )
    assert lama.status_code == 201 and lama.json()["predikat"] == "Baik"
    assert_problem(
        await kinerja_client.post(
            "/api/v1/skp-lama", json={"nip": a2, "tahun": 2018, "skala": "pp_46_2011", "nilai": 101}
        ),
        422,
    )
    r = await kinerja_client.post("/api/v1/predikat-kinerja/bulk", json={"nips": [a1, a2, b1], "tahun_terakhir": 10})
    assert r.status_code == 200, r.text
    items = {i["nip"]: i for i in r.json()["items"]}
    assert items[a1]["terakhir"]["predikat"] == "butuh_perbaikan" and items[a1]["terakhir"]["tahun"] == 2026
    assert [(h["tahun"], h["sumber"], h["predikat"]) for h in items[a1]["riwayat"]] == [
        (2026, "skp", "butuh_perbaikan"),
        (2020, "skp_lama", "Baik"),
    ]
    assert items[a2]["terakhir"] is None and r.json()["missing"] == []
    opd_a = {**ENGLISH, **auth("admin_opd", opd=w["opd_a"]["id"])}
    scoped = (await w["c"].post("/api/v1/predikat-kinerja/bulk", json={"nips": [a1, b1]}, headers=opd_a)).json()
    assert [i["nip"] for i in scoped["items"]] == [a1] and scoped["missing"] == [b1]
    # An employee reads its own predikat through the bulk (the gateway's profile does), not another's.
    own = {**ENGLISH, **auth("pegawai", nip=a1)}
    mine = (await w["c"].post("/api/v1/predikat-kinerja/bulk", json={"nips": [a1, a2]}, headers=own)).json()
    assert [i["nip"] for i in mine["items"]] == [a1] and mine["missing"] == [a2]
    # `semua`: everyone the caller reads, no list sent (the talent map's pool for BKPSDM): the same
    # history; one without a predikat may be left out, and a narrower caller still gets only its reach.
    every = await kinerja_client.post("/api/v1/predikat-kinerja/bulk", json={"semua": True, "tahun_terakhir": 10})
    found = {i["nip"]: i for i in every.json()["items"]}
    assert found[a1] == items[a1] and found.get(a2, items[a2]) == items[a2] and every.json()["missing"] == []
    scoped_all = (await w["c"].post("/api/v1/predikat-kinerja/bulk", json={"semua": True}, headers=opd_a)).json()
    assert a1 in {i["nip"] for i in scoped_all["items"]} and b1 not in {i["nip"] for i in scoped_all["items"]}
    mine_all = (await w["c"].post("/api/v1/predikat-kinerja/bulk", json={"semua": True}, headers=own)).json()
    assert [i["nip"] for i in mine_all["items"]] == [a1]
    for neither_or_both in ({}, {"semua": False}, {"nips": [a1], "semua": True}):
        assert_problem(await kinerja_client.post("/api/v1/predikat-kinerja/bulk", json=neither_or_both), 422)
    low = await kinerja_client.get("/api/v1/skp/kinerja-rendah", params={"unit_id": w["opd_a"]["id"], "tahun": 2026})
    assert low.status_code == 200, low.text
    assert [(i["nip"], i["predikat"]) for i in low.json()["items"]] == [(a1, "butuh_perbaikan")]
    foreign = {**ENGLISH, **auth("admin_opd", opd=w["opd_b"]["id"])}
    r = await w["c"].get(
        "/api/v1/skp/kinerja-rendah", params={"unit_id": w["opd_a"]["id"], "tahun": 2026}, headers=foreign
    )
    assert_problem(r, 404)


async def test_the_units_cascade_shows_who_supports_whom_and_the_results_that_support_nothing(
    skp_world, kinerja_client
):
    w = skp_world
    c, me = w["c"], w["pegawai"]
    made = (
        await c.post("/api/v1/skp", json={"nip": w["a1"]["nip"], "periode_id": w["periode"]["id"]}, headers=me)
    ).json()
    body = {"items": [rencana("Laporan bulanan", w["atasan_item"]), rencana("Arsip digital")]}
    planned = await c.put(f"/api/v1/skp/{made['id']}/rencana", json=body, headers={**me, **if_match(made)})
    assert planned.status_code == 200, planned.text
    mine = {i["uraian"]: i["id"] for i in planned.json()["rencana"]}
    r = await kinerja_client.get("/api/v1/skp/pohon", params={"unit_id": w["opd_a"]["id"], "tahun": 2026})
    assert r.status_code == 200, r.text
    tree = {n["id"]: n for n in r.json()["pohon"]}
    top = tree[w["atasan_item"]]
    assert top["nip"] == w["a2"]["nip"] and [d["id"] for d in top["dukungan"]] == [mine["Laporan bulanan"]]
    # a1's second result supports nothing though its supervisor a2 has an SKP in the unit: a gap.
    assert mine["Arsip digital"] in tree
    assert [(g["id"], g["penilai_nip"]) for g in r.json()["tidak_mendukung"]] == [
        (mine["Arsip digital"], w["a2"]["nip"])
    ]
    foreign = {**ENGLISH, **auth("admin_opd", opd=w["opd_b"]["id"])}
    r = await c.get("/api/v1/skp/pohon", params={"unit_id": w["opd_a"]["id"], "tahun": 2026}, headers=foreign)
    assert_problem(r, 404)
