"""The talent map (GET /api/v1/talenta/unit/{unit_id} and /talenta/pegawai/{nip}) against the real
pegawai, kompetensi and kinerja apps on real PostgreSQL: a small Pemda built through their APIs
(positions and people in pegawai, standards and assessments in kompetensi, final SKPs imported in
kinerja), the boxes, the not mapped and the successors worked out by hand, each caller's answer,
the workbook for the talent committee, the number of calls, and kinerja down."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from openpyxl import Workbook, load_workbook

from gateway.compose import Composer
from gateway.config import GatewaySettings
from gateway.penempatan.peringkat import undian
from gateway.talenta.schemas import TalentaPegawaiOut, TalentaUnitOut
from kinerja.impor.schemas import Jenis, columns
from shared.workbook import XLSX_MEDIA
from tests.conftest import auth
from tests.gateway.test_profil import Counting, InFlight, gateway
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.problem import assert_problem
from tests.workbooks import charts

Y = date.today().year
PATH = "/api/v1/talenta/unit/{}"
K1, K2 = "TEK-TL-01", "TEK-TL-02"
# Ratings (hasil kerja, perilaku kerja) -> predikat by the matrix of PermenPAN-RB 6/2022.
RATING = {"sangat_baik": ("diatas", "diatas"), "baik": ("sesuai", "sesuai"), "kurang": ("sesuai", "dibawah")}


@dataclass
class Dunia:
    root: str
    A: str
    A1: str
    B: str
    JS: str  # A1 pelaksana kelas 7, standard K1 3 / K2 2
    JK: str  # A1 administrator kelas 11 (key by its kind), S1 and III/c, standard K1 4 / K2 4
    JM: str  # A1 pelaksana marked key, no standard
    nip: dict[str, str]


async def _standard(kom: httpx.AsyncClient, jabatan_id: str, k1: int, k2: int) -> None:
    items = [{"kompetensi_kode": K1, "level": k1}, {"kompetensi_kode": K2, "level": k2}]
    r = await kom.put(f"/api/v1/standar-kompetensi/{jabatan_id}", json={"items": items, "sertakan_default": False})
    assert r.status_code == 200, r.text


async def _assess(kom: httpx.AsyncClient, nip: str, k1: int, k2: int, tanggal: str) -> None:
    for kode, level in ((K1, k1), (K2, k2)):
        body = {"nip": nip, "kompetensi_kode": kode, "level": level, "tanggal": tanggal, "metode": "uji_kompetensi"}
        r = await kom.post("/api/v1/asesmen", json=body)
        assert r.status_code == 201, r.text


async def _skp(kin: httpx.AsyncClient, rows: list[tuple[str, int, str, str]]) -> None:
    """Final SKPs through kinerja's import: (nip, year, predikat, rating supervisor's NIP)."""
    for tahun in sorted({r[1] for r in rows}):
        made = await kin.post("/api/v1/periode-skp", json={"tahun": tahun, "evaluasi": "triwulanan"})
        assert made.status_code == 201, made.text
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([c.header for c in columns(Jenis.SKP)])
    for nip, tahun, predikat, penilai in rows:
        hasil, perilaku = RATING[predikat]
        ws.append([nip, tahun, penilai, hasil, perilaku, ""])
    out = io.BytesIO()
    wb.save(out)
    r = await kin.post("/api/v1/skp/impor/skp", files={"file": ("skp.xlsx", out.getvalue(), XLSX_MEDIA)})
    assert r.status_code == 200 and r.json()["ditolak"] == 0, r.text


async def build(pg: httpx.AsyncClient, kom: httpx.AsyncClient, kin: httpx.AsyncClient) -> Dunia:
    root = await make_unit(pg, jenis="instansi")
    a = await make_unit(pg, parent_id=root["id"], jenis="opd", nama="Dinas A")
    b = await make_unit(pg, parent_id=root["id"], jenis="opd", nama="Dinas B")
    a1 = await make_unit(pg, parent_id=a["id"], nama="Bidang A1")
    b1 = await make_unit(pg, parent_id=b["id"], nama="Bidang B1")
    js = await make_jabatan(pg, a1["id"], nama="Pengelola Data", kebutuhan=20)
    jk = await make_jabatan(
        pg,
        a1["id"],
        nama="Kepala Bidang A1",
        jenis="administrator",
        kelas_jabatan=11,
        kebutuhan=1,
        syarat_golongan_min="III/c",
    )
    jm = await make_jabatan(pg, a1["id"], nama="Pengelola Kunci", kebutuhan=1, kunci=True)
    jb = await make_jabatan(pg, b1["id"], nama="Pengelola Data B", kebutuhan=5)
    for kode in (K1, K2):
        made = await kom.post(
            "/api/v1/kompetensi",
            json={
                "kode": kode,
                "nama": f"Teknis {kode}",
                "definisi": "Teknis.",
                "levels": [{"level": i, "deskripsi": f"Level {i}"} for i in range(1, 6)],
            },
        )
        assert made.status_code == 201, made.text
    await _standard(kom, js["id"], 3, 2)
    await _standard(kom, jk["id"], 4, 4)
    await _standard(kom, jb["id"], 3, 2)
    people = {
        "Ani": (js, "III/c"),
        "Budi": (js, "III/c"),
        "Cici": (js, "III/c"),
        "Dedi": (js, "III/b"),
        "Eko": (js, "III/c"),
        "Fani": (js, "III/c"),
        "Gina": (js, "III/c"),
        "Hadi": (jk, "III/d"),
        "Ika": (js, "III/c"),
        "Joko": (jb, "III/c"),
    }
    nip = {}
    for name, (j, golongan) in people.items():
        nip[name] = (await make_pegawai(pg, j["id"], nama=name, golongan=golongan))["nip"]
    recent, old = f"{Y - 1}-02-10", f"{Y - 5}-02-10"
    levels = {
        "Ani": (4, 4, recent),  # JS 100, JK 100
        "Budi": (3, 2, recent),  # JS 100, JK 62.5
        "Cici": (3, 1, recent),  # JS 80, JK 50
        "Dedi": (4, 3, recent),  # JS 100, JK 87.5
        "Eko": (3, 2, recent),  # JS 100
        "Fani": (3, 2, recent),
        "Gina": (3, 2, old),  # too old to count
        "Hadi": (4, 4, recent),  # JK 100: holds it
        "Joko": (4, 4, recent),  # JB 100, JK 100
    }
    for name, (k1, k2, tanggal) in levels.items():
        await _assess(kom, nip[name], k1, k2, tanggal)
    last = Y - 1
    rows = [
        (nip["Ani"], last, "sangat_baik", nip["Hadi"]),
        (nip["Ani"], last - 1, "baik", nip["Hadi"]),
        (nip["Budi"], last, "baik", nip["Hadi"]),
        (nip["Cici"], last, "sangat_baik", nip["Hadi"]),
        (nip["Dedi"], last - 1, "sangat_baik", nip["Hadi"]),  # last year not rated: one year back
        (nip["Eko"], last, "kurang", nip["Hadi"]),
        (nip["Fani"], last - 2, "sangat_baik", nip["Hadi"]),  # too long ago
        (nip["Gina"], last, "baik", nip["Hadi"]),
        (nip["Hadi"], last, "sangat_baik", nip["Ani"]),
        (nip["Ika"], last, "baik", nip["Hadi"]),
        (nip["Joko"], last, "sangat_baik", nip["Hadi"]),
    ]
    await _skp(kin, rows)
    return Dunia(root["id"], a["id"], a1["id"], b["id"], js["id"], jk["id"], jm["id"], nip)


def _names(w: Dunia, items: list[dict[str, Any]]) -> list[str]:
    by_nip = {v: k for k, v in w.nip.items()}
    return [by_nip[i["nip"]] for i in items]


async def test_the_unit_map_boxes_reasons_and_successors_as_worked_out_by_hand(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    r = await gateway_client.get(PATH.format(w.A1))
    assert r.status_code == 200, r.text
    body = r.json()
    assert TalentaUnitOut.model_validate(body).model_dump(mode="json") == body  # the documented shape, exactly
    assert body["tahun_predikat"] == Y - 1 and body["unit"]["nama"] == "Bidang A1"
    boxes = {_names(w, [p])[0]: p["kotak"] for p in body["pegawai"]}
    assert boxes == {"Ani": 9, "Dedi": 9, "Hadi": 9, "Budi": 8, "Cici": 7, "Eko": 6}
    assert [p["kotak"] for p in body["pegawai"]] == [9, 9, 9, 8, 7, 6]  # the highest box first
    counts = {b["nomor"]: b["jumlah"] for b in body["kotak"]}
    assert counts == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 3}
    assert body["grid"] == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]
    ani = next(p for p in body["pegawai"] if p["nip"] == w.nip["Ani"])
    assert ani["kinerja"]["kategori"] == "diatas" and ani["kinerja"]["tahun"] == Y - 1
    assert [(x["tahun"], x["predikat"]) for x in ani["kinerja"]["riwayat"]] == [
        (Y - 1, "sangat_baik"),
        (Y - 2, "baik"),
    ]
    assert (ani["potensial"]["jpm"], ani["potensial"]["band"], ani["potensial"]["kategori"]) == (
        100.0,
        "optimal",
        "tinggi",
    )
    assert ani["potensial"]["tanggal_asesmen"] == f"{Y - 1}-02-10"
    assert {g["kompetensi_kode"]: (g["dibutuhkan"], g["dimiliki"]) for g in ani["potensial"]["rincian"]} == {
        K1: (3, 4),
        K2: (2, 4),
    }
    assert [t["kode"] for t in ani["tindakan"]] == [
        "dipromosikan_dan_dipertahankan",
        "kelompok_rencana_suksesi_instansi_nasional",
        "penghargaan",
    ]
    dedi = next(p for p in body["pegawai"] if p["nip"] == w.nip["Dedi"])
    assert dedi["kinerja"]["tahun"] == Y - 2  # last year unrated: one year back
    cici = next(p for p in body["pegawai"] if p["nip"] == w.nip["Cici"])
    assert (cici["potensial"]["jpm"], cici["potensial"]["kategori"]) == (80.0, "menengah")
    # The not mapped, each with its reason, none dropped.
    unmapped = {_names(w, [p])[0]: [a["kode"] for a in p["alasan"]] for p in body["tidak_terpetakan"]}
    assert unmapped == {
        "Fani": ["predikat_tidak_ada"],
        "Gina": ["asesmen_kedaluwarsa"],
        "Ika": ["asesmen_tidak_ada"],
    }
    assert body["ringkasan"] == {
        "jumlah_pegawai": 9,
        "terpetakan": 6,
        "tidak_terpetakan": 3,
        "jabatan_kunci": 2,
        "jabatan_tanpa_siap_sekarang": 1,
        "kandidat_suksesor": 6,  # Ani, Dedi, Hadi, Budi, Cici and Joko of B1 (whole Pemda)
    }
    key = {j["jabatan_id"]: j for j in body["jabatan_kunci"]}
    assert set(key) == {w.JK, w.JM}
    jk = key[w.JK]
    assert jk["dasar_kunci"] == "jenis" and _names(w, jk["pemegang"]) == ["Hadi"]
    # Ani and Joko at 100 and ready now (tie drawn by the hash, not the NIP), Dedi at 87.5 one
    # golongan step short: in one or two years. Hadi holds it; Budi (62.5) and Cici (50) are below.
    tie = sorted(["Ani", "Joko"], key=lambda n: undian(w.JK, w.nip[n]))
    assert _names(w, jk["suksesor"]) == [*tie, "Dedi"]
    assert [(s["jpm"], s["kesiapan"]) for s in jk["suksesor"]] == [
        (100.0, "siap_sekarang"),
        (100.0, "siap_sekarang"),
        (87.5, "siap_1_2_tahun"),
    ]
    assert [k["kode"] for k in jk["suksesor"][2]["kurang"]] == ["golongan", "jpm"]
    assert (jk["jumlah_suksesor"], jk["jumlah_siap_sekarang"], jk["tanpa_siap_sekarang"]) == (3, 2, False)
    gaps = {g["kompetensi_kode"]: g["gap"] for g in jk["suksesor"][2]["rincian"]}
    assert gaps == {K1: 0, K2: -1}
    jm = key[w.JM]
    assert jm["dasar_kunci"] == "ditandai" and jm["tanpa_standar"] and jm["tanpa_siap_sekarang"]
    assert jm["suksesor"] == []
    assert body["aturan"]["dikonfirmasi"]["kinerja"] is False and body["aturan"]["dikonfirmasi"]["kotak"] is True
    assert "hukuman" not in r.text.lower() and "jenis_kelamin" not in r.text and "tanggal_lahir" not in r.text
    limited = (await gateway_client.get(PATH.format(w.A1), params={"suksesor_max": 1})).json()
    jk1 = next(j for j in limited["jabatan_kunci"] if j["jabatan_id"] == w.JK)
    assert len(jk1["suksesor"]) == 1 and jk1["jumlah_suksesor"] == 3
    assert_problem(await gateway_client.get(PATH.format(w.A1), params={"suksesor_max": 21}), 422)


async def test_each_caller_gets_its_answer(gateway_client, pegawai_client, kompetensi_client, kinerja_client):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    own = await gateway_client.get(PATH.format(w.A1), headers=auth("admin_opd", opd=w.A))
    assert own.status_code == 200, own.text
    jk = next(j for j in own.json()["jabatan_kunci"] if j["jabatan_id"] == w.JK)
    assert _names(w, jk["suksesor"]) == ["Ani", "Dedi"]  # Joko is in B's OPD: beyond A's admin
    assert own.json()["ringkasan"]["kandidat_suksesor"] == 5
    assert_problem(await gateway_client.get(PATH.format(w.A1), headers=auth("admin_opd", opd=w.B)), 404)
    me = auth("pegawai", nip=w.nip["Ani"])
    assert_problem(await gateway_client.get(PATH.format(w.A1), headers=me), 403)
    mine = await gateway_client.get(f"/api/v1/talenta/pegawai/{w.nip['Ani']}", headers=me)
    assert mine.status_code == 200, mine.text
    assert TalentaPegawaiOut.model_validate(mine.json()).model_dump(mode="json") == mine.json()
    assert mine.json()["pegawai"]["kotak"] == 9 and mine.json()["pegawai"]["alasan"] == []
    other = await gateway_client.get(f"/api/v1/talenta/pegawai/{w.nip['Budi']}", headers=me)
    assert_problem(other, 404)
    # Hadi supervises Ani: reads her box as her record, with her position's standard as kompetensi
    # shows it beside her match, though an atasan does not reach her position itself.
    made = await pegawai_client.patch(
        f"/api/v1/pegawai/{w.nip['Ani']}", json={"atasan_nip": w.nip["Hadi"]}, headers={"If-Match": "*"}
    )
    assert made.status_code == 200, made.text
    boss = await gateway_client.get(
        f"/api/v1/talenta/pegawai/{w.nip['Ani']}", headers=auth("atasan", nip=w.nip["Hadi"])
    )
    assert boss.status_code == 200, boss.text
    assert (boss.json()["pegawai"]["kotak"], boss.json()["pegawai"]["potensial"]["jpm"]) == (9, 100.0)
    assert [g["kompetensi_kode"] for g in boss.json()["pegawai"]["potensial"]["rincian"]] == [K1, K2]
    gina = await gateway_client.get(f"/api/v1/talenta/pegawai/{w.nip['Gina']}")
    assert gina.json()["pegawai"]["kotak"] is None
    assert [a["kode"] for a in gina.json()["pegawai"]["alasan"]] == ["asesmen_kedaluwarsa"]
    assert str(Y - 5) in gina.json()["pegawai"]["alasan"][0]["pesan"]
    indonesian = await gateway_client.get(f"/api/v1/talenta/pegawai/{w.nip['Ani']}", headers={"Accept-Language": "id"})
    assert indonesian.json()["pegawai"]["tindakan"][0]["nama"] == "Dipromosikan dan dipertahankan"
    english = await gateway_client.get(f"/api/v1/talenta/pegawai/{w.nip['Ani']}")
    assert english.json()["pegawai"]["tindakan"][0]["nama"] == "Promoted and retained"


async def test_the_workbook_for_the_talent_committee(gateway_client, pegawai_client, kompetensi_client, kinerja_client):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    r = await gateway_client.get(PATH.format(w.A1), headers={"Accept": XLSX_MEDIA, "Accept-Language": "id"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(XLSX_MEDIA) and "server-timing" in r.headers
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Kotak Talenta", "Jumlah per Kotak", "Pegawai", "Tidak Terpetakan", "Suksesor", "Aturan"]
    grid = [[c.value for c in row] for row in wb["Kotak Talenta"].iter_rows(min_row=1)]
    assert grid[0][1:] == [
        "Kinerja Di Bawah Ekspektasi",
        "Kinerja Sesuai Ekspektasi",
        "Kinerja Di Atas Ekspektasi",
    ]
    assert [row[0] for row in grid[1:]] == ["Potensial Tinggi", "Potensial Menengah", "Potensial Rendah"]
    # The top row: boxes 6, 8, 9 with their names and counts; the bottom row 1, 2, 4.
    assert grid[1][1] == "Kotak 6: Kinerja Di Bawah Ekspektasi, Potensial Tinggi | 1 orang"
    assert grid[1][3] == "Kotak 9: Kinerja Di Atas Ekspektasi, Potensial Tinggi | 3 orang"
    assert grid[3][3].startswith("Kotak 4: Kinerja Di Atas Ekspektasi, Potensial Rendah")
    counts = [[c.value for c in row] for row in wb["Jumlah per Kotak"].iter_rows(min_row=2)]
    assert [(row[0], row[4], row[5], row[6]) for row in counts] == [
        (1, 1, 1, 0),
        (2, 2, 1, 0),
        (3, 1, 2, 0),
        (4, 3, 1, 0),
        (5, 2, 2, 0),
        (6, 1, 3, 1),
        (7, 3, 2, 1),
        (8, 2, 3, 1),
        (9, 3, 3, 3),
    ]
    [chart] = charts(r.content)
    assert (chart.sheet, chart.kind) == ("Jumlah per Kotak", "bubble")
    [series] = chart.series
    assert series.categories == "'Jumlah per Kotak'!$E$2:$E$10"  # x: kinerja order
    assert series.values == "'Jumlah per Kotak'!$F$2:$F$10"  # y: potensial order
    assert series.sizes == "'Jumlah per Kotak'!$G$2:$G$10"  # size: people
    people = list(wb["Pegawai"].iter_rows(min_row=2, values_only=True))
    assert len(people) == 6 and {row[0] for row in people} == {
        w.nip[n] for n in ("Ani", "Budi", "Cici", "Dedi", "Eko", "Hadi")
    }
    assert all(isinstance(row[0], str) for row in people)  # NIPs as text
    apart = {row[0]: row[-1] for row in wb["Tidak Terpetakan"].iter_rows(min_row=2, values_only=True)}
    assert set(apart) == {w.nip["Fani"], w.nip["Gina"], w.nip["Ika"]}
    succ = list(wb["Suksesor"].iter_rows(min_row=2, values_only=True))
    jk_rows = [row for row in succ if row[1] == "Kepala Bidang A1"]
    assert [row[7] for row in jk_rows][-1] == w.nip["Dedi"] and len(jk_rows) == 3
    jm_rows = [row for row in succ if row[1] == "Pengelola Kunci"]
    assert len(jm_rows) == 1 and jm_rows[0][5] == "Ya" and jm_rows[0][7] is None  # flagged, nobody
    formulas = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert not formulas


def _transports(apps: dict[str, Any], gauge: InFlight) -> dict[str, Counting]:
    return {name: Counting(app, gauge) for name, app in apps.items()}


async def test_a_fixed_few_calls_whatever_the_number_of_people(
    pegawai_app, kompetensi_app, kinerja_app, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    gauge = InFlight()
    calls = _transports({"pegawai": pegawai_app, "kompetensi": kompetensi_app, "kinerja": kinerja_app}, gauge)
    async with gateway(GatewaySettings(), calls) as gw:
        r = await gw.get(PATH.format(w.A1), headers=auth("admin_bkpsdm"))
        assert r.status_code == 200, r.text
        seen = {name: dict(t.calls) for name, t in calls.items()}
        assert seen["pegawai"] == {
            f"GET /api/v1/unit-organisasi/{w.A1}": 1,
            "GET /api/v1/pegawai/ringkas": 2,  # the unit's people and everyone reached, at once
            "GET /api/v1/jabatan/ringkas": 1,
        }
        assert seen["kompetensi"] == {
            "POST /api/v1/standar-kompetensi/level": 1,
            "POST /api/v1/profil-kompetensi/level": 1,
        }
        assert seen["kinerja"] == {"POST /api/v1/predikat-kinerja/bulk": 1}
        assert gauge.most >= 4  # pegawai's four reads run together
        for _ in range(5):
            await make_pegawai(pegawai_client, w.JS, nama="Tambahan")
        for t in calls.values():
            t.calls.clear()
        again = await gw.get(PATH.format(w.A1), headers=auth("admin_bkpsdm"))
        assert again.json()["ringkasan"]["jumlah_pegawai"] == 14
        assert sum(sum(t.calls.values()) for t in calls.values()) == 7


class Asked(Counting):
    """Counting, and the body of each call to kompetensi's compact standards."""

    def __init__(self, app: Any, gauge: InFlight) -> None:
        super().__init__(app, gauge)
        self.standar: list[Any] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/standar-kompetensi/level":
            self.standar.append(json.loads(await request.aread()))
        return await super().handle_async_request(request)


