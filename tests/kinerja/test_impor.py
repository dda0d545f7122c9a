"""SKP history from a workbook: final SKPs with the predikat of the matrix, numeric SKPs of
before 2022 on their own scale, row errors named by column, all or nothing, scope."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest_asyncio
from openpyxl import Workbook, load_workbook

from kinerja.impor.schemas import Jenis, columns
from shared.workbook import XLSX_MEDIA
from tests.conftest import auth
from tests.pegawai.factories import new_nip
from tests.pegawai.helpers import ANY_VERSION, audit_entries
from tests.problem import assert_problem

SKP_HEADERS = [c.header for c in columns(Jenis.SKP)]
LAMA_HEADERS = [c.header for c in columns(Jenis.SKP_LAMA)]
INDONESIAN = {"Accept-Language": "id"}


def xlsx(rows: list[list[Any]], headers: list[str] = SKP_HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "skp.xlsx") -> dict[str, Any]:
    return {"file": (name, content, XLSX_MEDIA)}


@pytest_asyncio.fixture
async def impor_world(pegawai_client: httpx.AsyncClient, kinerja_client: httpx.AsyncClient, world) -> dict[str, Any]:
    """a2 supervises a1 (set by hand); the SKP period of 2025 exists (closed: history may still be
    imported into it), that of 2024 does not."""
    r = await pegawai_client.patch(
        f"/api/v1/pegawai/{world['a1']['nip']}", json={"atasan_nip": world["a2"]["nip"]}, headers=ANY_VERSION
    )
    assert r.status_code == 200, r.text
    periode = await kinerja_client.post("/api/v1/periode-skp", json={"tahun": 2025, "evaluasi": "triwulanan"})
    assert periode.status_code == 201, periode.text
    closed = await kinerja_client.patch(
        f"/api/v1/periode-skp/{periode.json()['id']}", json={"terbuka": False}, headers=ANY_VERSION
    )
    assert closed.status_code == 200, closed.text
    return world


async def _history(client: httpx.AsyncClient, nips: list[str]) -> dict[str, list[dict[str, Any]]]:
    r = await client.post("/api/v1/predikat-kinerja/bulk", json={"nips": nips, "tahun_terakhir": 20})
    assert r.status_code == 200, r.text
    return {item["nip"]: item["riwayat"] for item in r.json()["items"]}


async def test_rows_become_final_skps_with_the_predikat_of_the_matrix(kinerja_client, impor_world) -> None:
    w, c = impor_world, kinerja_client
    a1, a2, b1 = w["a1"]["nip"], w["a2"]["nip"], w["b1"]["nip"]
    rows = [
        [a1, 2025, "", "Di Atas Ekspektasi", "sesuai", "Laporan tahunan lengkap"],  # supervisor today: a2
        [b1, 2025, a1, "diatas", "DIATAS", ""],  # codes in any case
        [a2, 2025, b1, "sesuai", "Di Bawah Ekspektasi", ""],  # behaviour below: Kurang/Misconduct
    ]
    r = await c.post("/api/v1/skp/impor/skp", files=upload(xlsx(rows)))
    assert r.status_code == 200, r.text
    assert r.json() | {"errors": []} == {"diterima": 3, "ditolak": 0, "dibuat": 3, "uji": False, "errors": []}
    listed = await c.get("/api/v1/skp", params={"tahun": 2025})
    by_nip = {s["nip"]: s for s in listed.json()["items"]}
    assert {n: (s["status"], s["penilai_nip"], s["predikat"]) for n, s in by_nip.items()} == {
        a1: ("final", a2, "baik"),
        b1: ("final", a1, "sangat_baik"),
        a2: ("final", b1, "kurang"),
    }
    assert (
        by_nip[a1]["nama_pegawai"].startswith("Ani Perawat")
        and by_nip[a1]["catatan_penilai"] == "Laporan tahunan lengkap"
    )
    history = await _history(c, [a1, b1])
    assert history[a1][0]["tahun"] == 2025 and history[a1][0]["predikat"] == "baik"
    entries = await audit_entries(c, "skp", by_nip[a1]["id"])
    assert entries and entries[0]["action"] == "insert" and entries[0]["reason"] == "import of skp.xlsx"

    again = await c.post("/api/v1/skp/impor/skp", files=upload(xlsx(rows[:1])), headers=INDONESIAN)
    assert again.status_code == 422
    assert again.json()["errors"][0]["code"] == "impor.skp-ada" and again.json()["errors"][0]["kolom"] == "Tahun"
    assert "sudah ada" in again.json()["errors"][0]["pesan"]


async def test_every_bad_row_is_named_by_its_column_and_nothing_is_written(kinerja_client, impor_world) -> None:
    w, c = impor_world, kinerja_client
    a1, a2, b1 = w["a1"]["nip"], w["a2"]["nip"], w["b1"]["nip"]
    stranger = new_nip()
    rows = [
        [a2, 2025, b1, "sesuai", "sesuai", ""],  # good
        [b1, 2024, a1, "sesuai", "sesuai", ""],  # no period of 2024
        [stranger, 2025, a1, "sesuai", "sesuai", ""],  # nobody has this NIP
        [a1, 2025, a1, "sesuai", "sesuai", ""],  # rates itself
        [b1, 2025, a1, "bagus", "sesuai", ""],  # not a rating
        [b1, 2021, a1, "sesuai", "sesuai", ""],  # before SKP of 2022: the skp-lama sheet
        [float(b1), 2025, a1, "sesuai", "sesuai", ""],  # a NIP a spreadsheet made a number
        [b1, 2025, "", "sesuai", "sesuai", ""],  # b1 has no supervisor today and none is named
    ]
    r = await c.post("/api/v1/skp/impor/skp", files=upload(xlsx(rows)))
    assert r.status_code == 422, r.text
    body = r.json()
    assert (body["diterima"], body["ditolak"], body["dibuat"]) == (1, 7, 0)
    found = {(e["baris"], e["kolom"], e["code"]) for e in body["errors"]}
    assert {
        (3, "Tahun", "impor.periode-unknown"),
        (4, "NIP", "impor.pegawai-unknown"),
        (5, "NIP Penilai", "skp-penilai-self"),
        (7, "Tahun", "greater_than_equal"),
        (8, "NIP", "cell.not-text"),
        (9, "NIP Penilai", "impor.penilai-unknown"),
    } <= found
    assert any(e["baris"] == 6 and e["kolom"] == "Hasil Kerja" for e in body["errors"])
    assert (await c.get("/api/v1/skp", params={"tahun": 2025})).json()["items"] == []

    dry = await c.post("/api/v1/skp/impor/skp", params={"uji": "true"}, files=upload(xlsx(rows)))
    assert dry.status_code == 200 and dry.json()["uji"] is True and dry.json()["dibuat"] == 0
    assert (await c.get("/api/v1/skp", params={"tahun": 2025})).json()["items"] == []

    partial = await c.post("/api/v1/skp/impor/skp", params={"partial": "true"}, files=upload(xlsx(rows)))
    assert partial.status_code == 200 and partial.json()["dibuat"] == 1
    assert [s["nip"] for s in (await c.get("/api/v1/skp", params={"tahun": 2025})).json()["items"]] == [a2]

    twice = await c.post(
        "/api/v1/skp/impor/skp",
        files=upload(
            xlsx([rows[0][:], [a1, 2025, "", "sesuai", "sesuai", ""], [a1, 2025, "", "dibawah", "sesuai", ""]])
        ),
    )
    codes = {(e["baris"], e["code"]) for e in twice.json()["errors"]}
    assert codes == {(2, "impor.skp-ada"), (3, "impor.nip-tahun-ganda"), (4, "impor.nip-tahun-ganda")}


async def test_the_error_report_is_the_officers_rows_with_a_kesalahan_column(kinerja_client, impor_world) -> None:
    a1, b1 = impor_world["a1"]["nip"], impor_world["b1"]["nip"]
    rows = [[a1, 2025, "", "sesuai", "sesuai", ""], [b1, 2024, a1, "sesuai", "sesuai", ""]]
    r = await kinerja_client.post(
        "/api/v1/skp/impor/skp", files=upload(xlsx(rows)), headers={"Accept": XLSX_MEDIA, **INDONESIAN}
    )
    assert r.status_code == 422 and r.headers["content-type"] == XLSX_MEDIA
    assert (r.headers["x-impor-diterima"], r.headers["x-impor-ditolak"], r.headers["x-impor-dibuat"]) == ("1", "1", "0")
    sheet = load_workbook(io.BytesIO(r.content))["Data"]
    got = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert got[0] == [*SKP_HEADERS, "Kesalahan"]
    assert got[1][0] == a1 and got[1][-1] is None  # nothing was written: every row comes back
    assert got[2][0] == b1 and "Tahun: periode SKP tahun 2024 belum ada" in got[2][-1]
    assert sheet["A2"].number_format == "@"  # the NIP stays text when the officer edits the report


async def test_the_template_is_laid_out_for_officers(kinerja_client) -> None:
    r = await kinerja_client.get("/api/v1/skp/impor/skp/template", headers=INDONESIAN)
    assert r.status_code == 200 and r.headers["content-type"] == XLSX_MEDIA
    wb = load_workbook(io.BytesIO(r.content))
    data = wb["Data"]
    assert [c.value for c in data[1]] == SKP_HEADERS
    assert data.freeze_panes == "A2" and data.auto_filter.ref
    assert data["A2"].number_format == "@" and data["C2"].number_format == "@"
    choices = [dv.formula1 for dv in data.data_validations.dataValidation]
    assert any("diatas" in (f or "") for f in choices)
    notes = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "PermenPAN-RB 6/2022" in notes and "Teks" in notes
    lama = await kinerja_client.get("/api/v1/skp/impor/skp-lama/template")
    assert [c.value for c in load_workbook(io.BytesIO(lama.content))["Data"][1]] == LAMA_HEADERS


async def test_numeric_skps_of_before_2022_keep_their_own_scale(kinerja_client, impor_world) -> None:
    a1, b1 = impor_world["a1"]["nip"], impor_world["b1"]["nip"]
    rows = [
        [a1, 2020, "pp_30_2019", 92.5],
        [a1, 2017, "PP_46_2011", 75],
        [b1, 2020, "pp_30_2019", 130],  # over the scale's maximum
        [b1, 2023, "pp_30_2019", 80],  # not before 2022
    ]
    r = await kinerja_client.post("/api/v1/skp/impor/skp-lama", files=upload(xlsx(rows, LAMA_HEADERS)))
    assert r.status_code == 422
    found = {(e["baris"], e["kolom"]) for e in r.json()["errors"]}
    assert found == {(4, "Nilai"), (5, "Tahun")}
    ok = await kinerja_client.post(
        "/api/v1/skp/impor/skp-lama", params={"partial": "true"}, files=upload(xlsx(rows, LAMA_HEADERS))
    )
    assert ok.status_code == 200 and ok.json()["dibuat"] == 2
    history = (await _history(kinerja_client, [a1]))[a1]
    assert [(h["tahun"], h["predikat"], h["sumber"]) for h in history] == [
        (2020, "Baik", "skp_lama"),
        (2017, "Cukup", "skp_lama"),  # PP 46/2011: Baik from 76
    ]


async def test_an_opd_admin_imports_only_its_own_employees(kinerja_app, impor_world) -> None:
    w = impor_world
    a1, b1 = w["a1"]["nip"], w["b1"]["nip"]
    opd_a = {**auth("admin_opd", opd=w["opd_a"]["id"])}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://k") as c:
        rows = [[a1, 2020, "pp_30_2019", 92.5], [b1, 2020, "pp_30_2019", 92.5]]
        r = await c.post("/api/v1/skp/impor/skp-lama", files=upload(xlsx(rows, LAMA_HEADERS)), headers=opd_a)
        assert r.status_code == 422
        assert [(e["baris"], e["code"]) for e in r.json()["errors"]] == [(3, "impor.pegawai-unknown")]
        employee = auth("pegawai", nip=a1)
        refused = await c.post("/api/v1/skp/impor/skp-lama", files=upload(xlsx(rows, LAMA_HEADERS)), headers=employee)
        assert_problem(refused, 403)
