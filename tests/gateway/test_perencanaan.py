"""The needs plan (GET /api/v1/perencanaan/unit/{unit_id}), composed by the gateway from the real
pegawai service on real PostgreSQL: the figures per position, unit and OPD worked out by hand, the
CPNS/PPPK split by the rule of shared/rules/perencanaan.yaml, the horizon, each caller's answer,
the workbook, the number of calls, and pegawai down."""

from __future__ import annotations

import io
import math
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from gateway.config import GatewaySettings
from gateway.perencanaan.piramida import BarisPiramida, piramida, usia
from gateway.perencanaan.rencana import Posisi, SetelahPenempatan, rekap, rencana
from gateway.perencanaan.schemas import PerencanaanOut
from shared import clients
from shared.rules import load_perencanaan
from shared.workbook import XLSX_MEDIA
from tests.conftest import auth
from tests.gateway.test_profil import Counting, InFlight, gateway
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit, new_nip
from tests.problem import assert_problem
from tests.workbooks import charts

Y = date.today().year
PATH = "/api/v1/perencanaan/unit/{}"


@dataclass
class Pemda:
    """An instansi with OPD P (bidang P1 under it) and OPD Q; positions J1-J5 (see `pemda`)."""

    instansi: str
    P: str
    P1: str
    Q: str
    J: dict[str, str]  # J1..J5 -> id
    kode: dict[str, str]  # J1..J5, P, P1, Q -> code


async def _holder(client: httpx.AsyncClient, jabatan_id: str, pensiun_tahun: int | None = None, **extra: Any) -> None:
    """A holder of the position; with `pensiun_tahun`, born on 10 January so that BUP 58 is reached
    that year (TMT pensiun 1 February)."""
    nip = new_nip(lahir=date(pensiun_tahun - 58, 1, 10), tmt=(2000, 1)) if pensiun_tahun else new_nip()
    await make_pegawai(client, jabatan_id, nip=nip, **extra)


async def pemda(client: httpx.AsyncClient) -> Pemda:
    """J1 administrator in P (kebutuhan 1, nobody); in P1: J2 pelaksana (3; 2 holders, one retiring
    next year), J3 ahli pertama (2; 4 holders, one retiring this year), J4 ahli muda (2; 2 holders,
    retiring this year and in three years); J5 terampil in Q (1; nobody). BUP 58 for all five."""
    inst = await make_unit(client, jenis="instansi", nama="Pemda Uji")
    p = await make_unit(client, parent_id=inst["id"], jenis="opd", nama="Dinas P")
    p1 = await make_unit(client, parent_id=p["id"], jenis="bidang", nama="Bidang P1")
    q = await make_unit(client, parent_id=inst["id"], jenis="opd", nama="Dinas Q")
    spec = {
        "J1": (p, "administrator", 11, 1),
        "J2": (p1, "pelaksana", 7, 3),
        "J3": (p1, "ahli_pertama", 8, 4),  # 4 seats to place 4 holders; lowered to 2 below
        "J4": (p1, "ahli_muda", 9, 2),
        "J5": (q, "terampil", 6, 1),
    }
    made = {}
    for name, (unit, jenis, kelas, kebutuhan) in spec.items():
        made[name] = await make_jabatan(
            client, unit["id"], nama=f"Jabatan {name}", jenis=jenis, kelas_jabatan=kelas, kebutuhan=kebutuhan
        )
    ids = {n: j["id"] for n, j in made.items()}
    await _holder(client, ids["J2"])
    await _holder(client, ids["J2"], Y + 1)
    await _holder(client, ids["J3"], Y)
    for _ in range(3):
        await _holder(client, ids["J3"])
    await _holder(client, ids["J4"], Y)
    await _holder(client, ids["J4"], Y + 3)
    lowered = await client.patch(
        f"/api/v1/jabatan/{ids['J3']}", json={"kebutuhan": 2}, headers={"If-Match": f'"{made["J3"]["version"]}"'}
    )
    assert lowered.status_code == 200, lowered.text
    kode = {n: j["kode"] for n, j in made.items()} | {"P": p["kode"], "P1": p1["kode"], "Q": q["kode"]}
    return Pemda(inst["id"], p["id"], p1["id"], q["id"], ids, kode)


