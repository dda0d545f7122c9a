"""Scenario fixtures of the pengembangan tests (its app fixtures are in fixtures.py): a small
catalogue of programs and batches, made through the API as admin_bkpsdm."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest_asyncio

TODAY = date.today()
LAST_YEAR = TODAY.year - 1


def program_body(kode: str = "BIMTEK-ASKEP-01", **kw: Any) -> dict[str, Any]:
    return {
        "kode": kode,
        "nama": "Bimbingan Teknis Asuhan Keperawatan",
        "jenis": "bimtek",
        "kompetensi": [{"kode_kompetensi": "TEK-KESEHATAN-01", "level": 3}, {"kode_kompetensi": "PPU", "level": 2}],
        "jp": 32,
        "penyelenggara": "kementerian",
        "penyelenggara_nama": "Kementerian Kesehatan",
        "biaya_per_peserta": 3_500_000,
        "luar_kota": True,
        "biaya_perjalanan_per_peserta": 2_750_000,
        **kw,
    }


def angkatan_body(program_id: str, kode: str = "A-01", **kw: Any) -> dict[str, Any]:
    start = TODAY + timedelta(days=10)
    return {
        "program_id": program_id,
        "kode": kode,
        "tanggal_mulai": start.isoformat(),
        "tanggal_selesai": (start + timedelta(days=3)).isoformat(),
        "kuota": 30,
        "tempat": "Aula BKPSDM",
        **kw,
    }


async def make_program(client: httpx.AsyncClient, kode: str, **kw: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/program", json=program_body(kode, **kw))
    assert r.status_code == 201, r.text
    return r.json()


async def make_angkatan(client: httpx.AsyncClient, program_id: str, kode: str, **kw: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/angkatan", json=angkatan_body(program_id, kode, **kw))
    assert r.status_code == 201, r.text
    return r.json()


@pytest_asyncio.fixture
async def katalog(pengembangan_client: httpx.AsyncClient) -> dict[str, Any]:
    """Three programs and their batches:
    - askep (bimtek, kementerian, TEK-KESEHATAN-01 and PPU): last year's batch, finished; an open
      batch of this year with seats (10 days ahead);
    - coaching (coaching, bkpsdm, PDO, free, in town): a planned batch of this year, online;
    - pka (pelatihan_struktural_kepemimpinan, lan, MP and PK): no batch."""
    c = pengembangan_client
    askep = await make_program(c, "BIMTEK-ASKEP-01")
    coaching = await make_program(
        c,
        "COACH-PDO-01",
        nama="Coaching Pengembangan Diri",
        jenis="coaching",
        kompetensi=[{"kode_kompetensi": "PDO", "level": 3}],
        jp=10,
        penyelenggara="bkpsdm",
        penyelenggara_nama=None,
        biaya_per_peserta=0,
        luar_kota=False,
        biaya_perjalanan_per_peserta=0,
    )
    pka = await make_program(
        c,
        "PKA-01",
        nama="Pelatihan Kepemimpinan Administrator",
        jenis="pelatihan_struktural_kepemimpinan",
        kompetensi=[{"kode_kompetensi": "MP", "level": 3}, {"kode_kompetensi": "PK", "level": 3}],
        jp=400,
        penyelenggara="lan",
        penyelenggara_nama="LAN RI",
        biaya_per_peserta=30_000_000,
    )
    finished = await make_angkatan(
        c,
        askep["id"],
        f"{LAST_YEAR}-01",
        tanggal_mulai=f"{LAST_YEAR}-03-02",
        tanggal_selesai=f"{LAST_YEAR}-03-05",
        status="selesai",
    )
    open_ = await make_angkatan(c, askep["id"], f"{TODAY.year}-02", status="dibuka")
    planned = await make_angkatan(
        c, coaching["id"], f"{TODAY.year}-01", daring=True, tempat=None, kuota=10, status="direncanakan"
    )
    return {
        "askep": askep,
        "coaching": coaching,
        "pka": pka,
        "finished": finished,
        "open": open_,
        "planned": planned,
    }


@pytest_asyncio.fixture
async def pemda(pegawai_client: httpx.AsyncClient) -> dict[str, Any]:
    """A root instansi with two OPDs (pegawai's records, made through its API as admin_bkpsdm):
    - OPD A (a bidang A1 under it): pns1, pns2 (PNS), pppk1, pppk2 (PPPK) and cpns (CPNS) in A1;
      pns1 is the direct supervisor of pns2 (its atasan_nip);
    - OPD B: pns_b (PNS)."""
    from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit

    peg = pegawai_client
    root = await make_unit(peg, jenis="instansi", nama="Pemerintah Kabupaten")
    opd_a = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Kesehatan")
    a1 = await make_unit(peg, parent_id=opd_a["id"], nama="Bidang Pelayanan")
    opd_b = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Pendidikan")
    jab_a = await make_jabatan(peg, a1["id"], nama="Perawat", kebutuhan=10)
    jab_b = await make_jabatan(peg, opd_b["id"], nama="Guru", kebutuhan=10)
    pppk = {"status_kepegawaian": "PPPK", "golongan": "IX"}
    made = {
        "root": root,
        "opd_a": opd_a,
        "a1": a1,
        "opd_b": opd_b,
        "pns1": await make_pegawai(peg, jab_a["id"], nama="Ani Atasan"),
        "pns2": await make_pegawai(peg, jab_a["id"], nama="Budi Bawahan"),
        "pppk1": await make_pegawai(peg, jab_a["id"], nama="Citra Kontrak", **pppk),
        "pppk2": await make_pegawai(peg, jab_a["id"], nama="Dedi Kontrak", **pppk),
        "cpns": await make_pegawai(peg, jab_a["id"], nama="Eka Calon", status_kepegawaian="CPNS", golongan="III/a"),
        "pns_b": await make_pegawai(peg, jab_b["id"], nama="Fajar Guru"),
    }
    pns2 = made["pns2"]
    r = await peg.patch(
        f"/api/v1/pegawai/{pns2['nip']}", json={"atasan_nip": made["pns1"]["nip"]}, headers={"If-Match": "*"}
    )
    assert r.status_code == 200, r.text
    return made


def jp_body(nip: str, **kw: Any) -> dict[str, Any]:
    """A non-classroom entry (coaching) of 1 January this year, 10 JP."""
    return {
        "nip": nip,
        "sumber": "nonklasikal",
        "jenis": "coaching",
        "tanggal": date(TODAY.year, 1, 1).isoformat(),
        "jp": 10,
        "uraian": "Coaching kinerja oleh atasan langsung",
        **kw,
    }


async def make_jp(client: httpx.AsyncClient, nip: str, **kw: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/jp", json=jp_body(nip, **kw))
    assert r.status_code == 201, r.text
    return r.json()


@pytest_asyncio.fixture
async def dunia(
    pegawai_client: httpx.AsyncClient, kompetensi_client: httpx.AsyncClient, pengembangan_client: Any
) -> Any:
    """The world of tests/pengembangan/dunia.py (a Dunia), on the test's databases."""
    from tests.pengembangan.dunia import build  # dunia.py builds on this module's factories

    return await build(pegawai_client, kompetensi_client, pengembangan_client)
