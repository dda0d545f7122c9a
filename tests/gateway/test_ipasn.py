"""IP ASN (GET /api/v1/ipasn/pegawai/{nip}, /unit/{unit_id}, /api/v1/ipasn), composed by the gateway
from the real pegawai, kinerja and pengembangan services on real PostgreSQL: three employees
whose scores are worked out by hand, a unit's and the Pemda's summary, each caller's answer, the
sanction shown only to those who may see it, the workbooks and their charts, a service down."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from gateway.config import GatewaySettings
from gateway.ipasn.schemas import IpasnPegawaiOut, IpasnPemdaOut, IpasnUnitOut
from shared.workbook import XLSX_MEDIA
from tests.conftest import auth
from tests.gateway.test_profil import gateway
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.pegawai.helpers import ANY_VERSION
from tests.problem import assert_problem
from tests.workbooks import charts

TODAY = date.today()


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


@dataclass
class Dunia:
    """Instansi `inst` with OPD P (bidang P1 under it) and OPD Q.
    A: administrator in P, S2, PKA in 2019, 24 JP technical and a seminar in the window, SKP Baik;
       20 + (15 + 15 + 10) + 25 + 5 = 90 (Tinggi).
    L: pelaksana in P1, SMA, 12 JP bimtek (8 short), a workshop, SKP Cukup, a sedang sanction 60 days
       ago (S1); A is its atasan: 5 + (0 + 17.5) + 15 + 2 = 39.5 (Sangat Rendah).
    F: ahli pertama in Q, S1, a functional training, a seminar three years ago (outside the window),
       SKP Sangat Baik, a ringan sanction 400 days ago (outside the 12 months): 15 + 15 + 30 + 5 = 65
       (Rendah)."""

    inst: str
    P: str
    P1: str
    Q: str
    A: str
    L: str
    F: str


async def _jp(client: httpx.AsyncClient, nip: str, jenis: str, tanggal: str, jp: int) -> None:
    body = {"nip": nip, "sumber": "riwayat", "jenis": jenis, "tanggal": tanggal, "jp": jp, "uraian": f"{jenis} {jp} JP"}
    r = await client.post("/api/v1/jp", json=body)
    assert r.status_code == 201, r.text


async def _skp(client: httpx.AsyncClient, nip: str, nilai: float) -> None:
    body = {"nip": nip, "tahun": 2021, "skala": "pp_30_2019", "nilai": nilai}
    r = await client.post("/api/v1/skp-lama", json=body)
    assert r.status_code == 201, r.text


async def _hukdis(client: httpx.AsyncClient, nip: str, tingkat: str, jenis: str, days: int) -> None:
    body = {
        "nip": nip,
        "tingkat": tingkat,
        "jenis": jenis,
        "nomor_sk": f"800/{jenis}/BKPSDM",
        "tanggal_sk": ago(days + 5),
        "tmt": ago(days),
        "alasan": "Tidak masuk kerja tanpa alasan yang sah",
    }
    r = await client.post("/api/v1/hukuman-disiplin", json=body)
    assert r.status_code == 201, r.text


async def dunia(peg: httpx.AsyncClient, kin: httpx.AsyncClient, bang: httpx.AsyncClient) -> Dunia:
    i = await make_unit(peg, jenis="instansi", nama="Pemda Uji")
    p = await make_unit(peg, parent_id=i["id"], jenis="opd", nama="Dinas P")
    p1 = await make_unit(peg, parent_id=p["id"], jenis="bidang", nama="Bidang P1")
    q = await make_unit(peg, parent_id=i["id"], jenis="opd", nama="Dinas Q")
    ja = await make_jabatan(peg, p["id"], nama="Kepala Bidang", jenis="administrator", kelas_jabatan=11)
    jl = await make_jabatan(peg, p1["id"], nama="Pengadministrasi Umum", jenis="pelaksana", kelas_jabatan=5)
    jf = await make_jabatan(peg, q["id"], nama="Analis Ahli Pertama", jenis="ahli_pertama", kelas_jabatan=8)
    a = (await make_pegawai(peg, ja["id"], nama="Ani", pendidikan_tingkat="S2"))["nip"]
    l_ = (await make_pegawai(peg, jl["id"], nama="Lukas", pendidikan_tingkat="SMA", pendidikan_jurusan=None))["nip"]
    f = (await make_pegawai(peg, jf["id"], nama="Fajar", pendidikan_tingkat="S1"))["nip"]
    r = await peg.patch(f"/api/v1/pegawai/{l_}", json={"atasan_nip": a}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    await _jp(bang, a, "pelatihan_struktural_kepemimpinan", "2019-10-01", 200)
    await _jp(bang, a, "pelatihan_teknis", ago(100), 24)
    await _jp(bang, a, "seminar", ago(200), 4)
    await _jp(bang, l_, "bimtek", ago(50), 12)
    await _jp(bang, l_, "workshop", ago(300), 8)
    await _jp(bang, f, "pelatihan_fungsional", ago(400), 30)
    await _jp(bang, f, "seminar", ago(3 * 365 + 30), 6)
    await _skp(kin, a, 95)  # Baik
    await _skp(kin, l_, 75)  # Cukup
    await _skp(kin, f, 115)  # Sangat Baik
    await _hukdis(kin, l_, "sedang", "S1", 60)
    await _hukdis(kin, f, "ringan", "R1", 400)
    return Dunia(i["id"], p["id"], p1["id"], q["id"], a, l_, f)


@pytest.fixture
async def w(pegawai_client, kinerja_client, pengembangan_client) -> Dunia:
    return await dunia(pegawai_client, kinerja_client, pengembangan_client)


def _scores(answer: dict[str, Any]) -> list[float]:
    return [answer["dimensi"][d]["skor"] for d in ("kualifikasi", "kompetensi", "kinerja", "disiplin")]


async def test_an_employee_with_the_evidence_of_each_dimension(gateway_client, w):
    r = await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.A}")
    assert r.status_code == 200, r.text
    a = r.json()
    assert IpasnPegawaiOut.model_validate(a).model_dump(mode="json") == a  # the documented shape, exactly
    assert _scores(a) == [20, 40, 25, 5] and a["total"] == 90 and a["kategori"] == "tinggi"
    assert a["per_tanggal"] == TODAY.isoformat() and a["jenis_jabatan"] == "administrator"
    kom = {i["kode"]: i for i in a["dimensi"]["kompetensi"]["indikator"]}
    assert set(kom) == {"diklat_kepemimpinan", "diklat_teknis", "seminar_workshop_magang_kursus"}
    assert kom["diklat_kepemimpinan"]["entri"][0]["tanggal"] == "2019-10-01"  # any time: leadership training
    assert (kom["diklat_teknis"]["jp"], kom["diklat_teknis"]["skor"]) == (24, 15)
    assert [(e["jenis"], e["jp"], e["tanggal"]) for e in kom["diklat_teknis"]["entri"]] == [
        ("pelatihan_teknis", 24, ago(100))
    ]
    assert a["dimensi"]["kinerja"]["predikat"] == "Baik" and a["dimensi"]["kinerja"]["tahun"] == 2021
    assert a["dimensi"]["disiplin"]["hukuman"] is None and a["dimensi"]["disiplin"]["rincian_terlihat"] is True
    assert "kategori.pecahan" in a["aturan"]["belum_dikonfirmasi"]
    assert any("8/2019" in x for x in a["aturan"]["regulation"])

    lukas = (await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.L}")).json()
    assert _scores(lukas) == [5, 17.5, 15, 2] and lukas["total"] == 39.5 and lukas["kategori"] == "sangat_rendah"
    teknis = next(i for i in lukas["dimensi"]["kompetensi"]["indikator"] if i["kode"] == "diklat_teknis")
    assert (teknis["jp"], teknis["terpenuhi"], teknis["skor"], teknis["maks"]) == (12, False, 0, 22.5)
    assert lukas["dimensi"]["disiplin"]["hukuman"]["jenis"] == "S1"  # admin_bkpsdm sees the sanction
    assert lukas["dimensi"]["disiplin"]["hukuman"]["tmt"] == ago(60)

    fajar = (await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.F}")).json()
    assert _scores(fajar) == [15, 15, 30, 5] and fajar["total"] == 65 and fajar["kategori"] == "rendah"
    seminar = next(i for i in fajar["dimensi"]["kompetensi"]["indikator"] if i["kode"].startswith("seminar"))
    assert seminar["terpenuhi"] is False and seminar["entri"] == []  # three years ago: outside the window

    # Measured a year and a half earlier: L's sanction and bimtek lie after it, A's seminar too.
    earlier = (TODAY - timedelta(days=540)).isoformat()
    before = (await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.L}", params={"per_tanggal": earlier})).json()
    assert before["dimensi"]["disiplin"]["skor"] == 5 and before["jendela"]["sampai"] == earlier


async def test_a_caller_who_may_not_see_sanctions_gets_the_disiplin_score_alone(gateway_client, w):
    """A is L's atasan: it reads L's IP ASN (kinerja gives it the level to score), never the
    sanction's kind, SK or TMT; L itself and the admins see it."""
    r = await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.L}", headers=auth("atasan", nip=w.A))
    assert r.status_code == 200, r.text
    seen_by_atasan = r.json()
    disiplin = seen_by_atasan["dimensi"]["disiplin"]
    assert disiplin["skor"] == 2 and disiplin["hukuman"] is None and disiplin["rincian_terlihat"] is False
    text = json.dumps(seen_by_atasan)
    assert '"S1"' not in text and "800/" not in text and ago(60) not in text and "Pemotongan" not in text
    assert "sedang" not in json.dumps(disiplin)  # the level is not named either (the score alone)
    assert seen_by_atasan["total"] == 39.5
    own = (await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.L}", headers=auth("pegawai", nip=w.L))).json()
    assert own["dimensi"]["disiplin"]["hukuman"]["nomor_sk"] == "800/S1/BKPSDM"
    opd = auth("admin_opd", opd=w.P)
    assert (await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.L}", headers=opd)).json()["dimensi"]["disiplin"][
        "hukuman"
    ]["jenis"] == "S1"
    # Another employee, another OPD's admin: as if it did not exist.
    for headers in (auth("pegawai", nip=w.F), auth("admin_opd", opd=w.Q)):
        assert_problem(await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.L}", headers=headers), 404)


