"""Budgets per OPD per year: BKPSDM sets the pagu and the development allocation; committed,
realised and remaining are computed from the enrollments; OPD admins read their own."""

from __future__ import annotations

from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.dunia import ASKEP_COST, Dunia
from tests.pengembangan.test_program import audit
from tests.problem import assert_problem

URL = "/api/v1/anggaran"


async def test_budgets_of_several_years_side_by_side_with_the_allocations_share_of_the_pagu(dunia: Dunia):
    d = dunia
    last = d.tahun - 1
    first = await d.pen.put(f"{URL}/{d.A}/{last}", json={"pagu": 80_000_000_000, "alokasi": 1_000_000_000})
    assert first.status_code == 200, first.text  # the first budget of a year needs no If-Match
    assert first.json()["persen_alokasi"] == 1.25 and first.json()["opd_nama"] == "Dinas Kesehatan"
    assert first.headers["ETag"] == '"1"'
    await d.pen.put(f"{URL}/{d.B}/{d.tahun}", json={"pagu": 50_000_000_000, "alokasi": 0})
    (u,) = await d.propose("askep", 0)
    await d.approve(u)
    listed = (await d.pen.get(URL, params={"opd_id": d.A})).json()["items"]
    assert [(b["tahun"], b["pagu"], b["alokasi"], b["persen_alokasi"], b["terikat"], b["sisa"]) for b in listed] == [
        (last, 80_000_000_000, 1_000_000_000, 1.25, 0, 1_000_000_000),
        (d.tahun, 1_000_000_000, 100_000_000, 10.0, ASKEP_COST, 100_000_000 - ASKEP_COST),
    ]
    everything = (await d.pen.get(URL, params={"tahun_dari": d.tahun, "tahun_sampai": d.tahun})).json()
    assert {b["opd_id"] for b in everything["items"]} == {d.A, d.B} and everything["total"] == 2
    # An OPD admin reads its own OPD's, never another's; employees do not read budgets.
    mine = (await d.pen.get(URL, headers=d.opd_a)).json()["items"]
    assert {b["opd_id"] for b in mine} == {d.A} and len(mine) == 2
    assert (await d.pen.get(URL, params={"opd_id": d.B}, headers=d.opd_a)).json()["items"] == []
    assert (await d.pen.get(f"{URL}/{d.A}/{d.tahun}", headers=d.opd_a)).status_code == 200
    assert_problem(await d.pen.get(f"{URL}/{d.B}/{d.tahun}", headers=d.opd_a), 404)
    assert_problem(await d.pen.get(URL, headers=d.as_pegawai(0)), 403)
    assert_problem(await d.pen.get(f"{URL}/{d.A}/{d.tahun}", headers=d.as_pegawai(0)), 403)
    assert_problem(await d.pen.get(f"{URL}/{d.B}/{last}"), 404)  # neither set nor charged


async def test_only_bkpsdm_sets_a_budget_of_an_opd_within_its_pagu(dunia: Dunia):
    d = dunia
    url = f"{URL}/{d.A}/{d.tahun}"
    body = {"pagu": 2_000_000_000, "alokasi": 150_000_000, "keterangan": "DPA perubahan"}
    assert_problem(await d.pen.put(url, json=body, headers={**d.opd_a, **ANY_VERSION}), 403)
    assert_problem(await d.pen.put(url, json=body), 428)  # replacing needs the version read
    stale = await d.pen.put(url, json=body, headers={"If-Match": '"99"'})
    assert_problem(stale, 412)
    assert_problem(await d.pen.put(url, json={"pagu": 1, "alokasi": 2}, headers=ANY_VERSION), 422, "pagu")
    assert_problem(await d.pen.put(url, json={"pagu": -1, "alokasi": 0}, headers=ANY_VERSION), 422)
    bidang = await d.pen.put(f"{URL}/{d.A1}/{d.tahun}", json=body)
    assert assert_problem(bidang, 422)["type"].endswith("/anggaran-bukan-opd")
    unknown = await d.pen.put(f"{URL}/00000000-0000-4000-8000-000000000001/{d.tahun}", json=body)
    assert_problem(unknown, 404)
    assert_problem(await d.pen.put(f"{URL}/{d.A}/1999", json=body), 422)
    current = await d.budget()
    done = await d.pen.put(url, json=body, headers={"If-Match": f'"{current["version"]}"'})
    assert (
        done.status_code == 200
        and done.json()["alokasi"] == 150_000_000
        and done.json()["keterangan"] == body["keterangan"]
    )
    entries = await audit(d.pen, "anggaran")
    assert [e["action"] for e in entries] == ["update", "insert"]
    assert (entries[0]["before"]["alokasi"], entries[0]["after"]["alokasi"]) == (100_000_000, 150_000_000)


async def test_commitments_without_a_budget_show_beside_the_budgets(dunia: Dunia):
    """An OPD-year with enrollments but no budget set (a free program, or BKPSDM's override) is
    listed too, so that no spending hides."""
    d = dunia
    await d.pen.put(f"{URL}/{d.A}/{d.tahun}", json={"pagu": 0, "alokasi": 0}, headers=ANY_VERSION)
    (u,) = await d.propose("askep", 0)
    r = await d.approve(u, override_anggaran=True, alasan_override="Darurat")
    assert r.status_code == 200
    figures = await d.budget()
    assert (figures["alokasi"], figures["terikat"], figures["sisa"], figures["persen_alokasi"]) == (
        0,
        ASKEP_COST,
        -ASKEP_COST,
        None,
    )
