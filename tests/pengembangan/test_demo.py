"""The demo catalogue loads and makes sense through the API: it covers kompetensi's demo
dictionary and every path of development, with two years of batches whose status fits their dates,
participants whose status fits their batch's, and every OPD's budget of both years; the demo cadre school:
last year's cohort finished with outcomes, this year's running, both of demo employees, whose members
each OPD's admin sees for its own; and the demo JP ledger gives the compliance report PNS below the
minimum and PPPK near the ceiling; the demo's impact evaluations cover part of the passes whose
window has opened and leave the rest on the reminders list."""

from collections import Counter
from datetime import date
from typing import Any

import httpx
import pytest_asyncio

from devtools.dataset import demo
from kompetensi.demo import insert_dataset as load_kompetensi
from pegawai.demo import insert_dataset as load_pegawai
from pengembangan.demo import insert_dataset as load_pengembangan
from pengembangan.jp.schemas import JpIn
from shared.dates import shift_months
from shared.kepegawaian import SERVING_VALUES, nama_lengkap
from shared.rules import load_pengembangan as load_pengembangan_rules
from tests.conftest import ENGLISH, auth


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


async def test_a_few_demo_employees_are_in_further_study_at_the_level_above_theirs(pengembangan_client, loaded) -> None:
    data, counts = loaded
    studies = await all_items(pengembangan_client, "/api/v1/studi-lanjut")
    assert len(studies) == counts["studi_lanjut"] == 8
    assert Counter(s["status"] for s in studies) == {"berjalan": 6, "tidak_lulus": 1, "dibatalkan": 1}
    assert {s["jenis"] for s in studies} == {"tugas_belajar", "izin_belajar"}
    held = {p.nip: p.pendidikan_tingkat for p in data.pegawai}
    order = ["SMA", "D3", "D4", "S1", "S2", "S3"]
    for s in studies:  # each as the API would have taken it: one running study, a level up
        assert s["tanggal_selesai"] >= s["tanggal_mulai"] and s["nama_pegawai"]
        assert order.index(s["jenjang"]) > order.index(held[s["nip"]])
        assert (s["status"] == "berjalan") == (s["tanggal_akhir"] is None)
        assert s["tanggal_akhir"] is None or s["tanggal_akhir"] <= date.today().isoformat()


async def test_the_demo_cadre_school_has_last_years_cohort_finished_and_this_years_running(pengembangan_client, loaded):
    data, counts = loaded
    today = date.today()
    cohorts = await all_items(pengembangan_client, "/api/v1/sekolah-kader")
    assert len(cohorts) == counts["kohort_kader"] == 2
    this, last = cohorts  # newest year first
    assert (last["tahun"], last["status"], this["tahun"], this["status"]) == (
        today.year - 1,
        "selesai",
        today.year,
        "berjalan",
    )
    assert last["program_kode"] == this["program_kode"] == "SEKOLAH-KADER-PENGAWAS"
    program = (await pengembangan_client.get(f"/api/v1/program/{this['program_id']}")).json()
    assert program["jalur"] == "kader"
    for k in cohorts:
        assert date.fromisoformat(k["tanggal_mulai"]) <= min(today, date.fromisoformat(k["tanggal_selesai"]))
    # Finished: every member has an outcome; running: every member is still taking part.
    assert last["rekap"] == {"peserta": 0, "lulus": 17, "tidak_lulus": 2, "mengundurkan_diri": 1}
    assert this["rekap"]["peserta"] == this["jumlah_anggota"] == 20
    assert counts["anggota_kader"] == 40
    employees = {p.nip: p for p in data.pegawai}
    units = {u.id: u.nama for u in data.units}
    opd_of = {j.id: j.opd_id for j in data.jabatan}
    seen: dict[str, list[str]] = {}
    for k in cohorts:
        members = await all_items(pengembangan_client, f"/api/v1/sekolah-kader/{k['id']}/anggota")
        seen[k["kode"]] = [m["nip"] for m in members]
        for m in members:
            p = employees[m["nip"]]  # a demo employee, serving, a PNS in golongan III
            assert (p.status_kepegawaian, p.kedudukan, p.golongan[:4]) == ("PNS", "aktif", "III/")
            assert m["nama_pegawai"] == nama_lengkap(p.nama, p.gelar_depan, p.gelar_belakang)
            assert m["unit_nama"] == units[p.unit_id]
            assert (m["hasil"] == "peserta") == (k["status"] == "berjalan")
            assert (m["keterangan"] is None) == (m["hasil"] in ("peserta", "lulus"))
    assert not set(seen[this["kode"]]) & set(seen[last["kode"]])  # nobody selected twice
    assert len({opd_of[employees[n].jabatan_id] for n in seen[this["kode"]]}) == len(data.opds())
    # Who belongs to a cohort: found by NIP.
    member = seen[last["kode"]][0]
    mine = await all_items(pengembangan_client, "/api/v1/sekolah-kader", nip=member)
    assert [k["kode"] for k in mine] == [last["kode"]]