async def test_bkpsdm_asks_every_standard_at_once_and_gets_the_same_answer_byte_for_byte(
    monkeypatch, pegawai_app, kompetensi_app, kinerja_app, pegawai_client, kompetensi_client, kinerja_client
):
    """For a caller that reaches everyone the standards are asked with `semua`, beside pegawai's
    lists (as the levels and the predikat are), and the answer is the one of the chained reads, byte
    for byte; admin_opd's reads still chain on pegawai's answer."""
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    await _standard(kompetensi_client, w.JM, 2, 2)  # beyond those asked before: the key position marked
    gauge = InFlight()
    apps = {"pegawai": pegawai_app, "kompetensi": kompetensi_app, "kinerja": kinerja_app}
    calls = {name: Asked(app, gauge) for name, app in apps.items()}
    kompetensi = calls["kompetensi"]
    bkpsdm, opd = auth("admin_bkpsdm"), auth("admin_opd", opd=w.A)
    async with gateway(GatewaySettings(), calls) as gw:  # type: ignore[arg-type]  # Asked is a transport
        at_once = await gw.get(PATH.format(w.A1), headers=bkpsdm)
        assert at_once.status_code == 200, at_once.text
        assert kompetensi.standar == [{"semua": True}]
        kompetensi.standar.clear()
        own = await gw.get(PATH.format(w.A1), headers=opd)
        assert own.status_code == 200, own.text
        [asked] = kompetensi.standar
        assert set(asked) == {"jabatan_ids"} and {w.JS, w.JK, w.JM} <= set(asked["jabatan_ids"])
        # The same gateway told no caller reaches everyone: every read chains on pegawai's answer.
        original = Composer.__init__

        def chained(self: Composer, clients: Any, token: str, settings: Any, reaches_all: bool = False) -> None:
            original(self, clients, token, settings, False)

        monkeypatch.setattr(Composer, "__init__", chained)
        kompetensi.standar.clear()
        before = await gw.get(PATH.format(w.A1), headers=bkpsdm)
        assert "semua" not in kompetensi.standar[0]
        assert before.content == at_once.content
        assert (await gw.get(PATH.format(w.A1), headers=opd)).content == own.content
    jm = next(j for j in at_once.json()["jabatan_kunci"] if j["jabatan_id"] == w.JM)
    assert not jm["tanpa_standar"] and jm["suksesor"]  # the standard read at once is the one used


