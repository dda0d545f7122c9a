"""Periodic evaluations of an SKP (evaluasi kinerja periodik, PermenPAN-RB 6/2022): who rates a
sub-period, the predikat from the matrix, the SKP states and sub-periods that may be rated, the
If-Match of a change, the audit log, and the list of evaluations due."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest_asyncio

from kinerja.skp import service
from tests.conftest import ENGLISH, auth
from tests.pegawai.helpers import ANY_VERSION, if_match
from tests.problem import assert_problem

STAMPS = {"created_at", "updated_at", "dinilai_pada"}  # a page writes them +00:00, a record Z
BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


def perilaku(*ratings: str) -> list[dict[str, str]]:
    """The seven core values rated in order; the last rating given fills the rest."""
    values = list(ratings) + [ratings[-1]] * (7 - len(ratings))
    return [{"nilai": v, "rating": r} for v, r in zip(BERAKHLAK, values, strict=True)]


def evaluasi(skp: dict[str, Any], hasil: str = "sesuai", *ratings: str) -> dict[str, Any]:
    """A sub-period's evaluation realising every work result of the SKP."""
    return {
        "hasil_kerja": [{"id": i["id"], "realisasi": f"Realisasi {i['urutan']}"} for i in skp["rencana"]],
        "rating_hasil_kerja": hasil,
        "perilaku": perilaku(*(ratings or ("sesuai",))),
    }


# The rating of a whole year (rateSkp), all as expected.
YEAR = {"realisasi": [], "rating_hasil_kerja": "sesuai", "perilaku": perilaku("sesuai")}


