"""Training needs' calls to the services: compact bulk reads with the caller's token, so each
service answers with the caller's scope. A fixed few calls per request, whatever the number of
people: pegawai's record (one employee) or compact rows (a unit), kompetensi's standards (one call)
and held levels, kinerja's predikat, pengembangan's JP of the year (with the status pegawai gave)
and its catalogue (programs, and the batches open for enrollment)."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from dataclasses import dataclass

from gateway.compose import Composer, Part
from shared.access import Record
from shared.clients import Bulk
from shared.errors import NotFound

PEGAWAI = Part("pegawai", "pegawai")
STANDAR = Part("standar_kompetensi", "kompetensi")
KOMPETENSI = Part("kompetensi", "kompetensi")
PREDIKAT = Part("kinerja", "kinerja")
JP = Part("jp", "pengembangan")
KATALOG = Part("katalog", "pengembangan")
# None is optional: without levels, predikat, JP or the catalogue the answer would read "no need".
PARTS = (PEGAWAI, STANDAR, KOMPETENSI, PREDIKAT, JP, KATALOG)
TAHUN_PREDIKAT = 3  # years of predikat asked for: the latest final one is what counts


@dataclass(frozen=True)
class Katalog:
    program: list[Record]
    angkatan: list[Record]  # open for enrollment (dibuka)


async def pegawai_satu(c: Composer, nip: str) -> list[Record]:
    """The employee as pegawai shows it to the caller: out of reach is not found (404)."""
    found = await c.pegawai.lookup_pegawai([nip], c.token)
    if nip not in found:
        raise NotFound("pegawai-not-found", nip=nip)
    return [found[nip]]


async def pegawai_unit(c: Composer, unit_id: uuid.UUID) -> list[Record]:
    """Everyone still employed in the unit's subtree the caller reaches; a unit out of reach: 404."""
    return await c.pegawai.pegawai_ringkas(c.token, unit_id)


def _jabatan_ids(people: list[Record]) -> list[uuid.UUID]:
    ids = [p.get("jabatan_id") for p in people] + [j for p in people for j in p.get("minat_jabatan_ids") or ()]
    return [uuid.UUID(str(i)) for i in dict.fromkeys(ids) if i]


async def standar(c: Composer, people: asyncio.Task[list[Record]]) -> dict[str, list[Record]]:
    """The standards of the positions held and of the career targets, in one call."""
    answer = await c.kompetensi.standar(_jabatan_ids(await people), c.token)
    return {str(k): v for k, v in answer.items()}


async def _nips(people: asyncio.Task[list[Record]]) -> list[str]:
    return [str(p["nip"]) for p in await people]


async def level(c: Composer, people: asyncio.Task[list[Record]]) -> dict[str, dict[str, int]]:
    answer = await c.kompetensi.level(await _nips(people), c.token)
    return {nip: {str(k): int(v) for k, v in item["level"].items()} for nip, item in answer.items.items()}


async def predikat(c: Composer, people: asyncio.Task[list[Record]]) -> dict[str, Record | None]:
    """The latest final predikat of each employee (None: none yet)."""
    answer = await c.kinerja.predikat(await _nips(people), c.token, TAHUN_PREDIKAT)
    return {nip: item.get("terakhir") for nip, item in answer.items.items()}


async def jp(c: Composer, people: asyncio.Task[list[Record]], tahun: int) -> Bulk:
    """The JP of the year with the verdict of each one's status (which pegawai knows)."""
    rows = await people
    status = {str(p["nip"]): p.get("status_kepegawaian") for p in rows}
    return await c.pengembangan.jp_tahun(list(status), tahun, c.token, status)


async def katalog(c: Composer, tahun: int | None) -> Katalog:
    """The programs and the batches open for enrollment (of a year, when given), concurrently."""
    program, angkatan = await asyncio.gather(
        c.pengembangan.program(c.token),
        c.pengembangan.angkatan(c.token, status="dibuka", tahun=tahun),
    )
    return Katalog(program, angkatan)


# --- the plan's extra parts: who pays (each unit's OPD) and with what (each OPD's budget left) -------

UNIT_OPD = Part("unit_opd", "pegawai")
ANGGARAN = Part("anggaran", "pengembangan")
ROTASI = Part("rotasi", "pengembangan")
# None is optional: without the OPDs or their budgets the plan would read "nothing can be paid", without
# the rotation data "nobody was ever developed".
TERDAFTAR = Part("usulan_peserta", "pengembangan")  # what is already proposed or enrolled in the year
PARTS_RENCANA = (*PARTS, UNIT_OPD, ANGGARAN, ROTASI, TERDAFTAR)


