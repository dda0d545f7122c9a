"""kinerja's counts behind the merit evidence (getRekapSkp, getRekapHukumanDisiplin), on the world
of tests/gateway/sistem_merit_world.py, worked out by hand."""

from __future__ import annotations

import pytest_asyncio

from tests.conftest import auth
from tests.gateway.sistem_merit_world import MeritWorld, Y, build_merit, passed_roster
from tests.problem import assert_problem


@pytest_asyncio.fixture
async def world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client) -> MeritWorld:
    return await build_merit(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)


async def test_skps_of_the_year_counted_by_state(kinerja_client, world):
    r = await kinerja_client.get("/api/v1/skp/rekap", params={"unit_id": world.root, "tahun": Y})
    assert r.status_code == 200, r.text
    # Staff 0 final, staff 3 agreed, R a draft; of seven serving.
    assert r.json() == {
        "unit_id": world.root,
        "tahun": Y,
        "jumlah_pegawai": 7,
        "dengan_skp": 3,
        "disetujui": 2,
        "dengan_predikat": 1,
    }
    b = (
        await kinerja_client.get("/api/v1/skp/rekap", params={"unit_id": world.dunia.B}, headers=world.dunia.opd_b)
    ).json()
    assert (b["jumlah_pegawai"], b["dengan_skp"]) == (2, 0)
    r = await kinerja_client.get("/api/v1/skp/rekap", params={"unit_id": world.A1}, headers=world.dunia.opd_b)
    assert_problem(r, 404)


async def test_skps_counted_over_a_roster_passed_as_over_pegawais(kinerja_client, pegawai_client, world):
    url = "/api/v1/skp/rekap"
    alone = await passed_roster(kinerja_client, pegawai_client, world, url, url, tahun=Y)
    assert (alone["jumlah_pegawai"], alone["dengan_skp"], alone["dengan_predikat"]) == (1, 1, 1)  # staff 0: final


async def test_sanctions_of_the_year_with_their_sk_and_only_for_the_admins(kinerja_client, world):
    r = await kinerja_client.get("/api/v1/hukuman-disiplin/rekap", params={"tahun": Y})
    assert r.status_code == 200, r.text
    assert r.json() == {"unit_id": None, "tahun": Y, "jumlah": 1, "dengan_sk": 1}  # last year's is another year
    last = (await kinerja_client.get("/api/v1/hukuman-disiplin/rekap", params={"tahun": Y - 1})).json()
    assert (last["jumlah"], last["dengan_sk"]) == (1, 1)
    a = (await kinerja_client.get("/api/v1/hukuman-disiplin/rekap", headers=world.dunia.opd_a)).json()
    b = (await kinerja_client.get("/api/v1/hukuman-disiplin/rekap", headers=world.dunia.opd_b)).json()
    assert (a["jumlah"], b["jumlah"]) == (1, 0)  # R serves in A
    in_b = await kinerja_client.get("/api/v1/hukuman-disiplin/rekap", params={"unit_id": world.dunia.B})
    assert in_b.json()["jumlah"] == 0
    for role in ("integrasi", "layanan"):
        assert_problem(await kinerja_client.get("/api/v1/hukuman-disiplin/rekap", headers=auth(role)), 403)
