"""Every creating or acting POST honours Idempotency-Key: a retry creates nothing new and gets
the first answer back; the same key with another body is refused."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import auth
from tests.pegawai.factories import code, make_pegawai
from tests.problem import assert_problem


@dataclass
class Case:
    url: str
    body: dict[str, Any]
    other: dict[str, Any]
    rows: Callable[[], Awaitable[int]]  # how many records the POST creates, counted through the API


async def _total(client, url: str, **params: Any) -> int:
    return (await client.get(url, params=params)).json()["total"]


async def unit(client, org) -> Case:
    kode = code("U")
    body = {"kode": kode, "nama": "Seksi Baru", "jenis": "seksi", "parent_id": org["bidang_a"]["id"]}
    return Case(
        "/api/v1/unit-organisasi",
        body,
        {**body, "nama": "Seksi Lain"},
        lambda: _total(client, "/api/v1/unit-organisasi", q=kode),
    )


async def jabatan(client, org) -> Case:
    kode = code("J")
    body = {"kode": kode, "nama": "Analis", "jenis": "pelaksana", "kelas_jabatan": 7, "unit_id": org["bidang_a"]["id"]}
    return Case(
        "/api/v1/jabatan", body, {**body, "kelas_jabatan": 8}, lambda: _total(client, "/api/v1/jabatan", q=kode)
    )


async def _history(
    client, org, kind: str, body: dict[str, Any], other: dict[str, Any], url_kind: str | None = None
) -> Case:
    p = await make_pegawai(client, org["jab_a"]["id"])
    base = f"/api/v1/pegawai/{p['nip']}"

    async def rows() -> int:
        return len((await client.get(f"{base}/riwayat-{kind}")).json())

    return Case(f"{base}/{url_kind or 'riwayat-' + kind}", body, other, rows)


async def riwayat_golongan(client, org) -> Case:
    return await _history(
        client, org, "golongan", {"golongan": "III/c", "tmt": "2022-04-01"}, {"golongan": "III/d", "tmt": "2022-04-01"}
    )


async def riwayat_pendidikan(client, org) -> Case:
    return await _history(
        client, org, "pendidikan", {"tingkat": "S2", "tahun_lulus": 2015}, {"tingkat": "S3", "tahun_lulus": 2015}
    )


async def mutasi(client, org) -> Case:
    body = {"jabatan_id": org["jab_b"]["id"], "tmt": "2024-07-01"}
    return await _history(client, org, "jabatan", body, {**body, "tmt": "2024-08-01"}, url_kind="mutasi")


@pytest.mark.parametrize("make_case", [unit, jabatan, riwayat_golongan, riwayat_pendidikan, mutasi])
async def test_same_key_creates_once_and_replays_the_first_answer(pegawai_client, org, make_case):
    case = await make_case(pegawai_client, org)
    before = await case.rows()
    # If-Match names the version the record was read at (creates ignore it; mutasi needs it).
    headers = {"Idempotency-Key": f"retry-{make_case.__name__}", "If-Match": '"1"'}
    first = await pegawai_client.post(case.url, json=case.body, headers=headers)
    assert first.status_code in (200, 201), first.text
    again = await pegawai_client.post(case.url, json=case.body, headers=headers)
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers.get("etag") == first.headers.get("etag")
    assert again.headers.get("location") == first.headers.get("location")
    assert await case.rows() == before + 1
    reused = await pegawai_client.post(case.url, json=case.other, headers=headers)
    assert_problem(reused, 422, "different request")
    assert await case.rows() == before + 1


async def test_a_key_replays_only_to_the_caller_that_used_it_and_after_its_access_checks(pegawai_client, org):
    """Two OPD admins who share a token subject never get each other's stored answer: the other
    OPD's admin gets its own access decision, and a role that may not write gets 403, not a replay."""
    body = {"kode": code("U"), "nama": "Seksi Baru", "jenis": "seksi", "parent_id": org["bidang_a"]["id"]}
    key = {"Idempotency-Key": "shared-key"}
    opd_a = auth("admin_opd", opd=org["opd_a"]["id"], sub="shared-sub")
    opd_b = auth("admin_opd", opd=org["opd_b"]["id"], sub="shared-sub")
    first = await pegawai_client.post("/api/v1/unit-organisasi", json=body, headers={**opd_a, **key})
    assert first.status_code == 201, first.text
    # B's admin: A's bidang is not within its reach, as if it did not exist (422 on a body reference).
    foreign = await pegawai_client.post("/api/v1/unit-organisasi", json=body, headers={**opd_b, **key})
    assert_problem(foreign, 422)
    assert "idempotent-replayed" not in foreign.headers
    reader = auth("integrasi", sub="shared-sub")
    assert_problem(await pegawai_client.post("/api/v1/unit-organisasi", json=body, headers={**reader, **key}), 403)
    again = await pegawai_client.post("/api/v1/unit-organisasi", json=body, headers={**opd_a, **key})
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()
    listed = await pegawai_client.get("/api/v1/unit-organisasi", params={"q": body["kode"]})
    assert listed.json()["total"] == 1
