"""Who rates whom: the supervisor relation (jabatan.atasan_jabatan_id, pegawai.atasan_nip), its
resolution in one statement, and an atasan reading its direct reports (and no one else)."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest_asyncio
from sqlalchemy import event

from tests.conftest import auth
from tests.pegawai.factories import make_jabatan, make_pegawai, new_nip
from tests.pegawai.helpers import ANY_VERSION, if_match
from tests.problem import assert_problem


@pytest_asyncio.fixture
async def chart(pegawai_client: httpx.AsyncClient, org: dict[str, Any]) -> dict[str, Any]:
    """In bidang A: kepala <- kabid <- kasi (empty) <- staf. K heads; B1, B2 are kabid; T1, T2 staf,
    T2 with K set by hand as its supervisor. X holds OPD B's position (reports to no one)."""
    c, unit = pegawai_client, org["bidang_a"]["id"]
    kepala = await make_jabatan(c, unit, nama="Kepala Bidang", kebutuhan=1)
    kabid = await make_jabatan(c, unit, nama="Kepala Seksi", kebutuhan=3, atasan_jabatan_id=kepala["id"])
    kasi = await make_jabatan(c, unit, nama="Koordinator", kebutuhan=1, atasan_jabatan_id=kabid["id"])
    staf = await make_jabatan(c, unit, nama="Pengelola Data", kebutuhan=5, atasan_jabatan_id=kasi["id"])
    k = await make_pegawai(c, kepala["id"], nama="Kartika Kepala")
    b1 = await make_pegawai(c, kabid["id"], nama="Bagus Kabid")
    b2 = await make_pegawai(c, kabid["id"], nama="Bunga Kabid")
    t1 = await make_pegawai(c, staf["id"], nama="Tono Staf")
    t2 = await make_pegawai(c, staf["id"], nama="Tini Staf")
    x = await make_pegawai(c, org["jab_b"]["id"], nama="Xena Guru")
    r = await c.patch(f"/api/v1/pegawai/{t2['nip']}", json={"atasan_nip": k["nip"]}, headers=ANY_VERSION)
    assert r.status_code == 200 and r.json()["atasan_nip"] == k["nip"], r.text
    return {
        **org,
        "kepala": kepala,
        "kabid": kabid,
        "kasi": kasi,
        "staf": staf,
        "K": k["nip"],
        "B1": min(b1["nip"], b2["nip"]),
        "B2": max(b1["nip"], b2["nip"]),
        "T1": t1["nip"],
        "T2": t2["nip"],
        "X": x["nip"],
    }


