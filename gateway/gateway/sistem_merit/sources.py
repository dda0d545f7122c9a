"""The merit evidence's calls (in place of a domain's queries): one count per figure from the
service that holds it, with the caller's token, so each service applies the caller's scope (a unit
out of reach: 404; sanctions the caller may not see: not shown)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from gateway.compose import Composer, Part
from shared.access import ROSTER_MAX, Record

# Every part is required: a missing count would read as "no evidence" at the self-assessment.
JABATAN = Part("jabatan", "pegawai")
PEGAWAI = Part("pegawai", "pegawai")
POSISI = Part("posisi", "pegawai")
UNIT = Part("unit", "pegawai")
ROSTER = Part("roster", "pegawai")
STANDAR = Part("standar", "kompetensi")
PENGUKURAN = Part("pengukuran", "kompetensi")
JPM = Part("jpm", "kompetensi")
SKP = Part("skp", "kinerja")
HUKDIS = Part("hukdis", "kinerja")
USULAN = Part("usulan", "pengembangan")
JP = Part("jp", "pengembangan")
PARTS = (JABATAN, PEGAWAI, POSISI, UNIT, ROSTER, STANDAR, PENGUKURAN, JPM, SKP, HUKDIS, USULAN, JP)


async def roots(c: Composer, unit_id: uuid.UUID | None, opd_id: uuid.UUID | None) -> list[uuid.UUID]:
    """The units whose subtrees make the scope: the one asked for; else the caller's OPD (an OPD
    admin); else the instansi (or, without one, every OPD) the caller reaches."""
    if unit_id is not None:
        return [unit_id]
    if opd_id is not None and not c.reaches_all:
        return [opd_id]
    found = await c.pegawai.units(c.token, jenis="instansi") or await c.pegawai.units(c.token, jenis="opd")
    return [uuid.UUID(str(u["id"])) for u in found]


Roster = list[Record] | None


async def rosters(c: Composer, root_task: Awaitable[list[uuid.UUID]]) -> dict[uuid.UUID, Roster]:
    """Each root's roster read once here for the four counts over it (SKP, assessments, proposals,
    JP), which then do not each read its 10,000 rows from pegawai themselves. Only for a caller
    that reaches everyone (the services take it from no one else); None where pegawai did not
    find the unit or it is larger than a service takes: that count reads its own (and answers
    pegawai's 404 as before)."""
    roots = await root_task
    found = await asyncio.gather(*(c.pegawai.pegawai_in_unit(r, c.token) for r in roots))
    return {r: f if f is not None and len(f) <= ROSTER_MAX else None for r, f in zip(roots, found, strict=True)}


async def per_root(
    root_task: Awaitable[list[uuid.UUID]],
    call: Callable[[uuid.UUID, Roster], Awaitable[Record]],
    roster_task: Awaitable[dict[uuid.UUID, Roster]] | None = None,
) -> list[Record]:
    """A count of a unit's roster taken over each root at once (one root but for a Pemda without
    an instansi unit), over the roster read here when there is one (`rosters`)."""
    if roster_task is None:
        return list(await asyncio.gather(*(call(r, None) for r in await root_task)))
    given = await roster_task
    return list(await asyncio.gather(*(call(r, roster) for r, roster in given.items())))


async def posisi(c: Composer, unit_id: uuid.UUID | None) -> dict[str, str]:
    """The positions within scope and their kind (pegawai's compact rows)."""
    return {str(j["id"]): str(j["jenis"]) for j in await c.pegawai.jabatan_ringkas(c.token, unit_id)}


KINDS = ("manajerial", "sosial_kultural", "teknis")


async def standar(c: Composer, positions: Awaitable[dict[str, str]]) -> dict[str, dict[str, int]]:
    """Per position within scope that has a standard, its required competencies by kind."""
    ids = [uuid.UUID(i) for i in await positions]
    # For a caller that reaches everyone kompetensi takes pegawai's positions as found (no second read).
    found = await c.kompetensi.rekap_standar(ids, c.token, dari_pegawai=c.reaches_all) if ids else {}
    return {str(k): {kind: int(v[kind]) for kind in KINDS} for k, v in found.items()}


async def jpm(c: Composer, rekap_pegawai: Awaitable[Record]) -> dict[str, float | None]:
    """Each promoted employee's JPM against the position it was promoted to (None when it has no
    standard, or the employee holds another position now), in one bulk read."""
    promotions: Sequence[Record] = (await rekap_pegawai)["promosi"]
    if not promotions:
        return {}
    target = {str(p["nip"]): str(p["jabatan_id"]) for p in promotions}
    # For a caller that reaches everyone kompetensi takes the positions from us (no second read).
    known = target if c.reaches_all else None
    answer = await c.kompetensi.jpm_own_positions(list(target), c.token, jabatan=known)
    found: dict[str, float | None] = dict.fromkeys(target)
    for nip, item in answer.items.items():
        if str(item["jabatan_id"]) == target.get(nip):
            found[nip] = float(item["jpm"])
    return found


def total(answers: Sequence[Record], *keys: str) -> dict[str, int]:
    return {k: sum(int(a[k]) for a in answers) for k in keys}


def total_nested(answers: Sequence[Record], key: str) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for a in answers:
        for jenis, counts in a[key].items():
            whole, part = out.get(jenis, (0, 0))
            out[jenis] = (whole + int(counts["jumlah"]), part + int(counts["diukur"]))
    return out


def jp_counts(answers: Sequence[Record]) -> tuple[int, int]:
    return (
        sum(int(a["ringkasan"]["pns"]["jumlah"]) for a in answers),
        sum(int(a["ringkasan"]["pns"]["memenuhi"]) for a in answers),
    )


def first(answers: Sequence[Any]) -> Any:
    return answers[0] if answers else None
