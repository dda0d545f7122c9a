"""Factories of kompetensi records, made through the API so that every rule applies as in production."""

from __future__ import annotations

from typing import Any

import httpx

from tests.pegawai.helpers import ANY_VERSION


def levels(prefix: str = "Level") -> list[dict[str, Any]]:
    return [
        {"level": i, "deskripsi": f"{prefix} {i} description", "indikator": [f"indicator {i}"]} for i in range(1, 6)
    ]


async def make_teknis(client: httpx.AsyncClient, kode: str, rumpun: str = "kesehatan") -> dict[str, Any]:
    body = {"kode": kode, "nama": f"Kompetensi {kode}", "definisi": "Teknis.", "rumpun": rumpun, "levels": levels()}
    r = await client.post("/api/v1/kompetensi", json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def standard(
    client: httpx.AsyncClient, jabatan_id: Any, items: list[dict[str, Any]], defaults: bool = False
) -> dict[str, Any]:
    """Set (or replace, whatever version is current) a position's standard."""
    r = await client.put(
        f"/api/v1/standar-kompetensi/{jabatan_id}",
        json={"items": items, "sertakan_default": defaults},
        headers=ANY_VERSION,
    )
    assert r.status_code == 200, r.text
    return r.json()


async def assess(
    client: httpx.AsyncClient, nip: str, kode: str, level: int, tanggal: str = "2025-05-05"
) -> dict[str, Any]:
    body = {"nip": nip, "kompetensi_kode": kode, "level": level, "tanggal": tanggal, "metode": "uji_kompetensi"}
    r = await client.post("/api/v1/asesmen", json=body)
    assert r.status_code == 201, r.text
    return r.json()