async def test_a_unit_summed_up_by_hand(gateway_client, w):
    r = await gateway_client.get(f"/api/v1/ipasn/unit/{w.inst}", params={"target": 75})
    assert r.status_code == 200, r.text
    u = r.json()
    assert IpasnUnitOut.model_validate(u).model_dump(mode="json") == u
    s = u["ringkasan"]
    # (90 + 39.5 + 65) / 3 = 64.83: Rendah, 10.17 below 75
    assert (s["jumlah"], s["rata_rata"], s["kategori"], s["selisih_target"], s["tercapai"]) == (
        3,
        64.83,
        "rendah",
        10.17,
        False,
    )
    assert {d["kode"]: d["jumlah"] for d in s["distribusi"]} == {
        "sangat_rendah": 1,
        "rendah": 1,
        "sedang": 0,
        "tinggi": 1,
        "sangat_tinggi": 0,
    }
    # points lost: kualifikasi 5 + 20 + 10; kompetensi 0 + 22.5 + 25; kinerja 5 + 15 + 0; disiplin 0 + 3 + 0
    assert {d["kode"]: d["hilang"] for d in s["per_dimensi"]} == {
        "kualifikasi": 35,
        "kompetensi": 47.5,
        "kinerja": 20,
        "disiplin": 3,
    }
    assert s["terlemah"] == "kompetensi"
    teknis, seminar = s["langkah"]
    # L (22.5, 8 JP short) and F (15, 20 JP short) lack 20 JP of technical training: +37.5, avg +12.5
    assert (teknis["kode"], teknis["orang"], teknis["poin"], teknis["jp_kurang"]) == ("diklat_teknis", 2, 37.5, 28)
    assert (teknis["kenaikan_rata_rata"], teknis["rata_rata_sesudah"]) == (12.5, 77.33)
    assert sorted(teknis["nips"]) == sorted([w.L, w.F]) and "28 JP" in teknis["keterangan"]
    assert (seminar["kode"], seminar["nips"], seminar["poin"], seminar["kenaikan_rata_rata"]) == (
        "seminar_workshop_magang_kursus",
        [w.F],
        10,
        3.33,
    )
    assert [(p["nip"], p["total"]) for p in u["pegawai"]] == [(w.A, 90), (w.F, 65), (w.L, 39.5)]
    row_l = u["pegawai"][2]
    assert row_l["disiplin"] == 2 and row_l["belum"] == ["diklat_teknis"] and row_l["kelompok"] == "pelaksana"
    assert "S1" not in json.dumps(u)  # a unit's rows carry the score alone
    p = (await gateway_client.get(f"/api/v1/ipasn/unit/{w.P}")).json()
    assert (
        p["ringkasan"]["rata_rata"] == 64.75 and p["ringkasan"]["target"] == 75
    )  # default target, as the issue gives it
    assert p["unit"]["nama"] == "Dinas P"
    for bad in ({"target": 101}, {"target": -1}, {"per_tanggal": "1999-12-31"}):
        assert_problem(await gateway_client.get(f"/api/v1/ipasn/unit/{w.P}", params=bad), 422)