@pytest_asyncio.fixture
async def ev(pegawai_client, kinerja_app, kinerja_client, world) -> dict[str, Any]:
    """a2 supervises a1 (set by hand). Last year's period is evaluated triwulanan (every quarter
    has ended); the period of the year after next, semesteran (none has started)."""
    a1, a2, b1 = world["a1"], world["a2"], world["b1"]
    r = await pegawai_client.patch(f"/api/v1/pegawai/{a1['nip']}", json={"atasan_nip": a2["nip"]}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    last = service.today().year - 1
    periods = {}
    for tahun, kind in ((last, "triwulanan"), (last + 2, "semesteran")):
        made = await kinerja_client.post("/api/v1/periode-skp", json={"tahun": tahun, "evaluasi": kind})
        assert made.status_code == 201, made.text
        periods[tahun] = made.json()
    return {
        **world,
        "last": last,
        "periode": periods[last],
        "periode_future": periods[last + 2],
        "c": httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://kinerja"),
        "admin": kinerja_client,
        "pegawai": {**ENGLISH, **auth("pegawai", nip=a1["nip"])},
        "atasan": {**ENGLISH, **auth("atasan", nip=a2["nip"])},
        "colleague": {**ENGLISH, **auth("pegawai", nip=b1["nip"])},
        "opd_a": {**ENGLISH, **auth("admin_opd", opd=world["opd_a"]["id"])},
        "opd_b": {**ENGLISH, **auth("admin_opd", opd=world["opd_b"]["id"])},
    }


async def skp_of(w: dict[str, Any], periode: dict[str, Any], until: str = "disetujui") -> dict[str, Any]:
    """a1's SKP of the period with two work results, taken through the workflow up to `until`."""
    c, me, boss = w["c"], w["pegawai"], w["atasan"]
    made = await c.post("/api/v1/skp", json={"nip": w["a1"]["nip"], "periode_id": periode["id"]}, headers=me)
    assert made.status_code == 201, made.text
    skp = made.json()
    plan = {
        "items": [{"uraian": f"Hasil kerja {n}", "indikator": ["Tepat waktu"], "target": "4 laporan"} for n in (1, 2)]
    }
    url = f"/api/v1/skp/{skp['id']}"
    skp = (await c.put(f"{url}/rencana", json=plan, headers={**me, **if_match(skp)})).json()
    steps = [("ajukan", me, None), ("setujui", boss, None), ("nilai", boss, YEAR), ("final", boss, None)]
    for step, who, body in steps:
        if skp["status"] == until:
            break
        r = await c.post(f"{url}/{step}", json=body, headers={**who, **if_match(skp)})
        assert r.status_code == 200, r.text
        skp = r.json()
    assert skp["status"] == until
    return skp


def put(w: dict[str, Any], skp: dict[str, Any], ke: int, body: dict[str, Any], who: dict[str, str]) -> Any:
    return w["c"].put(f"/api/v1/skp/{skp['id']}/evaluasi/{ke}", json=body, headers=who)


async def test_the_supervisor_rates_a_sub_period_and_the_predikat_comes_from_the_matrix_as_the_years(ev):
    w = ev
    skp = await skp_of(w, w["periode"])
    first, second = skp["rencana"]
    # Four core values below expectation, three as expected: the median is below, and with
    # results as expected the matrix says Kurang/Misconduct. A predikat sent along is ignored.
    body = {
        "hasil_kerja": [
            {"id": second["id"], "realisasi": "2 laporan", "umpan_balik": "Percepat penyusunan."},
            {"id": first["id"], "realisasi": "1 laporan"},
        ],
        "rating_hasil_kerja": "sesuai",
        "perilaku": perilaku("dibawah", "dibawah", "dibawah", "dibawah", "sesuai"),
        "catatan": "Perbaiki kedisiplinan.",
        "predikat": "sangat_baik",
        "rating_perilaku_kerja": "diatas",
    }
    r = await put(w, skp, 2, body, w["atasan"])
    assert r.status_code == 200, r.text
    got = r.json()
    assert r.headers["etag"] == '"1"' and got["version"] == 1
    assert (got["ke"], got["evaluasi"], got["mulai"], got["selesai"]) == (
        2,
        "triwulanan",
        f"{w['last']}-04-01",
        f"{w['last']}-06-30",
    )
    assert (got["rating_perilaku_kerja"], got["predikat"], got["predikat_nama"]) == (
        "dibawah",
        "kurang",
        "Kurang/Misconduct",
    )
    assert [(h["rhk_id"], h["urutan"], h["umpan_balik"]) for h in got["hasil_kerja"]] == [
        (first["id"], 1, None),
        (second["id"], 2, "Percepat penyusunan."),
    ]
    assert [p["nilai"] for p in got["perilaku"]] == list(BERAKHLAK)
    assert got["catatan_penilai"] == "Perbaiki kedisiplinan." and got["dinilai_oleh_nip"] == w["a2"]["nip"]
    assert got["dinilai_oleh"] == "test-atasan" and got["dinilai_pada"]
    # The year rated with the same ratings gets the same behaviour rating and predikat.
    year = {**body, "realisasi": []}
    del year["hasil_kerja"]
    rated = await w["c"].post(f"/api/v1/skp/{skp['id']}/nilai", json=year, headers={**w["atasan"], **if_match(skp)})
    assert rated.status_code == 200, rated.text
    assert (rated.json()["rating_perilaku_kerja"], rated.json()["predikat"]) == ("dibawah", "kurang")
    # Read as the SKP is: the employee and its supervisor; not a colleague, nor another OPD's admin.
    for who in ("pegawai", "atasan", "opd_a"):
        listed = await w["c"].get(f"/api/v1/skp/{skp['id']}/evaluasi", headers=w[who])
        assert listed.status_code == 200, listed.text
        [item] = listed.json()["items"]
        assert {k: v for k, v in item.items() if k not in STAMPS} == {k: v for k, v in got.items() if k not in STAMPS}
    for who in ("colleague", "opd_b"):
        assert_problem(await w["c"].get(f"/api/v1/skp/{skp['id']}/evaluasi", headers=w[who]), 404)


async def test_only_the_supervisor_recorded_on_the_skp_or_an_admin_reaching_the_employee_rates(ev):
    w = ev
    # a1's SKP whose rating supervisor an admin named: b1, of another OPD, not a1's supervisor a2.
    made = await w["admin"].post(
        "/api/v1/skp", json={"nip": w["a1"]["nip"], "periode_id": w["periode"]["id"], "penilai_nip": w["b1"]["nip"]}
    )
    assert made.status_code == 201, made.text
    url = f"/api/v1/skp/{made.json()['id']}"
    plan = {"items": [{"uraian": "Asuhan keperawatan", "indikator": ["Sesuai SOP"], "target": "100 pasien"}]}
    await w["admin"].put(f"{url}/rencana", json=plan, headers=ANY_VERSION)
    await w["admin"].post(f"{url}/ajukan", headers=ANY_VERSION)
    b1 = {**ENGLISH, **auth("atasan", nip=w["b1"]["nip"])}
    agreed = await w["c"].post(f"{url}/setujui", headers={**b1, **ANY_VERSION})
    assert agreed.status_code == 200, agreed.text
    skp = agreed.json()
    body = evaluasi(skp)
    # The employee, and a2 who reads a1 as its direct report but is not the one recorded: 403.
    for who in ("pegawai", "atasan"):
        refused = assert_problem(await put(w, skp, 1, body, w[who]), 403)
        assert refused["type"].endswith("/skp-not-penilai")
    # Who does not see the SKP: 404; a role that never writes: 403.
    a2_as_pegawai = {**ENGLISH, **auth("pegawai", nip=w["a2"]["nip"])}
    for who in (a2_as_pegawai, w["opd_b"]):
        assert_problem(await put(w, skp, 1, body, who), 404)
    assert_problem(await put(w, skp, 1, body, {**ENGLISH, **auth("integrasi")}), 403)
    # The named supervisor, and an admin reaching a1.
    assert (await put(w, skp, 1, body, b1)).status_code == 200
    assert (await put(w, skp, 2, body, w["opd_a"])).status_code == 200
    assert (await put(w, skp, 3, body, {**ENGLISH, **auth("admin_bkpsdm")})).status_code == 200


async def test_only_an_agreed_skp_not_yet_final_is_evaluated(ev):
    w = ev
    c, me, boss = w["c"], w["pegawai"], w["atasan"]
    skp = await skp_of(w, w["periode"], until="draft")
    body = evaluasi(skp)
    url = f"/api/v1/skp/{skp['id']}"
    assert_problem(await put(w, skp, 1, body, boss), 409, "draft")
    skp = (await c.post(f"{url}/ajukan", headers={**me, **if_match(skp)})).json()
    assert_problem(await put(w, skp, 1, body, boss), 409, "diajukan")
    skp = (await c.post(f"{url}/setujui", headers={**boss, **if_match(skp)})).json()
    first = await put(w, skp, 1, body, boss)
    assert first.status_code == 200, first.text
    skp = (await c.post(f"{url}/nilai", json=YEAR, headers={**boss, **if_match(skp)})).json()
    assert skp["status"] == "dinilai" and (await put(w, skp, 2, body, boss)).status_code == 200
    final = await c.post(f"{url}/final", headers={**boss, **if_match(skp)})
    assert final.json()["status"] == "final"
    assert_problem(await put(w, skp, 3, body, boss), 409, "final")
    assert_problem(await put(w, skp, 1, body, {**boss, **if_match(first.json())}), 409, "final")


async def test_a_sub_period_outside_the_periods_cut_of_the_year_is_refused_naming_ke(ev):
    w = ev
    skp = await skp_of(w, w["periode"])
    for ke, code in ((5, "skp-evaluasi-ke"), (0, "greater_than_equal"), (13, "less_than_equal")):
        problem = assert_problem(await put(w, skp, ke, evaluasi(skp), w["atasan"]), 422)
        assert [(e["field"], e["code"]) for e in problem["errors"]] == [("path.ke", code)], problem
    five = assert_problem(await put(w, skp, 5, evaluasi(skp), w["atasan"]), 422, "4 sub-periods")
    assert five["type"].endswith("/skp-evaluasi-ke")
    listed = await w["c"].get(f"/api/v1/skp/{skp['id']}/evaluasi", headers=w["atasan"])
    assert listed.json()["total"] == 0


async def test_a_sub_period_not_started_is_not_evaluated_and_only_ended_ones_are_due(ev, monkeypatch):
    w = ev
    # A period that has not begun: its first half starts on 1 January of the year after next.
    future = await skp_of(w, w["periode_future"])
    problem = assert_problem(await put(w, future, 1, evaluasi(future), w["atasan"]), 422, "starts on")
    assert problem["type"].endswith("/skp-evaluasi-belum-mulai")
    assert_problem(await put(w, future, 3, evaluasi(future), w["atasan"]), 422, "2 sub-periods")
    # Last year seen from 10 July: quarters 1 and 2 have ended, 3 has started, 4 has not.
    skp = await skp_of(w, w["periode"])
    monkeypatch.setattr(service, "today", lambda: date(w["last"], 7, 10))
    assert_problem(await put(w, skp, 4, evaluasi(skp), w["atasan"]), 422, f"{w['last']}-10-01")
    assert (await put(w, skp, 3, evaluasi(skp), w["atasan"])).status_code == 200
    assert (await put(w, skp, 1, evaluasi(skp), w["atasan"])).status_code == 200
    due = await w["c"].get("/api/v1/skp/evaluasi-jatuh-tempo", params={"tahun": w["last"]}, headers=w["atasan"])
    assert due.status_code == 200, due.text
    assert [(i["nip"], i["ke"], i["mulai"], i["selesai"]) for i in due.json()["items"]] == [
        (w["a1"]["nip"], 2, f"{w['last']}-04-01", f"{w['last']}-06-30")
    ]
    # Without a year: the year of today.
    this_year = await w["c"].get("/api/v1/skp/evaluasi-jatuh-tempo", headers=w["atasan"])
    assert this_year.json()["total"] == 1


async def test_changing_an_evaluation_needs_the_etag_it_was_read_with(ev):
    w = ev
    skp = await skp_of(w, w["periode"])
    first = await put(w, skp, 1, evaluasi(skp, "sesuai", "sesuai"), w["atasan"])  # the first needs no If-Match
    assert first.status_code == 200 and first.json()["predikat"] == "baik"
    better = evaluasi(skp, "diatas", "diatas")
    assert_problem(await put(w, skp, 1, better, w["atasan"]), 428)
    assert_problem(await put(w, skp, 1, better, {**w["atasan"], "If-Match": '"7"'}), 412)
    changed = await put(w, skp, 1, better, {**w["atasan"], **if_match(first.json())})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["version"], changed.json()["predikat"]) == (2, "sangat_baik")
    assert changed.headers["etag"] == '"2"' and changed.json()["id"] == first.json()["id"]
    assert_problem(await put(w, skp, 1, better, {**w["atasan"], **if_match(first.json())}), 412)


