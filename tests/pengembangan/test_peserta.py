"""Enrollment (peserta): status transitions, the outcome and its competency test results, the
passing hook, and cancelling, which frees the seat and the budget commitment."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from shared.outbox import Relay
from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.dunia import ASKEP_COST, Dunia
from tests.pengembangan.test_program import audit
from tests.problem import assert_problem


async def enroll(d: Dunia, batch: str, *idx: int) -> list[dict[str, Any]]:
    made = []
    for u in await d.propose(batch, *idx):
        r = await d.approve(u)
        assert r.status_code == 200, r.text
        made.append((await d.pen.get(f"/api/v1/peserta/{r.json()['peserta_id']}")).json())
    return made


async def move(d: Dunia, peserta: dict[str, Any], **body: Any) -> Any:
    return await d.pen.post(f"/api/v1/peserta/{peserta['id']}/status", json=body, headers=ANY_VERSION)


async def test_registered_attended_then_passed_or_failed_and_nothing_else(
    dunia: Dunia, pengembangan_app, kompetensi_app, kompetensi_client
):
    d = dunia
    a, b = await enroll(d, "askep_mulai", 0, 1)  # a batch that started yesterday
    assert a["status"] == "terdaftar"
    assert assert_problem(await move(d, a, status="lulus"), 409, "hadir")["type"].endswith("/peserta-status-transition")
    attended = await move(d, a, status="hadir")
    assert attended.status_code == 200 and attended.json()["status"] == "hadir"
    result = [{"kode_kompetensi": "TEK-KES-T1", "level": 3}]
    done = await move(d, a, status="lulus", hasil=result)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "lulus" and done.json()["hasil"] == result
    for again in ("hadir", "lulus", "tidak_lulus"):
        assert_problem(await move(d, a, status=again), 409)
    assert (await move(d, b, status="hadir")).status_code == 200
    assert (await move(d, b, status="tidak_lulus")).json()["status"] == "tidak_lulus"
    assert [e["after"]["status"] for e in await audit(d.pen, "peserta", entity_id=a["id"])][:2] == ["lulus", "hadir"]
    # The pass, and only the pass, credited the program's JP to the ledger of the batch's year
    # (dated today: the batch has not ended yet) ...
    program = d.programs["askep"]
    credited = (await d.pen.get("/api/v1/jp", params={"sumber": "pelatihan"})).json()["items"]
    assert [(e["nip"], e["jp"], e["angkatan_id"], e["program_id"], e["tanggal"]) for e in credited] == [
        (d.nip(0), program["jp"], a["angkatan_id"], program["id"], date.today().isoformat())
    ]
    # ... and put its test results in the outbox for kompetensi, in the same transaction.
    pending = (await d.pen.get("/api/v1/outbox", params={"target": "kompetensi"})).json()["items"]
    assert [(m["method"], m["path"], m["status"]) for m in pending] == [
        ("POST", "/api/v1/asesmen/hasil-pelatihan", "pending")
    ]
    # The relay (each replica of the app runs one) delivers it: kompetensi records the assessment.
    relay = Relay(
        pengembangan_app.state.db,
        pengembangan_app.state.settings,
        targets=("kompetensi",),
        transports={"kompetensi": httpx.ASGITransport(app=kompetensi_app)},
    )
    try:
        assert await relay.run_once() == 1
        assert await relay.run_once() == 0  # delivered once
    finally:
        await relay.aclose()
    held = (await kompetensi_client.get("/api/v1/asesmen", params={"nip": d.nip(0)})).json()["items"]
    assert [(h["kompetensi_kode"], h["level"], h["metode"]) for h in held if h["metode"] == "hasil_pelatihan"] == [
        ("TEK-KES-T1", 3, "hasil_pelatihan")
    ]
    assert (await d.pen.get("/api/v1/outbox", params={"target": "kompetensi"})).json()["items"] == []
    # Only BKPSDM records attendance and outcome; the status is one it may set.
    assert_problem(
        await d.pen.post(
            f"/api/v1/peserta/{b['id']}/status", json={"status": "hadir"}, headers={**d.opd_a, **ANY_VERSION}
        ),
        403,
    )
    assert_problem(await move(d, b, status="batal"), 422)


async def test_test_results_must_be_competencies_the_program_develops_and_come_with_a_pass(dunia: Dunia):
    d = dunia
    (p,) = await enroll(d, "askep_mulai", 0)
    await move(d, p, status="hadir")
    foreign = await move(d, p, status="lulus", hasil=[{"kode_kompetensi": "MP", "level": 3}])
    assert assert_problem(foreign, 422, "MP")["type"].endswith("/peserta-hasil-bukan-program")
    for bad in (
        {"status": "tidak_lulus", "hasil": [{"kode_kompetensi": "TEK-KES-T1", "level": 3}]},
        {"status": "lulus", "hasil": [{"kode_kompetensi": "TEK-KES-T1", "level": 6}]},
        {"status": "lulus", "hasil": [{"kode_kompetensi": "TEK-KES-T1", "level": 3}] * 2},
    ):
        assert_problem(await move(d, p, **bad), 422)
    now = (await d.pen.get(f"/api/v1/peserta/{p['id']}")).json()
    assert now["status"] == "hadir" and now["hasil"] is None  # nothing written
    assert (await move(d, p, status="lulus")).json()["hasil"] is None  # a pass without a test is a pass


async def test_attendance_waits_for_the_batch_to_start(dunia: Dunia):
    d = dunia
    (p,) = await enroll(d, "askep", 0)  # starts in ten days
    assert assert_problem(await move(d, p, status="hadir"), 409)["type"].endswith("/peserta-angkatan-belum-mulai")


async def test_cancelling_frees_the_seat_and_the_budget_commitment(dunia: Dunia):
    d = dunia
    url = f"/api/v1/angkatan/{d.batches['askep']['id']}"
    assert (await d.pen.patch(url, json={"kuota": 2}, headers=ANY_VERSION)).status_code == 200
    a, _ = await enroll(d, "askep", 0, 1)
    (waiting,) = await d.propose("askep", 2)
    assert_problem(await d.approve(waiting), 409, "full")
    assert (await d.budget())["terikat"] == 2 * ASKEP_COST
    cancel = f"/api/v1/peserta/{a['id']}/batalkan"
    assert_problem(await d.pen.post(cancel, json={"alasan": ""}, headers=ANY_VERSION), 422)
    assert_problem(await d.pen.post(cancel, json={"alasan": "Mutasi"}, headers={**d.opd_b, **ANY_VERSION}), 404)
    # A's admin may cancel an enrollment charged to its OPD.
    done = await d.pen.post(cancel, json={"alasan": "Mutasi ke instansi lain"}, headers={**d.opd_a, **ANY_VERSION})
    assert done.status_code == 200 and done.json()["status"] == "batal"
    assert done.json()["alasan_batal"] == "Mutasi ke instansi lain"
    batch = await d.batch("askep")
    assert batch["terisi"] == 1 and batch["sisa_kursi"] == 1
    budget = await d.budget()
    assert (budget["terikat"], budget["peserta"]) == (ASKEP_COST, 1)
    assert_problem(await d.pen.post(cancel, json={"alasan": "Lagi"}, headers=ANY_VERSION), 409)
    # The seat freed is taken by the one that waited; the one cancelled may be proposed again.
    assert (await d.approve(waiting)).status_code == 200
    assert (await d.batch("askep"))["terisi"] == 2
    assert (await d.propose("askep", 0))[0]["status"] == "diajukan"
    seats = await audit(d.pen, "angkatan", entity_id=batch["id"])
    assert [(e["before"]["terisi"], e["after"]["terisi"]) for e in seats if e["before"] and "terisi" in e["before"]][
        :2
    ] == [
        (1, 2),
        (2, 1),
    ]
    # A finished outcome is not cancelled.
    (started,) = await enroll(d, "askep_mulai", 1)
    await move(d, started, status="hadir")
    await move(d, started, status="tidak_lulus")
    assert_problem(
        await d.pen.post(f"/api/v1/peserta/{started['id']}/batalkan", json={"alasan": "x y z"}, headers=ANY_VERSION),
        409,
    )


async def test_cancelling_a_batch_cancels_its_participants_and_what_is_pending(dunia: Dunia):
    d = dunia
    a, b = await enroll(d, "askep", 0, 1)
    (pending,) = await d.propose("askep", 2)
    asked = await d.pen.post(
        "/api/v1/permintaan", json={"angkatan_id": d.batches["askep"]["id"]}, headers=d.as_pegawai(3)
    )
    assert asked.status_code == 201, asked.text
    r = await d.pen.patch(
        f"/api/v1/angkatan/{d.batches['askep']['id']}", json={"status": "dibatalkan"}, headers=ANY_VERSION
    )
    assert r.status_code == 200, r.text
    assert r.json()["terisi"] == 0
    for p in (a, b):
        now = (await d.pen.get(f"/api/v1/peserta/{p['id']}")).json()
        assert now["status"] == "batal" and "dibatalkan" in now["alasan_batal"]
    assert (await d.pen.get(f"/api/v1/usulan/{pending['id']}")).json()["status"] == "ditolak"
    assert (await d.pen.get(f"/api/v1/permintaan/{asked.json()['id']}")).json()["status"] == "ditolak"
    assert (await d.budget())["terikat"] == 0
    assert {e["action"] for e in await audit(d.pen, "peserta")} == {"insert", "update"}


async def test_a_batch_with_participants_keeps_its_budget_year_and_one_named_by_proposals_stays(dunia: Dunia):
    d = dunia
    await enroll(d, "askep", 0)
    url = f"/api/v1/angkatan/{d.batches['askep']['id']}"
    moved = await d.pen.patch(
        url,
        json={"tanggal_mulai": f"{d.tahun + 1}-02-02", "tanggal_selesai": f"{d.tahun + 1}-02-05"},
        headers=ANY_VERSION,
    )
    assert assert_problem(moved, 409, str(d.tahun))["type"].endswith("/angkatan-pindah-tahun")
    await d.propose("manaj", 0)
    named = await d.pen.delete(f"/api/v1/angkatan/{d.batches['manaj']['id']}", headers=ANY_VERSION)
    assert assert_problem(named, 409)["type"].endswith("/angkatan-has-usulan")


@pytest.mark.parametrize("status", ["lulus", "tidak_lulus"])
async def test_a_completed_enrollment_is_realised_spending(dunia: Dunia, status: str):
    d = dunia
    (p,) = await enroll(d, "askep_mulai", 0)
    tahun = p["tahun_anggaran"]
    await move(d, p, status="hadir")
    assert (await d.budget(tahun=tahun))["terealisasi"] == 0
    await move(d, p, status=status)
    budget = await d.budget(tahun=tahun)
    assert (budget["terikat"], budget["terealisasi"], budget["peserta_selesai"]) == (ASKEP_COST, ASKEP_COST, 1)
