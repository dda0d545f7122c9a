"""The training plan in the gateway (POST /kebutuhan-pelatihan/rencana and /skenario) against the real
service apps on real PostgreSQL: the world of the training needs tests (tests/gateway/
test_kebutuhan_pelatihan.py), with OPD A's budget set through pengembangan's API."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import httpx
import openpyxl
import pytest

from gateway.config import GatewaySettings
from tests.conftest import auth
from tests.gateway.test_kebutuhan_pelatihan import TAHUN_SKP, XLSX
from tests.gateway.test_profil import gateway
from tests.kinerja.test_impor import upload, xlsx
from tests.pegawai.factories import make_pegawai
from tests.pengembangan.conftest import make_jp
from tests.pengembangan.dunia import ASKEP_COST, Dunia, build
from tests.problem import assert_problem
from tests.workbooks import charts

URL = "/api/v1/kebutuhan-pelatihan/rencana"
SKENARIO = "/api/v1/kebutuhan-pelatihan/skenario"


async def dunia(
    peg: httpx.AsyncClient, kom: httpx.AsyncClient, kin: httpx.AsyncClient, pen: httpx.AsyncClient, kuota: int = 30
) -> tuple[Dunia, str]:
    """The training needs world (tests/gateway/test_kebutuhan_pelatihan.py `dunia`) with `kuota`
    seats per batch: staff 0-3 in A1 holding JA (TEK-KES-T1 at 3; staff[0] holds 2, staff[1] 3, the
    others 0; staff[3] targets JT: MP at 3), a PPPK holding JA; staff[0] a low performer; JP this
    year: staff[0] 8, the PPPK 10."""
    w = await build(peg, kom, pen, kuota=kuota)
    pppk = await make_pegawai(peg, w.JA, nama="Perawat Kontrak", status_kepegawaian="PPPK", golongan="IX")
    periode = await kin.post("/api/v1/periode-skp", json={"tahun": TAHUN_SKP, "evaluasi": "triwulanan"})
    assert periode.status_code == 201, periode.text
    rows = [
        [w.nip(0), TAHUN_SKP, w.nip(1), "sesuai", "Di Bawah Ekspektasi", ""],
        [w.nip(1), TAHUN_SKP, w.nip(0), "sesuai", "sesuai", ""],
    ]
    r = await kin.post("/api/v1/skp/impor/skp", files=upload(xlsx(rows)))
    assert r.status_code == 200, r.text
    await make_jp(pen, w.nip(0), jp=8)
    await make_jp(pen, str(pppk["nip"]), jp=10)
    return w, str(pppk["nip"])


def relevant_codes(w: Dunia, nip: str) -> set[str]:
    """The competencies of the person's standards (JA: TEK-KES-T1; staff[3]'s target JT: MP)."""
    return {"TEK-KES-T1", "MP"} if nip == w.nip(3) else {"TEK-KES-T1"}


def program_codes(w: Dunia, program_id: str) -> set[str]:
    [g] = [g for g in w.programs.values() if g["id"] == program_id]
    return {k["kode_kompetensi"] for k in g["kompetensi"]}


def check_plan(w: Dunia, body: dict[str, Any], kuota: int, pppk: str) -> None:
    """No budget exceeded, no batch over its seats, no irrelevant program, one batch per program."""
    spent: Counter[str] = Counter()
    for e in body["pendaftaran"]:
        spent[e["unit_id"]] += e["biaya"]
        assert program_codes(w, e["program_id"]) & relevant_codes(w, e["nip"]), e
        assert e["nip"] != pppk or e["jp"] <= 14  # never over the PPPK's 24 JP ceiling
    for a in body["anggaran"]:
        assert a["terpakai"] <= a["sisa"] and a["sisa_sesudah"] >= 0, a
    assert sum(e["biaya"] for e in body["pendaftaran"]) == body["ringkasan"]["biaya"]
    seats = Counter(e["angkatan_id"] for e in body["pendaftaran"])
    assert all(n <= kuota for n in seats.values()), seats
    pairs = [(e["nip"], e["program_id"]) for e in body["pendaftaran"]]
    assert len(pairs) == len(set(pairs))


async def test_a_plan_keeps_to_the_budget_seats_and_relevance_and_explains_itself(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, pppk = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    await w.set_budget(2 * ASKEP_COST + 1_000_000)  # two askep enrollments, not three
    r = await gateway_client.post(URL, json={"unit_id": w.A, "tahun": w.tahun})
    assert r.status_code == 200, r.text
    body = r.json()
    check_plan(w, body, 30, pppk)
    [budget] = [a for a in body["anggaran"] if a["opd_id"] == w.A]
    assert budget["sisa"] == 2 * ASKEP_COST + 1_000_000 and budget["terpakai"] <= budget["sisa"]
    askep = [e for e in body["pendaftaran"] if e["program_id"] == w.programs["askep"]["id"]]
    assert len(askep) == 2
    # What the budget could not cover: a third person whose gap askep closes.
    assert budget["pegawai_belum_tercakup"] >= 1 and budget["biaya_belum_tercakup"] >= ASKEP_COST
    # Each enrollment explained: the competency it closes, the weights, the multipliers.
    for e in askep:
        [gap] = e["celah"]
        assert gap["kode"] == "TEK-KES-T1" and gap["dibawa"] == 3 and gap["syarat_jabatan"] == 3
        assert e["celah_berbobot"] == gap["bobot"] and e["nilai"] >= e["celah_berbobot"]
        assert e["program_kode"] == "T-ASKEP" and e["nama"]
    # Who stays below 20 JP, and why (a message of the catalogue).
    below = {x["nip"]: x for x in body["tidak_capai"]}
    assert below and all(x["alasan"] and all(a["pesan"] for a in x["alasan"]) for x in below.values())
    assert w.nip(1) in below  # holds TEK-KES-T1 at 3: askep closes nothing and is not free
    assert [a["kode"] for a in below[w.nip(1)]["alasan"]] == ["tanpa_celah"]
    # The figures: objective, gap, solver time, greedy beside it; the adverse-impact report.
    plan, rule = body["ringkasan"], body["greedy"]
    assert "milp" in plan["metode"] and rule["metode"] != plan["metode"]
    assert plan["objektif"] >= rule["objektif"] - 1e-6 and plan["waktu_solver_detik"] >= 0
    assert plan["celah_mip"] is not None and plan["celah_mip"] <= 0.01
    assert body["keadilan"] is not None and body["keadilan"]["terpilih"] == plan["peserta"]

    # No budget set for the year at all: only what is free is planned, and askep is not.
    other = await gateway_client.post(URL, json={"unit_id": w.B, "tahun": w.tahun})
    assert other.status_code == 200 and other.json()["ringkasan"]["biaya"] == 0


async def test_a_batchs_seats_bound_the_plan(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, pppk = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client, kuota=1)
    await w.set_budget(100_000_000)
    r = await gateway_client.post(URL, json={"unit_id": w.A, "tahun": w.tahun})
    assert r.status_code == 200, r.text
    body = r.json()
    check_plan(w, body, 1, pppk)
    # askep has two batches of one seat: two of the three people it would help.
    askep = [e for e in body["pendaftaran"] if e["program_id"] == w.programs["askep"]["id"]]
    assert len(askep) == 2 and len({e["angkatan_id"] for e in askep}) == 2
    # One program per person at most.
    limited = await gateway_client.post(URL, json={"unit_id": w.A, "tahun": w.tahun, "maks_program_per_pegawai": 1})
    assert limited.status_code == 200, limited.text
    per_person = Counter(e["nip"] for e in limited.json()["pendaftaran"])
    assert per_person and max(per_person.values()) == 1


async def test_scenarios_answer_side_by_side(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    await w.set_budget(100_000_000)
    skenario = [
        {"nama": "dasar"},
        {"nama": "tanpa anggaran", "faktor_anggaran": 0},
        {"nama": "kinerja rendah", "hanya_kinerja_rendah": True},
        {"nama": "karier", "bobot": {"target_karier": 2}},
    ]
    r = await gateway_client.post(SKENARIO, json={"unit_id": w.A, "tahun": w.tahun, "skenario": skenario})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [s["nama"] for s in body["skenario"]] == [s["nama"] for s in skenario]
    dasar, nol, rendah, karier = body["skenario"]
    assert dasar["rencana"]["biaya"] > 0 and nol["rencana"]["biaya"] == 0
    assert rendah["rencana"]["peserta"] == 1  # staff[0] only
    assert rendah["rencana"]["celah_berbobot"] < dasar["rencana"]["celah_berbobot"]
    for s in body["skenario"]:
        assert {"celah_berbobot", "capai_jp_minimum", "biaya"} <= set(s["rencana"]) and s["greedy"]["metode"] != s[
            "rencana"
        ]["metode"]
    assert karier["rencana"]["celah_berbobot"] > dasar["rencana"]["celah_berbobot"]  # the career gap weighs more
    # The plan alone with the same base data agrees with the first scenario.
    plan = (await gateway_client.post(URL, json={"unit_id": w.A, "tahun": w.tahun})).json()["ringkasan"]
    assert plan["celah_berbobot"] == dasar["rencana"]["celah_berbobot"] and plan["biaya"] == dasar["rencana"]["biaya"]
    too_many = {"unit_id": w.A, "tahun": w.tahun, "skenario": [{"nama": f"s{i}"} for i in range(6)]}
    assert_problem(await gateway_client.post(SKENARIO, json=too_many), 422)
    # The same side by side as a workbook for the budget meeting, its charts drawing its own cells.
    book = await gateway_client.post(
        SKENARIO,
        json={"unit_id": w.A, "tahun": w.tahun, "skenario": skenario},
        headers={"Accept": XLSX, "Accept-Language": "id"},
    )
    assert book.status_code == 200 and book.headers["content-type"] == XLSX
    ws = openpyxl.load_workbook(io.BytesIO(book.content))["Skenario"]
    table = [[c.value for c in row] for row in ws.iter_rows()]
    assert table[0][:5] == [
        "Skenario",
        "Celah berbobot ditutup (rencana)",
        "Celah berbobot ditutup (greedy)",
        "Mencapai 20 JP (rencana)",
        "Mencapai 20 JP (greedy)",
    ]
    assert [row[0] for row in table[1:]] == [s["nama"] for s in skenario]
    by = {s["nama"]: s for s in body["skenario"]}
    for row in table[1:]:
        s = by[row[0]]
        # A second solve of the same data: the same plan, its sum perhaps added in another order.
        assert row[1:5] == pytest.approx(
            [
                s["rencana"]["celah_berbobot"],
                s["greedy"]["celah_berbobot"],
                s["rencana"]["capai_jp_minimum"],
                s["greedy"]["capai_jp_minimum"],
            ]
        )
    found = charts(book.content)
    assert [c.kind for c in found] == ["column", "column"]
    assert [s.values for s in found[0].series] == ["'Skenario'!$B$2:$B$5", "'Skenario'!$C$2:$C$5"]
    assert [s.values for s in found[1].series] == ["'Skenario'!$D$2:$D$5", "'Skenario'!$E$2:$E$5"]
    assert {s.categories for c in found for s in c.series} == {"'Skenario'!$A$2:$A$5"}


async def test_who_may_plan(gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    body = {"unit_id": w.A1, "tahun": w.tahun}
    assert (await gateway_client.post(URL, json=body, headers=w.opd_a)).status_code == 200
    assert_problem(await gateway_client.post(URL, json=body, headers=w.opd_b), 404)
    assert_problem(await gateway_client.post(URL, json=body, headers=w.as_pegawai(0)), 403)
    pemda = {"tahun": w.tahun}
    assert_problem(await gateway_client.post(URL, json=pemda, headers=w.opd_a), 403)
    whole = await gateway_client.post(URL, json=pemda)
    assert whole.status_code == 200 and whole.json()["jumlah_pegawai"] >= 5
    sk = {"tahun": w.tahun, "skenario": [{"nama": "dasar"}]}
    assert_problem(await gateway_client.post(SKENARIO, json=sk, headers=w.opd_a), 403)
    assert_problem(await gateway_client.post(SKENARIO, json={**sk, "unit_id": w.A1}, headers=w.opd_b), 404)
    assert_problem(await gateway_client.post(URL, json={**body, "tahun": 1999}), 422)
    assert_problem(await gateway_client.post(URL, json={**body, "maks_program_per_pegawai": 0}), 422)
    assert_problem(await gateway_client.post(URL, json={**body, "bobot": {"kinerja_rendah": 0.5}}), 422)
    assert_problem(await gateway_client.post(URL, json={**body, "lain": 1}), 422)


async def test_the_plan_as_a_workbook(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    await w.set_budget(100_000_000)
    # Rotation (pengembangan's GET /jp/rotasi): staff[0] was developed this year, the others never.
    plan = (await gateway_client.post(URL, json={"unit_id": w.A, "tahun": w.tahun})).json()
    factor = {e["nip"]: e["pengali"]["rotasi_pegawai"] for e in plan["pendaftaran"]}
    assert factor[w.nip(2)] == factor[w.nip(3)] == 1.5 and factor[w.nip(0)] < 1.5
    r = await gateway_client.post(URL, json={"unit_id": w.A, "tahun": w.tahun}, headers={"Accept": XLSX})
    assert r.status_code == 200 and r.headers["content-type"].startswith(XLSX), r.text
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[:4] == ["Summary", "Enrollments", "Budgets", "Below 20 JP"]
    enrolled = wb["Enrollments"]
    assert [c.value for c in enrolled[1]][:2] == ["NIP", "Name"]
    nips = [row[0].value for row in enrolled.iter_rows(min_row=2)]
    assert nips and all(isinstance(n, str) for n in nips)
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for ws in wb for row in ws.iter_rows() for c in row
    )
    # The training meeting's chart: people per program as the plan enrolls them, most first.
    per_program = Counter(e["program_kode"] for e in plan["pendaftaran"])
    biaya: Counter[str] = Counter()
    for e in plan["pendaftaran"]:
        biaya[e["program_kode"]] += e["biaya"]
    table = [list(row) for row in wb["Program chart"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[2], r[3]) for r in table] == sorted(
        ((k, n, biaya[k]) for k, n in per_program.items()), key=lambda x: (-x[1], -x[2], x[0])
    )
    assert sum(r[2] for r in table) == plan["ringkasan"]["pendaftaran"]
    assert sum(r[3] for r in table) == plan["ringkasan"]["biaya"]
    [chart] = charts(r.content)
    last = len(table) + 1
    assert (chart.sheet, chart.kind, chart.title) == ("Program chart", "bar", "Participants per program in the plan")
    assert [(s.values, s.categories) for s in chart.series] == [
        (f"'Program chart'!$C$2:$C${last}", f"'Program chart'!$B$2:$B${last}")
    ]
    indonesian = await gateway_client.post(
        URL, json={"unit_id": w.A, "tahun": w.tahun}, headers={"Accept": XLSX, "Accept-Language": "id"}
    )
    assert openpyxl.load_workbook(io.BytesIO(indonesian.content)).sheetnames[1] == "Pendaftaran"
    assert [c.title for c in charts(indonesian.content)] == ["Peserta rencana per program"]


async def test_a_service_down_is_named(
    pegawai_app, kompetensi_app, kinerja_app, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    apps = {"pegawai": pegawai_app, "kompetensi": kompetensi_app, "kinerja": kinerja_app}
    up = {s: httpx.ASGITransport(app=a) for s, a in apps.items()}
    async with gateway(GatewaySettings(pengembangan_url="http://127.0.0.1:9"), dict(up)) as gw:
        body = {"unit_id": w.A, "tahun": w.tahun}
        problem = assert_problem(await gw.post(URL, json=body, headers=auth("admin_bkpsdm")), 503, "pengembangan")
        assert problem["service"] == "pengembangan"
        sk = {**body, "skenario": [{"nama": "dasar"}]}
        assert assert_problem(await gw.post(SKENARIO, json=sk, headers=auth("admin_bkpsdm")), 503)["service"] == (
            "pengembangan"
        )


async def test_the_operations_are_documented(gateway_client):
    doc = (await gateway_client.get("/openapi.json")).json()
    for path, op_id in ((URL, "planPelatihan"), (SKENARIO, "compareSkenarioPelatihan")):
        op = doc["paths"][path]["post"]
        assert op["operationId"] == op_id and op["summary"] and op["description"]
        assert {"403", "404", "422", "502", "503"} <= set(op["responses"]) and op["x-composed-parts"]


TERIMA = "/api/v1/kebutuhan-pelatihan/rencana/terima"
ALASAN = "Rencana pelatihan"


async def proposals(w: Dunia) -> list[dict[str, Any]]:
    r = await w.pen.get("/api/v1/usulan", params={"opd_id": w.A, "limit": 1000})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def test_accepting_a_plan_proposes_its_enrollments_once(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    await w.set_budget(2 * ASKEP_COST + 1_000_000)
    plan = (await gateway_client.post(URL, json={"unit_id": w.A1, "tahun": w.tahun}, headers=w.opd_a)).json()
    body = {"unit_id": w.A1, "tahun": w.tahun, "alasan": ALASAN}
    r = await gateway_client.post(TERIMA, json=body, headers=w.opd_a)
    assert r.status_code == 200, r.text
    accepted = r.json()
    made = await proposals(w)
    wanted = sorted((e["nip"], e["angkatan_id"]) for e in plan["pendaftaran"])
    assert sorted((u["nip"], u["angkatan_id"]) for u in made) == wanted and accepted["jumlah_usulan"] == len(wanted)
    assert all(u["status"] == "diajukan" for u in made) and all(u["opd_id"] == w.A for u in made)
    # A plan made now knows what is on the way: it proposes none of it again, and the budget it
    # spends is what is left after the pending proposals' cost (approval has not committed it yet).
    replan = (await gateway_client.post(URL, json={"unit_id": w.A1, "tahun": w.tahun}, headers=w.opd_a)).json()
    assert not {(e["nip"], e["angkatan_id"]) for e in replan["pendaftaran"]} & set(wanted)
    cost = {a["opd_id"]: a for a in plan["anggaran"]}[w.A]["terpakai"]
    assert cost == 2 * ASKEP_COST
    assert {a["opd_id"]: a for a in replan["anggaran"]}[w.A]["sisa"] == 2 * ASKEP_COST + 1_000_000 - cost
    # So accepting the same plan again creates nothing again.
    again = await gateway_client.post(TERIMA, json=body, headers=w.opd_a)
    assert again.status_code == 200, again.text
    assert again.json()["jumlah_usulan"] == 0 and again.json()["usulan"] == []
    assert len(await proposals(w)) == len(made)
    # A call repeated with its key (a retry) is replayed by pengembangan: the same proposals.
    [first, *_] = accepted["usulan"]
    replay = await pengembangan_client.post(
        "/api/v1/usulan",
        json={"angkatan_id": first["angkatan_id"], "nips": first["nips"], "opd_id": w.A, "alasan": ALASAN},
        headers={**w.opd_a, "Idempotency-Key": first["idempotency_key"]},
    )
    assert replay.status_code == 201, replay.text
    assert [u["id"] for u in replay.json()["items"]] == first["usulan_ids"]
    assert len(await proposals(w)) == len(made)


async def test_an_opd_admin_accepts_no_plan_beyond_its_budget(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    await w.set_budget(ASKEP_COST)
    body = {"unit_id": w.A1, "tahun": w.tahun, "faktor_anggaran": 3}  # a scenario's budget: 3 x what is left
    problem = assert_problem(await gateway_client.post(TERIMA, json=body, headers=w.opd_a), 409)
    assert str(ASKEP_COST) in problem["detail"].replace(".", "").replace(",", "")
    assert await proposals(w) == []
    assert_problem(await gateway_client.post(TERIMA, json=body, headers=w.as_pegawai(0)), 403)
    assert_problem(await gateway_client.post(TERIMA, json=body, headers=auth("integrasi")), 403)
    assert_problem(await gateway_client.post(TERIMA, json={"tahun": w.tahun}, headers=w.opd_a), 403)
    assert_problem(await gateway_client.post(TERIMA, json=body, headers=w.opd_b), 404)
    # BKPSDM may (approving then needs the budget override).
    r = await gateway_client.post(TERIMA, json=body)
    assert r.status_code == 200, r.text
    assert r.json()["jumlah_usulan"] >= 2 and len(await proposals(w)) == r.json()["jumlah_usulan"]


async def test_each_scenario_projects_the_ipasn_kompetensi_dimension(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    """Issue 15 in the what-if: everyone in A1 holds JA (pelaksana) with no technical training and no
    seminar (kompetensi 0 now); askep is a 32 JP bimtek, so each person a plan enrolls in it newly
    reaches 20 JP of technical training and scores 22.5 (manajerial and coaching count for no
    indicator). Without a budget only the free coaching is planned: nothing changes."""
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    await w.set_budget(100_000_000)
    skenario = [{"nama": "dasar"}, {"nama": "tanpa anggaran", "faktor_anggaran": 0}]
    r = await gateway_client.post(SKENARIO, json={"unit_id": w.A, "tahun": w.tahun, "skenario": skenario})
    assert r.status_code == 200, r.text
    body = r.json()
    plan = (await gateway_client.post(URL, json={"unit_id": w.A, "tahun": w.tahun})).json()  # = "dasar"
    askep = {e["nip"] for e in plan["pendaftaran"] if e["program_id"] == w.programs["askep"]["id"]}
    n = body["jumlah_pegawai"]
    assert askep and n >= len(askep)
    dasar, nol = (s["ipasn"] for s in body["skenario"])
    assert dasar["kompetensi_sebelum"] == 0 and dasar["orang_naik"] == len(askep)
    assert dasar["kompetensi_sesudah"] == round(22.5 * len(askep) / n, 2)
    assert dasar["perubahan_kompetensi"] == dasar["kompetensi_sesudah"]
    assert dasar["ipasn_sesudah"] - dasar["ipasn_sebelum"] == pytest.approx(22.5 * len(askep) / n, abs=0.011)
    assert (nol["orang_naik"], nol["perubahan_kompetensi"]) == (0, 0) and dasar["keterangan"]
