"""The cadre school: plain functions taking the session (and the caller's scope where reach matters).

A cohort is BKPSDM's (admin_bkpsdm writes it) and is not personal data: every signed-in role
reads every cohort. Who is in it is personal: the members listed, and the cohorts listed for an
employee, are those the caller reaches, filtered in the statement (queries.py).

The life of a cohort:
- seleksi: members are added (in bulk, all or nothing) and removed; each is a `peserta`.
- berjalan (once it has members and has started): members stay; each gets its outcome (lulus,
  tidak_lulus, mengundurkan_diri, or back to peserta to correct a mistake).
- selesai (once no member is still `peserta`): final, like dibatalkan (from seleksi or berjalan).
A finished or cancelled cohort no longer changes, neither the cohort nor its members (409): the
outcomes are recorded while it runs and it is closed when they are all in.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pengembangan.kader import queries
from pengembangan.kader.models import HASIL, AnggotaKader, KohortKader
from pengembangan.kader.schemas import (
    AnggotaAdded,
    AnggotaOut,
    AnggotaUpdate,
    KohortIn,
    KohortOut,
    KohortUpdate,
    RekapHasil,
)
from pengembangan.katalog import queries as katalog
from pengembangan.katalog.models import Program
from shared import audit
from shared.access import Record, Scope
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.kepegawaian import nama_of
from shared.pagination import PageOf, PageParams, paginate
from shared.rules import load_pengembangan

JALUR = "kader"  # the path of shared/rules/pengembangan.yaml a cohort's program must be on
# Where a cohort's status may go next; a finished or cancelled cohort no longer changes.
NEXT_STATUS: dict[str, frozenset[str]] = {
    "seleksi": frozenset({"berjalan", "dibatalkan"}),
    "berjalan": frozenset({"selesai", "dibatalkan"}),
    "selesai": frozenset(),
    "dibatalkan": frozenset(),
}
FINAL = frozenset(s for s, nxt in NEXT_STATUS.items() if not nxt)
STARTED = frozenset({"berjalan", "selesai"})


# --- cohorts ----------------------------------------------------------------------------


def as_out(kohort: KohortKader, counts: dict[str, int] | None) -> KohortOut:
    per = {h: (counts or {}).get(h, 0) for h in HASIL}
    fields = {f: getattr(kohort, f) for f in KohortOut.model_fields if f not in ("jumlah_anggota", "rekap")}
    return KohortOut(**fields, jumlah_anggota=sum(per.values()), rekap=RekapHasil(**per))


async def out_of(session: Session, kohort: KohortKader) -> KohortOut:
    return as_out(kohort, (await queries.rekap(session, [kohort.id])).get(kohort.id))


async def get_kohort(session: Session, kohort_id: uuid.UUID) -> KohortKader:
    found = await queries.get_kohort(session, kohort_id)
    if found is None:
        raise NotFound("kader-not-found", id=kohort_id)
    return found


async def lock_kohort(session: Session, kohort_id: uuid.UUID) -> KohortKader:
    """The cohort a write acts on, locked until the transaction ends (queries.lock_kohort)."""
    found = await queries.lock_kohort(session, kohort_id)
    if found is None:
        raise NotFound("kader-not-found", id=kohort_id)
    return found


async def list_kohort(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    tahun: int | None,
    status: str | None,
    program_id: uuid.UUID | None,
    nip: str | None,
    q: str | None,
) -> PageOf[KohortOut]:
    reach = await scope.nips_in_reach() if nip else None
    stmt = queries.list_kohort(tahun=tahun, status=status, program_id=program_id, nip=nip, reach=reach, q=q)
    found = await paginate(session, stmt, page, lambda row: row[0])
    counts = await queries.rekap(session, [k.id for k in found.items])
    items = [as_out(k, counts.get(k.id)) for k in found.items]
    return PageOf(items=items, total=found.total, limit=found.limit, offset=found.offset)


def _check_dates(mulai: date, selesai: date) -> None:
    if selesai < mulai:
        raise UnprocessableEntity("kader-tanggal", mulai=mulai.isoformat(), selesai=selesai.isoformat())


async def _program(session: Session, program_id: uuid.UUID) -> Program:
    """The program a cohort runs: in the catalogue, of a kind on the kader path (a reference in a
    body: 422 otherwise)."""
    program = await katalog.get_program(session, program_id)
    if program is None:
        raise UnprocessableEntity("kader-program-unknown", id=program_id)
    kind = load_pengembangan().kinds.get(program.jenis)
    if kind is None or kind.jalur != JALUR:
        allowed = ", ".join(k.kode for k in load_pengembangan().of_jalur(JALUR))
        raise UnprocessableEntity("kader-program-jalur", kode=program.kode, jenis=program.jenis, allowed=allowed)
    return program


async def create_kohort(session: Session, data: KohortIn) -> KohortOut:
    _check_dates(data.tanggal_mulai, data.tanggal_selesai)
    program = await _program(session, data.program_id) if data.program_id is not None else None
    if await queries.kohort_by_kode(session, data.kode) is not None:
        raise Conflict("kader-kode-duplicate", kode=data.kode)
    kohort = KohortKader(**data.model_dump(), status="seleksi")
    kohort.program = program
    session.add(kohort)
    await session.flush()
    return as_out(kohort, None)


async def update_kohort(session: Session, kohort: KohortKader, data: KohortUpdate) -> KohortOut:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for field in ("nama", "tahun", "tanggal_mulai", "tanggal_selesai", "status"):
        if field in changes and changes[field] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=field)
    if kohort.status in FINAL:
        raise Conflict("kader-final", kode=kohort.kode, status=kohort.status)
    status = changes.get("status", kohort.status)
    if status != kohort.status and status not in NEXT_STATUS[kohort.status]:
        allowed = ", ".join(sorted(NEXT_STATUS[kohort.status]))
        raise Conflict("kader-status-transition", dari=kohort.status, ke=status, allowed=allowed)
    mulai = changes.get("tanggal_mulai", kohort.tanggal_mulai)
    _check_dates(mulai, changes.get("tanggal_selesai", kohort.tanggal_selesai))
    if status in STARTED and mulai > date.today():
        raise UnprocessableEntity("kader-not-started", status=status, mulai=mulai.isoformat())
    relink = "program_id" in changes
    program_id = changes.pop("program_id", None)
    program = await _program(session, program_id) if program_id is not None else None
    counts = (await queries.rekap(session, [kohort.id])).get(kohort.id, {})
    if status != kohort.status and status == "berjalan" and not counts:
        raise Conflict("kader-tanpa-anggota", kode=kohort.kode)
    if status != kohort.status and status == "selesai" and counts.get("peserta"):
        raise Conflict("kader-hasil-belum", kode=kohort.kode, jumlah=counts["peserta"])
    if relink:  # the column too: the audit log snapshots columns before the flush syncs the relationship
        kohort.program, kohort.program_id = program, program.id if program else None
    for key, value in changes.items():
        setattr(kohort, key, value)
    await session.flush()
    return as_out(kohort, counts)


async def delete_kohort(session: Session, kohort: KohortKader) -> None:
    if kohort.status != "seleksi":
        raise Conflict("kader-hapus-status", kode=kohort.kode, status=kohort.status)
    counts = (await queries.rekap(session, [kohort.id])).get(kohort.id, {})
    if counts:
        raise Conflict("kader-has-anggota", kode=kohort.kode, jumlah=sum(counts.values()))
    await session.delete(kohort)
    await session.flush()


# --- members ----------------------------------------------------------------------------


async def list_anggota(
    session: Session, scope: Scope, kohort: KohortKader, page: PageParams, *, hasil: str | None
) -> PageOf[AnggotaOut]:
    stmt = queries.list_anggota(kohort.id, await scope.nips_in_reach(), hasil)
    return await paginate(session, stmt, page, lambda row: AnggotaOut.model_validate(row[0]))


async def get_anggota(session: Session, scope: Scope, kohort: KohortKader, nip: str) -> AnggotaKader:
    """The member, when the caller reaches the employee; 404 otherwise, as if not a member."""
    found = await queries.get_anggota(session, kohort.id, nip)
    if found is None or not await scope.reads_pegawai(nip):
        raise NotFound("kader-anggota-not-found", nip=nip, kode=kohort.kode)
    return found


def _require_seleksi(kohort: KohortKader) -> None:
    if kohort.status != "seleksi":
        raise Conflict("kader-bukan-seleksi", kode=kohort.kode, status=kohort.status)


async def add_anggota(
    session: Session, kohort: KohortKader, nips: list[str], pegawai: dict[str, Record]
) -> AnggotaAdded:
    """All of `nips` or none: set-based, one INSERT and one audit batch."""
    _require_seleksi(kohort)
    already = sorted(a.nip for a in await queries.anggota_of(session, kohort.id, nips))
    if already:
        shown = ", ".join(already[:5]) + (f" (+{len(already) - 5})" if len(already) > 5 else "")
        raise Conflict("kader-anggota-duplicate", kode=kohort.kode, nip=shown, extra={"duplicates": already[:100]})
    rows = [
        {
            "id": uuid.uuid4(),
            "version": 1,
            "kohort_id": kohort.id,
            "nip": nip,
            "hasil": "peserta",
            "keterangan": None,
            "nama_pegawai": nama_of(pegawai[nip]),
            "unit_nama": pegawai[nip].get("unit_nama"),
        }
        for nip in nips
    ]
    await audit.insert_many(session, AnggotaKader, rows)
    added = {a.nip: a for a in await queries.anggota_of(session, kohort.id, nips)}
    return AnggotaAdded(ditambahkan=len(rows), items=[AnggotaOut.model_validate(added[n]) for n in nips])


async def update_anggota(
    session: Session, kohort: KohortKader, anggota: AnggotaKader, data: AnggotaUpdate
) -> AnggotaKader:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    if "hasil" in changes and changes["hasil"] is None:
        raise UnprocessableEntity("field-cannot-be-emptied", field="hasil")
    if kohort.status in FINAL:
        raise Conflict("kader-final", kode=kohort.kode, status=kohort.status)
    if changes.get("hasil", "peserta") != "peserta" and kohort.status != "berjalan":
        raise Conflict("kader-hasil-bukan-berjalan", kode=kohort.kode, status=kohort.status)
    for key, value in changes.items():
        setattr(anggota, key, value)
    await session.flush()
    return anggota


async def remove_anggota(session: Session, kohort: KohortKader, anggota: AnggotaKader) -> None:
    _require_seleksi(kohort)
    await session.delete(anggota)
    await session.flush()