async def test_each_caller_gets_its_answer(gateway_client, w):
    opd_p = auth("admin_opd", opd=w.P)
    assert (await gateway_client.get(f"/api/v1/ipasn/unit/{w.P1}", headers=opd_p)).status_code == 200
    assert_problem(await gateway_client.get(f"/api/v1/ipasn/unit/{w.Q}", headers=opd_p), 404)
    for role in ("pegawai", "atasan"):
        headers = auth(role, nip=w.A)
        assert_problem(await gateway_client.get(f"/api/v1/ipasn/unit/{w.P}", headers=headers), 403)
        assert_problem(await gateway_client.get("/api/v1/ipasn", headers=headers), 403)
        own = await gateway_client.get(f"/api/v1/ipasn/pegawai/{w.A}", headers=headers)
        assert own.status_code == 200 and own.json()["total"] == 90
    mine = (await gateway_client.get("/api/v1/ipasn", headers=opd_p)).json()
    assert mine["ringkasan"]["jumlah"] == 2 and [o["nama"] for o in mine["per_opd"]] == ["Dinas P"]


async def test_the_pemda_per_opd_and_overall(gateway_client, w):
    r = await gateway_client.get("/api/v1/ipasn", params={"target": 60})
    assert r.status_code == 200, r.text
    body = r.json()
    assert IpasnPemdaOut.model_validate(body).model_dump(mode="json") == body
    opd = {o["nama"]: o for o in body["per_opd"] if o["nama"] in ("Dinas P", "Dinas Q")}
    assert (opd["Dinas P"]["jumlah"], opd["Dinas P"]["rata_rata"], opd["Dinas P"]["tercapai"]) == (2, 64.75, True)
    assert (opd["Dinas Q"]["jumlah"], opd["Dinas Q"]["rata_rata"], opd["Dinas Q"]["terlemah"]) == (1, 65, "kompetensi")
    assert opd["Dinas P"]["unit_id"] == w.P and opd["Dinas Q"]["langkah"][0]["nips"] is None


