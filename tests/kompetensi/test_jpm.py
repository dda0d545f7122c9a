"""Job-person match, the gap matrix (JSON and XLSX) and job families."""

import io

from openpyxl import load_workbook

from tests.conftest import auth
from tests.kompetensi.factories import assess, make_teknis, standard
from tests.pegawai.factories import make_jabatan, make_pegawai
from tests.problem import assert_problem


async def test_jpm_caps_each_competency_and_counts_missing_as_zero(kompetensi_client, world):
    # Standard INT 3, KOM 2, TEK 3 (sum 8). a1 holds INT 5 (capped to 3), KOM 1, TEK never assessed:
    # JPM = 100 * (3 + 1 + 0) / 8 = 50.0 -> kurang_optimal (< 78).
    await standard(
        kompetensi_client,
        world["jab_a"]["id"],
        [
            {"kompetensi_kode": "INT", "level": 3},
            {"kompetensi_kode": "KOM", "level": 2},
            {"kompetensi_kode": "TEK-KEP-01", "level": 3},
        ],
    )
    await assess(kompetensi_client, world["a1"]["nip"], "INT", 5)
    await assess(kompetensi_client, world["a1"]["nip"], "KOM", 1)
    # a2 meets everything: 100 -> optimal.
    for kode, level in (("INT", 3), ("KOM", 2), ("TEK-KEP-01", 4)):
        await assess(kompetensi_client, world["a2"]["nip"], kode, level)
    r = await kompetensi_client.post(
        f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [world["a1"]["nip"], world["a2"]["nip"]]}
    )
    assert r.status_code == 200, r.text
    items = {i["nip"]: i for i in r.json()["items"]}
    assert (items[world["a2"]["nip"]]["jpm"], items[world["a2"]["nip"]]["kategori"]) == (100.0, "optimal")
    a1 = items[world["a1"]["nip"]]
    assert (a1["jpm"], a1["kategori"]) == (50.0, "kurang_optimal")
    standar = [(s["kompetensi_kode"], s["dibutuhkan"]) for s in r.json()["standar"]]
    assert standar == [("INT", 3), ("KOM", 2), ("TEK-KEP-01", 3)]
    assert a1["dimiliki"] == [5, 1, None] and a1["gap"] == [2, -1, -3]
    seleksi = await kompetensi_client.post(
        f"/api/v1/jpm/jabatan/{world['jab_a']['id']}",
        json={"nips": [world["a1"]["nip"]], "kategori": "seleksi", "rinci": False},
    )
    assert seleksi.json()["items"][0]["kategori"] == "kms" and "gap" not in seleksi.json()["items"][0]


async def test_one_employee_against_many_positions(kompetensi_client, pegawai_client, world):
    await standard(kompetensi_client, world["jab_a"]["id"], [{"kompetensi_kode": "TEK-KEP-01", "level": 2}])
    await standard(kompetensi_client, world["jab_b"]["id"], [{"kompetensi_kode": "INT", "level": 4}])
    await assess(kompetensi_client, world["b1"]["nip"], "INT", 3)
    no_standard = (await make_jabatan(pegawai_client, world["opd_a"]["id"], nama="Tanpa Standar"))["id"]
    r = await kompetensi_client.post(
        f"/api/v1/jpm/pegawai/{world['b1']['nip']}",
        json={"jabatan_ids": [world["jab_a"]["id"], world["jab_b"]["id"], no_standard]},
    )
    items = {i["jabatan_id"]: i["jpm"] for i in r.json()["items"]}
    assert items == {world["jab_b"]["id"]: 75.0, world["jab_a"]["id"]: 0.0}
    assert r.json()["tanpa_standar"] == [no_standard]
    me = auth("pegawai", nip=world["b1"]["nip"])
    assert (
        await kompetensi_client.post(
            f"/api/v1/jpm/pegawai/{world['b1']['nip']}", json={"jabatan_ids": [world["jab_b"]["id"]]}, headers=me
        )
    ).status_code == 200
    assert_problem(
        await kompetensi_client.post(
            f"/api/v1/jpm/pegawai/{world['a1']['nip']}", json={"jabatan_ids": [world["jab_b"]["id"]]}, headers=me
        ),
        404,
    )
    # A position that does not exist (or is out of reach) is not silently matched.
    unknown = await kompetensi_client.post(
        f"/api/v1/jpm/pegawai/{world['b1']['nip']}", json={"jabatan_ids": [world["opd_a"]["id"]]}
    )
    assert_problem(unknown, 404, "no position")