async def _atasan(client: httpx.AsyncClient, nips: list[str], **kwargs: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/pegawai/atasan", json={"nips": nips}, **kwargs)
    assert r.status_code == 200, r.text
    return r.json()


def _resolved(answer: dict[str, Any]) -> dict[str, tuple[str | None, str | None]]:
    return {i["nip"]: (i["atasan_nip"], i["sumber"]) for i in answer["items"]}


async def _bawahan(client: httpx.AsyncClient, nip: str, **kwargs: Any) -> list[str]:
    r = await client.get(f"/api/v1/pegawai/{nip}/bawahan", **kwargs)
    assert r.status_code == 200, r.text
    return [b["nip"] for b in r.json()["items"]]


async def test_the_supervisor_is_set_by_hand_or_the_holder_above_walking_past_empty_positions(pegawai_client, chart):
    w = chart
    answer = await _atasan(pegawai_client, [w["K"], w["B1"], w["B2"], w["T1"], w["T2"], w["X"]])
    assert _resolved(answer) == {
        w["K"]: (None, None),  # the head reports to no position: none
        w["B1"]: (w["K"], "jabatan"),
        w["B2"]: (w["K"], "jabatan"),
        w["T1"]: (w["B1"], "jabatan_di_atas"),  # kasi is empty: kabid, of whose two holders the lowest NIP
        w["T2"]: (w["K"], "manual"),
        w["X"]: (None, None),
    }
    names = {i["nip"]: i["atasan_nama"] for i in answer["items"]}
    assert (names[w["B1"]], names[w["T2"]], names[w["K"]]) == ("Kartika Kepala", "Kartika Kepala", None)
    assert answer["missing"] == [] and answer["invalid"] == []


async def test_bawahan_is_the_same_relation_read_the_other_way(pegawai_client, chart):
    w = chart
    assert sorted(await _bawahan(pegawai_client, w["K"])) == sorted([w["B1"], w["B2"], w["T2"]])
    assert await _bawahan(pegawai_client, w["B1"]) == [w["T1"]]
    assert await _bawahan(pegawai_client, w["B2"]) == []  # not the lowest NIP of the kabid
    assert await _bawahan(pegawai_client, w["T1"]) == []
    one = (await pegawai_client.get(f"/api/v1/pegawai/{w['B1']}/bawahan")).json()["items"][0]
    assert (one["nama"], one["jabatan_id"], one["unit_id"]) == ("Tono Staf", w["staf"]["id"], w["bidang_a"]["id"])


async def test_a_filled_position_in_between_supervises_and_a_departed_supervisor_no_longer_does(pegawai_client, chart):
    w = chart
    kasi = await make_pegawai(pegawai_client, w["kasi"]["id"], nama="Kusuma Kasi")
    assert _resolved(await _atasan(pegawai_client, [w["T1"]]))[w["T1"]] == (kasi["nip"], "jabatan")
    # The head retires: the one set by hand falls back to the chain, and the kabid have none left.
    r = await pegawai_client.patch(f"/api/v1/pegawai/{w['K']}", json={"kedudukan": "pensiun"}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    resolved = _resolved(await _atasan(pegawai_client, [w["B1"], w["T2"]]))
    assert resolved == {w["B1"]: (None, None), w["T2"]: (kasi["nip"], "jabatan")}
    assert await _bawahan(pegawai_client, w["K"]) == []
    assert sorted(await _bawahan(pegawai_client, kasi["nip"])) == sorted([w["T1"], w["T2"]])


async def test_a_position_cannot_report_to_itself_or_to_one_below_it(pegawai_client, chart):
    w = chart
    url = f"/api/v1/jabatan/{w['kepala']['id']}"
    for atasan, code in ((w["kepala"]["id"], "jabatan-atasan-self"), (w["staf"]["id"], "jabatan-atasan-cycle")):
        r = await pegawai_client.patch(url, json={"atasan_jabatan_id": atasan}, headers=if_match(w["kepala"]))
        assert assert_problem(r, 422)["type"].endswith(code)
    now = (await pegawai_client.get(url)).json()
    assert (now["atasan_jabatan_id"], now["version"]) == (None, w["kepala"]["version"])
    # Moving a position under another branch is fine, and emptying it too.
    other = await make_jabatan(pegawai_client, w["bidang_a"]["id"], nama="Sekretaris")
    for atasan in (other["id"], None):
        r = await pegawai_client.patch(url, json={"atasan_jabatan_id": atasan}, headers=ANY_VERSION)
        assert r.status_code == 200 and r.json()["atasan_jabatan_id"] == atasan, r.text


async def test_deleting_a_position_frees_those_reporting_to_it(pegawai_client, chart):
    w = chart
    top = await make_jabatan(pegawai_client, w["bidang_a"]["id"], nama="Kosong")
    r = await pegawai_client.patch(
        f"/api/v1/jabatan/{w['kepala']['id']}", json={"atasan_jabatan_id": top["id"]}, headers=ANY_VERSION
    )
    assert r.status_code == 200
    assert (await pegawai_client.delete(f"/api/v1/jabatan/{top['id']}", headers=ANY_VERSION)).status_code == 204
    now = (await pegawai_client.get(f"/api/v1/jabatan/{w['kepala']['id']}")).json()
    assert now["atasan_jabatan_id"] is None and now["version"] == r.json()["version"] + 1


async def test_references_out_of_reach_are_refused_and_nothing_is_written(pegawai_client, chart):
    w = chart
    opd_a = auth("admin_opd", opd=w["opd_a"]["id"])
    jab_url = f"/api/v1/jabatan/{w['kepala']['id']}"
    for unknown in (w["jab_b"]["id"], "6f1c1d2e-2222-4a4a-8b8b-00000000dead"):
        r = await pegawai_client.patch(jab_url, json={"atasan_jabatan_id": unknown}, headers={**opd_a, **ANY_VERSION})
        assert assert_problem(r, 422)["type"].endswith("jabatan-not-in-scope")
    created = await pegawai_client.post(
        "/api/v1/jabatan",
        json={
            "kode": "J-OUT",
            "nama": "Analis",
            "jenis": "pelaksana",
            "kelas_jabatan": 7,
            "unit_id": w["bidang_a"]["id"],
            "atasan_jabatan_id": w["jab_b"]["id"],
        },
        headers=opd_a,
    )
    assert assert_problem(created, 422)["type"].endswith("jabatan-not-in-scope")
    assert (await pegawai_client.get("/api/v1/jabatan", params={"q": "J-OUT"})).json()["items"] == []
    assert (await pegawai_client.get(jab_url)).json()["version"] == w["kepala"]["version"]

    url = f"/api/v1/pegawai/{w['T1']}"
    before = (await pegawai_client.get(url)).json()
    retired = await make_pegawai(pegawai_client, w["jab_a"]["id"], nama="Purna Tugas", kedudukan="pensiun")
    refused = {
        w["X"]: ("atasan-not-in-scope", opd_a),  # OPD B's employee, for A's admin
        new_nip(): ("atasan-not-in-scope", {}),  # nobody
        retired["nip"]: ("atasan-not-in-scope", {}),  # no longer serving
        w["T1"]: ("atasan-self", {}),
    }
    for nip, (code, headers) in refused.items():
        r = await pegawai_client.patch(url, json={"atasan_nip": nip}, headers={**headers, **ANY_VERSION})
        assert assert_problem(r, 422)["type"].endswith(code), nip
    after = (await pegawai_client.get(url)).json()
    assert (after["atasan_nip"], after["version"]) == (None, before["version"])
    # An employee may not name its supervisor itself (not a self-service field).
    own = await pegawai_client.patch(
        url, json={"atasan_nip": w["K"]}, headers={**auth("pegawai", nip=w["T1"]), **ANY_VERSION}
    )
    assert_problem(own, 403)
    # A's admin sets one of its own.
    ok = await pegawai_client.patch(url, json={"atasan_nip": w["K"]}, headers={**opd_a, **ANY_VERSION})
    assert ok.status_code == 200 and ok.json()["atasan_nip"] == w["K"]


async def test_many_nips_in_one_request_and_one_statement(pegawai_client, chart, engines):
    w = chart
    known = [w["B1"], w["T1"], w["T2"]]
    # Born in 1970 (no one in the chart is): 2,000 distinct NIPs of nobody.
    unknown = [new_nip(date(1970, 1, 1 + i % 28), (1995, 1)) for i in range(2000)]
    assert len(set(unknown)) == 2000
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    engine = engines["pegawai"].sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        answer = await _atasan(pegawai_client, [*unknown, *known, "12345", w["B1"]])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert _resolved(answer) == {
        w["B1"]: (w["K"], "jabatan"),
        w["T1"]: (w["B1"], "jabatan_di_atas"),
        w["T2"]: (w["K"], "manual"),
    }
    assert answer["missing"] == unknown
    assert [i["nip"] for i in answer["invalid"]] == ["12345"]
    assert len([s for s in statements if "chain" in s]) == 1
    assert len(statements) <= 3, statements  # no statement per employee
    # Out of reach is missing, exactly as the lookup of employees answers it.
    opd_b = auth("admin_opd", opd=w["opd_b"]["id"])
    foreign = await _atasan(pegawai_client, [w["T1"], w["X"]], headers=opd_b)
    assert [i["nip"] for i in foreign["items"]] == [w["X"]] and foreign["missing"] == [w["T1"]]
    looked_up = await pegawai_client.post("/api/v1/pegawai/lookup", json={"nips": [w["T1"], w["X"]]}, headers=opd_b)
    assert looked_up.json()["missing"] == foreign["missing"]


async def test_an_atasan_reads_its_direct_reports_and_no_one_else(pegawai_client, chart):
    w = chart
    k = auth("atasan", nip=w["K"])
    for nip in (w["B1"], w["B2"], w["T2"], w["K"]):
        assert (await pegawai_client.get(f"/api/v1/pegawai/{nip}", headers=k)).status_code == 200, nip
    for nip in (w["T1"], w["X"]):  # a report's report, another OPD's employee
        assert_problem(await pegawai_client.get(f"/api/v1/pegawai/{nip}", headers=k), 404)
    listed = (await pegawai_client.get("/api/v1/pegawai", headers=k)).json()["items"]
    assert sorted(p["nip"] for p in listed) == sorted([w["K"], w["B1"], w["B2"], w["T2"]])
    looked_up = await pegawai_client.post("/api/v1/pegawai/lookup", json={"nips": [w["B1"], w["T1"]]}, headers=k)
    assert [p["nip"] for p in looked_up.json()["items"]] == [w["B1"]] and looked_up.json()["missing"] == [w["T1"]]
    assert sorted(await _bawahan(pegawai_client, w["K"], headers=k)) == sorted([w["B1"], w["B2"], w["T2"]])
    # A report's own reports are not the atasan's: B1 reads as reachable, its list filtered by reach.
    assert await _bawahan(pegawai_client, w["B1"], headers=k) == []
    assert_problem(await pegawai_client.get(f"/api/v1/pegawai/{w['T1']}/bawahan", headers=k), 404)
    resolved = _resolved(await _atasan(pegawai_client, [w["B1"], w["T1"]], headers=k))
    assert resolved == {w["B1"]: (w["K"], "jabatan")}
    # Reading is all: its reports' records it does not change, nor their positions or units it reaches.
    r = await pegawai_client.patch(
        f"/api/v1/pegawai/{w['B1']}", json={"telepon": "0812-1111-2222"}, headers={**k, **ANY_VERSION}
    )
    assert_problem(r, 404)
    assert (await pegawai_client.get(f"/api/v1/jabatan/{w['kabid']['id']}", headers=k)).status_code == 404
    # B1 as a plain employee reads only itself; with the atasan role, its own report.
    b1 = auth("atasan", nip=w["B1"])
    assert (await pegawai_client.get(f"/api/v1/pegawai/{w['T1']}", headers=b1)).status_code == 200
    plain = auth("pegawai", nip=w["B1"])
    assert_problem(await pegawai_client.get(f"/api/v1/pegawai/{w['T1']}", headers=plain), 404)
