"""The profile's calls to the services (in place of a domain's queries): each one bulk read with
the caller's token, so each service answers with the caller's scope."""

from __future__ import annotations

import asyncio
from typing import Any

from gateway.compose import Composer, Part
from shared.access import Record
from shared.clients import Bulk
from shared.errors import NotFound

# The parts of the profile, each named as in the answer. Only the awards are optional: a profile
# without them still serves every decision it is read for, while one without the sanctions, the
# predikat, the competency match or the JP would look complete and mislead (so those answer 503).
IDENTITAS = Part("identitas", "pegawai")
KOMPETENSI = Part("kompetensi", "kompetensi")
KINERJA = Part("kinerja", "kinerja")
HUKUMAN_DISIPLIN = Part("hukuman_disiplin", "kinerja")
PENGHARGAAN = Part("penghargaan", "kinerja", optional=True)
PENGEMBANGAN = Part("pengembangan", "pengembangan")
RIWAYAT_PENGEMBANGAN = Part("pengembangan.riwayat", "pengembangan")
PARTS = (IDENTITAS, KOMPETENSI, KINERJA, HUKUMAN_DISIPLIN, PENGHARGAAN, PENGEMBANGAN, RIWAYAT_PENGEMBANGAN)
RIWAYAT_LIMIT = 100  # development entries and awards shown, newest first (the total is given)


async def pegawai(c: Composer, nip: str) -> Record:
    """The employee as pegawai shows it to the caller: out of reach is not found (404)."""
    found = await c.pegawai.lookup_pegawai([nip], c.token)
    if nip not in found:
        raise NotFound("pegawai-not-found", nip=nip)
    return found[nip]


async def kompetensi(c: Composer, nip: str, record: asyncio.Task[Record]) -> tuple[Record | None, Record]:
    """The JPM against the current position's standard (None without a position or standard).
    For a caller that reaches everyone, after pegawai's answer, with the position it gave: then
    kompetensi asks pegawai nothing, and the two parts that need the record (this and the JP)
    wait for the one lookup. For anyone else at once: kompetensi checks the caller's reach in
    pegawai itself, which the position given would not spare it."""
    if c.reaches_all:
        position: Any = (await record).get("jabatan_id")
        answer = await c.kompetensi.jpm_own_positions([nip], c.token, jabatan={nip: position})
    else:
        answer = await c.kompetensi.jpm_own_positions([nip], c.token)
    return answer.items.get(nip), answer.meta


async def kinerja(c: Composer, nip: str, tahun_terakhir: int) -> Record | None:
    return (await c.kinerja.predikat([nip], c.token, tahun_terakhir)).items.get(nip)


async def hukuman_disiplin(c: Composer, nip: str) -> list[Record] | None:
    """The running sanctions as kinerja shows them to the caller: None when it may not see them
    (kinerja's rule, hukdis/service.py visible_nips; the gateway adds none of its own)."""
    answer = await c.kinerja.hukdis_aktif([nip], c.token)
    found = answer.items.get(nip)
    return None if found is None else list(found["aktif"])


async def penghargaan(c: Composer, nip: str) -> list[Record]:
    return await c.kinerja.penghargaan(nip, c.token, RIWAYAT_LIMIT)


async def jp_tahun(c: Composer, nip: str, tahun: int, record: asyncio.Task[Record]) -> Bulk:
    """The JP of the year with the rule of the employee's status, which pegawai knows: this call
    waits for pegawai's answer (every other part runs meanwhile)."""
    status: Any = (await record).get("status_kepegawaian")
    return await c.pengembangan.jp_tahun([nip], tahun, c.token, {nip: status})


async def riwayat_pengembangan(c: Composer, nip: str) -> tuple[list[Record], int]:
    return await c.pengembangan.riwayat_jp(nip, c.token, RIWAYAT_LIMIT)
