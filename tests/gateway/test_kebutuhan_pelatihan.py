"""Training needs in the gateway (an employee's gaps with the programs and batches that close them;
a unit's needs for the planning meeting) against the real service apps on real PostgreSQL: the
world of the proposal tests (tests/pengembangan/dunia.py), built through the services' APIs."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import httpx
import openpyxl

from gateway.config import GatewaySettings
from tests.conftest import auth
from tests.gateway.test_profil import SERVICES, Counting, InFlight, gateway
from tests.kinerja.test_impor import upload, xlsx
from tests.pegawai.factories import make_pegawai
from tests.pengembangan.conftest import make_jp
from tests.pengembangan.dunia import ASKEP_COST, Dunia, build
from tests.problem import assert_problem
from tests.workbooks import charts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TAHUN_SKP = date.today().year - 1


async def dunia(
    peg: httpx.AsyncClient, kom: httpx.AsyncClient, kin: httpx.AsyncClient, pen: httpx.AsyncClient
) -> tuple[Dunia, str]:
    """The proposal world (staff 0-3 in A1 holding JA: TEK-KES-T1 required 3; staff[0] holds 2,
    staff[1] 3, the others never assessed; staff[3] targets JT: MP at 3), plus a PPPK holding JA;
    staff[0] rated Kurang for last year (a low performer), staff[1] Baik; JP this year: staff[0]
    8, the PPPK 10."""
    w = await build(peg, kom, pen)
    pppk = await make_pegawai(peg, w.JA, nama="Perawat Kontrak", status_kepegawaian="PPPK", golongan="IX")
    periode = await kin.post("/api/v1/periode-skp", json={"tahun": TAHUN_SKP, "evaluasi": "triwulanan"})
    assert periode.status_code == 201, periode.text
    rows = [
        [w.nip(0), TAHUN_SKP, w.nip(1), "sesuai", "Di Bawah Ekspektasi", ""],  # Kurang
        [w.nip(1), TAHUN_SKP, w.nip(0), "sesuai", "sesuai", ""],  # Baik
    ]
    r = await kin.post("/api/v1/skp/impor/skp", files=upload(xlsx(rows)))
    assert r.status_code == 200 and r.json()["dibuat"] == 2, r.text
    await make_jp(pen, w.nip(0), jp=8)
    await make_jp(pen, str(pppk["nip"]), jp=10)
    return w, str(pppk["nip"])


def _gap(body: dict[str, Any], kind: str, kode: str) -> dict[str, Any]:
    return next(g for g in body[kind] if g["kompetensi_kode"] == kode)


async def test_an_employees_gaps_programs_low_performance_and_jp(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, pppk = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    r = await gateway_client.get(f"/api/v1/kebutuhan-pelatihan/pegawai/{w.nip(0)}")
    assert r.status_code == 200, r.text
    body = r.json()
    gap = _gap(body, "celah_jabatan", "TEK-KES-T1")
    assert (gap["dibutuhkan"], gap["dimiliki"], gap["kurang"]) == (3, 2, 1)
    assert body["celah_karier"] == []
    [askep] = gap["program"]  # the only program bringing TEK-KES-T1 above 2
    assert (askep["id"], askep["level"], askep["menutup"], askep["jp"]) == (w.programs["askep"]["id"], 3, 1, 32)
    assert askep["biaya_per_peserta"] == ASKEP_COST and askep["celah_tertimbang"] == 1.0  # bobot standar_jabatan 1
    open_ids = {a["id"] for a in askep["angkatan"]}
    assert open_ids == {w.batches["askep"]["id"], w.batches["askep_mulai"]["id"]}
    assert all(a["sisa_kursi"] == 30 and a["tanggal_mulai"] for a in askep["angkatan"])
    assert body["kinerja"]["kinerja_rendah"] is True and body["kinerja"]["predikat_terakhir"]["predikat"] == "kurang"
    assert body["jp"]["total_jp"] == 8 and body["jp"]["jp_terutang"] == 12  # 20 - 8

    good = (await gateway_client.get(f"/api/v1/kebutuhan-pelatihan/pegawai/{w.nip(1)}")).json()
    assert good["celah_jabatan"] == [] and good["kinerja"]["kinerja_rendah"] is False
    assert good["jp"]["jp_terutang"] == 20

    # staff[3]: never assessed (3 levels short) and a career target (MP at 3) closed by manaj at half weight.
    target = (await gateway_client.get(f"/api/v1/kebutuhan-pelatihan/pegawai/{w.nip(3)}")).json()
    assert _gap(target, "celah_jabatan", "TEK-KES-T1")["kurang"] == 3
    mp = _gap(target, "celah_karier", "MP")
    assert (mp["dibutuhkan"], mp["dimiliki"], mp["kurang"]) == (3, None, 3)
    [manaj] = mp["program"]
    assert manaj["kode"] == "T-MANAJ" and manaj["menutup"] == 3 and manaj["celah_tertimbang"] == 1.5
    assert target["kinerja"]["predikat_terakhir"] is None and target["kinerja"]["kinerja_rendah"] is False

    contract = (await gateway_client.get(f"/api/v1/kebutuhan-pelatihan/pegawai/{pppk}")).json()
    assert contract["status_kepegawaian"] == "PPPK" and contract["jp"]["jp_terutang"] == 14  # 24 - 10
    [askep_pppk] = _gap(contract, "celah_jabatan", "TEK-KES-T1")["program"]
    assert askep_pppk["melebihi_batas_jp"] is True  # 32 JP over the 14 left under the ceiling


async def test_who_reads_an_employees_needs_and_a_units(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    path = f"/api/v1/kebutuhan-pelatihan/pegawai/{w.nip(0)}"
    assert (await gateway_client.get(path, headers=w.as_pegawai(0))).status_code == 200
    assert (await gateway_client.get(path, headers=w.opd_a)).status_code == 200
    assert_problem(await gateway_client.get(path, headers=w.as_pegawai(1)), 404)
    assert_problem(await gateway_client.get(path, headers=w.opd_b), 404)
    unit = f"/api/v1/kebutuhan-pelatihan/unit/{w.A1}"
    assert (await gateway_client.get(unit, headers=w.opd_a)).status_code == 200
    assert_problem(await gateway_client.get(unit, headers=w.opd_b), 404)
    assert_problem(await gateway_client.get(unit, headers=w.as_pegawai(0)), 403)
    assert_problem(await gateway_client.get(unit, params={"limit": 0}), 422)
    assert_problem(await gateway_client.get(unit, params={"tahun": 1999}), 422)


async def test_a_units_needs_computed_by_hand_and_as_a_workbook(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w, pppk = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    url = f"/api/v1/kebutuhan-pelatihan/unit/{w.A}"  # OPD A: A1 is its sub-unit
    r = await gateway_client.get(url, params={"tahun": w.tahun})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["jumlah_pegawai"] == 5 and body["tahun"] == w.tahun
    # TEK-KES-T1 (JA's standard, 3): staff 0 short 1, staff 2 and 3 and the PPPK short 3 each, staff 1 none.
    [kes] = body["kompetensi"]
    assert (kes["kompetensi_kode"], kes["jumlah_pegawai"], kes["jumlah_kurang"], kes["total_celah"]) == (
        "TEK-KES-T1",
        5,
        4,
        10,
    )
    assert kes["rata_rata_celah"] == 2.5
    people = {p["nip"]: p for p in body["pegawai"]}
    assert set(people) == {w.nip(i) for i in range(4)} | {pppk}
    assert (people[w.nip(0)]["total_celah"], people[w.nip(0)]["kinerja_rendah"], people[w.nip(0)]["jp_terutang"]) == (
        1,
        True,
        12,
    )
    assert people[w.nip(3)]["total_celah_karier"] == 3 and people[pppk]["jp_terutang"] == 14
    # Programs: manaj closes 0.5 x 3 = 1.5 for Rp 2 M (0.75 per million); askep 1 + 3 + 3 + 3 = 10 for
    # 4 x Rp 6.25 M (0.4 per million); guru and coaching close nothing here.
    assert [p["kode"] for p in body["program"]] == ["T-MANAJ", "T-ASKEP"]
    manaj, askep = body["program"]
    assert (manaj["peserta"], manaj["total_biaya"], manaj["celah_tertimbang"], manaj["celah_per_juta_rupiah"]) == (
        1,
        2_000_000,
        1.5,
        0.75,
    )
    assert (askep["jumlah_membutuhkan"], askep["sisa_kursi"], askep["peserta"], askep["total_biaya"]) == (
        4,
        60,
        4,
        4 * ASKEP_COST,
    )
    assert askep["celah_tertimbang"] == 10.0 and askep["celah_per_juta_rupiah"] == 0.4
    assert len((await gateway_client.get(url, params={"tahun": w.tahun, "limit": 1})).json()["program"]) == 1
    # Another year has no open batch: no program to propose.
    assert (await gateway_client.get(url, params={"tahun": w.tahun + 1})).json()["program"] == []

    book = await gateway_client.get(url, params={"tahun": w.tahun}, headers={"Accept": XLSX})
    assert book.status_code == 200 and book.headers["content-type"].startswith(XLSX)
    wb = openpyxl.load_workbook(io.BytesIO(book.content))
    assert wb.sheetnames == ["Competencies", "Employees", "Programs", "Gap chart"]
    # The planning meeting's chart: people short per competency, most first, as the answer counts them.
    assert [list(row) for row in wb["Gap chart"].iter_rows(values_only=True)] == [
        ["Code", "Competency", "Employees short", "Employees"],
        ["TEK-KES-T1", kes["nama"] or "TEK-KES-T1", 4, 5],
    ]
    [chart] = charts(book.content)
    assert (chart.sheet, chart.kind, chart.title, chart.first_on_top) == (
        "Gap chart",
        "bar",
        "Employees short per competency",
        True,
    )
    assert [(s.values, s.categories) for s in chart.series] == [
        ("'Gap chart'!$C$2", "'Gap chart'!$B$2")
    ]  # one row: one cell
    sheet = wb["Employees"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "NIP" and "JP owed" in header
    nips = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(nips) == set(people) and all(isinstance(n, str) for n in nips)
    assert all(row[0].number_format == "@" for row in nips.values())
    assert wb["Competencies"]["A2"].value == "TEK-KES-T1" and wb["Competencies"]["D2"].value == 4
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for ws in wb for row in ws.iter_rows() for c in row
    )


async def test_the_calls_are_a_fixed_few_and_a_service_down_is_named(
    pegawai_app,
    kompetensi_app,
    kinerja_app,
    pengembangan_app,
    pegawai_client,
    kompetensi_client,
    kinerja_client,
    pengembangan_client,
):
    w, _ = await dunia(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    apps = {
        "pegawai": pegawai_app,
        "kompetensi": kompetensi_app,
        "kinerja": kinerja_app,
        "pengembangan": pengembangan_app,
    }

    async def count(path: str) -> dict[str, int]:
        transports = {s: Counting(apps[s], InFlight()) for s in SERVICES}
        async with gateway(GatewaySettings(), dict(transports)) as gw:
            r = await gw.get(path, headers=auth("admin_bkpsdm"))
            assert r.status_code == 200, r.text
        return {s: sum(t.calls.values()) for s, t in transports.items()}

    unit = f"/api/v1/kebutuhan-pelatihan/unit/{w.A}"
    first = await count(unit)
    # pegawai's rows; kompetensi's standards and levels; kinerja's predikat; pengembangan's JP, programs, batches.
    assert first == {"pegawai": 1, "kompetensi": 2, "kinerja": 1, "pengembangan": 3}, first
    for n in range(6):  # more people: the same calls
        await make_pegawai(pegawai_client, w.JA, nama=f"Tambahan {n}")
    assert await count(unit) == first
    assert await count(f"/api/v1/kebutuhan-pelatihan/pegawai/{w.nip(0)}") == first

    up = {s: httpx.ASGITransport(app=apps[s]) for s in ("pegawai", "kompetensi", "kinerja")}
    async with gateway(GatewaySettings(pengembangan_url="http://127.0.0.1:9"), dict(up)) as gw:
        for path in (unit, f"/api/v1/kebutuhan-pelatihan/pegawai/{w.nip(0)}"):
            problem = assert_problem(await gw.get(path, headers=auth("admin_bkpsdm")), 503, "pengembangan")
            assert problem["service"] == "pengembangan"


async def test_the_operations_are_documented(gateway_client):
    doc = (await gateway_client.get("/openapi.json")).json()
    for path, op_id in (
        ("/api/v1/kebutuhan-pelatihan/pegawai/{nip}", "getKebutuhanPelatihanPegawai"),
        ("/api/v1/kebutuhan-pelatihan/unit/{unit_id}", "getKebutuhanPelatihanUnit"),
    ):
        op = doc["paths"][path]["get"]
        assert op["operationId"] == op_id and op["summary"] and op["description"]
        assert {"502", "503"} <= set(op["responses"]) and op["x-composed-parts"]
    assert doc["components"]["schemas"]["KebutuhanUnitOut"]["examples"][0]["program"]
