"""Placement's calls to the services (in place of a domain's queries): compact bulk reads with the
caller's token, so each service answers with the caller's scope, turned into the core's inputs.

Per request a fixed few calls, whatever the number of people: pegawai's compact rows of positions
and employees (one page per 10,000), kompetensi's standards (one call) and held levels (one call per
10,000 NIPs), kinerja's predikat and running sanctions (one call each per 10,000 NIPs). The calls
by NIP wait for pegawai's list; the rest run meanwhile.

Protected attributes (gender, birth date) come with pegawai's rows only when the adverse-impact
report needs them, and are split off here: `Dunia.pegawai` (what ranking and optimisation get) is
built from FIELDS_READ alone (model.pegawai_dari_rekaman); `Dunia.kelompok` goes to the report.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gateway.compose import Composer, Part
from gateway.penempatan.model import Jabatan, Pegawai, pegawai_dari_rekaman
from shared.access import Record
from shared.errors import NotFound
from shared.rules import PenempatanRules

JABATAN = Part("jabatan", "pegawai")
PEGAWAI = Part("pegawai", "pegawai")
STANDAR = Part("standar_kompetensi", "kompetensi")
KOMPETENSI = Part("kompetensi", "kompetensi")
PREDIKAT = Part("predikat", "kinerja")
HUKDIS = Part("hukuman_disiplin", "kinerja")
# None is optional: without sanctions, predikat or levels an eligibility or a JPM would read as "none".
PARTS = (JABATAN, PEGAWAI, STANDAR, KOMPETENSI, PREDIKAT, HUKDIS)
PARTS_OPTIMASI = (JABATAN, PEGAWAI, STANDAR, KOMPETENSI, HUKDIS)
TAHUN_PREDIKAT = 3  # years of predikat asked for: a promotion reads the last two final ones


@dataclass(frozen=True)
class Kelompok:
    """The protected attributes of one person, for the adverse-impact report only."""

    jenis_kelamin: str | None
    tanggal_lahir: date | None


@dataclass
class Dunia:
    """What the core needs for a scope, as the caller may see it."""

    jabatan: list[Jabatan]
    pegawai: list[Pegawai]
    info_jabatan: dict[str, Record]  # id -> pegawai's compact row (names, unit name) for the answer
    info_pegawai: dict[str, Record]  # nip -> name, position and unit names for the answer
    kompetensi: dict[str, Record]  # competency code -> {nama, jenis} from the standards
    hukdis_terlihat: frozenset[str]  # NIPs whose sanctions kinerja showed the caller
    kelompok: dict[str, Kelompok] = field(default_factory=dict)


def tahun_terakhir(today: date) -> int:
    """The last year whose SKP ratings are final: the one before this."""
    return today.year - 1


async def jabatan_satu(c: Composer, jabatan_id: uuid.UUID) -> Record:
    """The position as pegawai shows it to the caller (out of reach is not found, 404), with its
    unit's name: a second short read, made while the candidates' larger reads still run."""
    found = await c.pegawai.lookup_jabatan([jabatan_id], c.token)
    if jabatan_id not in found:
        raise NotFound("jabatan-not-found", id=jabatan_id)
    record = found[jabatan_id]
    unit = await c.pegawai.unit(uuid.UUID(str(record["unit_id"])), c.token)
    return {**record, "unit_nama": unit["nama"] if unit else None}


async def jabatan_semua(c: Composer, unit_id: uuid.UUID | None) -> list[Record]:
    return await c.pegawai.jabatan_ringkas(c.token, unit_id)


async def pegawai_semua(c: Composer, unit_id: uuid.UUID | None, kelompok: bool) -> list[Record]:
    return await c.pegawai.pegawai_ringkas(c.token, unit_id, kelompok)


@dataclass(frozen=True)
class Rentang:
    """The employees a mode could accept for a position, by the position each holds."""

    kelas_min: int
    kelas_maks: int
    rumpun: str | None


def rentang(jabatan: Record, mode: str, rules: PenempatanRules) -> Rentang:
    """The same kelas for a move at the same class; for a promotion the classes `pola_karier`
    allows below the position and its own (its holders are counted), in its rumpun when the mode
    checks it. A position without a rumpun is no filter: nobody passes that check, and the answer
    lists everyone in the range as ineligible with it."""
    kelas = int(jabatan["kelas_jabatan"])
    m = rules.modes[mode]
    if m.kelas == "sama":
        return Rentang(kelas, kelas, None)
    rumpun = jabatan.get("rumpun") if "rumpun" in m.checks else None
    return Rentang(max(1, kelas - rules.kelas_naik_maks), kelas, rumpun or None)


async def pegawai_rentang(c: Composer, jabatan_id: uuid.UUID, mode: str, rules: PenempatanRules) -> list[Record]:
    """The employees the mode could accept for the position (and its holders): a few hundred
    compact rows instead of the whole Pemda's; the calls by NIP ask for these alone. Pegawai takes
    the range from the position itself (`jabatan_acuan`, as `rentang` says it), so this starts at
    once beside the position's own read instead of after it; a position out of reach is its 404."""
    m = rules.modes[mode]
    naik = m.kelas != "sama"
    return await c.pegawai.pegawai_ringkas(
        c.token,
        None,
        True,
        jabatan_acuan=jabatan_id,
        kelas_turun=rules.kelas_naik_maks if naik else 0,
        rumpun_acuan=naik and "rumpun" in m.checks,
    )


