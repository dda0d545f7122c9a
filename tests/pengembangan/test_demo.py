"""The demo catalogue loads and makes sense through the API: it covers kompetensi's demo
dictionary and every path of development, with two years of batches whose status fits their
dates, participants whose status fits their batch's, and every OPD's budget of both years."""

from collections import Counter
from datetime import date
from typing import Any

import pytest_asyncio

from devtools.dataset import demo
from kompetensi.demo import insert_dataset as load_kompetensi
from pengembangan.demo import insert_dataset as load_pengembangan


@pytest_asyncio.fixture
async def loaded(kompetensi_db, pengembangan_db) -> tuple[Any, dict[str, int]]:
    """The demo loaded in kompetensi (its dictionary) and pengembangan, as `make run` does."""
    data = demo()
    await load_kompetensi(kompetensi_db.conn, data)
    return data, await load_pengembangan(pengembangan_db.conn, data)


async def all_items(client, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        r = await client.get(path, params={"limit": 1000, "offset": len(items), **params})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        if len(items) >= body["total"]:
            assert body["total"] == len(items)
            return items


async def test_the_demo_catalogue_develops_every_competency_of_the_demo_dictionary(
    pengembangan_client, kompetensi_client, loaded
):
    _, counts = loaded
    programs = await all_items(pengembangan_client, "/api/v1/program")
    assert len(programs) == counts["program"] and 25 <= len(programs) <= 35
    developed = {k["kode_kompetensi"] for p in programs for k in p["kompetensi"]}
    dictionary = {k["kode"] for k in await all_items(kompetensi_client, "/api/v1/kompetensi", aktif="true")}
    assert {"INT", "KER", "KOM", "OPH", "PPU", "PDO", "MP", "PK", "PB"} <= dictionary
    assert any(code.startswith("TEK-") for code in dictionary)
    assert developed == dictionary  # each competency has a program, and no program names an unknown code
    for p in programs:  # each as the API would have taken it
        assert p["jp"] > 0 and p["biaya_per_peserta"] >= 0 and p["kompetensi"]
        assert p["luar_kota"] or p["biaya_perjalanan_per_peserta"] == 0
    assert {p["jalur"] for p in programs} == {"klasikal", "nonklasikal", "pendidikan", "kader"}
    assert {p["penyelenggara"] for p in programs} == {"lan", "bkpsdm", "kementerian", "asosiasi_profesi"}
    free = [p["kode"] for p in programs if p["biaya_total_per_peserta"] == 0]
    assert "COACH-KINERJA" in free and "PKA" not in free
    by_competency = await all_items(pengembangan_client, "/api/v1/program", kompetensi="TEK-KESEHATAN-01")
    assert [p["kode"] for p in by_competency] == ["BIMTEK-ASKEP"]


async def test_the_demo_batches_run_over_last_year_and_this_year_with_a_status_fitting_their_dates(
    pengembangan_client, loaded
):
    _, counts = loaded
    today = date.today()
    batches = await all_items(pengembangan_client, "/api/v1/angkatan")
    assert len(batches) == counts["angkatan"] > 60
    assert {int(b["tanggal_mulai"][:4]) for b in batches} == {today.year - 1, today.year}
    programs = await all_items(pengembangan_client, "/api/v1/program")
    for year in (today.year - 1, today.year):
        with_batches = await all_items(pengembangan_client, "/api/v1/program", tahun=year)
        assert len(with_batches) == len(programs)  # every program ran in both years
    for b in batches:
        start, end = date.fromisoformat(b["tanggal_mulai"]), date.fromisoformat(b["tanggal_selesai"])
        assert start <= end and 0 <= b["terisi"] <= b["kuota"] and b["sisa_kursi"] == b["kuota"] - b["terisi"]
        if b["status"] in ("selesai", "dibatalkan"):
            assert end < today, b
        elif b["status"] == "berjalan":
            assert start <= today <= end, b
        else:
            assert start > today, b
    statuses = Counter(b["status"] for b in batches)
    assert statuses["selesai"] > len(batches) / 2 and statuses["berjalan"] >= 1
    # Open for enrollment now, with seats: what an OPD proposes participants for.
    open_now = await all_items(pengembangan_client, "/api/v1/angkatan", tersedia="true")
    assert 5 <= len(open_now) == statuses["dibuka"]
    assert len(await all_items(pengembangan_client, "/api/v1/program", tersedia="true")) == len(
        {b["program_id"] for b in open_now}
    )


async def test_the_demo_load_is_in_the_audit_log(pengembangan_client, loaded):
    _, counts = loaded
    log = await all_items(pengembangan_client, "/api/v1/audit-log", actor="demo-loader")
    assert {e["entity"]: e["after"]["rows"] for e in log} == counts


async def test_the_demo_participants_fit_their_batches_and_every_opd_has_a_budget_within_reach(
    pengembangan_client, loaded
):
    data, counts = loaded
    today = date.today()
    batches = {b["id"]: b for b in await all_items(pengembangan_client, "/api/v1/angkatan")}
    peserta = await all_items(pengembangan_client, "/api/v1/peserta")
    assert len(peserta) == counts["peserta"] > 100
    allowed = {
        "selesai": {"lulus", "tidak_lulus", "batal"},
        "berjalan": {"hadir", "batal"},
        "dibuka": {"terdaftar", "batal"},
        "direncanakan": set(),
        "dibatalkan": set(),
    }
    for p in peserta:
        assert p["status"] in allowed[batches[p["angkatan_id"]]["status"]], p
        assert p["tahun_anggaran"] == int(p["tanggal_mulai"][:4])
    active = Counter(p["angkatan_id"] for p in peserta if p["status"] != "batal")
    assert all(b["terisi"] == active[i] for i, b in batches.items())  # seats taken are the enrollments
    assert any(p["hasil"] for p in peserta if p["status"] == "lulus")
    usulan = await all_items(pengembangan_client, "/api/v1/usulan")
    statuses = Counter(u["status"] for u in usulan)
    assert statuses["disetujui"] == len(peserta) and statuses["diajukan"] > 0 and statuses["ditolak"] > 0
    for u in usulan:
        if u["status"] == "diajukan":
            assert batches[u["angkatan_id"]]["status"] in ("dibuka", "direncanakan")
        if u["relevan"] is False:
            assert u["alasan_tidak_relevan"]
    pending = await all_items(pengembangan_client, "/api/v1/permintaan", status="diajukan")
    assert pending and all(batches[r["angkatan_id"]]["status"] == "dibuka" for r in pending)
    budgets = await all_items(pengembangan_client, "/api/v1/anggaran")
    opds = {str(o.id) for o in data.opds()}
    assert {(b["opd_id"], b["tahun"]) for b in budgets} == {(o, y) for o in opds for y in (today.year - 1, today.year)}
    assert all(b["ditetapkan"] and 0 <= b["terikat"] <= b["alokasi"] < b["pagu"] for b in budgets)
    assert sum(b["terikat"] for b in budgets) == sum(p["biaya"] for p in peserta if p["status"] != "batal")
