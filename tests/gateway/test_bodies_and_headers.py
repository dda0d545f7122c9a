"""Bounded request bodies and security headers, on a service and through the gateway (issue 10)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.pegawai.factories import make_unit
from tests.problem import assert_problem

BIG = 2 * 1024 * 1024  # twice the JSON limit


async def _chunks(total: int, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    """A JSON body sent chunked (no Content-Length), as a client streaming it would."""
    yield b'{"keterangan": "'
    for _ in range(total // size):
        yield b"x" * size
    yield b'"}'


@pytest.fixture(params=["service", "gateway"])
def app(request, pegawai_client, gateway_client):
    return pegawai_client if request.param == "service" else gateway_client


async def test_a_json_body_over_the_limit_is_refused_before_it_is_stored(app):
    unit = await make_unit(app, nama="Dinas Batas")
    position = {
        "kode": "BIG",
        "nama": "Jabatan Besar",
        "jenis": "pelaksana",
        "kelas_jabatan": 5,
        "unit_id": unit["id"],
        "keterangan": "x" * BIG,
    }
    body = assert_problem(await app.post("/api/v1/jabatan", json=position), 413, "1 MB")
    assert body["type"].endswith("/body-too-large") and body["limit_bytes"] == 1024 * 1024
    streamed = await app.post("/api/v1/jabatan", content=_chunks(BIG), headers={"Content-Type": "application/json"})
    assert_problem(streamed, 413)
    assert (await app.get("/api/v1/jabatan", params={"q": "Jabatan Besar"})).json()["total"] == 0


async def test_kompetensi_refuses_an_oversized_body_too(kompetensi_client):
    """The limit is the shared edge's: each service reading a body has it, not only pegawai."""
    client = kompetensi_client
    body = assert_problem(await client.post("/api/v1/kompetensi", json={"definisi": "x" * BIG}), 413)
    assert body["type"].endswith("/body-too-large")
    streamed = await client.post(
        "/api/v1/kompetensi", content=_chunks(BIG), headers={"Content-Type": "application/json"}
    )
    assert_problem(streamed, 413)


async def test_multipart_uploads_get_the_import_limit(app):
    # Over the JSON limit, within the upload limit: the import itself reads it (and refuses it as
    # neither XLSX nor UTF-8, which is quick).
    small = await app.post("/api/v1/impor/jabatan", files={"file": ("j.csv", b"\xff" * BIG, "text/csv")})
    assert_problem(small, 422, "UTF-8")
    big = await app.post("/api/v1/impor/jabatan", files={"file": ("j.csv", b"x" * (11 * 1024 * 1024), "text/csv")})
    assert assert_problem(big, 413, "10 MB")["type"].endswith("/file-too-large")


async def test_security_headers_on_every_answer(app):
    answers = [
        await app.get("/healthz"),
        await app.get("/api/v1/jabatan"),
        await app.get("/api/v1/tidak-ada"),
        await app.get("/api/v1/jabatan", headers={"Authorization": "Bearer nonsense"}),
        await app.post("/api/v1/jabatan", content=b"x" * BIG),
    ]
    for r in answers:
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert r.headers["referrer-policy"] == "no-referrer", r.url
        names = [k.lower() for k, _ in r.headers.raw]
        assert len(names) == len(set(names)), f"{r.url}: {names}"
    assert "cache-control" not in answers[0].headers
    for r in answers[1:]:
        assert r.headers["cache-control"] == "no-store", r.url


def test_a_download_name_never_carries_a_codes_other_characters():
    from gateway.compose import file_name

    # A quote, CR/LF, slashes and dots of a unit's code each become '_': no header split, no path.
    assert file_name("perencanaan", 'DIN"KES\r\n/../x', 2026) == "perencanaan-DIN_KES______x-2026.xlsx"
    assert file_name("optimasi-penempatan") == "optimasi-penempatan.xlsx"
    assert file_name("ipasn", "", "2026-12-01") == "ipasn-2026-12-01.xlsx"  # an empty part is left out
