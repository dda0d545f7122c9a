"""Self-service: an employee sees the open batches fitting its job and gaps, asks to join one; its
OPD admin turns the request into a proposal, or declines it with a reason."""

from __future__ import annotations

from typing import Any

from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.dunia import Dunia
from tests.problem import assert_problem

URL = "/api/v1/permintaan"


async def fitting(d: Dunia, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = await d.pen.get(f"{URL}/angkatan-sesuai", params=params, headers=headers)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_an_employee_sees_the_open_batches_fitting_its_job_and_gaps(dunia: Dunia):
    d = dunia
    mine = await fitting(d, d.as_pegawai(0))  # a nurse holding TEK-KES-T1 at 2 of the 3 required
    assert [(b["angkatan_id"], b["kompetensi_sesuai"], b["mengisi_gap"]) for b in mine] == [
        (d.batches["askep"]["id"], ["TEK-KES-T1"], ["TEK-KES-T1"])
    ]  # not the one that started yesterday, nor the teachers', managers' or coaching programs
    assert mine[0]["sisa_kursi"] == 30 and mine[0]["program_kode"] == "T-ASKEP"
    assert [b["mengisi_gap"] for b in await fitting(d, d.as_pegawai(1))] == [[]]  # holds the level: fits, no gap
    assert await fitting(d, d.as_pegawai(1), hanya_gap="true") == []
    # Its OPD admin sees the same for it; another OPD's admin and another employee do not reach it.
    assert await fitting(d, d.opd_a, nip=d.nip(0)) == mine
    assert_problem(await d.pen.get(f"{URL}/angkatan-sesuai", params={"nip": d.nip(0)}, headers=d.opd_b), 404)
    assert_problem(await d.pen.get(f"{URL}/angkatan-sesuai", params={"nip": d.nip(0)}, headers=d.as_pegawai(1)), 404)
    assert_problem(await d.pen.get(f"{URL}/angkatan-sesuai", headers=d.opd_a), 422)  # an admin names the employee


async def test_a_request_reaches_the_opd_admin_who_turns_it_into_a_proposal(dunia: Dunia):
    d = dunia
    asked = await d.pen.post(
        URL, json={"angkatan_id": d.batches["askep"]["id"], "alasan": "Belum pernah ikut"}, headers=d.as_pegawai(0)
    )
    assert asked.status_code == 201, asked.text
    req = asked.json()
    assert req["status"] == "diajukan" and req["nip"] == d.nip(0) and req["mengisi_gap"] == ["TEK-KES-T1"]
    # It is no longer offered, and asking twice is refused.
    assert await fitting(d, d.as_pegawai(0)) == []
    again = await d.pen.post(URL, json={"angkatan_id": d.batches["askep"]["id"]}, headers=d.as_pegawai(0))
    assert assert_problem(again, 409)["type"].endswith("/permintaan-duplicate")
    # A's admin sees it; B's admin and another employee do not.
    assert [r["id"] for r in (await d.pen.get(URL, headers=d.opd_a)).json()["items"]] == [req["id"]]
    assert (await d.pen.get(URL, headers=d.opd_b)).json()["items"] == []
    assert (await d.pen.get(URL, headers=d.as_pegawai(1))).json()["items"] == []
    assert_problem(await d.pen.get(f"{URL}/{req['id']}", headers=d.opd_b), 404)
    forward = f"{URL}/{req['id']}/teruskan"
    assert_problem(await d.pen.post(forward, json={}, headers={**d.opd_b, **ANY_VERSION}), 404)
    assert_problem(await d.pen.post(forward, json={}, headers={**d.as_pegawai(0), **ANY_VERSION}), 403)
    done = await d.pen.post(forward, json={}, headers={**d.opd_a, **ANY_VERSION})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "diteruskan" and done.json()["usulan_id"]
    usulan = (await d.pen.get(f"/api/v1/usulan/{done.json()['usulan_id']}")).json()
    assert (usulan["nip"], usulan["opd_id"], usulan["status"], usulan["alasan"]) == (
        d.nip(0),
        d.A,
        "diajukan",
        "Belum pernah ikut",
    )
    assert_problem(await d.pen.post(forward, json={}, headers={**d.opd_a, **ANY_VERSION}), 409)
    # BKPSDM approves it like any proposal: the employee is enrolled.
    assert (await d.approve(usulan)).status_code == 200
    assert (await d.pen.get("/api/v1/peserta", headers=d.as_pegawai(0))).json()["total"] == 1


async def test_a_request_is_declined_with_a_reason(dunia: Dunia):
    d = dunia
    asked = await d.pen.post(URL, json={"angkatan_id": d.batches["askep"]["id"]}, headers=d.as_pegawai(1))
    decline = f"{URL}/{asked.json()['id']}/tolak"
    assert_problem(await d.pen.post(decline, json={}, headers={**d.opd_a, **ANY_VERSION}), 422)
    done = await d.pen.post(decline, json={"alasan": "Tahun depan"}, headers={**d.opd_a, **ANY_VERSION})
    assert (
        done.status_code == 200 and done.json()["status"] == "ditolak" and done.json()["alasan_tolak"] == "Tahun depan"
    )
    assert (await d.pen.get(f"{URL}/{asked.json()['id']}", headers=d.as_pegawai(1))).json()["status"] == "ditolak"
    assert_problem(
        await d.pen.post(f"{URL}/{asked.json()['id']}/teruskan", json={}, headers={**d.opd_a, **ANY_VERSION}), 409
    )
    # Declined, the employee may ask again.
    assert (
        await d.pen.post(URL, json={"angkatan_id": d.batches["askep"]["id"]}, headers=d.as_pegawai(1))
    ).status_code == 201


async def test_only_an_open_fitting_batch_with_a_seat_is_asked_for_and_only_by_an_employee(dunia: Dunia):
    d = dunia
    me = d.as_pegawai(0)
    unfit = await d.pen.post(URL, json={"angkatan_id": d.batches["guru"]["id"]}, headers=me)
    assert assert_problem(unfit, 422, "TEK-DIK-T1")["type"].endswith("/permintaan-angkatan-tidak-sesuai")
    await d.pen.patch(
        f"/api/v1/angkatan/{d.batches['manaj']['id']}", json={"status": "direncanakan"}, headers=ANY_VERSION
    )
    closed = await d.pen.post(URL, json={"angkatan_id": d.batches["manaj"]["id"]}, headers=d.as_pegawai(3))
    assert assert_problem(closed, 409)["type"].endswith("/permintaan-angkatan-tertutup")
    await d.pen.patch(f"/api/v1/angkatan/{d.batches['askep']['id']}", json={"kuota": 1}, headers=ANY_VERSION)
    (taken,) = await d.propose("askep", 1)
    assert (await d.approve(taken)).status_code == 200
    full = await d.pen.post(URL, json={"angkatan_id": d.batches["askep"]["id"]}, headers=me)
    assert assert_problem(full, 409)["type"].endswith("/angkatan-penuh")
    for admin in ({}, d.opd_a):
        assert_problem(await d.pen.post(URL, json={"angkatan_id": d.batches["askep"]["id"]}, headers=admin), 403)
    assert (await d.pen.get(URL)).json()["total"] == 0  # nothing written