@pytest.mark.parametrize("down", ["kinerja", "kompetensi"])
async def test_a_required_service_down_answers_503_naming_it(
    down, pegawai_app, kompetensi_app, kinerja_app, pegawai_client
):
    unit = await make_unit(pegawai_client, jenis="instansi")
    await make_pegawai(pegawai_client, (await make_jabatan(pegawai_client, unit["id"]))["id"])  # someone to read
    apps = {"pegawai": pegawai_app, "kompetensi": kompetensi_app, "kinerja": kinerja_app}
    transports = {n: httpx.ASGITransport(app=a) for n, a in apps.items() if n != down}
    async with gateway(GatewaySettings(**{f"{down}_url": "http://127.0.0.1:9"}), transports) as gw:  # type: ignore[arg-type]  # the URL of one service by name
        r = await gw.get(PATH.format(unit["id"]), headers=auth("admin_bkpsdm"))
    problem = assert_problem(r, 503, down)
    assert problem["service"] == down and problem["type"].endswith("/upstream-unavailable")


async def test_the_operations_are_in_the_gateways_openapi(gateway_client):
    doc = (await gateway_client.get("/openapi.json")).json()
    op = doc["paths"]["/api/v1/talenta/unit/{unit_id}"]["get"]
    assert op["operationId"] == "getTalentaUnit" and op["summary"]
    assert XLSX_MEDIA in op["responses"]["200"]["content"]
    assert {"401", "403", "404", "422", "502", "503"} <= set(op["responses"])
    size = next(p for p in op["parameters"] if p["name"] == "suksesor_max")
    assert (size["schema"]["minimum"], size["schema"]["maximum"], size["schema"]["default"]) == (1, 20, 5)
    assert [p["name"] for p in op["x-composed-parts"]] == [
        "unit",
        "pegawai",
        "kandidat_suksesor",
        "jabatan_kunci",
        "standar_kompetensi",
        "kompetensi",
        "predikat",
    ]
    one = doc["paths"]["/api/v1/talenta/pegawai/{nip}"]["get"]
    assert one["operationId"] == "getTalentaPegawai" and {"404", "502", "503"} <= set(one["responses"])
    assert doc["components"]["schemas"]["TalentaUnitOut"]["examples"][0]["grid"] == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]
