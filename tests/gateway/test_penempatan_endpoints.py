"""The placement endpoints of the gateway (candidates for a position, an employee's best-fitting
positions, the optimal re-placement) against the real service apps on real PostgreSQL: a small
Pemda built through the services' APIs."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import openpyxl

from gateway.config import GatewaySettings
from gateway.penempatan.model import Jabatan, Pegawai
from gateway.penempatan.optimasi import Permintaan, optimasi
from gateway.penempatan.schemas import KandidatOut
from shared.nip import JenisKelamin
from tests.conftest import auth
from tests.gateway.test_profil import SERVICES, Counting, InFlight, gateway
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit, new_nip
from tests.problem import assert_problem
from tests.workbooks import charts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEK = "TEK-PN-01"
ANY = {"If-Match": "*"}


@dataclass
class Dunia:
    root: str
    A: str  # OPD A
    A1: str
    B: str
    B1: str
    JT: str  # the target: A1, kelas 7, TEK at 3
    JA: str  # A1, kelas 7
    JB: str  # B1, kelas 7
    J9: str  # A1, kelas 9
    JH: str  # A1, kelas 8 (a promotion from 7)
    nip: dict[str, str]  # name -> NIP


async def _person(pg: httpx.AsyncClient, jabatan: str, nama: str, **kw: Any) -> str:
    return str((await make_pegawai(pg, jabatan, nama=nama, **kw))["nip"])


async def _assess(kom: httpx.AsyncClient, nip: str, level: int) -> None:
    body = {"nip": nip, "kompetensi_kode": TEK, "level": level, "tanggal": "2025-01-10", "metode": "uji_kompetensi"}
    r = await kom.post("/api/v1/asesmen", json=body)
    assert r.status_code == 201, r.text


async def build(pg: httpx.AsyncClient, kom: httpx.AsyncClient, kin: httpx.AsyncClient) -> Dunia:
    """Candidates for JT: Ani (A1, TEK 3) and Budi (B1, TEK 2) eligible; Cici on unpaid leave; Dedi
    below the education and grade minimums; Eko under a running sanction; Fani at kelas 9; Hadi
    holds JT."""
    root = await make_unit(pg, jenis="instansi")
    a = await make_unit(pg, parent_id=root["id"], jenis="opd", nama="Dinas A")
    b = await make_unit(pg, parent_id=root["id"], jenis="opd", nama="Dinas B")
    a1 = await make_unit(pg, parent_id=a["id"], nama="Bidang A1")
    b1 = await make_unit(pg, parent_id=b["id"], nama="Bidang B1")
    jt = await make_jabatan(pg, a1["id"], nama="Analis Target", kebutuhan=3)
    ja = await make_jabatan(pg, a1["id"], kebutuhan=5)
    jb = await make_jabatan(pg, b1["id"], kebutuhan=5)
    j9 = await make_jabatan(pg, a1["id"], kelas_jabatan=9, kebutuhan=2)
    jh = await make_jabatan(pg, a1["id"], kelas_jabatan=8, kebutuhan=2)
    made = await kom.post(
        "/api/v1/kompetensi",
        json={
            "kode": TEK,
            "nama": "Teknis Penempatan",
            "definisi": "Teknis.",
            "levels": [{"level": i, "deskripsi": f"Level {i}"} for i in range(1, 6)],
        },
    )
    assert made.status_code == 201, made.text
    for j in (jt, ja, jb, j9, jh):
        std = await kom.put(
            f"/api/v1/standar-kompetensi/{j['id']}", json={"items": [{"kompetensi_kode": TEK, "level": 3}]}
        )
        assert std.status_code == 200, std.text
    nip = {
        "Ani": await _person(pg, ja["id"], "Ani"),
        "Budi": await _person(pg, jb["id"], "Budi"),
        "Cici": await _person(pg, ja["id"], "Cici", kedudukan="cltn"),
        "Dedi": await _person(pg, ja["id"], "Dedi", golongan="II/c", pendidikan_tingkat="SMA"),
        "Eko": await _person(pg, ja["id"], "Eko"),
        "Fani": await _person(pg, j9["id"], "Fani"),
        "Hadi": await _person(pg, jt["id"], "Hadi"),
    }
    for name, level in (("Ani", 3), ("Budi", 2), ("Cici", 3), ("Dedi", 3), ("Eko", 3), ("Fani", 3), ("Hadi", 1)):
        await _assess(kom, nip[name], level)
    sanction = await kin.post(
        "/api/v1/hukuman-disiplin",
        json={
            "nip": nip["Eko"],
            "tingkat": "sedang",
            "jenis": "S3",
            "nomor_sk": "800/9/2026",
            "tanggal_sk": date(date.today().year, 1, 2).isoformat(),
            "tmt": date(date.today().year, 1, 5).isoformat(),
        },
    )
    assert sanction.status_code == 201, sanction.text
    return Dunia(
        root["id"], a["id"], a1["id"], b["id"], b1["id"], jt["id"], ja["id"], jb["id"], j9["id"], jh["id"], nip
    )


def _names(w: Dunia, items: list[dict[str, Any]]) -> list[str]:
    by_nip = {v: k for k, v in w.nip.items()}
    return [by_nip[i["nip"]] for i in items]


def _reasons(item: dict[str, Any]) -> set[str]:
    return {a["kode"] for a in item["alasan"]}


async def test_candidates_are_ranked_with_reasons_and_the_ineligible_apart(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    r = await gateway_client.get(f"/api/v1/penempatan/jabatan/{w.JT}/kandidat", params={"mode": "penempatan_kembali"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert KandidatOut.model_validate(body).model_dump(mode="json") == body  # the documented shape, exactly
    assert _names(w, body["kandidat"]) == ["Ani", "Budi"]  # the higher JPM first
    assert [k["urutan"] for k in body["kandidat"]] == [1, 2]
    ani, budi = body["kandidat"]
    assert ani["jpm"] > budi["jpm"] and ani["layak"] and not ani["alasan"]
    # The JPM is kompetensi's own for the pair.
    same = await kompetensi_client.post(f"/api/v1/jpm/jabatan/{w.JT}", json={"nips": [w.nip["Ani"], w.nip["Budi"]]})
    theirs = {i["nip"]: i["jpm"] for i in same.json()["items"]}
    assert (ani["jpm"], budi["jpm"]) == (theirs[w.nip["Ani"]], theirs[w.nip["Budi"]])
    gap = {g["kompetensi_kode"]: g for g in budi["rincian"]}[TEK]
    assert (gap["dibutuhkan"], gap["dimiliki"], gap["gap"]) == (3, 2, -1)
    apart = {name: _reasons(i) for name, i in zip(_names(w, body["tidak_layak"]), body["tidak_layak"], strict=True)}
    assert apart == {"Cici": {"kedudukan"}, "Dedi": {"pendidikan", "golongan"}, "Eko": {"hukdis"}}
    # Fani (kelas 9) could not be re-placed at kelas 7: outside the range, not read nor listed.
    assert w.nip["Fani"] not in r.text
    assert body["rentang"] == {"kelas_min": 7, "kelas_maks": 7, "rumpun": None}
    assert all(a["pesan"] for i in body["tidak_layak"] for a in i["alasan"])
    assert (body["jumlah_pegawai"], body["jumlah_layak"], body["jumlah_tidak_layak"]) == (5, 2, 3)
    assert body["jumlah_pemegang"] == 1
    assert w.nip["Hadi"] not in r.text  # a holder is counted, not ranked
    assert {a["kode"]: a["jumlah"] for a in body["alasan_tidak_layak"]}["hukdis"] == 1
    assert [k["kode"] for k in body["kriteria"]] == ["layak", "jpm", "predikat_terakhir", "minat_karier", "undian_nip"]
    assert all(k["penjelasan"] for k in body["kriteria"])
    assert body["jabatan"]["bezetting"] == 1 and body["jabatan"]["lowongan"] == 2
    unit = await pegawai_client.get(f"/api/v1/unit-organisasi/{body['jabatan']['unit_id']}")
    assert body["jabatan"]["unit_nama"] == unit.json()["nama"]  # the meeting reads where the position is
    assert body["hukdis_diperiksa"] is True and body["catatan"] == []
    fair = body["keadilan"]
    assert (fair["pool"], fair["terpilih"]) == (2, 2) and {d["kode"] for d in fair["dimensi"]} == {
        "jenis_kelamin",
        "kelompok_usia",
    }
    limited = await gateway_client.get(f"/api/v1/penempatan/jabatan/{w.JT}/kandidat", params={"limit": 1})
    assert _names(w, limited.json()["kandidat"]) == ["Ani"] and len(limited.json()["tidak_layak"]) == 1
    assert limited.json()["keadilan"]["terpilih"] == 1 and limited.json()["jumlah_tidak_layak"] == 3


async def test_the_modes_apply_their_rules(gateway_client, pegawai_client, kompetensi_client, kinerja_client):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    rot = (await gateway_client.get(f"/api/v1/penempatan/jabatan/{w.JT}/kandidat", params={"mode": "rotasi"})).json()
    assert _names(w, rot["kandidat"]) == ["Budi"]  # Ani works in JT's unit already
    assert "unit" in _reasons(next(i for i in rot["tidak_layak"] if i["nip"] == w.nip["Ani"]))
    promo = (await gateway_client.get(f"/api/v1/penempatan/jabatan/{w.JH}/kandidat", params={"mode": "promosi"})).json()
    assert promo["kandidat"] == []  # nobody has a final predikat of the last two years
    by = {n: _reasons(i) for n, i in zip(_names(w, promo["tidak_layak"]), promo["tidak_layak"], strict=True)}
    assert by["Ani"] == {"predikat_tidak_ada"}
    # A promotion to kelas 8 reads kelas 5-8 of its rumpun: Fani (kelas 9) could not be promoted to it.
    assert promo["rentang"] == {"kelas_min": 5, "kelas_maks": 8, "rumpun": "administrasi"}
    assert "Fani" not in by and set(by) == {"Ani", "Budi", "Cici", "Dedi", "Eko", "Hadi"}
    assert promo["mode_nama"].startswith("Promosi")
    bad = await gateway_client.get(f"/api/v1/penempatan/jabatan/{w.JT}/kandidat", params={"mode": "naik"})
    assert_problem(bad, 422)


async def test_an_opd_admin_sees_its_own_and_sanctions_only_where_kinerja_shows_them(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    path = f"/api/v1/penempatan/jabatan/{w.JT}/kandidat"
    mine = (await gateway_client.get(path, headers=auth("admin_opd", opd=w.A))).json()
    assert _names(w, mine["kandidat"]) == ["Ani"]  # Budi works in OPD B: for BKPSDM only
    assert w.nip["Budi"] not in str(mine)
    assert "hukdis" in _reasons(next(i for i in mine["tidak_layak"] if i["nip"] == w.nip["Eko"]))
    assert_problem(await gateway_client.get(path, headers=auth("admin_opd", opd=w.B)), 404)
    assert_problem(
        await gateway_client.get(f"/api/v1/penempatan/jabatan/{w.JB}/kandidat", headers=auth("admin_opd", opd=w.A)),
        404,
    )
    assert_problem(await gateway_client.get(path, headers=auth("pegawai", nip=w.nip["Ani"])), 403)
    # integrasi reads everyone but no sanction: Eko's eligibility rests on the rest, and it says so.
    machine = (await gateway_client.get(path, headers=auth("integrasi"))).json()
    assert "Eko" in _names(w, machine["kandidat"])
    assert "hukdis" not in str([i["alasan"] for i in machine["tidak_layak"]])
    assert all(not k["hukdis_diperiksa"] for k in machine["kandidat"])
    assert machine["hukdis_diperiksa"] is False and machine["catatan"]


async def test_the_ranking_does_not_move_when_gender_and_birth_date_do(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client
):
    """Two OPDs alike in everything a placement may read; their people's NIPs (so gender and birth
    date in pegawai's records) swapped between old and young, men and women. Each OPD's admin gets
    the same order of the same names, the same JPM and eligibility; only the fairness report differs."""
    root = await make_unit(pegawai_client, jenis="instansi")
    made = await kompetensi_client.post(
        "/api/v1/kompetensi",
        json={
            "kode": TEK,
            "nama": "Teknis",
            "definisi": "Teknis.",
            "levels": [{"level": i, "deskripsi": f"Level {i}"} for i in range(1, 6)],
        },
    )
    assert made.status_code == 201
    people = [("Ani", 5), ("Budi", 4), ("Cici", 3), ("Dedi", 2), ("Eko", 1)]
    births = [
        (date(1970, 1, 2), JenisKelamin.LAKI_LAKI),
        (date(1995, 5, 6), JenisKelamin.PEREMPUAN),
        (date(1980, 3, 4), JenisKelamin.LAKI_LAKI),
        (date(1990, 7, 8), JenisKelamin.PEREMPUAN),
        (date(1965, 9, 10), JenisKelamin.LAKI_LAKI),
    ]
    answers = []
    for order in (births, [births[4], births[2], births[3], births[1], births[0]]):
        opd = await make_unit(pegawai_client, parent_id=root["id"], jenis="opd")
        unit = await make_unit(pegawai_client, parent_id=opd["id"])
        target = await make_jabatan(pegawai_client, unit["id"], kebutuhan=2)
        held = await make_jabatan(pegawai_client, unit["id"], kebutuhan=9)
        for j in (target, held):
            put = {"items": [{"kompetensi_kode": TEK, "level": 5}]}
            assert (await kompetensi_client.put(f"/api/v1/standar-kompetensi/{j['id']}", json=put)).status_code == 200
        for (name, level), (lahir, jk) in zip(people, order, strict=True):
            nip = new_nip(lahir=lahir, tmt=(2020, 1), jk=jk)
            made = await make_pegawai(
                pegawai_client,
                held["id"],
                nip=nip,
                nama=name,
                tanggal_lahir=lahir.isoformat(),
                jenis_kelamin=jk.value,
                tmt_golongan="2021-04-01",
            )
            await _assess(kompetensi_client, made["nip"], level)
        r = await gateway_client.get(
            f"/api/v1/penempatan/jabatan/{target['id']}/kandidat",
            params={"limit": 2},
            headers=auth("admin_opd", opd=opd["id"]),
        )
        assert r.status_code == 200, r.text
        answers.append(r.json())
    shown = [[(k["nama"], k["jpm"], k["layak"]) for k in a["kandidat"]] for a in answers]
    assert shown[0] == shown[1] == [("Ani", shown[0][0][1], True), ("Budi", shown[0][1][1], True)]
    assert [a["jumlah_layak"] for a in answers] == [5, 5]
    sexes = [{k["kode"]: k["terpilih"] for k in a["keadilan"]["dimensi"][0]["kelompok"]} for a in answers]
    assert sexes[0] != sexes[1]  # the report sees what the ranking may not


async def test_the_workbook_opens_with_text_nips_and_figures(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    path = f"/api/v1/penempatan/jabatan/{w.JT}/kandidat"
    # In Indonesian, the officers' language and the default; English on request.
    r = await gateway_client.get(path, headers={"Accept": XLSX, "Accept-Language": "id"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(XLSX)
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    assert book.sheetnames[:4] == ["Jabatan", "Kandidat", "Tidak Layak", "Keadilan"]
    english = await gateway_client.get(path, headers={"Accept": XLSX, "Accept-Language": "en"})
    english_book = openpyxl.load_workbook(io.BytesIO(english.content))
    assert english_book.sheetnames[:4] == ["Position", "Candidates", "Not eligible", "Fairness"]
    assert [c.value for c in english_book["Candidates"][1]][:3] == ["Rank", "NIP", "Name"]
    sheet = book["Kandidat"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Urutan", "NIP", "Nama"] and TEK in header
    rows = list(sheet.iter_rows(min_row=2))
    assert [c[1].value for c in rows] == [w.nip["Ani"], w.nip["Budi"]]
    assert all(isinstance(c[1].value, str) and c[1].number_format == "@" for c in rows)
    jpm = header.index("JPM (%)")
    assert all(isinstance(c[jpm].value, int | float) for c in rows)
    assert rows[0][jpm].value > rows[1][jpm].value
    assert rows[1][header.index(TEK)].value == -1
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert not any(isinstance(c.value, str) and c.value.startswith("=") for c in row)
    ineligible = [c.value for c in book["Tidak Layak"][2]]
    assert ineligible[-1]  # the reasons, as text
    # The committee's chart: the shortlist's JPM as the answer gives it, rank 1 on top, 0-100.
    answer = (await gateway_client.get(path)).json()
    grafik = [list(row) for row in book["Grafik Kandidat"].iter_rows(min_row=2, values_only=True)]
    assert grafik == [[f"{k['urutan']}. {k['nama']}", k["nip"], k["jpm"], k["kategori"]] for k in answer["kandidat"]]
    assert [g[0] for g in grafik] == ["1. Ani", "2. Budi"] and book["Grafik Kandidat"]["B2"].number_format == "@"
    [chart] = charts(r.content)
    assert (chart.sheet, chart.kind, chart.title) == ("Grafik Kandidat", "bar", "JPM 2 kandidat teratas")
    assert chart.first_on_top and chart.y_range == (0, 100)
    assert [(s.values, s.categories) for s in chart.series] == [
        ("'Grafik Kandidat'!$C$2:$C$3", "'Grafik Kandidat'!$A$2:$A$3")
    ]
    assert [(c.sheet, c.title) for c in charts(english.content)] == [("Candidate chart", "JPM of the top 2 candidates")]


def _core_inputs(
    people: list[dict[str, Any]], positions: list[dict[str, Any]], levels: dict[str, dict[str, int]], std: dict
) -> tuple[list[Pegawai], list[Jabatan]]:
    jab = [
        Jabatan(
            id=p["id"],
            kelas_jabatan=p["kelas_jabatan"],
            rumpun=p["rumpun"],
            unit_id=p["unit_id"],
            opd_id=None,
            kebutuhan=p["kebutuhan"],
            bezetting=0,
            syarat_pendidikan_min=p["syarat_pendidikan_min"],
            syarat_golongan_min=p["syarat_golongan_min"],
            standar=std[p["id"]],
        )
        for p in positions
    ]
    peg = [
        Pegawai(
            nip=p["nip"],
            jabatan_id=p["jabatan_id"],
            kelas_jabatan=p["kelas_jabatan"],
            rumpun=p["rumpun"],
            unit_id=p["unit_id"],
            opd_id=None,
            pendidikan=p["pendidikan_tingkat"],
            golongan=p["golongan"],
            kedudukan=p["kedudukan"],
            hukdis_aktif=p["nama"] == "Eko",
            kompetensi=levels.get(p["nip"], {}),
        )
        for p in people
    ]
    return peg, jab


async def test_optimasi_is_the_cores_answer_never_below_greedy_and_writes_nothing(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    before = (await pegawai_client.get("/api/v1/pegawai/ringkas", params={"unit_id": w.A})).json()["items"]
    r = await gateway_client.post("/api/v1/penempatan/optimasi", json={"unit_id": w.A, "lintas_kelas": False})
    assert r.status_code == 200, r.text
    body = r.json()
    # The core on the same inputs, read here from each service's own single reads.
    positions = (await pegawai_client.get("/api/v1/jabatan", params={"unit_id": w.A, "limit": 100})).json()["items"]
    std = {}
    for p in positions:
        s = (await kompetensi_client.get(f"/api/v1/standar-kompetensi/{p['id']}")).json()
        std[p["id"]] = {i["kompetensi_kode"]: i["level"] for i in s["items"]}
    levels = {}
    for p in before:
        prof = (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{p['nip']}")).json()
        levels[p["nip"]] = {i["kompetensi_kode"]: i["level"] for i in prof["items"]}
    peg, jab = _core_inputs(before, positions, levels, std)
    core = optimasi(peg, jab, Permintaan())
    assert body["total_optimal"] == round(core.total_optimal, 2)
    assert body["total_greedy"] == round(core.total_greedy, 2) and body["total_optimal"] >= body["total_greedy"]
    assert {(p["nip"], p["jabatan_sesudah"]) for p in body["penempatan"]} == {
        (p.nip, p.jabatan_sesudah) for p in core.penempatan
    }
    assert body["usulan_saja"] is True and body["terbukti_optimal"] is True
    assert body["keadilan"]["terpilih"] == sum(1 for p in body["penempatan"] if p["pindah"] and p["jabatan_sesudah"])
    assert body["keadilan"]["pool"] == len(body["penempatan"])
    eko = next(p for p in body["penempatan"] if p["nip"] == w.nip["Eko"])
    assert eko["jabatan_sesudah"] in (None, w.JA)  # a sanctioned person moves into no new seat
    for k in body["jabatan_kurang"]:
        assert k["isi_promosi_internal"] + k["isi_formasi_cpns"] == k["kurang"]
    after = (await pegawai_client.get("/api/v1/pegawai/ringkas", params={"unit_id": w.A})).json()["items"]
    assert after == before  # a proposal: nothing was written
    book = await gateway_client.post(
        "/api/v1/penempatan/optimasi", json={"unit_id": w.A}, headers={"Accept": XLSX, "Accept-Language": "id"}
    )
    sheets = openpyxl.load_workbook(io.BytesIO(book.content)).sheetnames
    assert sheets == ["Ringkasan", "Penempatan", "Jabatan Kurang", "Keadilan", "Grafik JPM"]


async def _seats_world(pg: httpx.AsyncClient, kom: httpx.AsyncClient) -> tuple[str, dict[str, str], dict[str, str]]:
    """One unit, two kelas-7 positions: P1 (1 seat, TEK at 3) held by X (TEK 3) and Y (TEK 2), one
    over kebutuhan; P2 (2 seats, TEK at 2) held by Z (TEK 1). Kompetensi adds the nine managerial
    and socio-cultural competencies at level 1 to every standard, which nobody here holds: P1's
    standard sums to 12 levels, P2's to 11. JPM = levels held up to the standard / the standard's:
    X 3/12 = 25 in P1, 2/11 = 18.18 in P2; Y 2/12 = 16.67, 2/11 = 18.18; Z 1/12 = 8.33, 1/11 = 9.09."""
    unit = await make_unit(pg, jenis="opd", nama="Dinas Kursi")
    p1 = await make_jabatan(pg, unit["id"], kebutuhan=1)
    p2 = await make_jabatan(pg, unit["id"], kebutuhan=2)
    made = await kom.post(
        "/api/v1/kompetensi",
        json={
            "kode": TEK,
            "nama": "Teknis Penempatan",
            "definisi": "Teknis.",
            "levels": [{"level": i, "deskripsi": f"Level {i}"} for i in range(1, 6)],
        },
    )
    assert made.status_code == 201, made.text
    for j, level in ((p1, 3), (p2, 2)):
        std = await kom.put(
            f"/api/v1/standar-kompetensi/{j['id']}", json={"items": [{"kompetensi_kode": TEK, "level": level}]}
        )
        assert std.status_code == 200, std.text
    over = {"paksa": True, "alasan": "Kelebihan pegawai dari penataan lama"}
    nip = {"X": await _person(pg, p1["id"], "Xena"), "Y": await _person(pg, p1["id"], "Yuda", **over)}
    nip["Z"] = await _person(pg, p2["id"], "Zaki")
    for name, level in (("X", 3), ("Y", 2), ("Z", 1)):
        await _assess(kom, nip[name], level)
    return unit["id"], {"P1": p1["id"], "P2": p2["id"]}, nip


async def test_optimasi_totals_compare_the_same_seats(gateway_client, pegawai_client, kompetensi_client):
    unit, j, nip = await _seats_world(pegawai_client, kompetensi_client)
    r = await gateway_client.post("/api/v1/penempatan/optimasi", json={"unit_id": unit})
    assert r.status_code == 200, r.text
    body = r.json()
    # Now, everyone (Y beyond P1's one seat included): 25 + 16.67 + 9.09 = 50.76. Now, the seats:
    # P1's best holder X (25) and Z in P2 (9.09) = 34.09, two of three seats, Y over kebutuhan.
    assert body["total_sebelum"] == 50.76
    assert (body["jumlah_kursi"], body["kursi_terisi_sebelum"], body["pegawai_melebihi_kebutuhan"]) == (3, 2, 1)
    assert (body["total_sebelum_kursi"], body["rata_rata_sebelum"]) == (34.09, 17.05)
    # After: X stays in P1 (25), Y moves to P2 (18.18), Z stays (9.09) = 52.27, three seats, 17.42 a
    # seat; the alternatives: Y in P1 16.67 + 18.18 + 9.09 = 43.94, Z in P1 8.33 + 2 x 18.18 = 44.70.
    after = {p["nip"]: p["jabatan_sesudah"] for p in body["penempatan"]}
    assert after == {nip["X"]: j["P1"], nip["Y"]: j["P2"], nip["Z"]: j["P2"]}
    assert (body["total_optimal"], body["kursi_terisi_optimal"], body["rata_rata_optimal"]) == (52.27, 3, 17.42)
    # The meeting's chart: the three totals over the same seats, and the moves each takes.
    book = await gateway_client.post(
        "/api/v1/penempatan/optimasi", json={"unit_id": unit}, headers={"Accept": XLSX, "Accept-Language": "en"}
    )
    assert book.status_code == 200, book.text
    ws = openpyxl.load_workbook(io.BytesIO(book.content))["JPM chart"]
    assert [list(row) for row in ws.iter_rows(values_only=True)] == [
        ["Arrangement", "Total JPM of the seats", "Moves"],
        ["Now", 34.09, 0],
        ["Optimal proposal", 52.27, body["pindah_optimal"]],
        ["Greedy rule", body["total_greedy"], body["pindah_greedy"]],
    ]
    assert body["pindah_optimal"] == 1  # Yuda, into P2
    [chart] = charts(book.content)
    assert (chart.sheet, chart.kind, chart.y_range[0]) == ("JPM chart", "column", 0)
    assert chart.title == "Total JPM of the same seats: now, optimal proposal, greedy rule"
    assert [(s.values, s.categories) for s in chart.series] == [("'JPM chart'!$B$2:$B$4", "'JPM chart'!$A$2:$A$4")]


async def test_optimasi_refuses_what_it_may_not_or_cannot_do(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    url = "/api/v1/penempatan/optimasi"
    assert_problem(await gateway_client.post(url, json={}, headers=auth("admin_opd", opd=w.A)), 403)
    assert_problem(await gateway_client.post(url, json={"unit_id": w.B}, headers=auth("admin_opd", opd=w.A)), 404)
    assert_problem(
        await gateway_client.post(url, json={"unit_id": w.A}, headers=auth("pegawai", nip=w.nip["Ani"])), 403
    )
    whole = await gateway_client.post(url, json={})
    assert whole.status_code == 200, whole.text
    # Cici (on leave) holds a seat she may not keep: at least one move is forced.
    too_few = await gateway_client.post(url, json={"unit_id": w.A, "maks_pindah": 0})
    problem = assert_problem(too_few, 422)
    assert "maks_pindah" in problem["detail"]
    assert_problem(await gateway_client.post(url, json={"unit_id": w.A, "maks_pindah": -1}), 422)
    limited = await gateway_client.post(url, json={"unit_id": w.A, "maks_pindah": 3, "ambang_tetap": 50})
    assert limited.status_code == 200, limited.text
    assert limited.json()["pindah_optimal"] <= 3 and limited.json()["metode"].startswith("HiGHS")


async def test_recommendations_for_an_employee(gateway_client, pegawai_client, kompetensi_client, kinerja_client):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    r = await gateway_client.get(f"/api/v1/penempatan/pegawai/{w.nip['Budi']}/rekomendasi")
    assert r.status_code == 200, r.text
    body = r.json()
    by_id = {x["id"]: x for x in body["rekomendasi"]}
    assert w.JB not in by_id  # its own position is no recommendation
    jt = by_id[w.JT]
    assert jt["mode"] == "rotasi" and jt["layak"] and jt["lowongan"] == 2 and jt["jpm"] > 0
    assert {g["kompetensi_kode"]: g["gap"] for g in jt["rincian"]}[TEK] == -1
    for promo in (w.JH, w.J9):  # one and two classes up, the same rumpun
        assert by_id[promo]["mode"] == "promosi" and "predikat_tidak_ada" in _reasons(by_id[promo])
    assert body["rekomendasi"][0]["layak"]  # the eligible first
    own = await gateway_client.get(
        f"/api/v1/penempatan/pegawai/{w.nip['Budi']}/rekomendasi", headers=auth("pegawai", nip=w.nip["Budi"])
    )
    assert own.status_code == 200, own.text
    assert_problem(
        await gateway_client.get(
            f"/api/v1/penempatan/pegawai/{w.nip['Ani']}/rekomendasi", headers=auth("pegawai", nip=w.nip["Budi"])
        ),
        404,
    )


async def test_the_calls_are_a_fixed_few_and_a_service_down_is_named(
    pegawai_app, kompetensi_app, kinerja_app, pengembangan_app, pegawai_client, kompetensi_client, kinerja_client
):
    w = await build(pegawai_client, kompetensi_client, kinerja_client)
    apps = {
        "pegawai": pegawai_app,
        "kompetensi": kompetensi_app,
        "kinerja": kinerja_app,
        "pengembangan": pengembangan_app,
    }

    async def count() -> dict[str, int]:
        transports = {s: Counting(apps[s], InFlight()) for s in SERVICES}
        async with gateway(GatewaySettings(), dict(transports)) as gw:
            r = await gw.get(f"/api/v1/penempatan/jabatan/{w.JT}/kandidat", headers=auth("admin_bkpsdm"))
            assert r.status_code == 200, r.text
        return {s: sum(t.calls.values()) for s, t in transports.items()}

    first = await count()
    # pegawai: the position, its unit's name, the people in the range
    assert first == {"pegawai": 3, "kompetensi": 2, "kinerja": 2, "pengembangan": 0}, first
    for n in range(6):  # more people: the same calls
        await make_pegawai(pegawai_client, None, nama=f"Tambahan {n}")
    assert await count() == first
    down = {s: httpx.ASGITransport(app=apps[s]) for s in ("pegawai", "kompetensi")}
    async with gateway(GatewaySettings(kinerja_url="http://127.0.0.1:9"), dict(down)) as gw:
        r = await gw.get(f"/api/v1/penempatan/jabatan/{w.JT}/kandidat", headers=auth("admin_bkpsdm"))
    problem = assert_problem(r, 503, "kinerja")
    assert problem["service"] == "kinerja"


async def test_the_operations_are_documented(gateway_client):
    doc = (await gateway_client.get("/openapi.json")).json()
    for path, method, op_id in (
        ("/api/v1/penempatan/jabatan/{jabatan_id}/kandidat", "get", "listKandidatJabatan"),
        ("/api/v1/penempatan/pegawai/{nip}/rekomendasi", "get", "listRekomendasiPegawai"),
        ("/api/v1/penempatan/optimasi", "post", "computeOptimasiPenempatan"),
    ):
        op = doc["paths"][path][method]
        assert op["operationId"] == op_id and op["summary"] and op["description"]
        assert {"502", "503"} <= set(op["responses"]) and op["x-composed-parts"]
    assert "Nothing is written" in doc["paths"]["/api/v1/penempatan/optimasi"]["post"]["description"]
    assert uuid.UUID(doc["components"]["schemas"]["OptimasiOut"]["examples"][0]["unit_id"])
