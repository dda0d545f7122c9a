"""The needs plan's calls to pegawai (in place of a domain's queries): a few bulk reads with the
caller's token, so pegawai answers with the caller's scope (a unit out of reach: 404)."""

from __future__ import annotations

import uuid
from datetime import date

from gateway.compose import Composer, Part
from shared.access import Record

# Every part is required: a plan without the units, the staffing or the retirements would read as
# "no shortage" or "nobody retires" and mislead the meeting it is made for.
UNIT = Part("unit", "pegawai")
KEBUTUHAN = Part("kebutuhan", "pegawai")
PENSIUN = Part("pensiun", "pegawai")
PEGAWAI = Part("pegawai", "pegawai")  # golongan and birth date, for the staffing pyramid
PARTS = (UNIT, KEBUTUHAN, PENSIUN, PEGAWAI)


async def units(c: Composer, unit_id: uuid.UUID) -> dict[str, Record]:
    """The unit and every unit under it by id; the OPD above a unit below OPD level too (one more
    call, only then), so that every position's OPD has a name."""
    found = {str(u["unit_id"]): u for u in await c.pegawai.kebutuhan_unit(unit_id, c.token)}
    above = {str(u["opd_id"]) for u in found.values() if u.get("opd_id") and str(u["opd_id"]) not in found}
    for opd_id in above:  # at most one: the OPD of the requested unit
        opd = await c.pegawai.unit(uuid.UUID(opd_id), c.token)
        if opd is not None:
            found[opd_id] = {**opd, "unit_id": opd["id"], "opd_id": opd["id"]}
    return found


async def kebutuhan(c: Composer, unit_id: uuid.UUID) -> list[Record]:
    return await c.pegawai.kebutuhan_jabatan(unit_id, c.token)


async def pensiun(c: Composer, unit_id: uuid.UUID, tahun: int, today: date) -> dict[uuid.UUID, dict[int, int]]:
    """Per position, the holders whose pension takes effect in each year of the horizon (pegawai's
    projection by BUP; anyone already past it counts in the first year)."""
    answer = await c.pegawai.proyeksi_pensiun(unit_id, tahun, today, c.token)
    return {
        uuid.UUID(str(j["jabatan_id"])): {int(y): int(n) for y, n in j["pensiun_per_tahun"].items()}
        for j in answer["per_jabatan"]
    }


async def golongan_usia(c: Composer, unit_id: uuid.UUID) -> list[tuple[str | None, date | None]]:
    """(golongan, birth date) of everyone still employed in the unit's subtree, for the pyramid."""
    rows = await c.pegawai.pegawai_ringkas(c.token, unit_id, kelompok=True)
    return [
        (r.get("golongan"), date.fromisoformat(str(r["tanggal_lahir"])) if r.get("tanggal_lahir") else None)
        for r in rows
    ]