def _figures(row: dict[str, Any]) -> tuple[int, ...]:
    keys = ("jumlah_jabatan", "kebutuhan", "bezetting", "kurang", "lebih", "pensiun")
    return tuple(row[k] for k in (*keys, "formasi_cpns", "formasi_pppk", "promosi", "formasi"))


def _years(row: dict[str, Any]) -> list[tuple[int, ...]]:
    keys = ("tahun", "pensiun", "kurang", "lebih", "formasi_cpns", "formasi_pppk", "promosi")
    return [tuple(y[k] for k in keys) for y in row["per_tahun"]]


async def test_the_plan_per_position_unit_and_opd_as_worked_out_by_hand(gateway_client, pegawai_client):
    w = await pemda(pegawai_client)
    r = await gateway_client.get(PATH.format(w.instansi), params={"tahun": 3})
    assert r.status_code == 200, r.text
    plan = r.json()
    assert PerencanaanOut.model_validate(plan).model_dump(mode="json") == plan  # the documented shape, exactly
    assert (plan["tahun"], plan["dari_tahun"], plan["sampai_tahun"]) == (3, Y, Y + 2)
    assert plan["per_tanggal"] == date.today().isoformat() and plan["unit"]["nama"] == "Pemda Uji"
    assert plan["penempatan_ulang"]["diterapkan"] is False and "not applied" in plan["penempatan_ulang"]["keterangan"]
    assert any("PP 49/2018" in a for a in plan["aturan"]["regulation"])
    by = {j["kode"]: j for j in plan["per_jabatan"]}
    j = {n: by[w.kode[n]] for n in ("J1", "J2", "J3", "J4", "J5")}
    # The path by kind: pelaksana CPNS, every JF PPPK, managerial by promotion.
    assert {n: x["jalur"] for n, x in j.items()} == {
        "J1": "promosi",
        "J2": "cpns",
        "J3": "pppk",
        "J4": "pppk",
        "J5": "pppk",
    }
    # Per position: (kebutuhan, bezetting, kurang, lebih, pensiun, formasi) and per year
    # (pensiun, bezetting, kurang, lebih, formasi) at the end of each year, nobody appointed.
    today = {
        n: (x["kebutuhan"], x["bezetting"], x["kurang"], x["lebih"], x["pensiun"], x["formasi"]) for n, x in j.items()
    }
    assert today == {
        "J1": (1, 0, 1, 0, 0, 1),
        "J2": (3, 2, 1, 0, 1, 2),
        "J3": (2, 4, 0, 2, 1, 0),  # the surplus absorbs its own retirement
        "J4": (2, 2, 0, 0, 1, 1),  # the second holder retires in three years: outside a 3-year horizon
        "J5": (1, 0, 1, 0, 0, 1),
    }
    yearly = {
        n: [(y["pensiun"], y["bezetting"], y["kurang"], y["lebih"], y["formasi"]) for y in x["per_tahun"]]
        for n, x in j.items()
    }
    assert yearly["J2"] == [(0, 2, 1, 0, 1), (1, 1, 2, 0, 1), (0, 1, 2, 0, 0)]
    assert yearly["J3"] == [(1, 3, 0, 1, 0), (0, 3, 0, 1, 0), (0, 3, 0, 1, 0)]
    assert yearly["J4"] == [(1, 1, 1, 0, 1), (0, 1, 1, 0, 0), (0, 1, 1, 0, 0)]
    assert [x["tahun"] for x in j["J1"]["per_tahun"]] == [Y, Y + 1, Y + 2]
    assert all(x["bezetting_setelah_penempatan"] is None for x in j.values())
    assert (j["J3"]["selisih"], j["J1"]["opd_id"], j["J2"]["opd_id"], j["J5"]["opd_id"]) == (2, w.P, w.P, w.Q)
    # Per unit (its own positions): P1 has one more holder than it needs, yet one seat short (J2).
    units = {u["kode"]: u for u in plan["per_unit"]}
    assert set(units) == {w.kode["P"], w.kode["P1"], w.kode["Q"]}
    assert _figures(units[w.kode["P"]]) == (1, 1, 0, 1, 0, 0, 0, 0, 1, 0)
    assert _figures(units[w.kode["P1"]]) == (3, 7, 8, 1, 2, 3, 2, 1, 0, 3)
    assert _figures(units[w.kode["Q"]]) == (1, 1, 0, 1, 0, 0, 0, 1, 0, 1)
    assert units[w.kode["P1"]]["opd_id"] == w.P and units[w.kode["P1"]]["jenis"] == "bidang"
    # Per OPD: P needs 8 and holds 8, and is still two short (J1, J2) with two too many (J3).
    opd = {o["nama"]: o for o in plan["per_opd"]}
    assert set(opd) == {"Dinas P", "Dinas Q"}
    assert _figures(opd["Dinas P"]) == (4, 8, 8, 2, 2, 3, 2, 1, 1, 3)
    assert _figures(opd["Dinas Q"]) == (1, 1, 0, 1, 0, 0, 0, 1, 0, 1)
    total = plan["ringkasan"]
    assert _figures(total) == (5, 9, 8, 3, 2, 3, 2, 2, 1, 4)
    assert _years(total) == [(Y, 2, 4, 1, 1, 2, 1), (Y + 1, 1, 5, 1, 1, 0, 0), (Y + 2, 0, 5, 1, 0, 0, 0)]
    # What pegawai reports for the same units today agrees (its roll-up sums shortages per position too).
    same = await pegawai_client.get("/api/v1/kebutuhan/unit", params={"unit_id": w.instansi})
    pegawai_opd = {u["nama"]: (u["kebutuhan"], u["bezetting"], u["kurang"], u["lebih"]) for u in same.json()}
    assert pegawai_opd["Dinas P"] == (8, 8, 2, 2) and pegawai_opd["Pemda Uji"] == (9, 8, 3, 2)


