"""The cadre school (sekolah kader): cohorts of BKPSDM read by everyone, a program of the kader
path, members added all or nothing and listed within reach, outcomes while a cohort runs, the
state rules, If-Match and the audit log."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text

from tests.conftest import ENGLISH, auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit, new_nip
from tests.pegawai.helpers import ANY_VERSION, audit_entries, if_match
from tests.pengembangan.conftest import make_program
from tests.problem import assert_problem

TODAY = date.today()
BASE = "/api/v1/sekolah-kader"


def kohort_body(kode: str = "SKP-01", **kw: Any) -> dict[str, Any]:
    return {
        "kode": kode,
        "nama": "Sekolah Kader Pengawas Angkatan I",
        "tahun": TODAY.year,
        "tanggal_mulai": (TODAY - timedelta(days=10)).isoformat(),
        "tanggal_selesai": (TODAY + timedelta(days=100)).isoformat(),
        **kw,
    }


async def make_kohort(client: httpx.AsyncClient, kode: str = "SKP-01", **kw: Any) -> dict[str, Any]:
    r = await client.post(BASE, json=kohort_body(kode, **kw))
    assert r.status_code == 201, r.text
    return dict(r.json())


def as_(app: Any, headers: dict[str, str]) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://p", headers={**ENGLISH, **headers}
    )


@pytest_asyncio.fixture
async def people(pegawai_client: httpx.AsyncClient) -> dict[str, Any]:
    root = await make_unit(pegawai_client, jenis="instansi")
    opd_a = await make_unit(pegawai_client, parent_id=root["id"], jenis="opd", nama="Dinas Kesehatan")
    opd_b = await make_unit(pegawai_client, parent_id=root["id"], jenis="opd", nama="Dinas Pendidikan")
    jab_a = await make_jabatan(pegawai_client, opd_a["id"], nama="Perawat Ahli Muda", jenis="ahli_muda")
    jab_b = await make_jabatan(pegawai_client, opd_b["id"], nama="Guru Ahli Muda", jenis="ahli_muda")
    return {
        "opd_a": opd_a,
        "opd_b": opd_b,
        "a1": (await make_pegawai(pegawai_client, jab_a["id"], nama="Ani Perawat"))["nip"],
        "a2": (await make_pegawai(pegawai_client, jab_a["id"], nama="Budi Perawat"))["nip"],
        "b1": (await make_pegawai(pegawai_client, jab_b["id"], nama="Citra Guru"))["nip"],
    }


async def add(client: httpx.AsyncClient, kohort: dict[str, Any], *nips: str, **kw: Any) -> httpx.Response:
    return await client.post(f"{BASE}/{kohort['id']}/anggota", json={"nips": list(nips)}, **kw)


async def members(client: httpx.AsyncClient, kohort: dict[str, Any], **params: Any) -> list[str]:
    r = await client.get(f"{BASE}/{kohort['id']}/anggota", params=params)
    assert r.status_code == 200, r.text
    return [m["nip"] for m in r.json()["items"]]


async def test_a_cohort_opens_in_selection_with_a_kader_program_and_every_role_reads_it(
    pengembangan_app, pengembangan_client
) -> None:
    c = pengembangan_client
    program = await make_program(c, "SK-PENGAWAS", nama="Sekolah Kader Pengawas", jenis="sekolah_kader")
    made = await c.post(BASE, json=kohort_body(program_id=program["id"]))
    assert made.status_code == 201, made.text
    kohort = made.json()
    assert (kohort["status"], kohort["program_kode"], kohort["jumlah_anggota"]) == ("seleksi", "SK-PENGAWAS", 0)
    assert kohort["rekap"] == {"peserta": 0, "lulus": 0, "tidak_lulus": 0, "mengundurkan_diri": 0}
    assert made.headers["etag"] == '"1"' and made.headers["location"] == f"{BASE}/{kohort['id']}"
    someone = new_nip(date(1990, 1, 1), (2015, 3))
    for role in (auth("pegawai", nip=someone), auth("admin_opd", opd=str(uuid.uuid4())), auth("atasan", nip=someone)):
        async with as_(pengembangan_app, role) as other:
            assert (await other.get(f"{BASE}/{kohort['id']}")).json()["kode"] == "SKP-01"
            assert [k["kode"] for k in (await other.get(BASE)).json()["items"]] == ["SKP-01"]
            assert_problem(await other.post(BASE, json=kohort_body("SKP-02")), 403)
            patched = await other.patch(f"{BASE}/{kohort['id']}", json={"nama": "Lain"}, headers=ANY_VERSION)
            assert_problem(patched, 403)
    by_program = await c.get(BASE, params={"program_id": program["id"], "tahun": TODAY.year, "status": "seleksi"})
    assert by_program.json()["total"] == 1
    assert (await c.get(BASE, params={"q": "pengawas"})).json()["total"] == 1
    assert (await c.get(BASE, params={"tahun": TODAY.year - 1})).json()["total"] == 0


async def test_bad_input_and_a_program_of_another_kind_are_refused_and_nothing_written(
    pengembangan_client, pengembangan_db
) -> None:
    c = pengembangan_client
    bimtek = await make_program(c, "BIMTEK-01")  # a bimtek: on the klasikal path
    kader = await make_program(c, "SK-01", jenis="sekolah_kader")
    unknown = "8c2e1a4b-6d7f-4a1e-b3c5-000000000009"
    for body, status, fragment in (
        (kohort_body(tanggal_selesai=(TODAY - timedelta(days=11)).isoformat()), 422, "before"),
        (kohort_body(program_id=bimtek["id"]), 422, "not a program of the cadre school"),
        (kohort_body(program_id=unknown), 422, "not in the catalogue"),
        (kohort_body(kode="skp kecil"), 422, ""),
        (kohort_body(nama="x" * 201), 422, ""),
        (kohort_body(nama="Sekolah\x07Kader"), 422, ""),
        (kohort_body(tahun=1999), 422, ""),
        (kohort_body(keterangan="x" * 2001), 422, ""),
        ({**kohort_body(), "status": "berjalan"}, 201, ""),  # ignored: a cohort always opens in selection
    ):
        answer = await c.post(BASE, json=body)
        if status == 201:
            assert answer.status_code == 201 and answer.json()["status"] == "seleksi", answer.text
        else:
            assert_problem(answer, status, fragment)
    assert [k["kode"] for k in (await c.get(BASE)).json()["items"]] == ["SKP-01"]
    kohort = (await c.get(BASE)).json()["items"][0]
    assert_problem(await c.post(BASE, json=kohort_body(nama="Nama lain")), 409, "SKP-01")
    url = f"{BASE}/{kohort['id']}"
    refused = assert_problem(await c.patch(url, json={"kode": "SKP-09"}, headers=ANY_VERSION), 422)
    assert refused["errors"][0]["code"] == "kader-kode-fixed"
    assert_problem(await c.patch(url, json={"program_id": bimtek["id"]}, headers=ANY_VERSION), 422, "BIMTEK-01")
    assert_problem(await c.patch(url, json={"nama": None}, headers=ANY_VERSION), 422)
    linked = await c.patch(url, json={"program_id": kader["id"]}, headers=if_match(kohort))
    assert linked.status_code == 200 and linked.json()["program_kode"] == "SK-01", linked.text
    unlinked = await c.patch(url, json={"program_id": None}, headers=if_match(linked.json()))
    assert (unlinked.json()["program_id"], unlinked.json()["program_kode"], unlinked.json()["version"]) == (
        None,
        None,
        3,
    )
    # Nor behind the API's back: the database refuses a new code too.
    async with pengembangan_db.unlocked() as session:
        with pytest.raises(Exception, match="never changes"):
            async with session.begin_nested():
                await session.execute(text("UPDATE kohort_kader SET kode = 'X' WHERE id = :id"), {"id": kohort["id"]})


async def test_the_catalogue_keeps_a_program_a_cohort_runs(pengembangan_client) -> None:
    c = pengembangan_client
    program = await make_program(c, "SK-01", jenis="sekolah_kader")
    await make_kohort(c, program_id=program["id"])
    url = f"/api/v1/program/{program['id']}"
    assert_problem(await c.patch(url, json={"jenis": "bimtek"}, headers=ANY_VERSION), 409, "cadre school")
    assert_problem(await c.delete(url, headers=ANY_VERSION), 409, "cadre school")
    assert (await c.get(url)).json()["jenis"] == "sekolah_kader"


async def test_members_are_added_all_or_nothing_with_the_name_and_unit_of_the_day(pengembangan_client, people) -> None:
    c = pengembangan_client
    kohort = await make_kohort(c)
    a1, a2, b1 = people["a1"], people["a2"], people["b1"]
    nobody = new_nip(date(1991, 2, 3), (2016, 1))
    missing = assert_problem(await add(c, kohort, a1, nobody), 404, nobody)
    assert missing["missing"] == [nobody]
    assert_problem(await add(c, kohort, a1, a2, a1), 422, a1)  # listed twice
    assert_problem(await add(c, kohort, *[new_nip() for _ in range(501)]), 422)  # more than 500
    assert_problem(await add(c, kohort, "12345"), 422)
    assert await members(c, kohort) == []
    added = await add(c, kohort, a2, a1)
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["ditambahkan"] == 2 and [m["nip"] for m in body["items"]] == [a2, a1]
    first = body["items"][1]
    assert (first["nama_pegawai"], first["unit_nama"], first["hasil"], first["version"]) == (
        "Ani Perawat, S.Kom.",
        "Dinas Kesehatan",
        "peserta",
        1,
    )
    # One already in: 409 naming it, and the other is not added either.
    duplicate = assert_problem(await add(c, kohort, b1, a2), 409, a2)
    assert duplicate["duplicates"] == [a2]
    assert await members(c, kohort) == [a1, a2]  # by name
    assert (await c.get(f"{BASE}/{kohort['id']}")).json()["jumlah_anggota"] == 2
    # Audited, one entry per member.
    entries = await audit_entries(c, "anggota_kader", first["id"])
    assert [(e["action"], e["after"]["nip"], e["after"]["hasil"]) for e in entries] == [("insert", a1, "peserta")]
    assert entries[0]["actor"] == "test-admin_bkpsdm"


async def test_a_retried_bulk_add_replays_its_answer(pengembangan_client, people) -> None:
    c = pengembangan_client
    kohort = await make_kohort(c)
    key = {"Idempotency-Key": "kader-add-1"}
    first = await add(c, kohort, people["a1"], headers=key)
    again = await add(c, kohort, people["a1"], headers=key)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert await members(c, kohort) == [people["a1"]]


async def test_members_are_listed_within_the_callers_reach_and_cohorts_by_member_too(
    pengembangan_app, pengembangan_client, people
) -> None:
    c = pengembangan_client
    a1, a2, b1 = people["a1"], people["a2"], people["b1"]
    kohort = await make_kohort(c)
    other = await make_kohort(c, "SKP-02")
    assert (await add(c, kohort, a1, a2, b1)).status_code == 201
    assert (await add(c, other, b1)).status_code == 201
    url = f"{BASE}/{kohort['id']}"
    opd_a = auth("admin_opd", opd=people["opd_a"]["id"])
    async with as_(pengembangan_app, opd_a) as admin_a:
        assert await members(admin_a, kohort) == [a1, a2]
        assert_problem(await admin_a.get(f"{url}/anggota/{b1}"), 404)
        assert (await admin_a.get(f"{url}/anggota/{a2}")).status_code == 200
        assert [k["kode"] for k in (await admin_a.get(BASE, params={"nip": a1})).json()["items"]] == ["SKP-01"]
        assert (await admin_a.get(BASE, params={"nip": b1})).json()["items"] == []  # not its employee
        # The cohort itself, and its counts, are everyone's.
        assert (await admin_a.get(url)).json()["jumlah_anggota"] == 3
    async with as_(pengembangan_app, auth("pegawai", nip=a1)) as self_:
        assert await members(self_, kohort) == [a1]
        own = await self_.get(f"{url}/anggota/{a1}")
        assert own.status_code == 200 and own.headers["etag"] == '"1"'
        assert_problem(await self_.get(f"{url}/anggota/{a2}"), 404)
        assert [k["kode"] for k in (await self_.get(BASE, params={"nip": a1})).json()["items"]] == ["SKP-01"]
        assert (await self_.get(BASE, params={"nip": b1})).json()["items"] == []
        assert (await self_.get(BASE)).json()["total"] == 2  # every cohort, without the filter
    mine = await c.get(BASE, params={"nip": b1})
    assert [k["kode"] for k in mine.json()["items"]] == ["SKP-01", "SKP-02"]
    assert_problem(await c.get(f"{url}/anggota/{new_nip(date(1991, 2, 3), (2016, 1))}"), 404)


async def test_a_cohort_runs_with_members_records_outcomes_and_closes_when_all_are_in(
    pengembangan_client, people
) -> None:
    c = pengembangan_client
    a1, a2 = people["a1"], people["a2"]
    kohort = await make_kohort(c)
    url = f"{BASE}/{kohort['id']}"
    assert_problem(await c.patch(url, json={"status": "berjalan"}, headers=ANY_VERSION), 409, "no members")
    assert (await add(c, kohort, a1, a2)).status_code == 201
    member = f"{url}/anggota/{a1}"
    # In selection: a note, not an outcome.
    assert_problem(await c.patch(member, json={"hasil": "lulus"}, headers=ANY_VERSION), 409, "only while it runs")
    noted = await c.patch(member, json={"keterangan": "Usulan Dinas Kesehatan"}, headers=ANY_VERSION)
    assert noted.status_code == 200 and noted.json()["version"] == 2
    assert_problem(await c.patch(url, json={"status": "selesai"}, headers=ANY_VERSION), 409, "seleksi")
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    future = await c.patch(url, json={"status": "berjalan", "tanggal_mulai": tomorrow}, headers=ANY_VERSION)
    assert_problem(future, 422, "not started")
    started = await c.patch(url, json={"status": "berjalan"}, headers=ANY_VERSION)
    assert started.status_code == 200 and started.json()["status"] == "berjalan", started.text
    # Running: members stay (withdrawal is an outcome), none joins.
    assert_problem(await add(c, kohort, people["b1"]), 409, "selection")
    assert_problem(await c.delete(member, headers=ANY_VERSION), 409, "selection")
    # Outcomes need the member's version.
    assert_problem(await c.patch(member, json={"hasil": "lulus"}), 428)
    assert_problem(await c.patch(member, json={"hasil": "lulus"}, headers={"If-Match": '"1"'}), 412)
    assert_problem(await c.patch(member, json={"hasil": "gagal"}, headers=ANY_VERSION), 422)
    assert_problem(await c.patch(member, json={"hasil": None}, headers=ANY_VERSION), 422)
    passed = await c.patch(member, json={"hasil": "lulus"}, headers=if_match(noted.json()))
    assert passed.status_code == 200 and passed.json()["hasil"] == "lulus", passed.text
    assert passed.headers["etag"] == '"3"'
    unfinished = await c.patch(url, json={"status": "selesai"}, headers=ANY_VERSION)
    assert_problem(unfinished, 409, "1 members are still peserta")
    quit_ = await c.patch(f"{url}/anggota/{a2}", json={"hasil": "mengundurkan_diri"}, headers=ANY_VERSION)
    assert quit_.status_code == 200
    assert (await members(c, kohort, hasil="lulus")) == [a1]
    done = await c.patch(url, json={"status": "selesai"}, headers=ANY_VERSION)
    assert done.status_code == 200, done.text
    assert done.json()["rekap"] == {"peserta": 0, "lulus": 1, "tidak_lulus": 0, "mengundurkan_diri": 1}
    # Finished: neither the cohort nor its members change any more.
    assert_problem(await c.patch(url, json={"nama": "Nama lain"}, headers=ANY_VERSION), 409, "no longer changes")
    assert_problem(await c.patch(url, json={"status": "dibatalkan"}, headers=ANY_VERSION), 409)
    assert_problem(await c.patch(member, json={"hasil": "tidak_lulus"}, headers=ANY_VERSION), 409)
    assert_problem(await c.patch(member, json={"keterangan": "x"}, headers=ANY_VERSION), 409)
    assert_problem(await c.delete(url, headers=ANY_VERSION), 409)
    assert (await c.get(member)).json()["hasil"] == "lulus"
    # Audited: the member's outcome and the cohort's moves.
    outcome = await audit_entries(c, "anggota_kader", passed.json()["id"])
    assert [(e["action"], e["after"]["hasil"]) for e in outcome][:2] == [("update", "lulus"), ("update", "peserta")]
    moves = await audit_entries(c, "kohort_kader", kohort["id"])
    assert [e["after"]["status"] for e in moves] == ["selesai", "berjalan", "seleksi"]


async def test_members_are_removed_and_cohorts_deleted_or_cancelled_only_in_selection(
    pengembangan_client, people
) -> None:
    c = pengembangan_client
    kohort = await make_kohort(c)
    url = f"{BASE}/{kohort['id']}"
    added = (await add(c, kohort, people["a1"], people["a2"])).json()["items"]
    member = f"{url}/anggota/{people['a1']}"
    assert_problem(await c.delete(member), 428)
    assert_problem(await c.delete(member, headers={"If-Match": '"7"'}), 412)
    assert (await c.delete(member, headers=if_match(added[0]))).status_code == 204
    assert_problem(await c.get(member), 404)
    assert await members(c, kohort) == [people["a2"]]
    gone = await audit_entries(c, "anggota_kader", added[0]["id"])
    assert [e["action"] for e in gone] == ["delete", "insert"]
    assert_problem(await c.delete(url, headers=ANY_VERSION), 409, "1 members")
    # Removed, the employee may be selected again.
    assert (await add(c, kohort, people["a1"])).status_code == 201
    cancelled = await c.patch(url, json={"status": "dibatalkan"}, headers=ANY_VERSION)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "dibatalkan"
    assert_problem(await c.patch(url, json={"status": "seleksi"}, headers=ANY_VERSION), 409)
    assert_problem(await add(c, kohort, people["b1"]), 409)
    empty = await make_kohort(c, "SKP-02")
    assert (await c.delete(f"{BASE}/{empty['id']}", headers=if_match(empty))).status_code == 204
    assert_problem(await c.get(f"{BASE}/{empty['id']}"), 404)
    assert [k["kode"] for k in (await c.get(BASE)).json()["items"]] == ["SKP-01"]
