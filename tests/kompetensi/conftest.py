"""Scenario fixtures of the kompetensi tests (its app fixtures are in fixtures.py)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest_asyncio

from tests.kompetensi.factories import make_teknis
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit


@pytest_asyncio.fixture
async def world(pegawai_client: httpx.AsyncClient, kompetensi_client: httpx.AsyncClient) -> dict[str, Any]:
    """Two OPDs with a position each (one pelaksana, one ahli_muda), employees, and a technical competency."""
    peg = pegawai_client
    root = await make_unit(peg, jenis="instansi")
    opd_a = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Kesehatan")
    opd_b = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Pendidikan")
    jab_a = await make_jabatan(
        peg, opd_a["id"], nama="Perawat Ahli Muda", jenis="ahli_muda", kelas_jabatan=9, rumpun="kesehatan", kebutuhan=5
    )
    jab_b = await make_jabatan(
        peg, opd_b["id"], nama="Guru Ahli Muda", jenis="ahli_muda", kelas_jabatan=9, rumpun="pendidikan", kebutuhan=5
    )
    a1 = await make_pegawai(peg, jab_a["id"], nama="Ani Perawat")
    a2 = await make_pegawai(peg, jab_a["id"], nama="Budi Perawat")
    b1 = await make_pegawai(peg, jab_b["id"], nama="Citra Guru")
    teknis = await make_teknis(kompetensi_client, "TEK-KEP-01")
    return {
        "opd_a": opd_a,
        "opd_b": opd_b,
        "jab_a": jab_a,
        "jab_b": jab_b,
        "a1": a1,
        "a2": a2,
        "b1": b1,
        "teknis": teknis,
    }
