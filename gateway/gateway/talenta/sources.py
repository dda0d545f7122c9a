"""The talent map's calls to the services (in place of a domain's queries): compact bulk reads with
the caller's token, so each service answers with the caller's scope, turned into the core's inputs.

Per request a fixed few calls whatever the number of people: pegawai's unit, its people, the people
the caller reaches (the successors' pool) and the unit's positions, at once; then, on the pool's
NIPs, kompetensi's levels (with each profile's latest assessment date) and kinerja's predikat, and
kompetensi's standards of the positions held and the key ones. For a caller that reaches everyone
the levels and the predikat are asked of everyone, and the standards of every position, at once
(`semua`), beside the pool's list.
Neither gender nor birth date is asked for (`kelompok` false), and sanctions are not read: the
talent map shows none.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date

from gateway.compose import Composer, Part
from gateway.penempatan.model import Jabatan, Pegawai, pegawai_dari_rekaman
from shared.access import Record
from shared.errors import NotFound

UNIT = Part("unit", "pegawai")
PEGAWAI = Part("pegawai", "pegawai")
KANDIDAT = Part("kandidat_suksesor", "pegawai")
JABATAN = Part("jabatan_kunci", "pegawai")
STANDAR = Part("standar_kompetensi", "kompetensi")
KOMPETENSI = Part("kompetensi", "kompetensi")
PREDIKAT = Part("predikat", "kinerja")
# None is optional: without the predikat or the levels everyone would read as not mapped, without
# the pool or the standards every key position as having no successor.
PARTS = (UNIT, PEGAWAI, KANDIDAT, JABATAN, STANDAR, KOMPETENSI, PREDIKAT)
PARTS_PEGAWAI = (PEGAWAI, STANDAR, KOMPETENSI, PREDIKAT)
TAHUN_PREDIKAT = 3  # years of history kinerja is asked for: the evidence shown


def tahun_terakhir(today: date) -> int:
    """The last year whose SKP ratings are final: the one before this."""
    return today.year - 1


async def unit(c: Composer, unit_id: uuid.UUID) -> Record:
    found = await c.pegawai.unit(unit_id, c.token)
    if found is None:
        raise NotFound("unit-not-found", id=unit_id)
    return found


async def anggota(c: Composer, unit_id: uuid.UUID) -> list[Record]:
    """The people of the unit and the units under it (404 when out of reach)."""
    return await c.pegawai.pegawai_ringkas(c.token, unit_id)


async def semua(c: Composer) -> list[Record]:
    """Everyone the caller reaches: the pool of successors (admin_bkpsdm: the Pemda; admin_opd: its OPD)."""
    return await c.pegawai.pegawai_ringkas(c.token)


async def jabatan_unit(c: Composer, unit_id: uuid.UUID) -> list[Record]:
    return await c.pegawai.jabatan_ringkas(c.token, unit_id)


async def satu(c: Composer, nip: str) -> list[Record]:
    found = await c.pegawai.lookup_pegawai([nip], c.token)
    if nip not in found:
        raise NotFound("pegawai-not-found", nip=nip)
    return [found[nip]]


async def _nips(groups: tuple[asyncio.Task[list[Record]], ...]) -> list[str]:
    """The NIPs of every group, each once (the unit's people are among those the caller reaches)."""
    found: dict[str, None] = {}
    for group in groups:
        found.update((str(p["nip"]), None) for p in await group)
    return list(found)


@dataclass(frozen=True)
class Level:
    level: dict[str, int]
    tanggal_asesmen: date | None


async def _wanted(c: Composer, people: tuple[asyncio.Task[list[Record]], ...], semua: bool) -> list[str] | None:
    """The NIPs to ask about; None (everyone the caller reads, asked at once beside pegawai's list,
    not after it) for the successors' pool of a caller that reaches everyone: the service applies
    the same scope itself, and the answer is joined with pegawai's list (who is not in it is not read)."""
    return None if semua and c.reaches_all else await _nips(people)


async def level(c: Composer, *people: asyncio.Task[list[Record]], semua: bool = False) -> dict[str, Level]:
    answer = await c.kompetensi.level(await _wanted(c, people, semua), c.token)
    return {
        nip: Level(dict(i["level"]), date.fromisoformat(d) if (d := i.get("tanggal_asesmen")) else None)
        for nip, i in answer.items.items()
    }


async def predikat(c: Composer, *people: asyncio.Task[list[Record]], semua: bool = False) -> dict[str, dict[int, str]]:
    answer = await c.kinerja.predikat(await _wanted(c, people, semua), c.token, TAHUN_PREDIKAT)
    return {nip: {int(r["tahun"]): str(r["predikat"]) for r in item["riwayat"]} for nip, item in answer.items.items()}


@dataclass(frozen=True)
class Standar:
    """The positions' required levels by id, and the names of the competency codes."""

    level: dict[str, dict[str, int]]
    nama: dict[str, str]


async def standar(c: Composer, *groups: asyncio.Task[list[Record]], semua: bool = False) -> Standar:
    """The standards of the positions the people hold and of the unit's positions: kompetensi's
    compact levels (one call per 10,000 positions, no lookup of their records). `semua`, for a
    caller that reaches everyone (whose people hold positions all over the Pemda): every standard,
    asked at once beside pegawai's lists, not after them; a position read beyond those is never
    looked up, one without a standard reads as empty either way."""
    if semua and c.reaches_all:
        levels, names = await c.kompetensi.standar_level(None, c.token)
        return Standar(levels, names)
    ids: dict[str, None] = {}
    for group in groups:
        for row in await group:
            value = row.get("jabatan_id") if "nip" in row else row.get("id")
            if value:
                ids[str(value)] = None
    levels, names = await c.kompetensi.standar_level([uuid.UUID(i) for i in ids], c.token)
    return Standar(levels, names)


async def standar_sendiri(c: Composer, people: asyncio.Task[list[Record]]) -> Standar:
    """The standard of the position one employee holds, as kompetensi shows it beside the
    employee's match (its JPM bulk): an atasan reading a direct report sees it there, though it does
    not reach the position itself."""
    answer = await c.kompetensi.jpm_own_positions(await _nips((people,)), c.token)
    levels: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for item in answer.items.values():
        rows = item["rincian"]
        levels[str(item["jabatan_id"])] = {str(r["kompetensi_kode"]): int(r["dibutuhkan"]) for r in rows}
        names.update((str(r["kompetensi_kode"]), str(r["nama"])) for r in rows)
    return Standar(levels, names)


def jabatan_dari(row: Record, standar: dict[str, int]) -> Jabatan:
    return Jabatan(
        id=str(row["id"]),
        kelas_jabatan=int(row["kelas_jabatan"]),
        rumpun=row.get("rumpun"),
        unit_id=str(row["unit_id"]) if row.get("unit_id") else None,
        opd_id=None,
        kebutuhan=int(row.get("kebutuhan") or 0),
        bezetting=int(row.get("bezetting") or 0),
        syarat_pendidikan_min=row.get("syarat_pendidikan_min"),
        syarat_golongan_min=row.get("syarat_golongan_min"),
        standar=dict(sorted(standar.items())),  # the gaps in a fixed order: by code
    )


def jabatan_sendiri(row: Record, standar: dict[str, int]) -> Jabatan:
    """The position an employee holds, as far as its potensial needs it (its standard)."""
    return Jabatan(
        str(row["jabatan_id"]),
        int(row.get("kelas_jabatan") or 0),
        row.get("rumpun"),
        None,
        None,
        0,
        0,
        standar=dict(sorted(standar.items())),
    )


def pegawai_dari(row: Record, levels: dict[str, Level], predikat_by_nip: dict[str, dict[int, str]]) -> Pegawai:
    """The core's employee from pegawai's compact row (placement's FIELDS_READ alone: no protected
    attribute can reach the map) and what kompetensi and kinerja said of the same NIP."""
    nip = str(row["nip"])
    held = levels.get(nip)
    return pegawai_dari_rekaman(
        row, kompetensi=held.level if held else {}, predikat=predikat_by_nip.get(nip, {}), hukdis_aktif=False
    )
