"""Proposals (usulan) and BKPSDM's approval: who proposes whom, the relevance check and its flag
with a reason, seats, the OPD's budget and BKPSDM's override, each refusal writing nothing."""

from __future__ import annotations

from typing import Any

from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.dunia import ASKEP_COST, Dunia
from tests.pengembangan.test_program import audit
from tests.problem import assert_problem


async def listed(d: Dunia, path: str, headers: dict[str, str] | None = None, **params: Any) -> list[dict[str, Any]]:
    r = await d.pen.get(path, params={"limit": 1000, **params}, headers=headers or {})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_an_opd_admin_proposes_its_employees_in_bulk_and_bkpsdm_approves_into_an_enrollment(dunia: Dunia):
    d = dunia
    made = await d.propose("askep", 0, 1, 2)
    assert [u["nip"] for u in made] == [d.nip(0), d.nip(1), d.nip(2)]
    assert {u["opd_id"] for u in made} == {d.A} and {u["status"] for u in made} == {"diajukan"}
    assert made[0]["nama_pegawai"].startswith("Perawat 0") and made[0]["peserta_id"] is None
    assert {u["relevan"] for u in made} == {True}  # checked when proposed: the program develops TEK-KES-T1
    assert made[0]["program_kode"] == "T-ASKEP" and made[0]["diajukan_oleh"] == "test-admin_opd"
    approved = await d.approve(made[0])
    assert approved.status_code == 200, approved.text
    body = approved.json()
    assert body["status"] == "disetujui" and body["relevan"] is True and body["override_anggaran"] is False
    assert body["relevansi"]["cocok_jabatan"] == ["TEK-KES-T1"] and body["diputuskan_oleh"] == "test-admin_bkpsdm"
    enrolled = await d.pen.get(f"/api/v1/peserta/{body['peserta_id']}")
    assert enrolled.status_code == 200
    peserta = enrolled.json()
    assert peserta["status"] == "terdaftar" and peserta["nip"] == d.nip(0) and peserta["opd_id"] == d.A
    assert peserta["biaya"] == ASKEP_COST and peserta["tahun_anggaran"] == d.tahun and peserta["jp"] == 32
    batch = await d.batch("askep")
    assert batch["terisi"] == 1 and batch["sisa_kursi"] == batch["kuota"] - 1
    budget = await d.budget()
    assert budget["terikat"] == ASKEP_COST and budget["sisa"] == 100_000_000 - ASKEP_COST
    # Every write is audited: the proposals made, the decision, the enrollment, the seat taken.
    assert [e["action"] for e in await audit(d.pen, "usulan", entity_id=made[0]["id"])] == ["update", "insert"]
    assert [e["action"] for e in await audit(d.pen, "peserta", entity_id=peserta["id"])] == ["insert"]
    seat = (await audit(d.pen, "angkatan", entity_id=batch["id"]))[0]
    assert (seat["before"]["terisi"], seat["after"]["terisi"]) == (0, 1)
    # The OPD admin reads its OPD's proposals; the other OPD's admin reads none; an employee its own.
    assert len(await listed(d, "/api/v1/usulan", d.opd_a)) == 3
    assert await listed(d, "/api/v1/usulan", d.opd_b) == []
    assert [u["nip"] for u in await listed(d, "/api/v1/usulan", d.as_pegawai(1))] == [d.nip(1)]
    assert [p["nip"] for p in await listed(d, "/api/v1/peserta", d.as_pegawai(0))] == [d.nip(0)]
    assert await listed(d, "/api/v1/peserta", d.as_pegawai(1)) == []