async def pegawai_rencana(c: Composer, unit_id: uuid.UUID | None) -> list[Record]:
    """Everyone still employed the caller reaches (of a unit's subtree), with gender and birth date
    for the adverse-impact report only; a unit out of reach: 404."""
    return await c.pegawai.pegawai_ringkas(c.token, unit_id, kelompok=True)


async def unit_opd(c: Composer, unit_id: uuid.UUID | None) -> list[Record]:
    """The units in reach (of a unit's subtree) with their OPD and parent."""
    return await c.pegawai.unit_opd(c.token, unit_id)


async def rotasi(c: Composer, unit_id: uuid.UUID | None, units: asyncio.Task[list[Record]]) -> dict[str, int | None]:
    """Days since each one's latest development (the plan's rotation factors); the whole Pemda is
    the root instansi's, which the units read names."""
    if unit_id is None:
        roots = [u for u in await units if not u.get("parent_id")]
        if not roots:
            return {}
        unit_id = uuid.UUID(str(roots[0]["unit_id"]))
    return await c.pengembangan.rotasi(unit_id, c.token)


async def anggaran(c: Composer, tahun: int) -> list[Record]:
    """Each OPD's development budget of the year the caller reads: `sisa` is what the plan may spend."""
    return await c.pengembangan.anggaran(c.token, tahun)


# Enrollments that still run or have yet to start: their JP is not in the ledger yet.
_BERJALAN = ("terdaftar", "hadir")
# Enrollments that take the program off the plan: all but the cancelled and the failed (who may retake it).
_DIAMBIL = ("terdaftar", "hadir", "lulus")


@dataclass(frozen=True)
class Terdaftar:
    """What is already on the way in the year: proposals pending (diajukan) and enrollments."""

    pasangan: frozenset[tuple[str, str]]  # (NIP, batch id): accepting a plan never proposes these again
    program: dict[str, frozenset[str]]  # NIP -> program ids not to plan again
    jp_peserta: dict[str, int]  # NIP -> JP of enrollments still running or to come
    diusulkan: dict[str, frozenset[str]]  # NIP -> program ids of pending proposals (their JP: the catalogue's)
    # Pending proposals as (OPD paying, program id, batch id): their cost is not yet committed in
    # pengembangan's budget (approval commits it), so the plan counts it as spent.
    usulan: tuple[tuple[str, str, str], ...] = ()

    def jp(self, nip: str, jp_program: dict[str, int]) -> int:
        """The JP on the way for one person, not yet in the ledger."""
        return self.jp_peserta.get(nip, 0) + sum(jp_program.get(g, 0) for g in self.diusulkan.get(nip, ()))


async def terdaftar(c: Composer, tahun: int) -> Terdaftar:
    """The year's pending proposals and its enrollments (two lists read at once, every page):
    the plan neither repeats them nor forgets that they bring JP and fill program slots."""
    usulan, peserta = await asyncio.gather(
        c.pengembangan.usulan(c.token, status="diajukan", tahun=tahun),
        c.pengembangan.peserta(c.token, tahun=tahun),
    )
    pairs = {(str(u["nip"]), str(u["angkatan_id"])) for u in usulan}
    pairs |= {(str(p["nip"]), str(p["angkatan_id"])) for p in peserta if p.get("status") != "batal"}
    program: dict[str, set[str]] = defaultdict(set)
    diusulkan: dict[str, set[str]] = defaultdict(set)
    jp: dict[str, int] = defaultdict(int)
    for u in usulan:
        program[str(u["nip"])].add(str(u["program_id"]))
        diusulkan[str(u["nip"])].add(str(u["program_id"]))
    for p in peserta:
        if p.get("status") in _DIAMBIL:
            program[str(p["nip"])].add(str(p["program_id"]))
        if p.get("status") in _BERJALAN:
            jp[str(p["nip"])] += int(p.get("jp") or 0)
    return Terdaftar(
        frozenset(pairs),
        {n: frozenset(g) for n, g in program.items()},
        dict(jp),
        {n: frozenset(g) for n, g in diusulkan.items()},
        tuple((str(u["opd_id"]), str(u["program_id"]), str(u["angkatan_id"])) for u in usulan),
    )
