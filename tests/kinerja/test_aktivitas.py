"""The daily activity log: entries and their rules (each refused with nothing written), the
exclusion constraint against concurrent writers, the lock after the grace period, review by the
supervisor, summaries computed by hand, and the re-placement signal."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kinerja.aktivitas import service
from shared.errors import Conflict
from tests.conftest import ENGLISH, auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.pegawai.helpers import ANY_VERSION, if_match
from tests.problem import assert_problem

YESTERDAY = date.today() - timedelta(days=1)
URL = "/api/v1/aktivitas"
INSERT = text(
    "INSERT INTO aktivitas_harian (id, version, nip, tanggal, menit_mulai, menit_selesai, uraian, tugas_indeks, status)"
    " VALUES (:id, 1, :nip, :tanggal, :mulai, :selesai, 'Rapat koordinasi', 0, 'diajukan')"
)


def entry(mulai: str, selesai: str, uraian: str = "Menyusun bahan kebijakan", **target: Any) -> dict[str, Any]:
    return {"mulai": mulai, "selesai": selesai, "uraian": uraian, **(target or {"tugas_indeks": 0})}


def one(nip: str, mulai: str, selesai: str, tanggal: date = YESTERDAY, **extra: Any) -> dict[str, Any]:
    return {"nip": nip, "tanggal": tanggal.isoformat(), **entry(mulai, selesai, **extra)}


@pytest_asyncio.fixture
async def akt(pegawai_client, kinerja_app, world) -> dict[str, Any]:
    """a2 supervises a1 (set by hand); both hold the position of one task (Menyusun bahan kebijakan)."""
    a1, a2 = world["a1"], world["a2"]
    r = await pegawai_client.patch(f"/api/v1/pegawai/{a1['nip']}", json={"atasan_nip": a2["nip"]}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://kinerja")
    return {
        **world,
        "c": client,
        "me": {**ENGLISH, **auth("pegawai", nip=a1["nip"])},
        "boss": {**ENGLISH, **auth("atasan", nip=a2["nip"])},
        "admin": {**ENGLISH, **auth("admin_bkpsdm")},
    }


async def _entries(w: dict[str, Any], nip: str) -> list[dict[str, Any]]:
    r = await w["c"].get(URL, params={"nip": nip, "size": 100}, headers=w["admin"])
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def test_the_employee_records_its_day_and_its_supervisor_confirms_or_returns(akt):
    w = akt
    c, me, boss, nip = w["c"], w["me"], w["boss"], w["a1"]["nip"]
    made = await c.post(URL, json=one(nip, "08:00", "09:30"), headers=me)
    assert made.status_code == 201, made.text
    first = made.json()
    assert first["menit"] == 90 and first["status"] == "diajukan" and first["mulai"] == "08:00"
    assert first["tugas_uraian"] == "Menyusun bahan kebijakan" and first["jabatan_id"] is not None
    day = {"nip": nip, "tanggal": YESTERDAY.isoformat(), "items": [entry("09:30", "10:00"), entry("10:00", "11:00")]}
    bulk = await c.post(f"{URL}/bulk", json=day, headers=me)
    assert bulk.status_code == 201, bulk.text
    second, third = bulk.json()["items"]
    assert len(await _entries(w, nip)) == 3
    # The employee may not review its own entries; a colleague and another OPD's admin do not see them.
    assert_problem(await c.post(f"{URL}/{first['id']}/konfirmasi", headers={**me, **if_match(first)}), 403)
    other = {**ENGLISH, **auth("atasan", nip=w["b1"]["nip"])}
    assert_problem(await c.post(f"{URL}/{first['id']}/konfirmasi", headers={**other, **if_match(first)}), 404)
    foreign = {**ENGLISH, **auth("admin_opd", opd=w["opd_b"]["id"])}
    assert (await c.get(f"{URL}/{first['id']}", headers=foreign)).status_code == 404
    # The supervisor confirms one and returns another with a note.
    confirmed = await c.post(f"{URL}/{first['id']}/konfirmasi", headers={**boss, **if_match(first)})
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "dikonfirmasi" and confirmed.json()["ditinjau_oleh"] == w["a2"]["nip"]
    returned = await c.post(
        f"{URL}/{second['id']}/kembalikan", json={"catatan": "Rinci hasilnya"}, headers={**boss, **if_match(second)}
    )
    assert returned.status_code == 200 and returned.json()["catatan_atasan"] == "Rinci hasilnya"
    again = await c.post(f"{URL}/{first['id']}/konfirmasi", headers={**boss, **if_match(confirmed.json())})
    assert assert_problem(again, 409)["type"].endswith("/aktivitas-status")
    # The returned one is corrected and goes back to the supervisor; a confirmed one no longer changes.
    fixed = await c.patch(
        f"{URL}/{second['id']}",
        json={"uraian": "Menyusun bahan kebijakan tahap 2"},
        headers={**me, **if_match(returned.json())},
    )
    assert fixed.status_code == 200 and fixed.json()["status"] == "diajukan"
    locked = await c.patch(
        f"{URL}/{first['id']}", json={"uraian": "Lain"}, headers={**me, **if_match(confirmed.json())}
    )
    assert assert_problem(locked, 409)["type"].endswith("/aktivitas-confirmed")
    # The supervisor sees its report's entries in the list; deleting is the employee's.
    listed = (await c.get(URL, params={"nip": nip}, headers=boss)).json()["items"]
    assert {e["id"] for e in listed} == {first["id"], second["id"], third["id"]}
    assert_problem(await c.delete(f"{URL}/{third['id']}", headers={**boss, **if_match(third)}), 403)
    assert (await c.delete(f"{URL}/{third['id']}", headers={**me, **if_match(third)})).status_code == 204


async def test_each_rule_is_refused_with_a_problem_and_nothing_written(akt):
    w = akt
    c, me, nip = w["c"], w["me"], w["a1"]["nip"]
    assert (await c.post(URL, json=one(nip, "08:00", "09:00"), headers=me)).status_code == 201

    async def refused(path: str, body: dict[str, Any], status: int, code: str, headers: dict[str, str] = me) -> None:
        problem = assert_problem(await c.post(path, json=body, headers=headers), status)
        assert code in problem["type"] or code in str(problem.get("errors")), problem
        assert len(await _entries(w, nip)) == 1

    await refused(URL, one(nip, "08:30", "09:30"), 409, "aktivitas-overlap")
    await refused(URL, one(nip, "07:00", "08:30"), 409, "aktivitas-overlap")
    tomorrow = date.today() + timedelta(days=1)
    await refused(URL, one(nip, "08:00", "09:00", tanggal=tomorrow), 422, "aktivitas-future")
    await refused(URL, one(nip, "06:00", "07:30"), 422, "aktivitas-outside-hours")
    await refused(URL, one(nip, "16:30", "17:30"), 422, "aktivitas-outside-hours")
    await refused(URL, one(nip, "10:00", "09:00"), 422, "aktivitas-urutan-jam")
    await refused(URL, one(nip, "10:00", "11:00", uraian="x" * 1001), 422, "too_long")
    await refused(URL, {**one(nip, "10:00", "11:00"), "rhk_id": str(uuid.uuid4())}, 422, "aktivitas-sasaran")
    await refused(URL, one(nip, "10:00", "11:00", rhk_id=str(uuid.uuid4())), 422, "aktivitas-rhk-unknown")
    await refused(URL, one(nip, "10:00", "11:00", tugas_indeks=1), 422, "aktivitas-tugas-unknown")
    old = date.today() - timedelta(days=30)
    await refused(URL, one(nip, "10:00", "11:00", tanggal=old), 409, "aktivitas-locked")
    # Someone else's entry: a colleague may not write it.
    colleague = {**ENGLISH, **auth("pegawai", nip=w["a2"]["nip"])}
    await refused(URL, one(nip, "10:00", "11:00"), 403, "aktivitas-not-owner", colleague)
    # A day is written whole or not at all: overlapping within the request, or one entry bad.
    day = {"nip": nip, "tanggal": YESTERDAY.isoformat()}
    await refused(
        f"{URL}/bulk", {**day, "items": [entry("10:00", "11:00"), entry("10:30", "11:30")]}, 422, "overlap-request"
    )
    await refused(
        f"{URL}/bulk", {**day, "items": [entry("10:00", "11:00"), entry("16:00", "18:00")]}, 422, "outside-hours"
    )
    # At most 20 a day: 19 more fit (15 minutes each from 09:00), the 21st does not.
    items = [
        entry(f"{9 + q // 4:02d}:{q % 4 * 15:02d}", f"{9 + (q + 1) // 4:02d}:{(q + 1) % 4 * 15:02d}") for q in range(19)
    ]
    assert (await c.post(f"{URL}/bulk", json={**day, "items": items}, headers=me)).status_code == 201
    problem = assert_problem(await c.post(URL, json=one(nip, "15:00", "15:30"), headers=me), 422)
    assert problem["type"].endswith("/aktivitas-too-many")
    assert len(await _entries(w, nip)) == 20


async def test_the_database_refuses_the_second_of_two_concurrent_overlapping_writers(engines):
    """Two transactions of their own: the second waits for the first and fails on commit of it."""
    nip = "199001012015031999"
    engine = engines["kinerja"]
    try:
        async with engine.connect() as c1, engine.connect() as c2:
            t1, t2 = await c1.begin(), await c2.begin()
            row = {"nip": nip, "tanggal": YESTERDAY}
            await c1.execute(INSERT, {**row, "id": uuid.uuid4(), "mulai": 480, "selesai": 540})
            second = asyncio.create_task(c2.execute(INSERT, {**row, "id": uuid.uuid4(), "mulai": 510, "selesai": 570}))
            await asyncio.sleep(0.3)
            assert not second.done(), "the second writer waits for the first"
            await t1.commit()
            with pytest.raises(IntegrityError) as refused:
                await second
            assert "ex_aktivitas_harian_tumpang_tindih" in str(refused.value)
            await t2.rollback()
            # Adjacent spans do not overlap (the ranges are half-open).
            async with engine.begin() as c3:
                await c3.execute(INSERT, {**row, "id": uuid.uuid4(), "mulai": 540, "selesai": 600})
    finally:
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM aktivitas_harian WHERE nip = :nip"), {"nip": nip})


async def test_a_request_racing_a_committed_overlap_answers_409(akt, engines):
    """A writer outside the request holds an overlapping entry uncommitted: the request's insert
    waits on the constraint and, once that commits, answers 409 with nothing written."""
    w = akt
    nip = w["a1"]["nip"]
    engine = engines["kinerja"]
    try:
        async with engine.connect() as other:
            tx = await other.begin()
            await other.execute(
                INSERT, {"id": uuid.uuid4(), "nip": nip, "tanggal": YESTERDAY, "mulai": 480, "selesai": 540}
            )
            request = asyncio.create_task(w["c"].post(URL, json=one(nip, "08:30", "09:30"), headers=w["me"]))
            await asyncio.sleep(0.5)
            await tx.commit()
            answer = await request
        assert assert_problem(answer, 409)["type"].endswith("/aktivitas-overlap-concurrent")
    finally:
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM aktivitas_harian WHERE nip = :nip"), {"nip": nip})


def test_a_week_locks_when_its_grace_period_after_sunday_has_passed():
    wednesday = date(2026, 6, 3)
    assert service.week_of(wednesday) == (date(2026, 6, 1), date(2026, 6, 7))
    assert service.locked_after(wednesday) == date(2026, 6, 10)  # Sunday + 3 days (the default)
    service.check_lock(wednesday, today=date(2026, 6, 10))
    with pytest.raises(Conflict):
        service.check_lock(wednesday, today=date(2026, 6, 11))


async def _insert_old(kinerja_db, nip: str, tanggal: date, mulai: int = 480, selesai: int = 540) -> str:
    ident = uuid.uuid4()
    await kinerja_db.conn.execute(
        INSERT, {"id": ident, "nip": nip, "tanggal": tanggal, "mulai": mulai, "selesai": selesai}
    )
    return str(ident)


async def test_a_locked_entry_no_longer_changes(akt, kinerja_db):
    w = akt
    old = await _insert_old(kinerja_db, w["a1"]["nip"], date.today() - timedelta(days=30))
    seen = await w["c"].get(f"{URL}/{old}", headers=w["me"])
    assert seen.status_code == 200
    for answer in (
        await w["c"].patch(f"{URL}/{old}", json={"uraian": "Lain"}, headers={**w["me"], **if_match(seen.json())}),
        await w["c"].delete(f"{URL}/{old}", headers={**w["me"], **if_match(seen.json())}),
    ):
        assert assert_problem(answer, 409)["type"].endswith("/aktivitas-locked")
    assert (await w["c"].get(f"{URL}/{old}", headers=w["me"])).json()["uraian"] == "Rapat koordinasi"


async def test_summaries_of_the_week_month_and_unit(akt, kinerja_db):
    w = akt
    c, me, boss, admin, nip = w["c"], w["me"], w["boss"], w["admin"], w["a1"]["nip"]
    # a1's SKP of the year with one work result (its supervisor a2 rates it).
    periode = await c.post(
        "/api/v1/periode-skp", json={"tahun": YESTERDAY.year, "evaluasi": "triwulanan"}, headers=admin
    )
    assert periode.status_code == 201, periode.text
    skp = (await c.post("/api/v1/skp", json={"nip": nip, "periode_id": periode.json()["id"]}, headers=admin)).json()
    plan = {"items": [{"uraian": "Laporan", "indikator": ["Tepat waktu"], "target": "12 laporan"}]}
    skp = (await c.put(f"/api/v1/skp/{skp['id']}/rencana", json=plan, headers={**admin, **if_match(skp)})).json()
    rhk = skp["rencana"][0]["id"]
    day = {
        "nip": nip,
        "tanggal": YESTERDAY.isoformat(),
        "items": [
            entry("08:00", "09:30", "Menyusun laporan", rhk_id=rhk),  # 90 minutes, SKP
            entry("09:30", "10:00"),  # 30, position task
            entry("10:00", "11:15"),  # 75, position task
        ],
    }
    made = await c.post(f"{URL}/bulk", json=day, headers=me)
    assert made.status_code == 201, made.text
    first = made.json()["items"][0]
    assert (await c.post(f"{URL}/{first['id']}/konfirmasi", headers={**boss, **if_match(first)})).status_code == 200
    # An entry 40 days back lies outside both the week and the month of yesterday.
    await _insert_old(kinerja_db, nip, YESTERDAY - timedelta(days=40))
    expected = {
        "nip": nip,
        "jumlah_entri": 3,
        "menit_efektif": 195,
        "jam_efektif": 3.25,
        "menit_skp": 90,
        "menit_tugas_jabatan": 105,
        "persen_skp": 46.2,  # 90 / 195
        "persen_tugas_jabatan": 53.8,  # 105 / 195
        "menit_dikonfirmasi": 90,
    }
    monday = YESTERDAY - timedelta(days=YESTERDAY.weekday())
    for periode_name, dari in (("minggu", monday), ("bulan", YESTERDAY.replace(day=1))):
        r = await c.get(
            f"{URL}/ringkasan/pegawai/{nip}",
            params={"periode": periode_name, "tanggal": YESTERDAY.isoformat()},
            headers=boss,
        )
        assert r.status_code == 200, r.text
        got = r.json()
        assert {k: got[k] for k in expected} == expected and got["dari"] == dari.isoformat()
    unit = await c.get(
        f"{URL}/ringkasan/unit",
        params={"unit_id": w["opd_a"]["id"], "periode": "bulan", "tanggal": YESTERDAY.isoformat()},
        headers=admin,
    )
    assert unit.status_code == 200, unit.text
    items = {i["nip"]: i for i in unit.json()["items"]}
    assert set(items) == {nip, w["a2"]["nip"]} and unit.json()["menit_efektif"] == 195
    assert {k: items[nip][k] for k in expected} == expected
    assert items[w["a2"]["nip"]]["menit_efektif"] == 0 and items[w["a2"]["nip"]]["persen_skp"] is None
    # Out of reach: another OPD's admin (404); an employee may not read a unit's report (403); nor a
    # colleague's summary (404).
    foreign = {**ENGLISH, **auth("admin_opd", opd=w["opd_b"]["id"])}
    assert_problem(await c.get(f"{URL}/ringkasan/unit", params={"unit_id": w["opd_a"]["id"]}, headers=foreign), 404)
    assert_problem(await c.get(f"{URL}/ringkasan/unit", params={"unit_id": w["opd_a"]["id"]}, headers=me), 403)
    other = {**ENGLISH, **auth("pegawai", nip=w["b1"]["nip"])}
    assert_problem(await c.get(f"{URL}/ringkasan/pegawai/{nip}", headers=other), 404)


NURSE = ["Melakukan asuhan keperawatan pada pasien rawat inap", "Memberikan obat kepada pasien sesuai resep dokter"]
IT = ["Memelihara jaringan komputer dan server kantor", "Memasang dan memperbarui perangkat lunak aplikasi"]


async def test_the_signal_names_a_nurse_whose_days_read_like_the_it_position(pegawai_client, kinerja_client, world):
    peg, c = pegawai_client, kinerja_client
    unit = await make_unit(peg, parent_id=world["opd_a"]["id"], nama="Bidang Penunjang")
    nurse = await make_jabatan(peg, unit["id"], nama="Perawat Terampil", uraian_tugas=NURSE)
    it = await make_jabatan(peg, unit["id"], nama="Pranata Komputer Terampil", uraian_tugas=IT)
    misplaced = await make_pegawai(peg, nurse["id"], nama="Dewi Salah Tempat")
    placed_nurse = await make_pegawai(peg, nurse["id"], nama="Eko Perawat")
    placed_it = await make_pegawai(peg, it["id"], nama="Fani Komputer")
    it_days = [
        "Memelihara jaringan komputer di ruang server",
        "Memasang perangkat lunak aplikasi kepegawaian",
        "Memperbarui perangkat lunak aplikasi keuangan",
        "Memeriksa jaringan komputer kantor yang putus",
        "Memelihara server kantor dan jaringan",
    ]
    nurse_days = [
        "Melakukan asuhan keperawatan pasien rawat inap bangsal",
        "Memberikan obat kepada pasien sesuai resep",
        "Melakukan asuhan keperawatan pada pasien baru",
        "Memberikan obat pasien rawat inap",
        "Melakukan asuhan keperawatan pasien pasca operasi",
    ]
    for person, texts, index in ((misplaced, it_days, 0), (placed_nurse, nurse_days, 0), (placed_it, it_days, 1)):
        items = [entry(f"{8 + i:02d}:00", f"{9 + i:02d}:00", t, tugas_indeks=index) for i, t in enumerate(texts)]
        r = await c.post(f"{URL}/bulk", json={"nip": person["nip"], "tanggal": YESTERDAY.isoformat(), "items": items})
        assert r.status_code == 201, r.text
    r = await c.get(
        f"{URL}/indikasi-penempatan", params={"unit_id": unit["id"], "tahun": YESTERDAY.year, "bulan": YESTERDAY.month}
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["nip"] for i in items] == [misplaced["nip"]], items
    signal = items[0]
    assert signal["jabatan_id"] == nurse["id"] and signal["jabatan_terdekat_id"] == it["id"]
    assert signal["jabatan_terdekat_nama"] == "Pranata Komputer Terampil" and signal["jumlah_entri"] == 5
    assert signal["skor_jabatan_terdekat"] > signal["skor_jabatan_sendiri"] + 0.1
