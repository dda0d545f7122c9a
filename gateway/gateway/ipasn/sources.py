"""IP ASN's calls to the services (in place of a domain's queries): bulk reads with the caller's
token, so each service answers with the caller's scope (pegawai decides who is in the answer,
kinerja whose sanctions are shown in detail)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

from gateway.compose import Composer, Part
from gateway.ipasn.skor import Jendela
from shared.access import Record
from shared.clients import Bulk
from shared.errors import NotFound
from shared.rules import IpasnRules

# Every part is required: without the predikat, the sanctions or the JP ledger a score would read
# as "no predikat", "no sanction" or "no training" and be wrong, not incomplete.
PEGAWAI = Part("pegawai", "pegawai")
JABATAN = Part("jabatan", "pegawai")
UNIT = Part("unit", "pegawai")
PREDIKAT = Part("kinerja", "kinerja")
HUKDIS = Part("disiplin", "kinerja")
JP = Part("kompetensi", "pengembangan")
PARTS = (PEGAWAI, JABATAN, UNIT, PREDIKAT, HUKDIS, JP)
PARTS_PEGAWAI = (PEGAWAI, PREDIKAT, HUKDIS, JP)


async def pegawai(c: Composer, nip: str) -> Record:
    """The employee as pegawai shows it to the caller: out of reach is not found (404)."""
    found = await c.pegawai.lookup_pegawai([nip], c.token)
    if nip not in found:
        raise NotFound("pegawai-not-found", nip=nip)
    return found[nip]


async def pegawai_unit(c: Composer, unit_id: uuid.UUID | None) -> list[Record]:
    """Every employee the caller reaches in the unit's subtree (the whole reach without a unit);
    a unit out of reach: pegawai's 404."""
    return await c.pegawai.pegawai_ringkas(c.token, unit_id)


async def jabatan(c: Composer, unit_id: uuid.UUID | None) -> dict[str, str]:
    """The kind (jenis) of every position in the unit's subtree, by id."""
    return {str(j["id"]): str(j["jenis"]) for j in await c.pegawai.jabatan_ringkas(c.token, unit_id)}


async def units(c: Composer, unit_id: uuid.UUID | None) -> dict[str, Record]:
    """Every unit of the subtree (the whole reach without a unit) with its OPD, by id."""
    return {str(u["unit_id"]): u for u in await c.pegawai.unit_opd(c.token, unit_id)}


async def _nips(people: asyncio.Task[list[Record]] | Sequence[str]) -> list[str]:
    if isinstance(people, asyncio.Task):
        return [str(p["nip"]) for p in await people]
    return list(people)


async def predikat(c: Composer, people: asyncio.Task[list[Record]] | Sequence[str]) -> Bulk:
    return await c.kinerja.predikat(await _nips(people), c.token, tahun_terakhir=1)


async def hukdis(c: Composer, people: asyncio.Task[list[Record]] | Sequence[str], window: Jendela) -> Bulk:
    return await c.kinerja.hukdis_terberat(await _nips(people), window.disiplin_dari, window.sampai, c.token)


async def jp(
    c: Composer,
    people: asyncio.Task[list[Record]] | Sequence[str],
    window: Jendela,
    rules: IpasnRules,
    rinci: bool = False,
) -> Bulk:
    """The ledger of the kinds that count for an indicator: those with a window within it, the others
    (leadership, functional training) at any time up to the measurement date."""
    jenis = [j for i in rules.indikator.values() for j in i.jenis]
    sepanjang = [j for i in rules.indikator.values() if i.jendela_tahun is None for j in i.jenis]
    return await c.pengembangan.jp_jendela(
        await _nips(people), window.kompetensi_dari, window.sampai, jenis, c.token, sepanjang, rinci
    )
