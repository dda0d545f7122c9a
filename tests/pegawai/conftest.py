from __future__ import annotations

from typing import Any

import pytest_asyncio

from tests.factories import make_jabatan, make_unit


@pytest_asyncio.fixture
async def org(client) -> dict[str, Any]:
    """Two OPDs, each with a bidang, and a position in each bidang."""
    instansi = await make_unit(client, jenis="instansi", nama="Pemerintah Kabupaten Contoh")
    opd_a = await make_unit(client, parent_id=instansi["id"], jenis="opd", nama="Dinas Kesehatan")
    opd_b = await make_unit(client, parent_id=instansi["id"], jenis="opd", nama="Dinas Pendidikan")
    bidang_a = await make_unit(client, parent_id=opd_a["id"], nama="Bidang Pelayanan Kesehatan")
    bidang_b = await make_unit(client, parent_id=opd_b["id"], nama="Bidang SD")
    jab_a = await make_jabatan(client, bidang_a["id"], nama="Pranata Komputer", kebutuhan=2)
    jab_b = await make_jabatan(client, bidang_b["id"], nama="Guru Ahli Pertama", jenis="ahli_pertama", kelas_jabatan=8)
    return {
        "instansi": instansi, "opd_a": opd_a, "opd_b": opd_b, "bidang_a": bidang_a, "bidang_b": bidang_b,
        "jab_a": jab_a, "jab_b": jab_b,
    }