async def test_the_horizon_takes_in_later_retirements_and_is_bounded(gateway_client, pegawai_client):
    w = await pemda(pegawai_client)
    five = (await gateway_client.get(PATH.format(w.instansi))).json()  # default: five years
    assert (five["tahun"], five["sampai_tahun"], len(five["ringkasan"]["per_tahun"])) == (5, Y + 4, 5)
    j4 = next(j for j in five["per_jabatan"] if j["kode"] == w.kode["J4"])
    assert [y["pensiun"] for y in j4["per_tahun"]] == [1, 0, 0, 1, 0] and j4["formasi"] == 2
    total = five["ringkasan"]
    assert (total["pensiun"], total["formasi_pppk"], total["formasi"]) == (4, 3, 5)
    assert _years(total)[3] == (Y + 3, 1, 6, 1, 0, 1, 0)
    one = (await gateway_client.get(PATH.format(w.instansi), params={"tahun": 1})).json()
    assert _figures(one["ringkasan"]) == (5, 9, 8, 3, 2, 2, 1, 2, 1, 3)
    for bad in (0, 11, "lima"):
        assert_problem(await gateway_client.get(PATH.format(w.instansi), params={"tahun": bad}), 422)
    assert_problem(await gateway_client.get(PATH.format("not-a-uuid")), 422)
    assert_problem(await gateway_client.get(PATH.format(uuid.uuid4())), 404)


async def test_each_caller_gets_its_answer(gateway_client, pegawai_client):
    """admin_bkpsdm any unit; an OPD's admin its own units only (another OPD's, or the instansi
    above it: 404); integrasi any; employees and supervisors: 403 (a report)."""
    w = await pemda(pegawai_client)
    nip = new_nip()
    await make_pegawai(pegawai_client, w.J["J2"], nip=nip, paksa=True, alasan="uji")
    expected = {
        ("admin_bkpsdm", w.instansi): 200,
        ("admin_bkpsdm", w.Q): 200,
        ("opd_p", w.P): 200,
        ("opd_p", w.P1): 200,
        ("opd_p", w.Q): 404,
        ("opd_p", w.instansi): 404,
        ("integrasi", w.instansi): 200,
        ("pegawai", w.P1): 403,
        ("atasan", w.P1): 403,
    }
    headers = {
        "admin_bkpsdm": auth("admin_bkpsdm"),
        "opd_p": auth("admin_opd", opd=w.P),
        "integrasi": auth("integrasi"),
        "pegawai": auth("pegawai", nip=nip),
        "atasan": auth("atasan", nip=nip),
    }
    seen = {}
    for caller, unit in expected:
        r = await gateway_client.get(PATH.format(unit), headers=headers[caller])
        if r.status_code != 200:
            assert_problem(r, r.status_code)
        seen[(caller, unit)] = r.status_code
    assert seen == expected
    own = (await gateway_client.get(PATH.format(w.P), headers=headers["opd_p"])).json()
    assert [o["nama"] for o in own["per_opd"]] == ["Dinas P"] and own["ringkasan"]["jumlah_jabatan"] == 4
    assert w.kode["J5"] not in {j["kode"] for j in own["per_jabatan"]}
    # A unit below its OPD: the OPD above is named, holding only the unit's positions.
    below = (await gateway_client.get(PATH.format(w.P1), headers=headers["opd_p"])).json()
    assert [(o["opd_id"], o["nama"], o["jumlah_jabatan"]) for o in below["per_opd"]] == [(w.P, "Dinas P", 3)]


