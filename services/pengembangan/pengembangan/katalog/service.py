"""The catalogue of development programs and their batches: plain functions taking the session.

The catalogue is BKPSDM's (admin_bkpsdm writes it) and is not personal data: every signed-in
role reads all of it, so no function here takes the caller's reach.

Competency codes are checked for their shape (kompetensi's dictionary codes), not looked up in
the kompetensi service: the catalogue stays writable while kompetensi is down, and a code the
dictionary does not hold simply matches no one's gap.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from pengembangan.kader import queries as kader
from pengembangan.katalog import queries
from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from pengembangan.katalog.schemas import (
    AngkatanIn,
    AngkatanOut,
    AngkatanUpdate,
    JenisProgramOut,
    KompetensiTarget,
    ProgramIn,
    ProgramOut,
    ProgramUpdate,
)
from pengembangan.peserta import service as peserta
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.pagination import PageOf, PageParams, entity, paginate
from shared.rules import load_pengembangan

# Where a batch's status may go next; a finished or cancelled batch no longer changes.
NEXT_STATUS: dict[str, frozenset[str]] = {
    "direncanakan": frozenset({"dibuka", "dibatalkan"}),
    "dibuka": frozenset({"direncanakan", "berjalan", "dibatalkan"}),
    "berjalan": frozenset({"selesai", "dibatalkan"}),
    "selesai": frozenset(),
    "dibatalkan": frozenset(),
}
FINAL = frozenset(s for s, nxt in NEXT_STATUS.items() if not nxt)
STARTED = frozenset({"berjalan", "selesai"})


def jenis_list() -> list[JenisProgramOut]:
    rules = load_pengembangan()
    return [
        JenisProgramOut(
            kode=k.kode,
            nama=k.nama,
            jalur=k.jalur,
            jalur_nama=rules.jalur[k.jalur],
            tanpa_biaya=k.tanpa_biaya,
            regulation=k.regulation,
            confirmed=k.confirmed,
        )
        for k in rules.kinds.values()
    ]


def _kinds_of(jalur: str | None) -> list[str] | None:
    return None if jalur is None else [k.kode for k in load_pengembangan().of_jalur(jalur)]


# --- programs ---------------------------------------------------------------------------


async def get_program(session: Session, program_id: uuid.UUID) -> Program:
    found = await queries.get_program(session, program_id)
    if found is None:
        raise NotFound("program-not-found", id=program_id)
    return found


async def list_programs(
    session: Session,
    page: PageParams,
    *,
    jenis: str | None,
    jalur: str | None,
    kompetensi: str | None,
    penyelenggara: str | None,
    tahun: int | None,
    tersedia: bool | None,
    q: str | None,
) -> PageOf[ProgramOut]:
    stmt = queries.list_programs(
        jenis=jenis,
        jalur_kinds=_kinds_of(jalur),
        kompetensi=kompetensi,
        penyelenggara=penyelenggara,
        tahun=tahun,
        tersedia=tersedia,
        q=q,
    )
    return await paginate(session, stmt, page, entity(ProgramOut))


async def lookup_programs(session: Session, ids: list[uuid.UUID]) -> tuple[list[Program], list[uuid.UUID]]:
    wanted = list(dict.fromkeys(ids))
    found = {p.id: p for p in await queries.programs_by_ids(session, wanted)}
    return [found[i] for i in wanted if i in found], [i for i in wanted if i not in found]


def _check_travel(luar_kota: bool, perjalanan: int) -> None:
    if perjalanan and not luar_kota:
        raise UnprocessableEntity("program-perjalanan-dalam-kota", biaya=perjalanan)


async def create_program(session: Session, data: ProgramIn) -> Program:
    if await queries.program_by_kode(session, data.kode) is not None:
        raise Conflict("program-kode-duplicate", kode=data.kode)
    _check_travel(data.luar_kota, data.biaya_perjalanan_per_peserta)
    program = Program(**data.model_dump(exclude={"kompetensi"}))
    program.kompetensi = [ProgramKompetensi(**k.model_dump()) for k in data.kompetensi]
    session.add(program)
    await session.flush()
    return program


async def _replace_kompetensi(session: Session, program: Program, targets: list[KompetensiTarget]) -> None:
    """The new list in place of the old: kept codes take their new level, others come and go
    (a row leaving is deleted through the session, so the audit log sees it)."""
    wanted = {t.kode_kompetensi: t.level for t in targets}
    for row in list(program.kompetensi):
        if row.kode_kompetensi not in wanted:
            program.kompetensi.remove(row)
            await session.delete(row)
        else:
            row.level = wanted.pop(row.kode_kompetensi)
    program.kompetensi.extend(ProgramKompetensi(kode_kompetensi=k, level=lv) for k, lv in wanted.items())
    program.kompetensi.sort(key=lambda row: row.kode_kompetensi)  # as a read loads them


async def update_program(session: Session, program: Program, data: ProgramUpdate) -> Program:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True, exclude={"kompetensi"})
    required = (
        "nama",
        "jenis",
        "jp",
        "penyelenggara",
        "biaya_per_peserta",
        "luar_kota",
        "biaya_perjalanan_per_peserta",
    )
    for field in required:
        if field in changes and changes[field] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=field)
    if "kompetensi" in data.model_fields_set and data.kompetensi is None:
        raise UnprocessableEntity("field-cannot-be-emptied", field="kompetensi")
    _check_travel(
        changes.get("luar_kota", program.luar_kota),
        changes.get("biaya_perjalanan_per_peserta", program.biaya_perjalanan_per_peserta),
    )
    jenis = changes.get("jenis", program.jenis)
    if jenis != program.jenis and load_pengembangan().kinds[jenis].jalur != "kader":
        # Cadre school cohorts run only programs of the kader path (pengembangan.kader).
        cohorts = await kader.count_of_program(session, program.id)
        if cohorts:
            raise Conflict("program-jenis-kohort-kader", kode=program.kode, jenis=jenis, jumlah=cohorts)
    for key, value in changes.items():
        setattr(program, key, value)
    if data.kompetensi is not None:
        await _replace_kompetensi(session, program, data.kompetensi)
        program.updated_at = datetime.now(UTC)  # the rows below changed: the program's version (ETag) moves
    await session.flush()
    return program


async def delete_program(session: Session, program: Program) -> None:
    batches = await queries.count_angkatan(session, program.id)
    if batches:
        raise Conflict("program-has-angkatan", kode=program.kode, jumlah=batches)
    cohorts = await kader.count_of_program(session, program.id)
    if cohorts:
        raise Conflict("program-has-kohort-kader", kode=program.kode, jumlah=cohorts)
    await session.delete(program)
    await session.flush()


# --- batches ----------------------------------------------------------------------------


async def get_angkatan(session: Session, angkatan_id: uuid.UUID) -> Angkatan:
    found = await queries.get_angkatan(session, angkatan_id)
    if found is None:
        raise NotFound("angkatan-not-found", id=angkatan_id)
    return found


async def list_angkatan(
    session: Session,
    page: PageParams,
    *,
    program_id: uuid.UUID | None,
    jenis: str | None,
    jalur: str | None,
    kompetensi: str | None,
    penyelenggara: str | None,
    tahun: int | None,
    status: str | None,
    tersedia: bool | None,
    daring: bool | None,
) -> PageOf[AngkatanOut]:
    stmt = queries.list_angkatan(
        program_id=program_id,
        jenis=jenis,
        jalur_kinds=_kinds_of(jalur),
        kompetensi=kompetensi,
        penyelenggara=penyelenggara,
        tahun=tahun,
        status=status,
        tersedia=tersedia,
        daring=daring,
    )
    return await paginate(session, stmt, page, entity(AngkatanOut))


async def lookup_angkatan(session: Session, ids: list[uuid.UUID]) -> tuple[list[Angkatan], list[uuid.UUID]]:
    wanted = list(dict.fromkeys(ids))
    found = {a.id: a for a in await queries.angkatan_by_ids(session, wanted)}
    return [found[i] for i in wanted if i in found], [i for i in wanted if i not in found]


def _check_batch(mulai: date, selesai: date, status: str, today: date) -> None:
    if selesai < mulai:
        raise UnprocessableEntity("angkatan-selesai-before-mulai", mulai=mulai.isoformat(), selesai=selesai.isoformat())
    if status in STARTED and mulai > today:
        raise UnprocessableEntity("angkatan-not-started", status=status, mulai=mulai.isoformat())


async def _check_kode(session: Session, program: Program, kode: str, own: uuid.UUID | None = None) -> None:
    other = await queries.angkatan_by_kode(session, program.id, kode)
    if other is not None and other != own:
        raise Conflict("angkatan-kode-duplicate", kode=kode, program=program.kode)


async def create_angkatan(session: Session, data: AngkatanIn) -> Angkatan:
    program = await queries.get_program(session, data.program_id)
    if program is None:
        # A reference in the body: 422, as for an unknown one anywhere in the platform.
        raise UnprocessableEntity("angkatan-program-unknown", id=data.program_id)
    _check_batch(data.tanggal_mulai, data.tanggal_selesai, data.status, date.today())
    await _check_kode(session, program, data.kode)
    batch = Angkatan(**data.model_dump(), terisi=0)
    batch.program = program
    session.add(batch)
    await session.flush()
    return batch


async def update_angkatan(session: Session, batch: Angkatan, data: AngkatanUpdate) -> Angkatan:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for field in ("kode", "tanggal_mulai", "tanggal_selesai", "kuota", "daring", "status"):
        if field in changes and changes[field] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=field)
    if batch.status in FINAL:
        raise Conflict("angkatan-final", kode=batch.kode, status=batch.status)
    status = changes.get("status", batch.status)
    if status != batch.status and status not in NEXT_STATUS[batch.status]:
        allowed = ", ".join(sorted(NEXT_STATUS[batch.status]))
        raise Conflict("angkatan-status-transition", dari=batch.status, ke=status, allowed=allowed)
    _check_batch(
        changes.get("tanggal_mulai", batch.tanggal_mulai),
        changes.get("tanggal_selesai", batch.tanggal_selesai),
        status,
        date.today(),
    )
    if "kuota" in changes and changes["kuota"] < batch.terisi:
        raise Conflict("angkatan-kuota-below-terisi", kuota=changes["kuota"], terisi=batch.terisi)
    year = changes.get("tanggal_mulai", batch.tanggal_mulai).year
    if batch.terisi and year != batch.tanggal_mulai.year:
        # Its participants are charged to the budget of the year it starts in (pengembangan.peserta).
        raise Conflict(
            "angkatan-pindah-tahun", kode=batch.kode, terisi=batch.terisi, dari=batch.tanggal_mulai.year, ke=year
        )
    if "kode" in changes and changes["kode"] != batch.kode:
        await _check_kode(session, batch.program, changes["kode"], batch.id)
    cancelled = status == "dibatalkan" and batch.status != "dibatalkan"
    for key, value in changes.items():
        setattr(batch, key, value)
    await session.flush()
    if cancelled:
        await peserta.release_batch(session, batch, f"Angkatan {batch.kode} dibatalkan")
        await session.flush()
    return batch


async def delete_angkatan(session: Session, batch: Angkatan) -> None:
    if batch.status in STARTED:
        raise Conflict("angkatan-started", kode=batch.kode, status=batch.status)
    if batch.terisi:
        raise Conflict("angkatan-has-peserta", kode=batch.kode, terisi=batch.terisi)
    named = await queries.count_usulan(session, batch.id)
    if named:  # proposals, enrollments or requests keep their history
        raise Conflict("angkatan-has-usulan", kode=batch.kode, jumlah=named)
    await session.delete(batch)
    await session.flush()