async def test_every_write_of_an_evaluation_is_in_the_audit_log(ev):
    w = ev
    skp = await skp_of(w, w["periode"])
    first = (await put(w, skp, 1, evaluasi(skp, "sesuai", "sesuai"), w["atasan"])).json()
    body = evaluasi(skp, "diatas", "diatas")
    body["hasil_kerja"] = body["hasil_kerja"][:1]  # the second work result's feedback is taken back
    await put(w, skp, 1, body, {**w["atasan"], **if_match(first)})

    async def log(entity: str, entity_id: str = "") -> list[dict[str, Any]]:
        params = {"entity": entity, **({"entity_id": entity_id} if entity_id else {})}
        r = await w["admin"].get("/api/v1/audit-log", params=params)
        assert r.status_code == 200, r.text
        return r.json()["items"]

    entries = await log("evaluasi_periodik", first["id"])
    changes = sorted((e["action"], (e["before"] or {}).get("predikat"), e["after"]["predikat"]) for e in entries)
    assert changes == [("insert", None, "baik"), ("update", "baik", "sangat_baik")]
    assert {e["actor"] for e in entries} == {"test-atasan"}
    perilaku_log = await log("evaluasi_perilaku", f"{first['id']},akuntabel")
    assert sorted((e["action"], e["after"]["rating"]) for e in perilaku_log) == [
        ("insert", "sesuai"),
        ("update", "diatas"),
    ]
    hasil_log = await log("evaluasi_hasil_kerja", f"{first['id']},{skp['rencana'][1]['id']}")
    assert sorted(e["action"] for e in hasil_log) == ["delete", "insert"]