async def pegawai_satu(c: Composer, nip: str) -> list[Record]:
    found = await c.pegawai.lookup_pegawai([nip], c.token)
    if nip not in found:
        raise NotFound("pegawai-not-found", nip=nip)
    return [found[nip]]


async def standar(c: Composer, ids: asyncio.Task[list[Record]] | list[str]) -> dict[str, list[Record]]:
    wanted = ids if isinstance(ids, list) else [str(j["id"]) for j in await ids]
    answer = await c.kompetensi.standar([uuid.UUID(i) for i in wanted], c.token)
    return {str(k): v for k, v in answer.items()}


async def _nips(people: asyncio.Task[list[Record]]) -> list[str]:
    return [str(p["nip"]) for p in await people]


async def level(c: Composer, people: asyncio.Task[list[Record]]) -> dict[str, dict[str, int]]:
    answer = await c.kompetensi.level(await _nips(people), c.token)
    return {nip: dict(item["level"]) for nip, item in answer.items.items()}


async def predikat(c: Composer, people: asyncio.Task[list[Record]]) -> dict[str, dict[int, str]]:
    answer = await c.kinerja.predikat(await _nips(people), c.token, TAHUN_PREDIKAT)
    return {nip: {int(r["tahun"]): str(r["predikat"]) for r in item["riwayat"]} for nip, item in answer.items.items()}


async def hukdis(c: Composer, people: asyncio.Task[list[Record]]) -> tuple[frozenset[str], frozenset[str]]:
    """(NIPs with a sanction running today, NIPs whose sanctions the caller sees): kinerja's rule
    (hukdis/service.py visible_nips) decides the second; the gateway adds none. The NIPs are
    pegawai's answer to the caller's token: kinerja need not ask pegawai for them again (it takes
    that only from a caller that reaches everyone)."""
    answer = await c.kinerja.hukdis_aktif(await _nips(people), c.token, dari_pegawai=c.reaches_all)
    running = frozenset(nip for nip, item in answer.items.items() if item["aktif"])
    return running, frozenset(answer.items)


def dunia(
    jabatan_rows: Sequence[Record],
    pegawai_rows: Sequence[Record],
    standar_by_id: dict[str, list[Record]],
    levels: dict[str, dict[str, int]],
    predikat_by_nip: dict[str, dict[int, str]],
    sanctions: tuple[frozenset[str], frozenset[str]],
) -> Dunia:
    """The core's inputs from what the services answered. A sanction the caller may not see is
    not there for it: that person's eligibility rests on what it sees (the answer says so)."""
    running, seen = sanctions
    kompetensi: dict[str, Record] = {}
    jabatan = []
    for j in jabatan_rows:
        items = standar_by_id.get(str(j["id"]), [])
        for i in items:
            kompetensi.setdefault(str(i["kompetensi_kode"]), {"nama": i.get("nama"), "jenis": i.get("jenis")})
        jabatan.append(
            Jabatan(
                id=str(j["id"]),
                kelas_jabatan=int(j["kelas_jabatan"]),
                rumpun=j.get("rumpun"),
                unit_id=str(j["unit_id"]) if j.get("unit_id") else None,
                opd_id=None,
                kebutuhan=int(j.get("kebutuhan") or 0),
                bezetting=int(j.get("bezetting") or 0),
                syarat_pendidikan_min=j.get("syarat_pendidikan_min"),
                syarat_golongan_min=j.get("syarat_golongan_min"),
                standar={str(i["kompetensi_kode"]): int(i["level"]) for i in items},
            )
        )
    pegawai = [
        pegawai_dari_rekaman(
            p,
            kompetensi=levels.get(str(p["nip"]), {}),
            predikat=predikat_by_nip.get(str(p["nip"]), {}),
            hukdis_aktif=str(p["nip"]) in running,
        )
        for p in pegawai_rows
    ]
    kelompok = {
        str(p["nip"]): Kelompok(p.get("jenis_kelamin"), _date(p.get("tanggal_lahir")))
        for p in pegawai_rows
        if "jenis_kelamin" in p
    }
    info_pegawai = {
        str(p["nip"]): {k: p.get(k) for k in ("nama", "jabatan_nama", "unit_nama", "golongan")} for p in pegawai_rows
    }
    info_jabatan = {str(j["id"]): j for j in jabatan_rows}
    return Dunia(jabatan, pegawai, info_jabatan, info_pegawai, kompetensi, seen, kelompok)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
