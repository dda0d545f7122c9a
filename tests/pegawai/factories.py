"""Factories of pegawai records, made through the API so that every rule applies as in production."""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

import httpx

from shared.nip import JenisKelamin, make_nip

_seq = itertools.count(1)


def new_nip(
    lahir: date = date(1985, 3, 12), tmt: tuple[int, int] = (2010, 1), jk: JenisKelamin = JenisKelamin.LAKI_LAKI
) -> str:
    return make_nip(lahir, tmt[0], tmt[1], jk, next(_seq) % 999 + 1)


def code(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


async def make_unit(
    client: httpx.AsyncClient, *, parent_id: Any = None, jenis: str | None = None, nama: str = "Unit"
) -> dict[str, Any]:
    body = {"kode": code("U"), "nama": nama, "jenis": jenis or ("opd" if parent_id is None else "bidang")}
    if parent_id:
        body["parent_id"] = str(parent_id)
    r = await client.post("/api/v1/unit-organisasi", json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def make_jabatan(client: httpx.AsyncClient, unit_id: Any, **overrides: Any) -> dict[str, Any]:
    body = {
        "kode": code("J"),
        "nama": "Analis Kebijakan",
        "jenis": "pelaksana",
        "kelas_jabatan": 7,
        "rumpun": "administrasi",
        "unit_id": str(unit_id),
        "kebutuhan": 3,
        "uraian_tugas": ["Menyusun bahan kebijakan"],
        "hasil_kerja": ["Dokumen kajian"],
        "syarat_pendidikan_min": "S1",
        "syarat_golongan_min": "III/a",
    }
    body.update({k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in overrides.items()})
    r = await client.post("/api/v1/jabatan", json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def make_pegawai(client: httpx.AsyncClient, jabatan_id: Any = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "nip": new_nip(),
        "nama": "Budi Santoso",
        "gelar_belakang": "S.Kom.",
        "status_kepegawaian": "PNS",
        "golongan": "III/b",
        "tmt_golongan": "2018-04-01",
        "pendidikan_tingkat": "S1",
        "pendidikan_jurusan": "Teknik Informatika",
    }
    if jabatan_id:
        body["jabatan_id"] = str(jabatan_id)
        body["tmt_jabatan"] = "2020-01-01"
    body.update(overrides)
    r = await client.post("/api/v1/pegawai", json=body)
    assert r.status_code == 201, r.text
    return r.json()
