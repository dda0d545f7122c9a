"""kompetensi's counts behind the merit evidence (getRekapStandarKompetensi, getRekapAsesmen), on
the world of tests/gateway/sistem_merit_world.py, worked out by hand."""

from __future__ import annotations

import pytest_asyncio

from shared.dates import shift_years
from tests.gateway.sistem_merit_world import TODAY, MeritWorld, build_merit, passed_roster
from tests.problem import assert_problem


@pytest_asyncio.fixture
async def world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client) -> MeritWorld:
    return await build_merit(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)


async def test_standards_counted_by_kind_of_competency(kompetensi_client, world):
    d = world.dunia
    ids = [d.JA, d.JT, d.JB, world.JK]
    r = await kompetensi_client.post("/api/v1/standar-kompetensi/rekap", json={"jabatan_ids": ids})
    assert r.status_code == 200, r.text
    found = {i["jabatan_id"]: (i["manajerial"], i["sosial_kultural"], i["teknis"]) for i in r.json()["items"]}
    assert found == {d.JA: (0, 0, 1), d.JT: (1, 1, 1), d.JB: (0, 0, 1)}  # JK has none: absent
    r = await kompetensi_client.post("/api/v1/standar-kompetensi/rekap", json={"jabatan_ids": ids}, headers=d.opd_b)
    assert_problem(r, 404)  # B's admin does not reach A's positions


async def test_standards_of_positions_from_pegawai_change_no_reach(kompetensi_client, world):
    """`dari_pegawai` (the gateway's merit evidence): the same answer for the positions pegawai
    listed; only a caller that reaches everything is taken at its word, anyone else's reach is still
    pegawai's (B's admin: 404 for A's positions)."""
    d = world.dunia
    url = "/api/v1/standar-kompetensi/rekap"
    ids = [d.JA, d.JT, d.JB, world.JK]
    plain = await kompetensi_client.post(url, json={"jabatan_ids": ids})
    hinted = await kompetensi_client.post(url, json={"jabatan_ids": ids, "dari_pegawai": True})
    assert hinted.status_code == 200, hinted.text
    assert hinted.json() == plain.json()
    r = await kompetensi_client.post(url, json={"jabatan_ids": ids, "dari_pegawai": True}, headers=d.opd_b)
    assert_problem(r, 404)
    own = await kompetensi_client.post(url, json={"jabatan_ids": [d.JB], "dari_pegawai": True}, headers=d.opd_b)
    assert [i["jabatan_id"] for i in own.json()["items"]] == [d.JB]


async def test_employees_measured_within_the_years_per_kind_of_position(kompetensi_client, world):
    r = await kompetensi_client.get("/api/v1/asesmen/rekap", params={"unit_id": world.root})
    assert r.status_code == 200, r.text
    body = r.json()
    # Staff 0 and 1 measured in 2025 (and staff 1 lately); Q four years ago; the rest never.
    assert (body["jumlah_pegawai"], body["diukur"], body["sejak"]) == (7, 2, shift_years(TODAY, -3).isoformat())
    assert body["per_jenis_jabatan"] == {
        "administrator": {"jumlah": 1, "diukur": 1},
        "pelaksana": {"jumlah": 4, "diukur": 1},
        "pengawas": {"jumlah": 1, "diukur": 0},
        "tanpa_jabatan": {"jumlah": 1, "diukur": 0},
    }
    assert "hasil_pelatihan" not in body["metode"]
    five = (
        await kompetensi_client.get("/api/v1/asesmen/rekap", params={"unit_id": world.root, "tahun_terakhir": 5})
    ).json()
    assert five["diukur"] == 3  # Q's assessment counts within five years
    only = {"unit_id": world.root, "metode": "penilaian_atasan"}
    assert (await kompetensi_client.get("/api/v1/asesmen/rekap", params=only)).json()["diukur"] == 0
    r = await kompetensi_client.get("/api/v1/asesmen/rekap", params={"unit_id": world.A1}, headers=world.dunia.opd_b)
    assert_problem(r, 404)


async def test_measured_over_a_roster_passed_as_over_pegawais(kompetensi_client, pegawai_client, world):
    url = "/api/v1/asesmen/rekap"
    alone = await passed_roster(kompetensi_client, pegawai_client, world, url, url, tahun_terakhir=5)
    assert alone["per_jenis_jabatan"] == {"pelaksana": {"jumlah": 1, "diukur": 1}}  # staff 0, as pegawai lists it
