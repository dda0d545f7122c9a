"""Impossible dates are refused with a 422 naming the field, and nothing is written."""

from datetime import date, timedelta

import pytest

from pegawai.pegawai.tanggal import latest_tmt
from tests.pegawai.factories import make_pegawai, new_nip
from tests.problem import assert_problem

TOO_FAR = (latest_tmt() + timedelta(days=1)).isoformat()
NEXT_YEAR = date.today().year + 1
# new_nip() defaults: born 1985-03-12, TMT CPNS 2010-01.
BEFORE_CPNS = "2009-12-31"


def assert_field(r, field: str, fragment: str) -> None:
    body = assert_problem(r, 422, fragment)
    assert [e["field"] for e in body["errors"]] == [field], body["errors"]


async def count(client) -> int:
    return (await client.get("/api/v1/pegawai", params={"limit": 1})).json()["total"]


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"tmt_golongan": TOO_FAR}, "tmt_golongan", "more than a year ahead"),
        ({"tmt_golongan": BEFORE_CPNS}, "tmt_golongan", "before the TMT CPNS 2010-01"),
        ({"tmt_jabatan": TOO_FAR}, "tmt_jabatan", "more than a year ahead"),
        ({"tmt_jabatan": BEFORE_CPNS}, "tmt_jabatan", "before the TMT CPNS 2010-01"),
        ({"pendidikan_tahun_lulus": NEXT_YEAR}, "pendidikan_tahun_lulus", "in the future"),
        ({"pendidikan_tahun_lulus": 1984}, "pendidikan_tahun_lulus", "born 1985"),
    ],
)
async def test_new_employee_with_an_impossible_date_is_refused(pegawai_client, org, overrides, field, fragment):
    before = await count(pegawai_client)
    body = {
        "nip": new_nip(),
        "nama": "Budi",
        "status_kepegawaian": "PNS",
        "golongan": "III/a",
        "tmt_golongan": "2010-01-01",
        "pendidikan_tingkat": "S1",
        "jabatan_id": org["jab_a"]["id"],
        **overrides,
    }
    assert_field(await pegawai_client.post("/api/v1/pegawai", json=body), field, fragment)
    assert await count(pegawai_client) == before


async def test_an_sk_may_take_effect_up_to_a_year_ahead(pegawai_client, org):
    ahead = latest_tmt().isoformat()
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"], tmt_golongan="2010-01-01")
    r = await pegawai_client.post(
        f"/api/v1/pegawai/{p['nip']}/riwayat-golongan", json={"golongan": "III/c", "tmt": ahead}
    )
    assert r.status_code == 201, r.text
    moved = await pegawai_client.post(
        f"/api/v1/pegawai/{p['nip']}/mutasi",
        json={"jabatan_id": org["jab_b"]["id"], "tmt": ahead},
        headers={"If-Match": "*"},
    )
    assert moved.status_code == 200, moved.text


@pytest.mark.parametrize(
    ("tmt", "fragment"), [(TOO_FAR, "more than a year ahead"), (BEFORE_CPNS, "before the TMT CPNS 2010-01")]
)
async def test_kenaikan_golongan_with_an_impossible_tmt_is_refused(pegawai_client, org, tmt, fragment):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    url = f"/api/v1/pegawai/{p['nip']}"
    assert_field(
        await pegawai_client.post(f"{url}/riwayat-golongan", json={"golongan": "III/c", "tmt": tmt}), "tmt", fragment
    )
    assert len((await pegawai_client.get(f"{url}/riwayat-golongan")).json()) == 1
    assert (await pegawai_client.get(url)).json()["version"] == p["version"]


@pytest.mark.parametrize(
    ("tmt", "fragment"), [(TOO_FAR, "more than a year ahead"), (BEFORE_CPNS, "before the TMT CPNS 2010-01")]
)
async def test_mutasi_with_an_impossible_tmt_is_refused(pegawai_client, org, tmt, fragment):
    p = await make_pegawai(pegawai_client, unit_id=org["bidang_a"]["id"])  # no position yet, so no earlier TMT jabatan
    url = f"/api/v1/pegawai/{p['nip']}"
    moved = await pegawai_client.post(
        f"{url}/mutasi", json={"jabatan_id": org["jab_a"]["id"], "tmt": tmt}, headers={"If-Match": "*"}
    )
    assert_field(moved, "tmt", fragment)
    assert (await pegawai_client.get(url)).json()["jabatan_id"] is None
    assert (await pegawai_client.get(f"{url}/riwayat-jabatan")).json() == []


@pytest.mark.parametrize(
    ("tahun", "fragment"), [(NEXT_YEAR, "in the future"), (1984, "born 1985"), (1988, "born 1985")]
)
async def test_education_with_an_impossible_year_is_refused(pegawai_client, org, tahun, fragment):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    url = f"/api/v1/pegawai/{p['nip']}"
    assert_field(
        await pegawai_client.post(f"{url}/riwayat-pendidikan", json={"tingkat": "S2", "tahun_lulus": tahun}),
        "tahun_lulus",
        fragment,
    )
    assert [e["tingkat"] for e in (await pegawai_client.get(f"{url}/riwayat-pendidikan")).json()] == ["S1"]
