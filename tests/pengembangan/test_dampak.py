"""Impact evaluation after training (evaluasi dampak): the window after the batch's last day (too
early refused naming the day it opens, late taken and marked), who writes and who reads, the
reminders each caller gets, the per-program figures, and the scores checked against the form of
shared/rules/pengembangan.yaml.

The world is tests/pengembangan/dunia.py's; here staff[1] supervises staff[0] and staff[2]
supervises staff[3] (their atasan_nip), and batches of the catalogue's programs ended in the past:
`ready` four months ago (the window is open), `early` a month ago (not yet), `late` eight months
ago (the window closed two months ago)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio

from shared.dates import shift_months
from shared.rules import load_pengembangan
from tests.conftest import auth
from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.conftest import make_angkatan
from tests.pengembangan.dunia import Dunia
from tests.pengembangan.test_program import audit, same
from tests.problem import assert_problem

TODAY = date.today()
FORM = load_pengembangan().dampak
ASPEK = list(FORM.aspek)  # penerapan, perubahan_perilaku, kontribusi_kinerja, berbagi_pengetahuan
ENDED = {"ready": shift_months(TODAY, -4), "early": TODAY - timedelta(days=30), "late": shift_months(TODAY, -8)}


def url(peserta: dict[str, Any]) -> str:
    return f"/api/v1/peserta/{peserta['id']}/evaluasi-dampak"


def body(*scores: int, rekomendasi: str = "cukup", **kw: Any) -> dict[str, Any]:
    return {"skor": dict(zip(ASPEK, scores or (3, 3, 3, 3), strict=True)), "rekomendasi": rekomendasi, **kw}


async def finished(
    d: Dunia, when: str, *nips: str, program: str = "askep", opd: str | None = None, outcome: str = "lulus"
) -> list[dict[str, Any]]:
    """A batch of `program` that ended on ENDED[when], the employees enrolled by BKPSDM for `opd`
    (A by default), each attended and then `outcome`."""
    end = ENDED[when]
    start = end - timedelta(days=3)
    batch = await make_angkatan(
        d.pen,
        d.programs[program]["id"],
        f"D-{when.upper()}-{len(nips)}-{nips[0][-4:]}",
        status="dibuka",
        tanggal_mulai=start.isoformat(),
        tanggal_selesai=end.isoformat(),
    )
    opd = opd or d.A
    budget = await d.pen.put(
        f"/api/v1/anggaran/{opd}/{start.year}", json={"pagu": 10**9, "alokasi": 10**8}, headers=ANY_VERSION
    )
    assert budget.status_code == 200, budget.text
    proposed = await d.pen.post("/api/v1/usulan", json={"angkatan_id": batch["id"], "nips": list(nips), "opd_id": opd})
    assert proposed.status_code == 201, proposed.text
    made = []
    for usulan in proposed.json()["items"]:
        approved = await d.approve(usulan)
        assert approved.status_code == 200, approved.text
        status = f"/api/v1/peserta/{approved.json()['peserta_id']}/status"
        for step in ("hadir", outcome):
            moved = await d.pen.post(status, json={"status": step}, headers=ANY_VERSION)
            assert moved.status_code == 200, moved.text
        made.append(moved.json())
    return made


@pytest_asyncio.fixture
async def dunia_atasan(dunia: Dunia, pegawai_client: httpx.AsyncClient) -> Dunia:
    """The world with staff[1] supervising staff[0], staff[2] supervising staff[3]."""
    for report, boss in ((0, 1), (3, 2)):
        r = await pegawai_client.patch(
            f"/api/v1/pegawai/{dunia.nip(report)}", json={"atasan_nip": dunia.nip(boss)}, headers=ANY_VERSION
        )
        assert r.status_code == 200, r.text
    return dunia


def atasan(d: Dunia, i: int) -> dict[str, str]:
    return auth("atasan", nip=d.nip(i))


async def test_the_window_opens_months_after_the_batch_and_a_late_evaluation_is_marked(dunia_atasan: Dunia):
    d = dunia_atasan
    (early,) = await finished(d, "early", d.nip(0))
    opens = shift_months(ENDED["early"], FORM.mulai_bulan)
    refused = assert_problem(await d.pen.put(url(early), json=body()), 409, opens.isoformat())
    assert refused["type"].endswith("/dampak-belum-dibuka")
    assert_problem(await d.pen.get(url(early)), 404)  # nothing written

    (ready,) = await finished(d, "ready", d.nip(0))
    done = await d.pen.put(url(ready), json=body(3, 2, 4, 1, catatan="Menerapkan SOP asuhan keperawatan."))
    assert done.status_code == 200, done.text
    got = done.json()
    assert got["terlambat"] is False and done.headers["ETag"] == '"1"'
    assert (got["jendela_mulai"], got["jendela_selesai"]) == (
        shift_months(ENDED["ready"], 3).isoformat(),
        shift_months(ENDED["ready"], 6).isoformat(),
    )
    assert got["skor"] == dict(zip(ASPEK, (3, 2, 4, 1), strict=True)) and got["form_versi"] == FORM.versi
    assert [(r["aspek"], r["skor"], r["arti"]) for r in got["rincian"]] == [
        (k, s, FORM.aspek[k].skor[s]) for k, s in zip(ASPEK, (3, 2, 4, 1), strict=True)
    ]
    read = (await d.pen.get(url(ready))).json()
    assert same({**read, "dinilai_pada": None}, {**got, "dinilai_pada": None})

    # The window closed two months ago: still taken, marked late.
    (late,) = await finished(d, "late", d.nip(0))
    marked = await d.pen.put(url(late), json=body(rekomendasi="perlu_pengembangan_lanjutan"))
    assert marked.status_code == 200 and marked.json()["terlambat"] is True
    # Replacing an evaluation needs its ETag; being late stays what the first record was.
    assert_problem(await d.pen.put(url(late), json=body(4, 4, 4, 4)), 428)
    assert_problem(await d.pen.put(url(late), json=body(4, 4, 4, 4), headers={"If-Match": '"7"'}), 412)
    again = await d.pen.put(url(late), json=body(4, 4, 4, 4), headers={"If-Match": '"1"'})
    assert again.status_code == 200 and again.headers["ETag"] == '"2"'
    assert again.json()["terlambat"] is True and again.json()["skor"] == dict.fromkeys(ASPEK, 4)
    # Every write is in the audit log, before and after.
    log = await audit(d.pen, "evaluasi_dampak", entity_id=again.json()["id"])
    assert [(e["action"], (e["before"] or {}).get("skor"), e["after"]["skor"]) for e in log] == [
        ("update", dict.fromkeys(ASPEK, 3), dict.fromkeys(ASPEK, 4)),
        ("insert", None, dict.fromkeys(ASPEK, 3)),
    ]


async def test_only_a_passed_enrollment_is_evaluated(dunia_atasan: Dunia):
    d = dunia_atasan
    (failed,) = await finished(d, "ready", d.nip(0), outcome="tidak_lulus")
    refused = assert_problem(await d.pen.put(url(failed), json=body()), 409, "tidak_lulus")
    assert refused["type"].endswith("/dampak-bukan-lulus")
    assert_problem(await d.pen.put(url(failed), json=body(), headers=atasan(d, 1)), 409)
    # Nor a participant still registered (the world's batch ten days ahead).
    (usulan,) = await d.propose("askep", 1)
    registered = (await d.approve(usulan)).json()["peserta_id"]
    assert_problem(await d.pen.put(f"/api/v1/peserta/{registered}/evaluasi-dampak", json=body()), 409, "terdaftar")


async def test_the_direct_supervisor_and_the_admins_write_the_employee_reads(dunia_atasan: Dunia):
    d = dunia_atasan
    (p,) = await finished(d, "ready", d.nip(0))
    # The employee reads its own record but does not write the evaluation.
    own = assert_problem(await d.pen.put(url(p), json=body(), headers=d.as_pegawai(0)), 403)
    assert own["type"].endswith("/dampak-bukan-penilai")
    # Another atasan (staff[2] supervises staff[3], not staff[0]) does not see the enrollment at all.
    assert_problem(await d.pen.put(url(p), json=body(), headers=atasan(d, 2)), 404)
    # Nor does B's admin; the machine readers may never write.
    assert_problem(await d.pen.put(url(p), json=body(), headers=d.opd_b), 404)
    assert_problem(await d.pen.put(url(p), json=body(), headers=auth("integrasi")), 403)
    assert_problem(await d.pen.get(url(p), headers=d.as_pegawai(0)), 404)  # none written by any of them

    # The direct supervisor records it, signed with its NIP.
    done = await d.pen.put(url(p), json=body(2, 2, 3, 3), headers=atasan(d, 1))
    assert done.status_code == 200, done.text
    assert done.json()["dinilai_oleh_nip"] == d.nip(1)
    # A's admin may correct it (with the ETag), as BKPSDM may.
    fixed = await d.pen.put(url(p), json=body(3, 2, 3, 3), headers={**d.opd_a, "If-Match": '"1"'})
    assert fixed.status_code == 200 and fixed.json()["version"] == 2 and fixed.json()["dinilai_oleh_nip"] is None
    assert (await d.pen.put(url(p), json=body(3, 3, 3, 3), headers={"If-Match": '"2"'})).status_code == 200

    # Who reads it: the employee, its supervisor and the admins reaching it; not another atasan,
    # nor B's admin, nor another employee.
    for reader in (d.as_pegawai(0), atasan(d, 1), d.opd_a, {}, auth("integrasi")):
        r = await d.pen.get(url(p), headers=reader)
        assert r.status_code == 200 and r.json()["skor"] == dict.fromkeys(ASPEK, 3), r.text
    for stranger in (atasan(d, 2), d.opd_b, d.as_pegawai(3)):
        assert_problem(await d.pen.get(url(p), headers=stranger), 404)
    listed = {
        who: [e["nip"] for e in (await d.pen.get("/api/v1/evaluasi-dampak", headers=h)).json()["items"]]
        for who, h in (("self", d.as_pegawai(0)), ("atasan", atasan(d, 1)), ("other", atasan(d, 2)), ("b", d.opd_b))
    }
    assert listed == {"self": [d.nip(0)], "atasan": [d.nip(0)], "other": [], "b": []}


async def test_the_reminders_list_what_each_caller_is_to_evaluate(dunia_atasan: Dunia):
    d = dunia_atasan
    (ready0,) = await finished(d, "ready", d.nip(0))
    (late3,) = await finished(d, "late", d.nip(3))
    (ready1,) = await finished(d, "ready", d.nip(1))
    await finished(d, "early", d.nip(2))  # not due yet
    await finished(d, "ready", d.nip(2), outcome="tidak_lulus")  # never due
    (q,) = await finished(d, "ready", str(d.Q["nip"]), program="guru", opd=d.B)
    assert (await d.pen.put(url(ready1), json=body())).status_code == 200  # evaluated: no longer due

    async def due(headers: dict[str, str], **params: Any) -> list[tuple[str, bool]]:
        r = await d.pen.get("/api/v1/evaluasi-dampak/jatuh-tempo", params=params, headers=headers)
        assert r.status_code == 200, r.text
        return [(row["peserta_id"], row["lewat"]) for row in r.json()["items"]]

    # Oldest batch first: the overdue one leads.
    first, *rest = await due({})
    assert first == (late3["id"], True) and sorted(rest) == sorted([(ready0["id"], False), (q["id"], False)])
    everything = (await d.pen.get("/api/v1/evaluasi-dampak/jatuh-tempo")).json()
    assert everything["total"] == 3
    row = next(r for r in everything["items"] if r["peserta_id"] == late3["id"])
    assert (row["nip"], row["program_kode"], row["tanggal_selesai"], row["jendela_mulai"], row["jendela_selesai"]) == (
        d.nip(3),
        d.programs["askep"]["kode"],
        ENDED["late"].isoformat(),
        shift_months(ENDED["late"], 3).isoformat(),
        shift_months(ENDED["late"], 6).isoformat(),
    )
    assert await due({}, lewat="true") == [(late3["id"], True)]
    assert sorted(await due(d.opd_a)) == sorted([(late3["id"], True), (ready0["id"], False)])
    assert await due(d.opd_b) == [(q["id"], False)]
    # An atasan: its direct reports' only; an employee evaluates no one; machine roles never.
    assert await due(atasan(d, 1)) == [(ready0["id"], False)]
    assert await due(atasan(d, 2)) == [(late3["id"], True)]
    assert await due(d.as_pegawai(0)) == []
    assert_problem(await d.pen.get("/api/v1/evaluasi-dampak/jatuh-tempo", headers=auth("integrasi")), 403)
    paged = (await d.pen.get("/api/v1/evaluasi-dampak/jatuh-tempo", params={"limit": 1, "offset": 1})).json()
    assert (paged["total"], len(paged["items"])) == (3, 1)


async def test_the_summary_per_program_counts_and_averages_each_aspect(dunia_atasan: Dunia):
    d = dunia_atasan
    a0, a1 = await finished(d, "ready", d.nip(0), d.nip(1))
    (a3,) = await finished(d, "late", d.nip(3))
    (q,) = await finished(d, "ready", str(d.Q["nip"]), program="guru", opd=d.B)
    # askep: three evaluations, one late; guru: one.
    for p, scores, rec in (
        (a0, (3, 2, 4, 1), "cukup"),
        (a1, (4, 3, 3, 2), "cukup"),
        (a3, (4, 3, 1, 2), "perlu_pengembangan_lanjutan"),
        (q, (2, 2, 2, 2), "perlu_pengembangan_lanjutan"),
    ):
        r = await d.pen.put(url(p), json=body(*scores, rekomendasi=rec))
        assert r.status_code == 200, r.text

    async def summary(headers: dict[str, str] | None = None, **params: Any) -> dict[str, Any]:
        r = await d.pen.get("/api/v1/evaluasi-dampak/ringkasan", params=params, headers=headers or {})
        assert r.status_code == 200, r.text
        return {row["program_kode"]: row for row in r.json()["items"]}

    askep, guru = d.programs["askep"]["kode"], d.programs["guru"]["kode"]
    figures = await summary()
    assert list(figures) == sorted([askep, guru])
    # By hand: penerapan (3+4+4)/3 = 3.67, perubahan (2+3+3)/3 = 2.67, kontribusi (4+3+1)/3 = 2.67,
    # berbagi (1+2+2)/3 = 1.67.
    assert figures[askep]["jumlah"] == 3
    assert figures[askep]["rata_rata"] == dict(zip(ASPEK, (3.67, 2.67, 2.67, 1.67), strict=True))
    assert figures[askep]["rekomendasi"] == {"cukup": 2, "perlu_pengembangan_lanjutan": 1}
    assert figures[askep]["terlambat"] == 1
    assert (figures[guru]["jumlah"], figures[guru]["rata_rata"]) == (1, dict.fromkeys(ASPEK, 2.0))
    # Filters, and an OPD admin's reach: its own OPD's evaluations only.
    assert list(await summary(program_id=d.programs["guru"]["id"])) == [guru]
    assert list(await summary(opd_id=d.B)) == [guru]
    assert list(await summary(d.opd_b)) == [guru]
    assert (await summary(d.opd_a))[askep]["jumlah"] == 3
    assert await summary(tahun=2099) == {}
    assert_problem(await d.pen.get("/api/v1/evaluasi-dampak/ringkasan", headers=atasan(d, 1)), 403)
    # The list: the same filters.
    listed = (await d.pen.get("/api/v1/evaluasi-dampak", params={"program_id": d.programs["askep"]["id"]})).json()
    assert sorted(e["nip"] for e in listed["items"]) == sorted([d.nip(0), d.nip(1), d.nip(3)])
    late = (await d.pen.get("/api/v1/evaluasi-dampak", params={"terlambat": "true"})).json()["items"]
    assert [e["peserta_id"] for e in late] == [a3["id"]]
    rec = (await d.pen.get("/api/v1/evaluasi-dampak", params={"rekomendasi": "cukup"})).json()["items"]
    assert sorted(e["peserta_id"] for e in rec) == sorted([a0["id"], a1["id"]])
    assert_problem(await d.pen.get("/api/v1/evaluasi-dampak", params={"rekomendasi": "bagus"}), 422)


@pytest.mark.parametrize(
    ("sent", "field_code", "fragment"),
    [
        ({"skor": dict(zip(ASPEK[:3], (3, 3, 3), strict=True))}, "dampak-aspek-missing", ASPEK[3]),
        ({"skor": {**dict.fromkeys(ASPEK, 3), "kerapian": 3}}, "dampak-aspek-unknown", "kerapian"),
        ({"skor": {**dict.fromkeys(ASPEK, 3), ASPEK[0]: 5}}, "dampak-skor-range", f"{ASPEK[0]} = 5"),
        ({"skor": {**dict.fromkeys(ASPEK, 3), ASPEK[1]: 0}}, "dampak-skor-range", "1"),
        ({"skor": {**dict.fromkeys(ASPEK, 3), ASPEK[2]: "3"}}, "int_type", ""),
        ({"rekomendasi": "bagus"}, "dampak-rekomendasi-unknown", "perlu_pengembangan_lanjutan"),
        ({"catatan": "x" * 2001}, "too_long", "2000"),
        ({"catatan": "bel\x07"}, "control-character", ""),
    ],
)
async def test_scores_are_checked_against_the_form_and_nothing_is_written(
    dunia_atasan: Dunia, sent: dict[str, Any], field_code: str, fragment: str
):
    d = dunia_atasan
    (p,) = await finished(d, "ready", d.nip(0))
    r = await d.pen.put(url(p), json={**body(), **sent})
    problem = assert_problem(r, 422, fragment)
    assert field_code in [e["code"] for e in problem["errors"]], problem
    assert_problem(await d.pen.get(url(p)), 404)


async def test_the_form_is_read_from_the_rule_file(dunia: Dunia):
    r = await dunia.pen.get("/api/v1/evaluasi-dampak/formulir", headers=dunia.as_pegawai(0))
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["jendela_mulai_bulan"], got["jendela_selesai_bulan"], got["skala_min"], got["skala_max"]) == (
        3,
        6,
        1,
        4,
    )
    assert [a["kode"] for a in got["aspek"]] == ASPEK and all(len(a["skor"]) == 4 for a in got["aspek"])
    assert "Perlan 10/2018" in got["regulation"] and "Kirkpatrick" in got["model"]
    assert [x["kode"] for x in got["rekomendasi"]] == ["cukup", "perlu_pengembangan_lanjutan"]
