from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio

from tests.conftest import ENGLISH, BoundDatabase, auth
from tests.factories import make_jabatan, make_pegawai, make_unit


@pytest_asyncio.fixture(scope="session")
async def kompetensi_app_session(pegawai_app_session: Any) -> AsyncIterator[Any]:
    from kompetensi.app import create_app
    from kompetensi.config import KompetensiSettings

    app = create_app(KompetensiSettings(), transports={"pegawai": httpx.ASGITransport(app=pegawai_app_session)})
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture
async def kompetensi_app(kompetensi_app_session: Any, kompetensi_db: BoundDatabase, pegawai_app: Any) -> Any:
    kompetensi_app_session.state.db = kompetensi_db
    return kompetensi_app_session


@pytest_asyncio.fixture
async def kom(kompetensi_app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Client of the kompetensi service, signed in as admin_bkpsdm unless a test passes headers."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=kompetensi_app), base_url="http://kompetensi", headers=ENGLISH) as c:
        c.headers.update(auth("admin_bkpsdm"))
        yield c


def levels(prefix: str = "Level") -> list[dict[str, Any]]:
    return [{"level": i, "deskripsi": f"{prefix} {i} description", "indikator": [f"indicator {i}"]} for i in range(1, 6)]


async def make_teknis(kom: httpx.AsyncClient, kode: str, rumpun: str = "kesehatan") -> dict[str, Any]:
    r = await kom.post("/api/v1/kompetensi", json={"kode": kode, "nama": f"Kompetensi {kode}", "definisi": "Teknis.", "rumpun": rumpun, "levels": levels()})
    assert r.status_code == 201, r.text
    return r.json()


@pytest_asyncio.fixture
async def world(client: httpx.AsyncClient, kom: httpx.AsyncClient) -> dict[str, Any]:
    """Two OPDs with a position each (one pelaksana, one ahli_muda), employees, and a technical competency."""
    root = await make_unit(client, jenis="instansi")
    opd_a = await make_unit(client, parent_id=root["id"], jenis="opd", nama="Dinas Kesehatan")
    opd_b = await make_unit(client, parent_id=root["id"], jenis="opd", nama="Dinas Pendidikan")
    jab_a = await make_jabatan(client, opd_a["id"], nama="Perawat Ahli Muda", jenis="ahli_muda", kelas_jabatan=9, rumpun="kesehatan", kebutuhan=5)
    jab_b = await make_jabatan(client, opd_b["id"], nama="Guru Ahli Muda", jenis="ahli_muda", kelas_jabatan=9, rumpun="pendidikan", kebutuhan=5)
    a1 = await make_pegawai(client, jab_a["id"], nama="Ani Perawat")
    a2 = await make_pegawai(client, jab_a["id"], nama="Budi Perawat")
    b1 = await make_pegawai(client, jab_b["id"], nama="Citra Guru")
    teknis = await make_teknis(kom, "TEK-KEP-01")
    return {"opd_a": opd_a, "opd_b": opd_b, "jab_a": jab_a, "jab_b": jab_b, "a1": a1, "a2": a2, "b1": b1, "teknis": teknis}