async def test_work_results_and_core_values_are_checked_and_nothing_is_written_when_refused(ev):
    w = ev
    skp = await skp_of(w, w["periode"])
    foreign = evaluasi(skp)
    foreign["hasil_kerja"][0]["id"] = "00000000-0000-0000-0000-00000000abcd"
    assert_problem(await put(w, skp, 1, foreign, w["atasan"]), 422, "not part of this SKP")
    twice = evaluasi(skp)
    twice["hasil_kerja"][1]["id"] = twice["hasil_kerja"][0]["id"]
    assert_problem(await put(w, skp, 1, twice, w["atasan"]), 422, "at most once")
    same_value = evaluasi(skp) | {"perilaku": [perilaku("sesuai")[0]] * 7}
    assert_problem(await put(w, skp, 1, same_value, w["atasan"]), 422, "exactly once")
    six = evaluasi(skp) | {"perilaku": perilaku("sesuai")[:6]}
    assert_problem(await put(w, skp, 1, six, w["atasan"]), 422)
    unknown = evaluasi(skp, "luar_biasa")
    assert assert_problem(await put(w, skp, 1, unknown, w["atasan"]), 422)["errors"][0]["field"] == "rating_hasil_kerja"
    listed = await w["c"].get(f"/api/v1/skp/{skp['id']}/evaluasi", headers=w["atasan"])
    assert listed.json()["total"] == 0