async def test_an_opd_admin_cannot_propose_another_opds_employee_and_nothing_is_written(dunia: Dunia):
    d = dunia
    url, batch = "/api/v1/usulan", d.batches["askep"]["id"]
    foreign = await d.pen.post(url, json={"angkatan_id": batch, "nips": [d.nip(0), d.Q["nip"]]}, headers=d.opd_a)
    problem = assert_problem(foreign, 422, d.Q["nip"])
    assert problem["type"].endswith("/usulan-pegawai-bukan-opd") and problem["missing"] == [d.Q["nip"]]
    # Naming another OPD as its own is a reference out of reach: 422, as for an unknown one.
    other_opd = await d.pen.post(url, json={"angkatan_id": batch, "nips": [d.Q["nip"]], "opd_id": d.B}, headers=d.opd_a)
    assert assert_problem(other_opd, 422)["type"].endswith("/usulan-opd-unknown")
    # B's admin does not reach A's employees either.
    assert_problem(await d.pen.post(url, json={"angkatan_id": batch, "nips": [d.nip(0)]}, headers=d.opd_b), 422)
    # BKPSDM names the OPD, which must be one (not a bidang); employees do not propose.
    assert_problem(await d.pen.post(url, json={"angkatan_id": batch, "nips": [d.nip(0)]}), 422, "opd_id")
    bidang = await d.pen.post(url, json={"angkatan_id": batch, "nips": [d.nip(0)], "opd_id": d.A1})
    assert assert_problem(bidang, 422)["type"].endswith("/anggaran-bukan-opd")
    assert_problem(await d.pen.post(url, json={"angkatan_id": batch, "nips": [d.nip(0)]}, headers=d.as_pegawai(0)), 403)
    assert await listed(d, url) == []
    # Bounded and well-formed input: 1 to 500 distinct NIPs, a known batch that takes proposals.
    for bad in ({"nips": []}, {"nips": [d.nip(0), d.nip(0)]}, {"nips": ["123"]}, {"nips": [d.nip(0)] * 501}):
        assert_problem(await d.pen.post(url, json={"angkatan_id": batch, **bad}, headers=d.opd_a), 422)
    unknown = {"angkatan_id": "00000000-0000-4000-8000-000000000001", "nips": [d.nip(0)]}
    assert_problem(await d.pen.post(url, json=unknown, headers=d.opd_a), 422, "not in the catalogue")
    # The same employee twice for a batch (pending, or enrolled) is refused, all or none.
    await d.propose("askep", 0)
    again = await d.pen.post(url, json={"angkatan_id": batch, "nips": [d.nip(1), d.nip(0)]}, headers=d.opd_a)
    assert assert_problem(again, 409, d.nip(0))["type"].endswith("/usulan-duplicate")
    assert [u["nip"] for u in await listed(d, url)] == [d.nip(0)]


async def test_a_proposal_not_relevant_to_the_job_is_flagged_and_approved_only_with_a_reason(dunia: Dunia):
    d = dunia
    (usulan,) = await d.propose("guru", 0)  # a teachers' program for a nurse
    assert usulan["relevan"] is False and usulan["relevansi"]["cocok_jabatan"] == []  # flagged when proposed
    refused = await d.approve(usulan)
    problem = assert_problem(refused, 422, "alasan_tidak_relevan")
    assert problem["type"].endswith("/usulan-tidak-relevan")
    assert problem["relevansi"]["relevan"] is False and problem["relevansi"]["kompetensi_program"] == ["TEK-DIK-T1"]
    assert problem["relevansi"]["jabatan_id"] == d.JA
    # Nothing written: still pending, no seat taken, nothing charged.
    assert (await d.pen.get(f"/api/v1/usulan/{usulan['id']}")).json()["status"] == "diajukan"
    assert (await d.batch("guru"))["terisi"] == 0 and (await d.budget())["terikat"] == 0
    # The check before deciding, for many proposals at once, flags it too.
    (fits,) = await d.propose("askep", 0)
    checked = await d.pen.post("/api/v1/usulan/relevansi", json={"ids": [usulan["id"], fits["id"]]})
    assert checked.status_code == 200, checked.text
    assert [(c["usulan_id"], c["relevan"]) for c in checked.json()["items"]] == [
        (usulan["id"], False),
        (fits["id"], True),
    ]
    assert_problem(await d.pen.post("/api/v1/usulan/relevansi", json={"ids": [usulan["id"]]}, headers=d.opd_a), 403)
    # With an explicit reason it is approved and stays flagged, the reason kept and audited.
    reason = "Disiapkan sebagai fasilitator pendidikan kesehatan di sekolah."
    approved = await d.approve(usulan, alasan_tidak_relevan=reason)
    assert approved.status_code == 200, approved.text
    assert approved.json()["relevan"] is False and approved.json()["alasan_tidak_relevan"] == reason
    flagged = await listed(d, "/api/v1/usulan", relevan="false")
    assert [u["id"] for u in flagged] == [usulan["id"]]
    assert (await audit(d.pen, "usulan", entity_id=usulan["id"]))[0]["reason"] == f"tidak relevan: {reason}"


async def test_the_career_target_makes_a_program_relevant(dunia: Dunia):
    d = dunia
    target_holder = len(d.staff) - 1  # its career target is JT, whose standard asks MP
    made = await d.propose("manaj", 0, target_holder)
    checked = (await d.pen.post("/api/v1/usulan/relevansi", json={"ids": [u["id"] for u in made]})).json()["items"]
    assert [(c["relevan"], c["cocok_jabatan"], c["cocok_target"]) for c in checked] == [
        (False, [], []),
        (True, [], ["MP"]),
    ]
    assert checked[1]["target_jabatan_ids"] == [d.JT]
    assert (await d.approve(made[1])).status_code == 200
    assert_problem(await d.approve(made[0]), 422)


