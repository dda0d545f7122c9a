"""The demo catalogue loads and makes sense through the API: it covers kompetensi's demo
dictionary and every path of development, with two years of batches whose status fits their dates;
the demo JP ledger gives the compliance report PNS below the minimum and PPPK near the ceiling."""

from collections import Counter
from datetime import date
from typing import Any

import pytest_asyncio

from devtools.dataset import demo
from kompetensi.demo import insert_dataset as load_kompetensi
from pegawai.demo import insert_dataset as load_pegawai
from pengembangan.demo import insert_dataset as load_pengembangan
from pengembangan.jp.schemas import JpIn
from shared.kepegawaian import SERVING_VALUES


@pytest_asyncio.fixture
async def loaded(kompetensi_db, pengembangan_db) -> tuple[Any, dict[str, int]]:
    """The demo loaded in kompetensi (its dictionary) and pengembangan, as `make run` does."""
    data = demo()
    await load_kompetensi(kompetensi_db.conn, data)
    return data, await load_pengembangan(pengembangan_db.conn, data)


async def all_items(client, path: str, **params: Any) -> list[dict[str, Any]]:
    r = await client.get(path, params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return body["items"]


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
        assert start <= end and b["terisi"] == 0 and b["sisa_kursi"] == b["kuota"]
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


@pytest_asyncio.fixture
async def ledger(pegawai_db, pengembangan_db) -> tuple[Any, dict[str, int]]:
    """The demo loaded in pegawai (the employees and their status) and pengembangan."""
    data = demo()
    await load_pegawai(pegawai_db.conn, data)
    return data, await load_pengembangan(pengembangan_db.conn, data)


async def test_the_demo_ledger_has_pns_below_the_minimum_and_pppk_near_the_ceiling(pengembangan_client, ledger):
    data, counts = ledger
    today = date.today()
    first = (await pengembangan_client.get("/api/v1/jp", params={"limit": 1000})).json()
    entries = first["items"]
    assert first["total"] == counts["jp_entri"] > len(data.pegawai)
    for e in entries:  # each as the API takes it
        JpIn.model_validate({k: e[k] for k in ("nip", "sumber", "jenis", "tanggal", "tahun", "jp", "uraian")})
        assert e["tahun"] in (today.year - 1, today.year) and e["sumber"] in ("riwayat", "nonklasikal")
    root = next(u.id for u in data.units if u.parent_id is None)
    reports = {}
    for year in (today.year - 1, today.year):
        r = await pengembangan_client.get("/api/v1/jp/kepatuhan", params={"unit_id": str(root), "tahun": year})
        assert r.status_code == 200, r.text
        reports[year] = r.json()
    last, now = reports[today.year - 1]["ringkasan"], reports[today.year]["ringkasan"]
    assert last["jumlah_pegawai"] == sum(1 for p in data.pegawai if p.kedudukan in SERVING_VALUES)
    assert 0 < last["pns"]["kurang"] < last["pns"]["memenuhi"]  # most PNS met the minimum last year
    assert now["pns"]["kurang"] > 0  # and some are below it this year
    near = [i for i in reports[today.year]["items"] if i["status_kepegawaian"] == "PPPK" and 20 <= i["total_jp"] <= 24]
    assert 0 < len(near) < now["pppk"]["jumlah"] / 2  # a few PPPK near the ceiling
    cpns = [i for i in reports[today.year]["items"] if i["status_kepegawaian"] == "CPNS"]
    assert all(i["kategori"] == "tanpa_ketentuan" and i["total_jp"] == 0 for i in cpns)
