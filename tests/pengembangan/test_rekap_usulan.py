"""pengembangan's count behind the merit evidence (getRekapUsulan), on the world of
tests/gateway/sistem_merit_world.py, worked out by hand."""

from __future__ import annotations

import pytest_asyncio

from tests.gateway.sistem_merit_world import MeritWorld, Y, build_merit, passed_roster
from tests.problem import assert_problem


@pytest_asyncio.fixture
async def world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client) -> MeritWorld:
    return await build_merit(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)


async def test_approved_proposals_of_the_year_by_their_relevance(pengembangan_client, world):
    params = {"unit_id": world.root, "tahun": world.dunia.tahun}
    r = await pengembangan_client.get("/api/v1/usulan/rekap", params=params)
    assert r.status_code == 200, r.text
    # Staff 0 for askep (JA needs TEK-KES-T1: relevant), staff 3 for guru (approved with a reason).
    assert r.json() == {
        "unit_id": world.root,
        "tahun": world.dunia.tahun,
        "disetujui": 2,
        "relevan": 1,
        "tidak_relevan": 1,
        "belum_diperiksa": 0,
    }
    other_year = await pengembangan_client.get("/api/v1/usulan/rekap", params={"unit_id": world.root, "tahun": Y - 1})
    assert other_year.json()["disetujui"] == 0
    b = await pengembangan_client.get(
        "/api/v1/usulan/rekap", params={"unit_id": world.dunia.B}, headers=world.dunia.opd_b
    )
    assert b.json()["disetujui"] == 0
    r = await pengembangan_client.get("/api/v1/usulan/rekap", params={"unit_id": world.A1}, headers=world.dunia.opd_b)
    assert_problem(r, 404)


async def test_proposals_counted_over_a_roster_passed_as_over_pegawais(pengembangan_client, pegawai_client, world):
    url = "/api/v1/usulan/rekap"
    alone = await passed_roster(pengembangan_client, pegawai_client, world, url, url, tahun=world.dunia.tahun)
    assert (alone["disetujui"], alone["relevan"]) == (1, 1)  # staff 0's for askep


async def test_jp_compliance_counted_over_a_roster_passed_as_over_pegawais(pengembangan_client, pegawai_client, world):
    alone = await passed_roster(
        pengembangan_client, pegawai_client, world, "/api/v1/jp/kepatuhan", "/api/v1/jp/kepatuhan/rekap", tahun=Y
    )
    assert (alone["ringkasan"]["pns"]["jumlah"], alone["ringkasan"]["pns"]["memenuhi"]) == (1, 1)  # staff 0: 20 JP
    assert "items" not in alone  # the counts only: the roster passed carries no names
