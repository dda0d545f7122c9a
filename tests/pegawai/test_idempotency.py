"""Every creating or acting POST honours Idempotency-Key: a retry creates nothing new and gets
the first answer back; the same key with another body is refused."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

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
