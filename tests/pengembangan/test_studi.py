"""Further study (tugas belajar, izin belajar): one running study per employee, dates, reach,
the end recorded once, If-Match and audit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest_asyncio

from tests.conftest import auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.pegawai.helpers import ANY_VERSION, audit_entries, if_match
from tests.problem import assert_problem


def studi_body(nip: str, **kw: Any) -> dict[str, Any]:
    return {
        "nip": nip,
        "jenis": "tugas_belajar",
        "jenjang": "S2",
        "institusi": "Universitas Diponegoro",
        "jurusan": "Magister Kesehatan Masyarakat",
        "nomor_sk": "800/123/BKPSDM/2025",
        "tanggal_mulai": "2025-08-25",
        "tanggal_selesai": "2027-08-24",
        **kw,
    }


@pytest_asyncio.fixture
async def people(pegawai_client: httpx.AsyncClient) -> dict[str, Any]:
    root = await make_unit(pegawai_client, jenis="instansi")
    opd_a = await make_unit(pegawai_client, parent_id=root["id"], jenis="opd", nama="Dinas Kesehatan")
    opd_b = await make_unit(pegawai_client, parent_id=root["id"], jenis="opd", nama="Dinas Pendidikan")
    jab_a = await make_jabatan(pegawai_client, opd_a["id"], nama="Perawat Ahli Muda", jenis="ahli_muda")
    jab_b = await make_jabatan(pegawai_client, opd_b["id"], nama="Guru Ahli Muda", jenis="ahli_muda")
    return {
        "opd_a": opd_a,
        "a1": await make_pegawai(pegawai_client, jab_a["id"], nama="Ani Perawat"),
        "a2": await make_pegawai(pegawai_client, jab_a["id"], nama="Budi Perawat"),
        "b1": await make_pegawai(pegawai_client, jab_b["id"], nama="Citra Guru"),
    }


async def test_a_study_is_recorded_with_the_name_and_unit_of_the_day_and_read_within_reach(
    pengembangan_app, pengembangan_client, people
) -> None:
    a1, b1 = people["a1"]["nip"], people["b1"]["nip"]
    made = await pengembangan_client.post("/api/v1/studi-lanjut", json=studi_body(a1))
    assert made.status_code == 201, made.text
    study = made.json()
    assert study["status"] == "berjalan" and study["nama_pegawai"].startswith("Ani Perawat")
    assert made.headers["etag"] and made.headers["location"] == f"/api/v1/studi-lanjut/{study['id']}"
    await pengembangan_client.post("/api/v1/studi-lanjut", json=studi_body(b1, jenis="izin_belajar", jenjang="S1"))
    opd_a = auth("admin_opd", opd=people["opd_a"]["id"])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=pengembangan_app), base_url="http://p") as c:
        listed = (await c.get("/api/v1/studi-lanjut", headers=opd_a)).json()["items"]
        assert [s["nip"] for s in listed] == [a1]  # B's employee is not in A's reach
        assert (await c.get(f"/api/v1/studi-lanjut/{study['id']}", headers=auth("pegawai", nip=a1))).status_code == 200
        other = await c.get(f"/api/v1/studi-lanjut/{study['id']}", headers=auth("pegawai", nip=people["a2"]["nip"]))
        assert_problem(other, 404)
        refused = await c.post("/api/v1/studi-lanjut", json=studi_body(b1), headers=opd_a)
        assert_problem(refused, 404)  # out of reach: as if B's employee did not exist
        own = await c.post("/api/v1/studi-lanjut", json=studi_body(a1), headers=auth("pegawai", nip=a1))
        assert_problem(own, 403)
    tahun = await pengembangan_client.get("/api/v1/studi-lanjut", params={"tahun": 2026, "jenis": "izin_belajar"})
    assert [s["nip"] for s in tahun.json()["items"]] == [b1]


async def test_bad_input_and_a_second_running_study_are_refused_and_nothing_written(
    pengembangan_client, people
) -> None:
    a1 = people["a1"]["nip"]
    c = pengembangan_client
    for body, status in (
        (studi_body(a1, tanggal_selesai="2025-08-24"), 422),  # ends before it starts
        (studi_body(a1, jenjang="SMA"), 422),
        (studi_body(a1, jenis="diklat"), 422),
        (studi_body(a1, institusi="x" * 201), 422),
        (studi_body(a1, jurusan="Kesehatan\x07"), 422),
    ):
        assert_problem(await c.post("/api/v1/studi-lanjut", json=body), status)
    assert (await c.get("/api/v1/studi-lanjut")).json()["items"] == []
    first = await c.post("/api/v1/studi-lanjut", json=studi_body(a1))
    assert first.status_code == 201
    second = await c.post("/api/v1/studi-lanjut", json=studi_body(a1, jenis="izin_belajar"))
    assert_problem(second, 409)
    assert len((await c.get("/api/v1/studi-lanjut", params={"nip": a1})).json()["items"]) == 1


async def test_a_study_ends_once_and_then_no_longer_changes(pengembangan_client, people) -> None:
    a1 = people["a1"]["nip"]
    c = pengembangan_client
    study = (await c.post("/api/v1/studi-lanjut", json=studi_body(a1))).json()
    path = f"/api/v1/studi-lanjut/{study['id']}"
    assert_problem(await c.patch(path, json={"tanggal_selesai": "2027-12-31"}), 428)
    changed = await c.patch(path, json={"tanggal_selesai": "2027-12-31"}, headers=if_match(study))
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = await c.post(
        f"{path}/selesai", json={"status": "dibatalkan", "tanggal": "2026-01-05"}, headers=if_match(study)
    )
    assert_problem(stale, 412)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    future = await c.post(f"{path}/selesai", json={"status": "dibatalkan", "tanggal": tomorrow}, headers=ANY_VERSION)
    assert_problem(future, 422)
    before = await c.post(
        f"{path}/selesai", json={"status": "dibatalkan", "tanggal": "2025-01-01"}, headers=ANY_VERSION
    )
    assert_problem(before, 422)
    diploma = {"status": "tidak_lulus", "tanggal": "2026-01-05", "nomor_ijazah": "X/1"}
    assert_problem(await c.post(f"{path}/selesai", json=diploma, headers=ANY_VERSION), 422)
    ended = await c.post(f"{path}/selesai", json={"status": "dibatalkan", "tanggal": "2026-01-05"}, headers=ANY_VERSION)
    assert ended.status_code == 200, ended.text
    assert (ended.json()["status"], ended.json()["tanggal_akhir"]) == ("dibatalkan", "2026-01-05")
    again = await c.post(f"{path}/selesai", json={"status": "lulus", "tanggal": "2026-01-06"}, headers=ANY_VERSION)
    assert_problem(again, 409)
    assert_problem(await c.patch(path, json={"jurusan": "Lain"}, headers=ANY_VERSION), 409)
    # ended: a new study may start
    assert (await c.post("/api/v1/studi-lanjut", json=studi_body(a1, tanggal_mulai="2026-02-01"))).status_code == 201
    entries = await audit_entries(c, "studi_lanjut", study["id"])
    assert [e["action"] for e in entries][:3] == ["update", "update", "insert"]
    assert entries[0]["after"]["status"] == "dibatalkan"
    deleted = await c.delete(path, headers=ANY_VERSION)
    assert deleted.status_code == 204
    assert_problem(await c.get(path), 404)


async def test_graduation_reaches_the_employees_education_in_pegawai_through_the_outbox(
    pengembangan_app, pengembangan_client, pegawai_app, pegawai_client, people
) -> None:
    from shared.outbox import Relay

    a1 = people["a1"]["nip"]
    c = pengembangan_client
    study = (await c.post("/api/v1/studi-lanjut", json=studi_body(a1, tanggal_mulai="2023-08-28"))).json()
    done = {"status": "lulus", "tanggal": "2025-08-20", "nomor_ijazah": "UNDIP/S2/2025/00123"}
    ended = await c.post(f"/api/v1/studi-lanjut/{study['id']}/selesai", json=done, headers=if_match(study))
    assert ended.status_code == 200, ended.text
    pending = (await c.get("/api/v1/outbox", params={"target": "pegawai"})).json()["items"]
    assert [(m["method"], m["path"], m["status"]) for m in pending] == [
        ("POST", f"/api/v1/pegawai/{a1}/riwayat-pendidikan", "pending")
    ]
    # The relay (in a deployment, the app runs it) delivers it to pegawai with its own token.
    relay = Relay(
        pengembangan_app.state.db,
        pengembangan_app.state.settings,
        targets=("pegawai",),
        transports={"pegawai": httpx.ASGITransport(app=pegawai_app)},
    )
    try:
        assert await relay.run_once() == 1
    finally:
        await relay.aclose()
    history = (await pegawai_client.get(f"/api/v1/pegawai/{a1}/riwayat-pendidikan")).json()
    assert {(h["tingkat"], h["jurusan"], h["institusi"], h["tahun_lulus"]) for h in history} >= {
        ("S2", "Magister Kesehatan Masyarakat", "Universitas Diponegoro", 2025)
    }
    assert (await c.get("/api/v1/outbox", params={"target": "pegawai"})).json()["items"] == []
    # A study that did not end in graduation sends nothing.
    other = (await c.post("/api/v1/studi-lanjut", json=studi_body(people["a2"]["nip"]))).json()
    quit_ = {"status": "dibatalkan", "tanggal": "2025-09-01"}
    assert (await c.post(f"/api/v1/studi-lanjut/{other['id']}/selesai", json=quit_, headers=ANY_VERSION)).is_success
    assert (await c.get("/api/v1/outbox", params={"target": "pegawai"})).json()["items"] == []