async def test_the_workbooks_with_their_charts(gateway_client, w):
    r = await gateway_client.get(f"/api/v1/ipasn/unit/{w.inst}", params={"target": 75}, headers={"Accept": XLSX_MEDIA})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(XLSX_MEDIA) and "Server-Timing" in r.headers
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Summary", "Per category", "Per dimension", "Per employee", "Moves"]
    per_kategori = [list(row) for row in wb["Per category"].iter_rows(min_row=2, values_only=True)]
    assert per_kategori == [
        ["Sangat Rendah", "0-60", 1],
        ["Rendah", "61-70", 1],
        ["Sedang", "71-80", 0],
        ["Tinggi", "81-90", 1],
        ["Sangat Tinggi", "91-100", 0],
    ]
    per_dimensi = {row[0]: row[1:] for row in wb["Per dimension"].iter_rows(min_row=2, values_only=True)}
    assert per_dimensi["kompetensi"] == (24.17, 40, 47.5)  # (40 + 17.5 + 15) / 3
    employees = list(wb["Per employee"].iter_rows(min_row=2, values_only=True))
    assert [(e[0], e[8]) for e in employees] == [(w.A, 90), (w.F, 65), (w.L, 39.5)]
    assert wb["Per employee"]["A2"].number_format == "@"  # NIPs as text
    moves = list(wb["Moves"].iter_rows(min_row=2, values_only=True))
    assert [(m[0], m[1], m[2]) for m in moves] == [
        ("diklat_teknis", 2, 37.5),
        ("seminar_workshop_magang_kursus", 1, 10),
    ]
    found = {c.sheet: c for c in charts(r.content)}
    kategori, dimensi = found["Per category"], found["Per dimension"]
    assert kategori.kind == "column" and kategori.title == "Employees per IP ASN category"
    assert [(s.values, s.categories) for s in kategori.series] == [
        ("'Per category'!$C$2:$C$6", "'Per category'!$A$2:$A$6")
    ]
    assert [s.values for s in dimensi.series] == ["'Per dimension'!$B$2:$B$5", "'Per dimension'!$C$2:$C$5"]
    assert set(found) == {"Per category", "Per dimension"}

    pemda = await gateway_client.get("/api/v1/ipasn", headers={"Accept": XLSX_MEDIA})
    assert pemda.status_code == 200, pemda.text
    wb = load_workbook(io.BytesIO(pemda.content))
    assert wb.sheetnames == ["Summary", "Per OPD", "Per category", "Per dimension", "Moves"]
    per_opd = {row[1]: row for row in wb["Per OPD"].iter_rows(min_row=2, values_only=True)}
    assert per_opd["Dinas P"][2:4] == (2, 64.75)
    assert {c.sheet for c in charts(pemda.content)} == {"Per category", "Per dimension"}