async def test_the_due_list_holds_the_ended_sub_periods_without_evaluation_of_the_skps_the_caller_rates(ev):
    w = ev
    a1, a2 = w["a1"]["nip"], w["a2"]["nip"]
    skp = await skp_of(w, w["periode"])
    assert (await put(w, skp, 1, evaluasi(skp), w["atasan"])).status_code == 200
    # a2's own SKP, agreed by b1 whom an admin named: due to b1 (and the admins), not to a2.
    other = await w["admin"].post(
        "/api/v1/skp", json={"nip": a2, "periode_id": w["periode"]["id"], "penilai_nip": w["b1"]["nip"]}
    )
    url = f"/api/v1/skp/{other.json()['id']}"
    plan = {"items": [{"uraian": "Pembinaan perawat", "indikator": ["Terlaksana"], "target": "4 kali"}]}
    await w["admin"].put(f"{url}/rencana", json=plan, headers=ANY_VERSION)
    await w["admin"].post(f"{url}/ajukan", headers=ANY_VERSION)
    assert (await w["admin"].post(f"{url}/setujui", headers=ANY_VERSION)).status_code == 200
    # b1's SKP stays a draft: nothing is due on it.
    draft = await w["admin"].post(
        "/api/v1/skp", json={"nip": w["b1"]["nip"], "periode_id": w["periode"]["id"], "penilai_nip": a2}
    )
    assert draft.status_code == 201, draft.text
    path, params = "/api/v1/skp/evaluasi-jatuh-tempo", {"tahun": w["last"]}

    async def due(who: dict[str, str], **more: Any) -> dict[str, Any]:
        r = await w["c"].get(path, params={**params, **more}, headers=who)
        assert r.status_code == 200, r.text
        return r.json()

    mine = await due(w["atasan"])
    assert [(i["nip"], i["ke"]) for i in mine["items"]] == [(a1, 2), (a1, 3), (a1, 4)]
    assert mine["items"][0]["selesai"] == f"{w['last']}-06-30" and mine["items"][0]["status"] == "disetujui"
    paged = await due(w["atasan"], limit=2, offset=2)
    assert paged["total"] == 3 and [i["ke"] for i in paged["items"]] == [4]
    b1 = {**ENGLISH, **auth("atasan", nip=w["b1"]["nip"])}
    assert [(i["nip"], i["ke"]) for i in (await due(b1))["items"]] == [(a2, k) for k in (1, 2, 3, 4)]
    for admin in ({**ENGLISH, **auth("admin_bkpsdm")}, w["opd_a"]):
        assert (await due(admin))["total"] == 7  # a1's three and a2's four
    for nobody in (w["opd_b"], w["pegawai"]):
        assert (await due(nobody))["total"] == 0
    assert_problem(await w["c"].get(path, params=params, headers={**ENGLISH, **auth("integrasi")}), 403)
    # Evaluated: no longer due. Rated for the year, still due; final, no longer.
    for ke in (2, 3, 4):
        assert (await put(w, skp, ke, evaluasi(skp), w["atasan"])).status_code == 200
    assert (await due(w["atasan"]))["total"] == 0
    assert (await w["admin"].post(f"{url}/nilai", json=YEAR, headers=ANY_VERSION)).json()["status"] == "dinilai"
    assert (await due(b1))["total"] == 4
    assert (await w["admin"].post(f"{url}/final", headers=ANY_VERSION)).json()["status"] == "final"
    assert (await due(b1))["total"] == 0


async def test_a_periods_cut_of_the_year_no_longer_changes_once_a_sub_period_is_evaluated(ev):
    w = ev
    periode = w["periode"]
    skp = await skp_of(w, periode)
    assert (await put(w, skp, 1, evaluasi(skp), w["atasan"])).status_code == 200
    url = f"/api/v1/periode-skp/{periode['id']}"
    problem = assert_problem(await w["admin"].patch(url, json={"evaluasi": "bulanan"}, headers=ANY_VERSION), 409)
    assert problem["type"].endswith("/periode-skp-evaluasi-in-use")
    same = await w["admin"].patch(url, json={"evaluasi": "triwulanan", "terbuka": False}, headers=ANY_VERSION)
    assert same.status_code == 200 and same.json()["terbuka"] is False
