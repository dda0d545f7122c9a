"""pegawai's counts behind the merit evidence (getRekapJabatan, getRekapPegawai), on the world of
tests/gateway/sistem_merit_world.py, worked out by hand."""

from __future__ import annotations

import pytest_asyncio

from tests.gateway.sistem_merit_world import PROMO, MeritWorld, Y, build_merit
from tests.problem import assert_problem


@pytest_asyncio.fixture
async def world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client) -> MeritWorld:
    return await build_merit(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)


async def test_positions_counted_for_the_job_analysis_and_the_peta_jabatan(pegawai_client, world):
    r = await pegawai_client.get("/api/v1/jabatan/rekap")
    assert r.status_code == 200, r.text
    # JA (100 needed, 3 holders), JT (3, 1), JB (10, 1), JK (0, 1: no job description, no need).
    assert r.json() == {
        "unit_id": None,
        "jumlah_jabatan": 4,
        "dengan_anjab": 3,
        "dengan_kelas": 4,
        "dengan_kebutuhan": 3,
        "kebutuhan": 113,
        "bezetting": 6,
        "terisi": 5,
    }
    a1 = (await pegawai_client.get("/api/v1/jabatan/rekap", params={"unit_id": world.A1})).json()
    assert (a1["jumlah_jabatan"], a1["dengan_anjab"], a1["kebutuhan"], a1["bezetting"], a1["terisi"]) == (
        3,
        2,
        103,
        5,
        4,
    )
    own = (await pegawai_client.get("/api/v1/jabatan/rekap", headers=world.dunia.opd_b)).json()
    assert (own["jumlah_jabatan"], own["kebutuhan"], own["terisi"]) == (1, 10, 1)  # B's admin: JB only
    r = await pegawai_client.get("/api/v1/jabatan/rekap", params={"unit_id": world.A1}, headers=world.dunia.opd_b)
    assert_problem(r, 404)


async def test_record_completeness_and_the_promotions_of_a_year(pegawai_client, world):
    r = await pegawai_client.get("/api/v1/pegawai/rekap", params={"tahun": Y})
    assert r.status_code == 200, r.text
    body = r.json()
    # Seven serving: R has no education, Z no position.
    assert body["kelengkapan"] == {
        "jumlah_pegawai": 7,
        "dengan_pendidikan": 6,
        "dengan_golongan": 7,
        "dengan_jabatan": 6,
        "dengan_tanggal_lahir": 7,
        "lengkap": 5,
    }
    promoted = {(p["nip"], p["jabatan_id"], p["kelas_lama"], p["kelas_baru"], p["tmt"]) for p in body["promosi"]}
    assert promoted == {
        (world.nip(1), world.dunia.JT, 7, 9, PROMO.isoformat()),
        (world.nip(2), world.JK, 7, 8, PROMO.isoformat()),
    }
    # The first position of each (2020) is no promotion; another year has none.
    assert (await pegawai_client.get("/api/v1/pegawai/rekap", params={"tahun": 2020})).json()["promosi"] == []
    b = (await pegawai_client.get("/api/v1/pegawai/rekap", headers=world.dunia.opd_b)).json()
    assert (b["kelengkapan"]["jumlah_pegawai"], b["kelengkapan"]["lengkap"], b["promosi"]) == (2, 1, [])