async def test_each_opd_admin_sees_the_demo_cohorts_members_of_its_own_opd(
    pegawai_db, pengembangan_app, pengembangan_client, loaded
):
    data, _ = loaded
    await load_pegawai(pegawai_db.conn, data)  # reach is resolved by pegawai
    [running] = await all_items(pengembangan_client, "/api/v1/sekolah-kader", status="berjalan")
    members = await all_items(pengembangan_client, f"/api/v1/sekolah-kader/{running['id']}/anggota")
    opd_of = {j.id: j.opd_id for j in data.jabatan}
    employees = {p.nip: p for p in data.pegawai}
    transport = httpx.ASGITransport(app=pengembangan_app)
    for opd in data.opds():
        own = sorted(m["nip"] for m in members if opd_of[employees[m["nip"]].jabatan_id] == opd.id)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://p", headers={**ENGLISH, **auth("admin_opd", opd=str(opd.id))}
        ) as admin:
            listed = await all_items(admin, f"/api/v1/sekolah-kader/{running['id']}/anggota")
            assert sorted(m["nip"] for m in listed) == own and own, opd.nama
            assert (await admin.get(f"/api/v1/sekolah-kader/{running['id']}")).json()["jumlah_anggota"] == 20


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
    assert first["total"] == counts["jp_entri"] + counts["jp_pelatihan"] and counts["jp_entri"] > len(data.pegawai)
    entries = [e for e in first["items"] if e["sumber"] != "pelatihan"]
    for e in entries:  # each as the API takes it
        JpIn.model_validate({k: e[k] for k in ("nip", "sumber", "jenis", "tanggal", "tahun", "jp", "uraian")})
        assert e["tahun"] in (today.year - 1, today.year) and e["sumber"] in ("riwayat", "nonklasikal")
    # Training JP: one entry per pass of a batch with JP, of the program's JP, in the year it ended.
    credited = await all_items(pengembangan_client, "/api/v1/jp", sumber="pelatihan")
    passed = [p for p in await all_items(pengembangan_client, "/api/v1/peserta", status="lulus")]
    batches = {b["id"]: b for b in await all_items(pengembangan_client, "/api/v1/angkatan")}
    programs = {p["id"]: p for p in await all_items(pengembangan_client, "/api/v1/program")}
    expected = {
        (p["nip"], p["angkatan_id"], programs[batches[p["angkatan_id"]]["program_id"]]["jp"])
        for p in passed
        if programs[batches[p["angkatan_id"]]["program_id"]]["jp"] > 0
    }
    assert {(e["nip"], e["angkatan_id"], e["jp"]) for e in credited} == expected and len(credited) == len(expected) > 0
    assert all(e["tanggal"] == batches[e["angkatan_id"]]["tanggal_selesai"] for e in credited)
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


async def test_the_demo_evaluates_the_impact_of_part_of_the_passes_and_leaves_the_rest_due(pengembangan_client, loaded):
    _, counts = loaded
    today = date.today()
    form = load_pengembangan_rules().dampak
    evaluated = await all_items(pengembangan_client, "/api/v1/evaluasi-dampak")
    due = await all_items(pengembangan_client, "/api/v1/evaluasi-dampak/jatuh-tempo")
    assert len(evaluated) == counts["evaluasi_dampak"] > 20 and len(due) > 10
    # Every pass whose window has opened is either evaluated or on the reminders list, never both.
    opened = {
        p["id"]
        for p in await all_items(pengembangan_client, "/api/v1/peserta", status="lulus")
        if shift_months(date.fromisoformat(p["tanggal_selesai"]), form.mulai_bulan) <= today
    }
    assert {e["peserta_id"] for e in evaluated} | {d["peserta_id"] for d in due} == opened
    assert not {e["peserta_id"] for e in evaluated} & {d["peserta_id"] for d in due}
    for e in evaluated:  # each as the API would have taken it
        assert list(e["skor"]) == list(form.aspek) and all(v in form.skala for v in e["skor"].values())
        assert e["rekomendasi"] in form.rekomendasi and e["form_versi"] == form.versi
        assert e["jendela_mulai"] <= e["dinilai_pada"][:10] <= today.isoformat()
        assert e["terlambat"] == (e["dinilai_pada"][:10] > e["jendela_selesai"])
    assert any(e["terlambat"] for e in evaluated) and not all(e["terlambat"] for e in evaluated)
    assert all(d["lewat"] == (d["jendela_selesai"] < today.isoformat()) for d in due)
    # The summary tells programs apart: their averages differ.
    summary = await all_items(pengembangan_client, "/api/v1/evaluasi-dampak/ringkasan")
    assert sum(s["jumlah"] for s in summary) == len(evaluated) and len(summary) > 5
    means = [sum(s["rata_rata"].values()) / len(s["rata_rata"]) for s in summary]
    assert max(means) - min(means) > 0.5
    assert {k for s in summary for k, n in s["rekomendasi"].items() if n} == set(form.rekomendasi)
