"""The merit system's evidence (GET /api/v1/sistem-merit), composed by the gateway from the real
services on real PostgreSQL: every figure worked out by hand on the world of
tests/gateway/sistem_merit_world.py, the statuses, the 40/2018 aspects on the 19/2025 evidence,
each caller's scope, the workbook and its chart, a service down; and the rules' figure codes held
equal to the gateway's computations."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import httpx
import pytest_asyncio
from openpyxl import load_workbook
from prometheus_client import REGISTRY

from gateway.config import GatewaySettings
from gateway.sistem_merit.bukti import HITUNG, status_gabungan, status_indikator
from gateway.sistem_merit.schemas import SistemMeritOut
from shared.dates import shift_years
from shared.rules import load_sistem_merit
from shared.workbook import XLSX_MEDIA
from tests.conftest import auth
from tests.gateway.sistem_merit_world import TODAY, MeritWorld, Y, build_merit
from tests.gateway.test_profil import gateway
from tests.problem import assert_problem
from tests.workbooks import charts

PATH = "/api/v1/sistem-merit"


@pytest_asyncio.fixture
async def world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client) -> MeritWorld:
    return await build_merit(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)


def figures(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["kode"]: f for a in answer["kerangka_2025"]["aspek"] for i in a["indikator"] for f in i["bukti"]}


def indicators(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["kode"]: i for a in answer["kerangka_2025"]["aspek"] for i in a["indikator"]}


def counts(answer: dict[str, Any]) -> dict[str, tuple[int, int, float | None, str]]:
    return {k: (f["pembilang"], f["penyebut"], f["persen"], f["status"]) for k, f in figures(answer).items()}


def split(figure: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {r["kelompok"]: (r["pembilang"], r["penyebut"]) for r in figure["rincian"]}


async def get(client: httpx.AsyncClient, **kw: Any) -> dict[str, Any]:
    r = await client.get(PATH, **kw)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_every_figure_the_rules_name_is_computed_and_nothing_else():
    rules = load_sistem_merit()
    assert set(rules.bukti) == set(HITUNG)
    named = [c for i in rules.indicators().values() for c in i.bukti]
    assert set(named) == set(HITUNG)
    assert len(rules.indicators()) == 30 and len(rules.aspects) == 8 and len(rules.aspects_2018) == 8
    assert sum(a.weight_percent for a in rules.aspects_2018) == 100 and not rules.weights_2018_confirmed
    assert rules.aspects[0].weight.percent == 10 and rules.aspects[0].weight.confirmed
    assert all(a.weight.percent is None and not a.weight.confirmed for a in rules.aspects[1:])
    assert any("19/2025" in r for r in rules.regulation) and any("40/2018" in r for r in rules.regulation)


def test_an_indicators_status_follows_its_figures_and_coverage():
    assert status_indikator(["terbukti"], "penuh") == "terbukti"
    assert status_indikator(["terbukti"], "sebagian") == "sebagian"  # the rest is documentary
    assert status_indikator(["terbukti", "sebagian"], "penuh") == "sebagian"
    assert status_indikator(["tidak_dapat", "tidak_dapat"], "penuh") == "tidak_dapat"
    assert status_indikator(["tidak_dapat", "sebagian"], "sebagian") == "sebagian"
    assert status_indikator([], None) == "tidak_dapat"
    assert status_gabungan(["terbukti", "terbukti"]) == "terbukti"
    assert status_gabungan(["tidak_dapat", "terbukti"]) == "sebagian"


async def test_the_whole_pemdas_evidence_as_worked_out_by_hand(gateway_client, world):
    answer = await get(gateway_client)
    assert SistemMeritOut.model_validate(answer).model_dump(mode="json") == answer  # the documented shape, exactly
    assert answer["cakupan"]["unit_akar"] == [world.root] and answer["tahun"] == Y
    # Positions JA, JT, JB, JK: JK has no job description and no need; seats needed 100+3+10+0, filled
    # 3 (JA) + 1 (JT) + 1 (JB) + 0 (JK's holder counts up to its need of 0).
    assert counts(answer) == {
        "jabatan_anjab": (3, 4, 75.0, "sebagian"),
        "jabatan_kelas": (4, 4, 100.0, "terbukti"),
        "peta_kebutuhan": (3, 4, 75.0, "sebagian"),
        "peta_keterisian": (5, 113, 4.42, "sebagian"),
        # JA, JT and JB have a standard; of the managerial JT (complete) and JK (none), one.
        "standar_kompetensi": (3, 4, 75.0, "sebagian"),
        "standar_manajerial_lengkap": (1, 2, 50.0, "sebagian"),
        # Seven serving: staff 0 and 1 measured within three years; Q four years ago.
        "pengukuran_kompetensi": (2, 7, 28.57, "sebagian"),
        "pelatihan_relevan": (1, 2, 50.0, "sebagian"),
        "jp_minimal": (1, 7, 14.29, "sebagian"),
        "skp_tahun": (2, 7, 28.57, "sebagian"),  # staff 0 (final) and 3 (agreed); R's draft is not set
        "predikat_tahun": (1, 7, 14.29, "sebagian"),
        "promosi_talenta": (1, 2, 50.0, "sebagian"),  # staff 1 at JPM 100; staff 2's JK has no standard
        "hukdis_sk": (1, 1, 100.0, "terbukti"),  # last year's is outside the period
        "data_lengkap": (5, 7, 71.43, "sebagian"),  # R without education, Z without a position
    }
    f = figures(answer)
    assert split(f["pengukuran_kompetensi"]) == {
        "administrator": (1, 1),
        "pengawas": (0, 1),
        "pelaksana": (1, 4),
        "tanpa_jabatan": (0, 1),
    }
    assert [r["kelompok"] for r in f["pengukuran_kompetensi"]["rincian"]] == [
        "administrator",
        "pengawas",
        "pelaksana",
        "tanpa_jabatan",
    ]
    assert split(f["standar_kompetensi"]) == {"administrator": (1, 1), "pengawas": (0, 1), "pelaksana": (2, 2)}
    assert split(f["standar_manajerial_lengkap"]) == {"administrator": (1, 1), "pengawas": (0, 1)}
    assert f["pengukuran_kompetensi"]["periode"] == {
        "dari": shift_years(TODAY, -3).isoformat(),
        "sampai": date(Y, 12, 31).isoformat(),
    }
    assert f["skp_tahun"]["periode"] == {"dari": f"{Y}-01-01", "sampai": f"{Y}-12-31"}
    assert {k: v["layanan"] for k, v in f.items() if k.startswith(("skp", "hukdis", "jp", "standar"))} == {
        "skp_tahun": "kinerja",
        "hukdis_sk": "kinerja",
        "jp_minimal": "pengembangan",
        "standar_kompetensi": "kompetensi",
        "standar_manajerial_lengkap": "kompetensi",
    }
    assert f["promosi_talenta"]["ambang_confirmed"] is False and "1" in f["promosi_talenta"]["catatan"]
    assert answer["aturan"]["jpm_ambang_talenta"] == 90.0
    ind = indicators(answer)
    assert (
        ind["a4_pengukuran_kompetensi"]["status"] == "sebagian"
        and ind["a4_pengukuran_kompetensi"]["cakupan"] == "penuh"
    )
    assert ind["a7_disiplin"]["status"] == "sebagian"  # its figure in full, but coaching is documentary
    assert (
        ind["a6_gaji_tunjangan"]["alasan_tidak_dapat"]["kode"] == "penggajian"
        and ind["a6_gaji_tunjangan"]["bukti"] == []
    )
    assert answer["ringkasan"] == {"indikator": 30, "terbukti": 0, "sebagian": 11, "tidak_dapat": 19}
    cannot = {x["indikator"]: x["kode"] for x in answer["tidak_dapat"]}
    assert (
        len(cannot) == 19 and cannot["a2_pengadaan_asn"] == "luar_platform" and cannot["a5_internalisasi"] == "dokumen"
    )
    # 40/2018: each aspect on the 19/2025 evidence that serves it.
    old = {a["kode"]: a for a in answer["kerangka_2018"]["aspek"]}
    assert old["manajemen_kinerja"]["bukti"] == ["skp_tahun", "predikat_tahun"]
    assert old["manajemen_kinerja"]["status"] == "sebagian" and old["pengadaan"]["status"] == "tidak_dapat"
    assert old["pengembangan_karir"]["bukti"] == [
        "standar_kompetensi",
        "standar_manajerial_lengkap",
        "pengukuran_kompetensi",
        "pelatihan_relevan",
        "jp_minimal",
    ]
    assert answer["kerangka_2018"]["rentang"] == {"min": 100, "max": 400}
    assert (
        answer["kerangka_2018"]["bobot_confirmed"] is False and answer["kerangka_2025"]["kategori_confirmed"] is False
    )
    assert answer["kerangka_2025"]["skala"] == {"min": 0, "max": 4, "confirmed": True}


async def test_an_opd_admin_gets_its_own_opds_figures_and_nothing_of_another(gateway_client, world):
    own = await get(gateway_client, headers=world.dunia.opd_a)
    assert own["cakupan"]["unit_akar"] == [world.A]
    # OPD A: JA, JT, JK; staff 0-3 and R.
    assert counts(own) == {
        "jabatan_anjab": (2, 3, 66.67, "sebagian"),
        "jabatan_kelas": (3, 3, 100.0, "terbukti"),
        "peta_kebutuhan": (2, 3, 66.67, "sebagian"),
        "peta_keterisian": (4, 103, 3.88, "sebagian"),
        "standar_kompetensi": (2, 3, 66.67, "sebagian"),
        "standar_manajerial_lengkap": (1, 2, 50.0, "sebagian"),
        "pengukuran_kompetensi": (2, 5, 40.0, "sebagian"),
        "pelatihan_relevan": (1, 2, 50.0, "sebagian"),
        "jp_minimal": (1, 5, 20.0, "sebagian"),
        "skp_tahun": (2, 5, 40.0, "sebagian"),
        "predikat_tahun": (1, 5, 20.0, "sebagian"),
        "promosi_talenta": (1, 2, 50.0, "sebagian"),  # kompetensi matched staff 1 against the position it holds
        "hukdis_sk": (1, 1, 100.0, "terbukti"),
        "data_lengkap": (4, 5, 80.0, "sebagian"),
    }
    # BKPSDM narrowing to A gets the same figures.
    assert counts(await get(gateway_client, params={"opd_id": world.A})) == counts(own)
    # B's admin: its own OPD (Q, Z; no promotion: nothing to count), never A's.
    other = await get(gateway_client, headers=world.dunia.opd_b)
    assert counts(other)["promosi_talenta"] == (0, 0, None, "tidak_dapat")
    assert counts(other)["data_lengkap"] == (1, 2, 50.0, "sebagian")
    assert figures(other)["promosi_talenta"]["catatan"]
    r = await gateway_client.get(PATH, params={"unit_id": world.A1}, headers=world.dunia.opd_b)
    assert_problem(r, 404)


def pegawai_answered(method: str, route: str) -> float:
    """How many times pegawai has answered this route in this process (its request metric)."""
    labels = {"service": "pegawai", "method": method, "route": route, "status": "200"}
    return REGISTRY.get_sample_value("http_requests_total", labels) or 0.0


def roster_reads() -> tuple[float, float]:
    """pegawai's answers so far: a unit's roster, a lookup of positions."""
    return (
        pegawai_answered("GET", "/api/v1/unit-organisasi/{unit_id}/pegawai"),
        pegawai_answered("POST", "/api/v1/jabatan/lookup"),
    )


async def test_the_roster_of_the_four_counts_is_read_once_for_bkpsdm(gateway_client, world):
    """The counts over the whole Pemda's roster (SKP, assessments, proposals, JP) run on one read of
    it, passed on, and kompetensi takes the positions the gateway listed (the answer is the one
    worked out by hand above); an OPD admin's counts each read pegawai's with its token, as the
    services take a roster from no one else."""
    (rosters, lookups) = roster_reads()
    whole = await get(gateway_client)
    assert roster_reads() == (rosters + 1, lookups)
    assert counts(whole)["skp_tahun"] == (2, 7, 28.57, "sebagian")
    (rosters, lookups) = roster_reads()
    await get(gateway_client, headers=world.dunia.opd_a)
    assert roster_reads()[0] - rosters >= 4 and roster_reads()[1] > lookups


async def test_sanctions_are_not_shown_to_a_role_that_may_not_see_them(gateway_client, world):
    answer = await get(gateway_client, headers=auth("integrasi"))
    assert counts(answer)["hukdis_sk"] == (0, 0, None, "tidak_dapat")
    assert figures(answer)["hukdis_sk"]["catatan"] and indicators(answer)["a7_disiplin"]["status"] == "tidak_dapat"
    assert counts(answer)["skp_tahun"] == (2, 7, 28.57, "sebagian")  # the rest as BKPSDM sees it
    for role in ("pegawai", "atasan"):
        assert_problem(await gateway_client.get(PATH, headers=auth(role, nip=world.nip(0))), 403)


async def test_the_workbook_for_the_self_assessment_meeting(gateway_client, world):
    r = await gateway_client.get(PATH, headers={"Accept": XLSX_MEDIA})
    assert r.status_code == 200, r.text
    assert (
        r.headers["content-type"].startswith(XLSX_MEDIA)
        and f"sistem-merit-{Y}.xlsx" in r.headers["content-disposition"]
    )
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == [
        "Summary",
        "PermenPANRB 19-2025",
        "PermenPANRB 40-2018",
        "Cannot Be Shown",
        "Evidence Chart",
    ]
    rows = list(book["PermenPANRB 19-2025"].iter_rows(values_only=True))
    assert rows[0] == (
        "Aspect",
        "Indicator",
        "Evidence",
        "Numerator",
        "Denominator",
        "Share (%)",
        "Status",
        "Source",
        "Note",
    )
    skp = next(x for x in rows if x[2] == "Pegawai dengan SKP tahun berjalan")
    assert skp[:8] == ("Pengelolaan Kinerja", "Perencanaan Kinerja", skp[2], 2, 7, 28.57, "Partly", "kinerja")
    assert any(
        x[2] == "Pegawai yang diukur kompetensinya dalam 3 tahun terakhir: Pelaksana" and x[3:5] == (1, 4) for x in rows
    )
    pay = next(x for x in rows if x[1] == "Gaji dan Tunjangan")
    assert pay[6] == "Cannot be shown" and "payroll" in pay[8]
    cannot = list(book["Cannot Be Shown"].iter_rows(values_only=True))[1:]
    assert len(cannot) == 19 and ("penghargaan_pengakuan", "a6_gaji_tunjangan") in {c[:2] for c in cannot}
    old = list(book["PermenPANRB 40-2018"].iter_rows(values_only=True))
    assert any(x[0] == "Manajemen Kinerja (20%)" and x[3:5] == (1, 7) for x in old)
    chart_rows = list(book["Evidence Chart"].iter_rows(values_only=True))[1:]
    assert len(chart_rows) == 14 and ("skp_tahun", "Pegawai dengan SKP tahun berjalan", 28.57, 90) in chart_rows
    (chart,) = charts(r.content)
    assert (chart.sheet, chart.kind, chart.title) == ("Evidence Chart", "bar", "Share of each merit-system figure")
    assert [(s.values, s.categories) for s in chart.series] == [
        ("'Evidence Chart'!$C$2:$C$15", "'Evidence Chart'!$B$2:$B$15")
    ]


async def test_a_service_down_answers_503_naming_it(world, pegawai_app, kompetensi_app, pengembangan_app):
    transports: dict[str, httpx.AsyncBaseTransport] = {
        "pegawai": httpx.ASGITransport(app=pegawai_app),
        "kompetensi": httpx.ASGITransport(app=kompetensi_app),
        "pengembangan": httpx.ASGITransport(app=pengembangan_app),
    }
    async with gateway(GatewaySettings(kinerja_url="http://127.0.0.1:9"), transports) as gw:
        r = await gw.get(PATH, headers=auth("admin_bkpsdm"))
    problem = assert_problem(r, 503, "kinerja")
    assert problem["service"] == "kinerja"


async def test_the_operation_is_in_the_gateways_openapi(gateway_client):
    doc = (await gateway_client.get("/openapi.json")).json()
    op = doc["paths"][PATH]["get"]
    assert op["operationId"] == "getSistemMerit" and {"403", "404", "422", "502", "503"} <= set(op["responses"])
    assert {p["name"] for p in op["x-composed-parts"]} >= {"skp", "hukdis", "standar", "jp"}
    assert XLSX_MEDIA in op["responses"]["200"]["content"]