async def test_jpm_scope_and_missing_standard(kompetensi_client, world):
    assert_problem(
        await kompetensi_client.post(
            f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [world["a1"]["nip"]]}
        ),
        404,
        "no competency standard",
    )
    await standard(kompetensi_client, world["jab_a"]["id"], [{"kompetensi_kode": "INT", "level": 2}])
    opd = auth("admin_opd", opd=world["opd_a"]["id"])
    assert_problem(
        await kompetensi_client.post(
            f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [world["b1"]["nip"]]}, headers=opd
        ),
        404,
        "in your scope",
    )


async def test_gap_matrix_for_a_unit_as_json_and_xlsx(kompetensi_client, world):
    await standard(
        kompetensi_client,
        world["jab_a"]["id"],
        [{"kompetensi_kode": "INT", "level": 3}, {"kompetensi_kode": "TEK-KEP-01", "level": 3}],
    )
    await assess(kompetensi_client, world["a1"]["nip"], "INT", 2)
    await assess(kompetensi_client, world["a2"]["nip"], "INT", 3)
    r = await kompetensi_client.post("/api/v1/matriks-gap", json={"unit_id": world["opd_a"]["id"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["kompetensi"] == ["INT", "TEK-KEP-01"]
    rows = {p["nip"]: p["gap"] for p in body["pegawai"]}
    assert rows == {world["a1"]["nip"]: {"INT": -1, "TEK-KEP-01": -3}, world["a2"]["nip"]: {"INT": 0, "TEK-KEP-01": -3}}
    summary = {s["kompetensi_kode"]: s["jumlah_gap"] for s in body["ringkasan"]}
    assert summary == {"TEK-KEP-01": 2, "INT": 1}
    x = await kompetensi_client.post("/api/v1/matriks-gap", json={"nips": [world["a1"]["nip"]], "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(x.content))["Matriks Gap"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("NIP", "Nama", "Jabatan", "INT", "TEK-KEP-01")
    assert values[1][0] == world["a1"]["nip"] and values[1][3:] == (-1, -3)
    assert_problem(await kompetensi_client.post("/api/v1/matriks-gap", json={}), 422, "either unit_id or nips")


async def test_the_gap_matrix_workbook_is_laid_out_for_officers_and_holds_no_formula(
    kompetensi_client, world, pegawai_client, pegawai_session
):
    from pegawai.pegawai.models import Pegawai
    from tests.pegawai.factories import make_jabatan, make_pegawai
    from tests.pegawai.helpers import store_unchecked

    hostile = '=HYPERLINK("http://evil.example","klik")'
    jab = await make_jabatan(
        pegawai_client, world["opd_a"]["id"], nama=hostile, jenis="ahli_muda", kelas_jabatan=9, kebutuhan=2
    )
    person = await make_pegawai(pegawai_client, jab["id"], nama="Dewi Lestari")
    # A control character stored before input refused them must not break the workbook.
    await store_unchecked(pegawai_session, Pegawai, person["id"], nama="Dewi\x07 Lestari")
    await standard(
        kompetensi_client, jab["id"], [{"kompetensi_kode": "INT", "level": 3}, {"kompetensi_kode": "KOM", "level": 2}]
    )
    await assess(kompetensi_client, person["nip"], "INT", 1)
    await assess(kompetensi_client, person["nip"], "KOM", 4)
    r = await kompetensi_client.post("/api/v1/matriks-gap", json={"nips": [person["nip"]], "format": "xlsx"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="matriks-gap.xlsx"' in r.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["Matriks Gap"]
    assert [c.value for c in ws[1]] == ["NIP", "Nama", "Jabatan", "INT", "KOM"] and all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:E2" and ws.page_setup.orientation == "landscape"
    nip, nama, jabatan, int_gap, kom_gap = ws[2]
    assert nip.value == person["nip"] and nip.data_type == "s" and nip.number_format == "@"
    assert jabatan.value == hostile and jabatan.data_type == "s" and nama.value == "Dewi Lestari, S.Kom."
    assert (int_gap.value, int_gap.data_type, kom_gap.value) == (-2, "n", 2)
    assert int_gap.fill.fgColor.rgb.endswith("F8CBAD") and kom_gap.fill.fill_type is None
    assert not [c.coordinate for sheet in wb for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    summary = list(wb["Ringkasan"].iter_rows(values_only=True))
    assert summary[0] == ("Kompetensi", "Nama", "Pegawai di bawah standar", "Rata-rata gap")
    assert {row[0]: row[2:] for row in summary[1:]} == {"INT": (1, -2), "KOM": (0, 2)}


async def test_job_families_flag_a_position_whose_rumpun_differs(kompetensi_client, world, pegawai_client):
    from tests.pegawai.factories import make_jabatan

    await make_teknis(kompetensi_client, "TEK-EDU-01", rumpun="pendidikan")
    odd = await make_jabatan(
        pegawai_client,
        world["opd_a"]["id"],
        nama="Perawat Pendidik",
        jenis="ahli_muda",
        kelas_jabatan=9,
        rumpun="kesehatan",
    )
    nurse2 = await make_jabatan(
        pegawai_client,
        world["opd_a"]["id"],
        nama="Perawat Ahli Pertama",
        jenis="ahli_pertama",
        kelas_jabatan=8,
        rumpun="kesehatan",
    )
    teacher2 = await make_jabatan(
        pegawai_client,
        world["opd_b"]["id"],
        nama="Guru Ahli Pertama",
        jenis="ahli_pertama",
        kelas_jabatan=8,
        rumpun="pendidikan",
    )
    await standard(kompetensi_client, world["jab_a"]["id"], [{"kompetensi_kode": "TEK-KEP-01", "level": 3}])
    await standard(kompetensi_client, nurse2["id"], [{"kompetensi_kode": "TEK-KEP-01", "level": 2}])
    await standard(kompetensi_client, world["jab_b"]["id"], [{"kompetensi_kode": "TEK-EDU-01", "level": 3}])
    await standard(kompetensi_client, teacher2["id"], [{"kompetensi_kode": "TEK-EDU-01", "level": 2}])
    await standard(
        kompetensi_client, odd["id"], [{"kompetensi_kode": "TEK-EDU-01", "level": 3}]
    )  # a teaching standard, declared kesehatan
    r = await kompetensi_client.get("/api/v1/rumpun-jabatan")
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["keluarga"]) == 2 and "scipy" in body["metode"]
    assert [(b["jabatan_id"], b["rumpun_dinyatakan"], b["rumpun_keluarga"]) for b in body["berbeda"]] == [
        (odd["id"], "kesehatan", "pendidikan")
    ]


async def test_one_position_against_ten_thousand_nips_in_one_request(kompetensi_client, world):
    from datetime import date, timedelta

    from shared.nip import JenisKelamin, make_nip

    await standard(
        kompetensi_client,
        world["jab_a"]["id"],
        [{"kompetensi_kode": "INT", "level": 4}, {"kompetensi_kode": "KOM", "level": 4}],
    )
    await assess(kompetensi_client, world["a1"]["nip"], "INT", 3)
    others = [
        make_nip(date(1980, 1, 1) + timedelta(days=i % 3000), 2010, 1 + i % 12, JenisKelamin.PEREMPUAN, 1 + i // 3000)
        for i in range(9_998)
    ]
    nips = [world["a1"]["nip"], *others]
    r = await kompetensi_client.post(
        f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [*nips, world["a1"]["nip"]], "rinci": True}
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert len(items) == 9_999 and len({i["nip"] for i in items}) == 9_999  # 10,000 asked; the repeated NIP counts once
    # Best first: a1 holds 3 of 8 required levels; nobody else has been assessed.
    assert (items[0]["nip"], items[0]["jpm"], items[0]["dimiliki"], items[0]["gap"]) == (
        world["a1"]["nip"],
        37.5,
        [3, None],
        [-1, -4],
    )
    assert {(i["jpm"], i["kategori"]) for i in items[1:]} == {(0, "kurang_optimal")}
    assert [i["nip"] for i in items[1:]] == sorted(others)
    too_many = await kompetensi_client.post(
        f"/api/v1/jpm/jabatan/{world['jab_a']['id']}",
        json={"nips": [*nips, *(make_nip(date(1990, 5, 5), 2015, 3, JenisKelamin.LAKI_LAKI, u) for u in (1, 2))]},
    )
    assert_problem(too_many, 422)


async def test_an_invalid_nip_among_many_is_named(kompetensi_client, world):
    await standard(kompetensi_client, world["jab_a"]["id"], [{"kompetensi_kode": "INT", "level": 2}])
    r = await kompetensi_client.post(
        f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [world["a1"]["nip"], "198502302010011003"]}
    )
    assert_problem(r, 422, "198502302010011003")
    assert "not a date" in r.json()["detail"]


async def test_many_employees_each_against_its_own_position(kompetensi_client, pegawai_client, world):
    """listJpmBulk: one request, each NIP against the standard of the position it holds, with the
    gaps; who reads whom is pegawai's answer to the caller's token."""
    await standard(
        kompetensi_client,
        world["jab_a"]["id"],
        [{"kompetensi_kode": "INT", "level": 3}, {"kompetensi_kode": "TEK-KEP-01", "level": 2}],
    )
    await assess(kompetensi_client, world["a1"]["nip"], "INT", 4)  # capped at 3
    unplaced = await make_pegawai(pegawai_client, None, nama="Dewi Tanpa Jabatan")
    a1, a2, b1 = (world[k]["nip"] for k in ("a1", "a2", "b1"))
    r = await kompetensi_client.post("/api/v1/jpm/bulk", json={"nips": [a1, a2, b1, unplaced["nip"], a1]})
    assert r.status_code == 200, r.text
    body = r.json()
    items = {i["nip"]: i for i in body["items"]}
    assert list(items) == [a1, a2]
    # 100 * (3 + 0) / (3 + 2) = 60.0
    assert (items[a1]["jpm"], items[a1]["kategori"], items[a1]["jabatan_id"]) == (
        60.0,
        "kurang_optimal",
        world["jab_a"]["id"],
    )
    assert [(g["kompetensi_kode"], g["dibutuhkan"], g["dimiliki"], g["gap"]) for g in items[a1]["rincian"]] == [
        ("INT", 3, 4, 1),
        ("TEK-KEP-01", 2, None, -2),
    ]
    assert (body["tanpa_standar"], body["tanpa_jabatan"], body["missing"]) == ([b1], [unplaced["nip"]], [])
    # The same answer as the JPM of the position (one formula).
    same = await kompetensi_client.post(f"/api/v1/jpm/jabatan/{world['jab_a']['id']}", json={"nips": [a1]})
    assert same.json()["items"][0]["jpm"] == 60.0
    # An employee reads its own match, and the others come back missing.
    mine = await kompetensi_client.post("/api/v1/jpm/bulk", json={"nips": [a1, a2]}, headers=auth("pegawai", nip=a1))
    assert mine.status_code == 200, mine.text
    assert [i["nip"] for i in mine.json()["items"]] == [a1] and mine.json()["missing"] == [a2]
    assert_problem(await kompetensi_client.post("/api/v1/jpm/bulk", json={"nips": ["123"]}), 422)


async def test_positions_the_caller_gives_spare_a_lookup_only_for_a_caller_that_reaches_everyone(
    kompetensi_client, pegawai_client, world
):
    """listJpmBulk with `jabatan` (what the gateway passes after reading the records): the same
    answer for admin_bkpsdm; a caller with a narrower reach gains nothing by it: its positions and
    its reach are still pegawai's answer (a position it names for itself, or for someone it does
    not read, changes nothing)."""
    await standard(kompetensi_client, world["jab_a"]["id"], [{"kompetensi_kode": "INT", "level": 3}])
    await standard(kompetensi_client, world["jab_b"]["id"], [{"kompetensi_kode": "INT", "level": 1}])
    await assess(kompetensi_client, world["a1"]["nip"], "INT", 2)
    unplaced = await make_pegawai(pegawai_client, None, nama="Dewi Tanpa Jabatan")
    a1, a2, b1, none = world["a1"]["nip"], world["a2"]["nip"], world["b1"]["nip"], unplaced["nip"]
    nips = [a1, a2, b1, none]
    plain = await kompetensi_client.post("/api/v1/jpm/bulk", json={"nips": nips})
    positions = {a1: world["jab_a"]["id"], a2: world["jab_a"]["id"], b1: world["jab_b"]["id"], none: None}
    given = await kompetensi_client.post("/api/v1/jpm/bulk", json={"nips": nips, "jabatan": positions})
    assert plain.status_code == given.status_code == 200, given.text
    assert given.json() == plain.json()
    assert [i["jpm"] for i in given.json()["items"] if i["nip"] == a1] == [round(100 * 2 / 3, 2)]
    # An employee naming another position for itself, and a position for someone else.
    mine = {"nips": [a1, b1], "jabatan": {a1: world["jab_b"]["id"], b1: world["jab_b"]["id"]}}
    r = await kompetensi_client.post("/api/v1/jpm/bulk", json=mine, headers=auth("pegawai", nip=a1))
    assert r.status_code == 200, r.text
    assert [(i["nip"], i["jabatan_id"]) for i in r.json()["items"]] == [(a1, world["jab_a"]["id"])]
    assert r.json()["missing"] == [b1]
