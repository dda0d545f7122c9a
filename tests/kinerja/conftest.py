"""Scenario fixtures of the kinerja tests (its app fixtures are in fixtures.py)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest_asyncio

from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit


@pytest_asyncio.fixture
async def world(pegawai_client: httpx.AsyncClient, kinerja_client: httpx.AsyncClient) -> dict[str, Any]:
    """Two OPDs with a position each and employees in them (a1, a2 in A; b1 in B)."""
    peg = pegawai_client
    root = await make_unit(peg, jenis="instansi")
    opd_a = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Kesehatan")
    opd_b = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Pendidikan")
    jab_a = await make_jabatan(peg, opd_a["id"], nama="Perawat Ahli Muda", jenis="ahli_muda", kelas_jabatan=9)
    jab_b = await make_jabatan(peg, opd_b["id"], nama="Guru Ahli Muda", jenis="ahli_muda", kelas_jabatan=9)
    return {
        "opd_a": opd_a,
        "opd_b": opd_b,
        "a1": await make_pegawai(peg, jab_a["id"], nama="Ani Perawat"),
        "a2": await make_pegawai(peg, jab_a["id"], nama="Budi Perawat"),
        "b1": await make_pegawai(peg, jab_b["id"], nama="Citra Guru"),
    }