async def test_a_full_batch_refuses_the_approval_with_nothing_written(dunia: Dunia):
    d = dunia
    r = await d.pen.patch(f"/api/v1/angkatan/{d.batches['askep']['id']}", json={"kuota": 1}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    first, second = await d.propose("askep", 0, 1)
    assert (await d.approve(first)).status_code == 200
    full = await d.approve(second)
    assert assert_problem(full, 409, "full")["type"].endswith("/angkatan-penuh")
    assert (await d.pen.get(f"/api/v1/usulan/{second['id']}")).json()["status"] == "diajukan"
    assert len(await listed(d, "/api/v1/peserta", angkatan_id=d.batches["askep"]["id"])) == 1
    assert (await d.batch("askep"))["terisi"] == 1 and (await d.budget())["terikat"] == ASKEP_COST
    # A full batch cannot shrink below its seats taken either.
    shrink = await d.pen.patch(f"/api/v1/angkatan/{d.batches['askep']['id']}", json={"kuota": 0}, headers=ANY_VERSION)
    assert_problem(shrink, 422)


async def test_an_approval_beyond_the_remaining_allocation_is_refused_unless_bkpsdm_overrides_it(dunia: Dunia):
    d = dunia
    await d.set_budget(10_000_000)  # fits one askep participant (6.25 M), not two
    first, second = await d.propose("askep", 0, 1)
    assert (await d.approve(first)).status_code == 200
    refused = await d.approve(second)
    problem = assert_problem(refused, 409, "override")
    assert problem["type"].endswith("/anggaran-tidak-cukup")
    assert (problem["sisa"], problem["biaya"]) == (10_000_000 - ASKEP_COST, ASKEP_COST)
    assert (await d.batch("askep"))["terisi"] == 1
    # An override needs its reason (422, nothing written) ...
    assert_problem(await d.approve(second, override_anggaran=True), 422, "alasan_override")
    assert (await d.budget())["terikat"] == ASKEP_COST
    # ... and with it, BKPSDM approves beyond the allocation: kept on the proposal and in the audit log.
    reason = "Prioritas daerah: akreditasi puskesmas."
    overridden = await d.approve(second, override_anggaran=True, alasan_override=reason)
    assert overridden.status_code == 200, overridden.text
    assert overridden.json()["override_anggaran"] is True and overridden.json()["alasan_override"] == reason
    budget = await d.budget()
    assert budget["terikat"] == 2 * ASKEP_COST and budget["sisa"] == 10_000_000 - 2 * ASKEP_COST < 0
    assert (await audit(d.pen, "usulan", entity_id=second["id"]))[0]["reason"] == f"melampaui anggaran: {reason}"
    # A program that costs nothing commits nothing: approved whatever the budget.
    (free,) = await d.propose("coaching", 2)
    assert (await d.approve(free, alasan_tidak_relevan="Coaching kinerja untuk semua pegawai")).status_code == 200
    assert (await d.budget())["terikat"] == 2 * ASKEP_COST


async def test_an_opd_without_a_budget_has_nothing_to_commit(dunia: Dunia):
    d = dunia
    (usulan,) = await d.propose("askep", 0, bkpsdm=True)
    r = await d.pen.put(f"/api/v1/anggaran/{d.A}/{d.tahun}", json={"pagu": 0, "alokasi": 0}, headers=ANY_VERSION)
    assert r.status_code == 200
    assert_problem(await d.approve(usulan), 409, "Rp0")


async def test_a_proposal_is_decided_once_rejection_needs_a_reason_and_only_bkpsdm_decides(dunia: Dunia):
    d = dunia
    first, second = await d.propose("askep", 0, 1)
    url = f"/api/v1/usulan/{first['id']}"
    assert_problem(await d.pen.post(f"{url}/tolak", json={"alasan": ""}, headers=ANY_VERSION), 422)
    assert_problem(await d.pen.post(f"{url}/tolak", json={"alasan": "Kuota terpenuhi"}), 428)
    for caller in (d.opd_a, d.as_pegawai(0)):
        assert_problem(await d.pen.post(f"{url}/setujui", headers={**caller, **ANY_VERSION}), 403)
    rejected = await d.pen.post(f"{url}/tolak", json={"alasan": "Kuota OPD terpenuhi"}, headers=ANY_VERSION)
    assert rejected.status_code == 200 and rejected.json()["status"] == "ditolak"
    assert rejected.json()["alasan_tolak"] == "Kuota OPD terpenuhi"
    assert assert_problem(await d.approve(first), 409)["type"].endswith("/usulan-sudah-diputuskan")
    assert (await d.approve(second)).status_code == 200
    assert_problem(
        await d.pen.post(f"/api/v1/usulan/{second['id']}/tolak", json={"alasan": "x y z"}, headers=ANY_VERSION), 409
    )
    # A rejected proposal does not block a new one for the same batch.
    assert (await d.propose("askep", 0))[0]["status"] == "diajukan"
    # A batch no longer open takes no approval.
    (late,) = await d.propose("manaj", 3)  # staff[3]'s career target asks MP
    closed = await d.pen.patch(
        f"/api/v1/angkatan/{d.batches['manaj']['id']}", json={"status": "direncanakan"}, headers=ANY_VERSION
    )
    assert closed.status_code == 200
    assert (await d.approve(late)).status_code == 200  # planned still takes them
    await d.pen.patch(
        f"/api/v1/angkatan/{d.batches['manaj']['id']}", json={"status": "dibatalkan"}, headers=ANY_VERSION
    )
    (other,) = await d.propose("guru", 2)
    await d.pen.patch(f"/api/v1/angkatan/{d.batches['guru']['id']}", json={"status": "dibatalkan"}, headers=ANY_VERSION)
    assert (await d.pen.get(f"/api/v1/usulan/{other['id']}")).json()["status"] == "ditolak"  # the batch's cancel


async def test_the_proposers_reason_for_a_proposal_not_relevant_is_the_explicit_reason(dunia: Dunia):
    d = dunia
    body = {
        "angkatan_id": d.batches["guru"]["id"],
        "nips": [d.nip(0), d.nip(1)],
        "alasan_tidak_relevan": "Perawat UKS yang mengajar kesehatan di sekolah dasar.",
    }
    made = (await d.pen.post("/api/v1/usulan", json=body, headers=d.opd_a)).json()["items"]
    assert [(u["relevan"], u["alasan_tidak_relevan"]) for u in made] == [(False, body["alasan_tidak_relevan"])] * 2
    approved = await d.approve(made[0])  # no reason of BKPSDM's own: the proposer's stands
    assert approved.status_code == 200, approved.text
    assert (
        approved.json()["relevan"] is False and approved.json()["alasan_tidak_relevan"] == body["alasan_tidak_relevan"]
    )
    # A relevant proposal keeps no such reason.
    (fits,) = (
        await d.pen.post(
            "/api/v1/usulan",
            json={**body, "angkatan_id": d.batches["askep"]["id"], "nips": [d.nip(2)]},
            headers=d.opd_a,
        )
    ).json()["items"]
    assert fits["relevan"] is True and fits["alasan_tidak_relevan"] is None


async def test_a_flag_the_proposer_could_not_check_is_checked_again_with_bkpsdms_reach(
    dunia: Dunia, pegawai_client, kompetensi_client
):
    """A's admin does not reach B's positions, so a career target in B counts for nothing when it
    proposes; BKPSDM's approval checks again and finds it. A standard changed since the proposal
    counts too."""
    d = dunia
    r = await pegawai_client.patch(
        f"/api/v1/pegawai/{d.nip(1)}", json={"minat_jabatan_ids": [d.JB]}, headers=ANY_VERSION
    )
    assert r.status_code == 200, r.text
    target, changed = await d.propose("guru", 1, 2)
    assert (target["relevan"], target["relevansi"]["target_jabatan_ids"]) == (False, [d.JB])
    assert changed["relevan"] is False
    approved = await d.approve(target)
    assert approved.status_code == 200, approved.text
    assert approved.json()["relevan"] is True and approved.json()["relevansi"]["cocok_target"] == ["TEK-DIK-T1"]
    assert approved.json()["alasan_tidak_relevan"] is None
    # JA's standard now asks TEK-DIK-T1 as well: the flag of staff 2's proposal no longer holds.
    std = await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{d.JA}",
        json={"items": [{"kompetensi_kode": "TEK-KES-T1", "level": 3}, {"kompetensi_kode": "TEK-DIK-T1", "level": 2}]},
        headers=ANY_VERSION,
    )
    assert std.status_code == 200, std.text
    again = await d.approve(changed)
    assert again.status_code == 200, again.text
    assert again.json()["relevan"] is True and again.json()["relevansi"]["cocok_jabatan"] == ["TEK-DIK-T1"]