async def test_the_workbook_for_the_planning_meeting(gateway_client, pegawai_client):
    w = await pemda(pegawai_client)
    # In Indonesian, the planning meeting's language and the default.
    headers = {"Accept": XLSX_MEDIA, "Accept-Language": "id"}
    r = await gateway_client.get(PATH.format(w.instansi), params={"tahun": 3}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == XLSX_MEDIA and ".xlsx" in r.headers["content-disposition"]
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["Ringkasan", "Per Tahun", "Per OPD", "Per Unit", "Per Jabatan", "Piramida Pegawai"]
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # values only, no live formula
    rows = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
    header = rows["Per Jabatan"][0]
    assert header[:5] == ["Kode", "Jabatan", "Jenis jabatan", "Kelas", "Jalur"]
    assert header[-1] == "Formasi" and f"Pensiun {Y}" in header and f"Formasi {Y + 2}" in header
    jabatan = {row[0]: dict(zip(header, row, strict=True)) for row in rows["Per Jabatan"][1:]}
    j2 = jabatan[w.kode["J2"]]
    assert (j2["Jalur"], j2["Kebutuhan"], j2["Bezetting"], j2["Kurang"], j2["Formasi"]) == ("CPNS", 3, 2, 1, 2)
    assert (j2[f"Pensiun {Y + 1}"], j2[f"Formasi {Y}"], j2[f"Formasi {Y + 1}"], j2["OPD"]) == (1, 1, 1, "Dinas P")
    assert jabatan[w.kode["J1"]]["Jalur"] == "Promosi" and jabatan[w.kode["J5"]]["Jalur"] == "PPPK"
    code_cells = [row[0] for row in book["Per Jabatan"].iter_rows(min_row=2)]
    assert all(c.data_type == "s" and c.number_format == "@" for c in code_cells)  # codes as text
    opd_header = rows["Per OPD"][0]
    opd = {row[1]: dict(zip(opd_header, row, strict=True)) for row in rows["Per OPD"][1:]}
    assert (opd["Dinas P"]["Kurang"], opd["Dinas P"]["Formasi CPNS"], opd["Dinas P"]["Promosi"]) == (2, 2, 1)
    assert [opd["Dinas P"][f"Formasi {y}"] for y in (Y, Y + 1, Y + 2)] == [2, 1, 0]  # J2 and J4, then J2
    unit_header = rows["Per Unit"][0]
    units = {row[0]: dict(zip(unit_header, row, strict=True)) for row in rows["Per Unit"][1:]}
    assert (units[w.kode["P1"]]["OPD"], units[w.kode["P1"]]["Kurang"], units[w.kode["P1"]]["Lebih"]) == (
        "Dinas P",
        1,
        2,
    )
    per_year = rows["Per Tahun"]
    assert per_year[1] == [Y, 2, 4, 1, 1, 2, 1] and per_year[-1][1:] == [3, None, None, 2, 2, 1]
    # The same workbook in English, on request.
    english = await gateway_client.get(
        PATH.format(w.instansi), params={"tahun": 3}, headers={"Accept": XLSX_MEDIA, "Accept-Language": "en"}
    )
    book = load_workbook(io.BytesIO(english.content))
    assert book.sheetnames == ["Summary", "Per year", "Per OPD", "Per unit", "Per position", "Staffing Pyramid"]
    rows = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
    assert rows["Per year"][0][:3] == ["Year", "Retiring", "Short"] and rows["Per year"][-1][0] == "Total"
    summary = dict((row[0], row[1]) for row in rows["Summary"][1:])
    assert "not applied" in summary["Re-placement"] and summary["Planning years"] == f"{Y}-{Y + 2}"


async def test_a_fixed_few_calls_to_pegawai_with_the_pages_read_at_once(pegawai_app, pegawai_client, monkeypatch):
    """Four calls to pegawai (units, staffing, projection, the people for the pyramid) whatever the
    unit holds; a unit below its OPD one more (the OPD's name). Pages of 2 positions: the five
    positions take three pages, the two after the first read at once, and the answer is the same."""
    w = await pemda(pegawai_client)

    async def plan(unit: str) -> tuple[dict[str, Any], Counting, InFlight]:
        gauge = InFlight()
        counting = Counting(pegawai_app, gauge)
        async with gateway(GatewaySettings(), {"pegawai": counting}) as gw:
            r = await gw.get(PATH.format(unit), params={"tahun": 3}, headers=auth("admin_bkpsdm"))
            assert r.status_code == 200, r.text
            assert "services;dur=" in r.headers["server-timing"]
        return r.json(), counting, gauge

    whole, calls, gauge = await plan(w.instansi)
    assert sum(calls.calls.values()) == 4, dict(calls.calls)
    assert gauge.most == 4  # the four parts run concurrently
    _, calls, _ = await plan(w.P1)
    assert sum(calls.calls.values()) == 5 and calls.calls[f"GET /api/v1/unit-organisasi/{w.P}"] == 1
    for n in range(4):  # more positions and holders: still four calls
        more = await make_jabatan(pegawai_client, w.P1, nama=f"Tambahan {n}", kebutuhan=2)
        await _holder(pegawai_client, more["id"], Y + 1)
    _, calls, _ = await plan(w.instansi)
    assert sum(calls.calls.values()) == 4
    monkeypatch.setattr(clients, "PAGE_LIMIT", 2)
    paged, calls, gauge = await plan(w.instansi)
    assert calls.calls["GET /api/v1/kebutuhan/jabatan"] == math.ceil(9 / 2), dict(calls.calls)
    assert gauge.most >= 4
    assert (
        len(paged["per_jabatan"]) == 9 and paged["ringkasan"]["formasi_cpns"] == whole["ringkasan"]["formasi_cpns"] + 8
    )


async def test_pegawai_down_answers_503_naming_it(pegawai_client):
    unit = await make_unit(pegawai_client, jenis="instansi")
    async with gateway(GatewaySettings(pegawai_url="http://127.0.0.1:9"), {}) as gw:
        r = await gw.get(PATH.format(unit["id"]), headers=auth("admin_bkpsdm"))
    problem = assert_problem(r, 503, "pegawai")
    assert problem["service"] == "pegawai" and problem["type"].endswith("/upstream-unavailable")


async def test_the_operation_is_in_the_gateways_openapi(gateway_client):
    doc = (await gateway_client.get("/openapi.json")).json()
    op = doc["paths"]["/api/v1/perencanaan/unit/{unit_id}"]["get"]
    assert op["operationId"] == "getPerencanaanUnit" and op["summary"]
    assert "setelah_penempatan=true" in op["description"] and "503 naming it" in op["description"]
    assert any(p["name"] == "setelah_penempatan" for p in op["parameters"])
    assert XLSX_MEDIA in op["responses"]["200"]["content"]
    assert {"401", "403", "404", "422", "502", "503"} <= set(op["responses"])
    tahun = next(p for p in op["parameters"] if p["name"] == "tahun")
    assert (tahun["schema"]["minimum"], tahun["schema"]["maximum"], tahun["schema"]["default"]) == (1, 10, 5)
    assert [p["name"] for p in op["x-composed-parts"]] == ["unit", "kebutuhan", "pensiun", "pegawai"]
    assert doc["components"]["schemas"]["PerencanaanOut"]["examples"][0]["penempatan_ulang"]["diterapkan"] is False


# --- the decision alone (rencana.py), without a service --------------------------------------

RULES = load_perencanaan().jalur


def _posisi(jenis: str, kebutuhan: int, bezetting: int) -> Posisi:
    return Posisi(uuid.uuid4(), f"K-{jenis}", jenis, jenis, 7, uuid.uuid4(), kebutuhan, bezetting)


def test_a_surplus_never_fills_another_positions_shortage():
    short, full = _posisi("pelaksana", 5, 2), _posisi("pelaksana", 1, 4)
    total = rekap(rencana([short, full], {}, [Y], RULES), [Y])
    assert (total.kebutuhan, total.bezetting, total.kurang, total.lebih, total.formasi_cpns) == (6, 6, 3, 3, 3)


@pytest.mark.parametrize(
    ("terisi", "pensiun", "expected"),
    [
        (None, None, (2, [1, 1])),  # today's seats: 1 short, then a retirement
        ({"a": 3}, None, (1, [0, 1])),  # re-placement filled the position; the retirement stays with it
        ({"a": 3}, {}, (0, [0, 0])),  # ... and the retiree was moved elsewhere by it
    ],
)
def test_a_re_placement_result_plugs_in(terisi, pensiun, expected):
    a = _posisi("ahli_pertama", 3, 2)
    ids = {"a": a.jabatan_id}
    after = (
        None
        if terisi is None
        else SetelahPenempatan(
            {ids[k]: v for k, v in terisi.items()}, None if pensiun is None else {a.jabatan_id: pensiun}
        )
    )
    [plan] = rencana([a], {a.jabatan_id: {Y + 1: 1}}, [Y, Y + 1], RULES, after)
    assert (plan.formasi, [y.formasi for y in plan.per_tahun]) == expected
    assert plan.jalur == "pppk" and plan.bezetting_dasar == (2 if terisi is None else 3)


async def test_the_plan_after_the_proposed_replacement(gateway_client, pegawai_client, kompetensi_client):
    """_seats_world: P1 (1 seat) held by X and Y, P2 (2 seats) by Z. Today P1 is one over and P2 one
    short; the optimal re-placement moves Y to P2 (X 25 + Y 18.18 + Z 9.09, the best of the three
    ways), so after it both are exactly filled, and the plan says it is a proposal."""
    from tests.gateway.test_penempatan_endpoints import _seats_world

    unit, j, nip = await _seats_world(pegawai_client, kompetensi_client)
    url = f"/api/v1/perencanaan/unit/{unit}"
    today = (await gateway_client.get(url, params={"tahun": 1})).json()
    after_r = await gateway_client.get(url, params={"tahun": 1, "setelah_penempatan": "true"})
    assert after_r.status_code == 200, after_r.text
    after = after_r.json()
    PerencanaanOut.model_validate(after)

    def per(body: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
        names = {j["P1"]: "P1", j["P2"]: "P2"}
        return {
            names[r["jabatan_id"]]: (r["bezetting"], r["bezetting_setelah_penempatan"], r["kurang"], r["lebih"])
            for r in body["per_jabatan"]
        }

    assert per(today) == {"P1": (2, None, 0, 1), "P2": (1, None, 1, 0)}
    assert today["penempatan_ulang"]["diterapkan"] is False
    assert per(after) == {"P1": (2, 1, 0, 0), "P2": (1, 2, 0, 0)}
    assert (after["ringkasan"]["kurang"], after["ringkasan"]["lebih"], after["ringkasan"]["formasi"]) == (0, 0, 0)
    assert (today["ringkasan"]["kurang"], today["ringkasan"]["lebih"], today["ringkasan"]["formasi"]) == (1, 1, 1)
    note = after["penempatan_ulang"]
    assert (
        note["diterapkan"] is True and "(1 people would move" in note["keterangan"] and "proposal" in note["keterangan"]
    )
    # A proposal: nobody moved.
    rows = (await pegawai_client.get("/api/v1/pegawai/ringkas", params={"unit_id": unit})).json()["items"]
    assert {r["nip"]: r["jabatan_id"] for r in rows} == {nip["X"]: j["P1"], nip["Y"]: j["P1"], nip["Z"]: j["P2"]}
    # The re-placement's scope is the caller's: another OPD's admin gets pegawai's 404.
    other = await make_unit(pegawai_client, jenis="opd")
    assert_problem(
        await gateway_client.get(
            url, params={"setelah_penempatan": "true"}, headers=auth("admin_opd", opd=other["id"])
        ),
        404,
    )


def test_the_pyramid_counts_each_golongan_by_age_band_lowest_grade_first():
    bands = load_perencanaan().kelompok_usia
    assert [(b.dari, b.sampai) for b in bands] == [(0, 29), (30, 39), (40, 49), (50, 54), (55, None)]
    today = date(2026, 12, 1)
    assert (usia(date(1996, 12, 1), today), usia(date(1996, 12, 2), today)) == (30, 29)  # birthday not yet: 29
    people = [
        ("III/a", date(1996, 12, 2)),  # 29: under 30
        ("III/a", date(1996, 12, 1)),  # 30 today
        ("IV/a", date(1972, 1, 1)),  # 54
        ("IV/a", date(1971, 11, 30)),  # 55
        ("II/c", date(1980, 5, 5)),  # 46
        ("IX", date(1990, 1, 1)),  # PPPK, 36
        (None, date(1990, 1, 1)),  # no golongan: apart
        ("III/a", None),  # no birth date: apart
        ("X/z", date(1990, 1, 1)),  # not a golongan: apart
    ]
    from gateway.perencanaan.service import urutan_golongan

    p = piramida(people, today, bands, urutan_golongan())
    assert p.kelompok_usia == ("dibawah_30", "usia_30_39", "usia_40_49", "usia_50_54", "usia_55_keatas")
    assert p.baris == (
        BarisPiramida("II/c", (0, 0, 1, 0, 0)),
        BarisPiramida("III/a", (1, 1, 0, 0, 0)),
        BarisPiramida("IV/a", (0, 0, 0, 1, 1)),
        BarisPiramida("IX", (0, 1, 0, 0, 0)),
    )
    assert p.tanpa_data == 3 and sum(r.jumlah for r in p.baris) == 6


async def test_the_staffing_pyramid_in_the_answer_and_as_a_chart_of_its_sheet(gateway_client, pegawai_client):
    """Headcount per golongan and age band of the unit's people, in the JSON and in a sheet whose
    stacked bar chart draws exactly that table. Birth dates are picked so both ages a person may
    have this year (before or after the birthday) fall in the same band."""
    inst = await make_unit(pegawai_client, jenis="instansi", nama="Pemda Piramida")
    opd = await make_unit(pegawai_client, parent_id=inst["id"], jenis="opd", nama="Dinas R")
    jab = await make_jabatan(
        pegawai_client, opd["id"], nama="Pelaksana R", jenis="pelaksana", kelas_jabatan=6, kebutuhan=6
    )
    for golongan, age in (("II/a", 25), ("III/a", 35), ("III/a", 45), ("III/a", 35), ("IV/a", 57)):
        await make_pegawai(
            pegawai_client,
            jab["id"],
            nip=new_nip(lahir=date(Y - age, 6, 15), tmt=(2020, 1)),
            golongan=golongan,
            tmt_golongan="2021-01-01",
            tmt_jabatan="2021-01-01",
        )
    r = await gateway_client.get(PATH.format(opd["id"]), params={"tahun": 1})
    assert r.status_code == 200, r.text
    pyramid = r.json()["piramida"]
    assert [b["kode"] for b in pyramid["kelompok_usia"]][:2] == ["dibawah_30", "usia_30_39"]
    assert [(g["golongan"], g["per_usia"], g["jumlah"]) for g in pyramid["per_golongan"]] == [
        ("II/a", [1, 0, 0, 0, 0], 1),
        ("III/a", [0, 2, 1, 0, 0], 3),
        ("IV/a", [0, 0, 0, 0, 1], 1),
    ]
    assert (pyramid["jumlah"], pyramid["tanpa_data"]) == (5, 0)
    book = await gateway_client.get(
        PATH.format(opd["id"]), params={"tahun": 1}, headers={"Accept": XLSX_MEDIA, "Accept-Language": "id"}
    )
    ws = load_workbook(io.BytesIO(book.content))["Piramida Pegawai"]
    table = [[c.value for c in row] for row in ws.iter_rows()]
    assert table[0] == [
        "Golongan",
        "Di bawah 30 tahun",
        "30-39 tahun",
        "40-49 tahun",
        "50-54 tahun",
        "55 tahun ke atas",
        "Jumlah",
    ]
    assert table[1:] == [["II/a", 1, 0, 0, 0, 0, 1], ["III/a", 0, 2, 1, 0, 0, 3], ["IV/a", 0, 0, 0, 0, 1, 1]]
    (chart,) = [c for c in charts(book.content) if c.sheet == "Piramida Pegawai"]
    assert (chart.kind, chart.stacked) == ("bar", True)
    assert [s.values for s in chart.series] == [f"'Piramida Pegawai'!${col}$2:${col}$4" for col in "BCDEF"]
    assert {s.categories for s in chart.series} == {"'Piramida Pegawai'!$A$2:$A$4"}  # the golongan column