async def test_a_service_down_answers_503_naming_it(pegawai_app, kinerja_app, pegawai_client):
    """pengembangan stopped (nothing listens at its address): no score without the JP ledger."""
    unit = await make_unit(pegawai_client, jenis="instansi")
    jabatan = await make_jabatan(pegawai_client, unit["id"])
    nip = (await make_pegawai(pegawai_client, jabatan["id"]))["nip"]
    transports = {"pegawai": httpx.ASGITransport(app=pegawai_app), "kinerja": httpx.ASGITransport(app=kinerja_app)}
    async with gateway(GatewaySettings(pengembangan_url="http://127.0.0.1:9"), transports) as gw:
        headers = auth("admin_bkpsdm")
        for path in (f"/api/v1/ipasn/pegawai/{nip}", f"/api/v1/ipasn/unit/{unit['id']}", "/api/v1/ipasn"):
            problem = assert_problem(await gw.get(path, headers=headers), 503, "pengembangan")
            assert problem["service"] == "pengembangan" and problem["type"].endswith("/upstream-unavailable")


async def test_the_operations_are_in_the_gateways_openapi(gateway_client):
    doc = (await gateway_client.get("/openapi.json")).json()
    ops = {
        "getIpasnPegawai": doc["paths"]["/api/v1/ipasn/pegawai/{nip}"]["get"],
        "getIpasnUnit": doc["paths"]["/api/v1/ipasn/unit/{unit_id}"]["get"],
        "getIpasnPemda": doc["paths"]["/api/v1/ipasn"]["get"],
    }
    for name, op in ops.items():
        assert op["operationId"] == name and op["summary"] and "503 naming it" in op["description"]
        assert {"401", "422", "502", "503"} <= set(op["responses"])
    assert XLSX_MEDIA in ops["getIpasnUnit"]["responses"]["200"]["content"]
    target = next(p for p in ops["getIpasnUnit"]["parameters"] if p["name"] == "target")
    assert (target["schema"]["minimum"], target["schema"]["maximum"], target["schema"]["default"]) == (0, 100, 75)
