"""Proposals: an OPD proposes its employees for a batch; BKPSDM approves or rejects each.

Relevance is checked when proposing, for every employee of the request at once: the program must
develop a competency that the standard of the employee's position or of one of its career-target
positions requires (pegawai is asked for the employees, kompetensi for the standards: one call
each, with the proposer's token). Otherwise the proposal is flagged 'not relevant to the job'
(`relevan` false) and is approved only with an explicit reason, the proposer's or BKPSDM's. An
OPD admin does not reach career targets outside its OPD, so a flag may be wrong for it: BKPSDM's
approval of a flagged proposal without a reason checks again with BKPSDM's reach first.

An approval then takes the seat and the budget, and writes nothing when either is short:
1. every write of the approval is made first (the enrollment with the cost it commits, the
   proposal's decision, their audit rows), without any lock;
2. then, last before the commit, the budget's lock (an advisory lock per OPD and year, taken
   only when the program costs anything) and one statement that takes a seat in the batch (its
   row locked, a seat left, still planned or open) and sums the OPD's allocation and what its
   enrollments not cancelled commit, the new one included (katalog.queries.take_seat);
3. the seat missing or the sum beyond the allocation (without BKPSDM's override) raise, and
   everything is rolled back.
Two approvals at the same moment therefore run their step 2 one after the other: neither can
overfill a batch nor overspend a budget, and the part that runs one at a time is a lock, one
statement and the commit.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pengembangan.anggaran import service as anggaran
from pengembangan.katalog import queries as katalog_queries
from pengembangan.katalog.models import Angkatan
from pengembangan.peserta.models import Peserta
from pengembangan.upstream import Kompetensi
from pengembangan.usulan import queries
from pengembangan.usulan.models import Usulan
from pengembangan.usulan.queries import Visible
from pengembangan.usulan.schemas import RelevansiOut, SetujuiIn, UsulanIn, UsulanOut
from shared.access import Reach, Record, Scope
from shared.audit import because
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.kepegawaian import SERVING_VALUES, nama_of
from shared.pagination import PageOf, PageParams, entity, paginate

# A batch takes proposals while planned or open for enrollment.
OPEN = frozenset({"direncanakan", "dibuka"})


async def visible(scope: Scope) -> Visible:
    """What the caller reads of records kept per employee and OPD (proposals, enrollments)."""
    if scope.reaches_all:
        return Visible(everything=True)
    if scope.reach is Reach.OPD:
        own = scope.principal.opd_id
        return Visible(opd_id=own) if own is not None else Visible()
    return Visible(nips=await scope.nips_in_reach() or frozenset())


async def get_readable(session: Session, scope: Scope, usulan_id: uuid.UUID) -> Usulan:
    found = await queries.get(session, usulan_id)
    if found is None or not (await visible(scope)).sees(found.opd_id, found.nip):
        raise NotFound("usulan-not-found", id=usulan_id)
    return found


async def list_usulan(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    angkatan_id: uuid.UUID | None,
    program_id: uuid.UUID | None,
    nip: str | None,
    opd_id: uuid.UUID | None,
    status: str | None,
    relevan: bool | None,
    tahun: int | None,
) -> PageOf[UsulanOut]:
    stmt = queries.list_statement(
        await visible(scope),
        angkatan_id=angkatan_id,
        program_id=program_id,
        nip=nip,
        opd_id=opd_id,
        status=status,
        relevan=relevan,
        tahun=tahun,
    )
    return await paginate(session, stmt, page, entity(UsulanOut))


# --- relevance ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wanted:
    key: uuid.UUID | str
    nip: str
    kompetensi: tuple[str, ...]  # what the program develops


def _position(record: Record) -> tuple[uuid.UUID | None, list[uuid.UUID]]:
    """An employee record's position and career-target positions."""
    own = uuid.UUID(str(record["jabatan_id"])) if record.get("jabatan_id") else None
    targets = [uuid.UUID(str(t)) for t in record.get("minat_jabatan_ids") or () if str(t) != str(own)]
    return own, targets


async def relevance(
    scope: Scope, kompetensi: Kompetensi, wanted: Sequence[Wanted], people: dict[str, Record] | None = None
) -> dict[uuid.UUID | str, RelevansiOut]:
    """The relevance check of many (employee, program) pairs: one call to pegawai for the
    employees (unless given: their position and career targets), one to kompetensi for every
    standard named. Positions the caller does not reach count as having no standard."""
    if people is None:
        people = await scope.require_pegawai([w.nip for w in wanted])
    positions = {nip: _position(p) for nip, p in people.items()}
    named = [j for own, targets in positions.values() for j in ([own] if own else []) + targets]
    standards = await kompetensi.standar(named) if named else {}

    def codes(jabatan_ids: Sequence[uuid.UUID]) -> set[str]:
        return {str(i["kompetensi_kode"]) for j in jabatan_ids for i in standards.get(j, ())}

    out: dict[uuid.UUID | str, RelevansiOut] = {}
    for w in wanted:
        own, targets = positions[w.nip]
        program = sorted(set(w.kompetensi))
        job = sorted(set(program) & codes([own] if own else []))
        target = sorted(set(program) & codes(targets))
        out[w.key] = RelevansiOut(
            relevan=bool(job or target),
            kompetensi_program=program,
            cocok_jabatan=job,
            cocok_target=target,
            jabatan_id=own,
            target_jabatan_ids=targets,
        )
    return out


def _wanted(u: Usulan) -> Wanted:
    """A proposal read with its program's competencies (queries.by_ids)."""
    return Wanted(u.id, u.nip, tuple(k.kode_kompetensi for k in u.angkatan.program.kompetensi))


async def relevance_of(
    session: Session, scope: Scope, kompetensi: Kompetensi, ids: list[uuid.UUID]
) -> tuple[list[tuple[Usulan, RelevansiOut]], list[uuid.UUID]]:
    """The relevance check of proposals the caller reads, as it stands now; nothing is written."""
    wanted = list(dict.fromkeys(ids))
    seen = await visible(scope)
    found = {u.id: u for u in await queries.by_ids(session, wanted) if seen.sees(u.opd_id, u.nip)}
    rows = [found[i] for i in wanted if i in found]
    checked = await relevance(scope, kompetensi, [_wanted(u) for u in rows]) if rows else {}
    return [(u, checked[u.id]) for u in rows], [i for i in wanted if i not in found]


# --- proposing ---------------------------------------------------------------------------


def _check_open(batch: Angkatan) -> None:
    if batch.status not in OPEN:
        raise Conflict("usulan-angkatan-tertutup", kode=batch.kode, program=batch.program.kode, status=batch.status)


async def staff_of(scope: Scope, opd_id: uuid.UUID | None, nips: Sequence[str]) -> tuple[uuid.UUID, dict[str, Record]]:
    """The OPD a proposal is charged to and the employees proposed, as pegawai answers them (with
    their position and career targets, for the relevance check). An OPD admin proposes for its
    own OPD (naming another: 422, a reference out of reach) the employees it reaches (one call);
    admin_bkpsdm names an OPD (a unit of kind opd) and proposes those serving in it (three calls
    at once: the unit, its units, the employees). An employee not serving in the OPD: 422."""
    if not scope.reaches_all:
        own = scope.principal.opd_id
        if own is None or (opd_id is not None and opd_id != own):
            raise UnprocessableEntity("usulan-opd-unknown", id=opd_id or "-")
        opd_id, found, units = own, await scope.directory.pegawai(scope, nips), None
    else:
        if opd_id is None:
            raise UnprocessableEntity("usulan-opd-required")
        try:
            unit, units, found = await asyncio.gather(
                scope.require_unit(opd_id),
                scope.directory.opd_units(opd_id),
                scope.directory.pegawai(scope, nips),
            )
        except NotFound:
            raise UnprocessableEntity("usulan-opd-unknown", id=opd_id) from None
        if unit.get("jenis") != "opd":
            raise UnprocessableEntity("anggaran-bukan-opd", nama=unit.get("nama"), jenis=unit.get("jenis"))

    def serving_here(p: Record | None) -> bool:
        if p is None or p.get("kedudukan") not in SERVING_VALUES:
            return False
        return units is None or (p.get("unit_id") is not None and uuid.UUID(str(p["unit_id"])) in units)

    outside = [n for n in nips if not serving_here(found.get(n))]
    if outside:
        raise UnprocessableEntity(
            "usulan-pegawai-bukan-opd",
            nip=", ".join(outside[:5]) + (f" (+{len(outside) - 5})" if len(outside) > 5 else ""),
            extra={"missing": outside[:100]},
        )
    return opd_id, {n: found[n] for n in nips}


async def create(session: Session, scope: Scope, kompetensi: Kompetensi, data: UsulanIn) -> list[Usulan]:
    """Propose employees of one OPD for one batch, all or none: a batch that takes proposals,
    employees serving in the OPD, none already proposed (pending) or enrolled in the batch. Each
    proposal carries its relevance check; `alasan_tidak_relevan` is kept on those flagged."""
    batch = await katalog_queries.get_angkatan(session, data.angkatan_id)
    if batch is None:
        raise UnprocessableEntity("usulan-angkatan-unknown", id=data.angkatan_id)
    _check_open(batch)
    opd_id, people = await staff_of(scope, data.opd_id, data.nips)
    taken = await queries.taken(session, batch.id, data.nips)
    if taken:
        raise Conflict("usulan-duplicate", nip=", ".join(taken[:5]), kode=batch.kode, extra={"nips": taken[:100]})
    program = tuple(k.kode_kompetensi for k in batch.program.kompetensi)
    checked = await relevance(scope, kompetensi, [Wanted(n, n, program) for n in data.nips], people)
    made = []
    for nip in data.nips:
        rel = checked[nip]
        row = Usulan(
            angkatan_id=batch.id,
            nip=nip,
            nama_pegawai=nama_of(people[nip])[:300],
            opd_id=opd_id,
            status="diajukan",
            alasan=data.alasan,
            diajukan_oleh=scope.principal.sub[:200],
            relevan=rel.relevan,
            relevansi=rel.model_dump(mode="json"),
            alasan_tidak_relevan=None if rel.relevan else data.alasan_tidak_relevan,
            override_anggaran=False,
        )
        row.angkatan, row.peserta = batch, None  # a new proposal has no enrollment (nothing to load)
        made.append(row)
    session.add_all(made)
    await session.flush()
    return made


# --- deciding ----------------------------------------------------------------------------


def _pending(usulan: Usulan) -> None:
    if usulan.status != "diajukan":
        raise Conflict("usulan-sudah-diputuskan", status=usulan.status)


def _rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


async def approve(session: Session, scope: Scope, kompetensi: Kompetensi, usulan: Usulan, data: SetujuiIn) -> Usulan:
    """Approve one proposal (see the module's text): the relevance flag and its reason, then the
    enrollment, then the seat and the budget at the very end."""
    _pending(usulan)
    batch, program = usulan.angkatan, usulan.angkatan.program
    _check_open(batch)
    reason = data.alasan_tidak_relevan or usulan.alasan_tidak_relevan
    if usulan.relevan is not True and not reason:
        # Flagged (or never checked) without a reason: check again with BKPSDM's reach first.
        codes = tuple(await queries.kompetensi_of(session, program.id))
        checked = (await relevance(scope, kompetensi, [Wanted(usulan.id, usulan.nip, codes)]))[usulan.id]
        if not checked.relevan:
            raise UnprocessableEntity(
                "usulan-tidak-relevan",
                nip=usulan.nip,
                program=program.kode,
                kompetensi=", ".join(checked.kompetensi_program),
                extra={"relevansi": checked.model_dump(mode="json")},
            )
        usulan.relevan, usulan.relevansi = True, checked.model_dump(mode="json")
    biaya = program.biaya_total_per_peserta
    tahun = batch.tanggal_mulai.year
    # 1. Every write, unlocked.
    if not usulan.relevan:
        because(session, f"tidak relevan: {reason}")
        usulan.alasan_tidak_relevan = reason
    usulan.peserta = Peserta(
        angkatan_id=batch.id,
        nip=usulan.nip,
        nama_pegawai=usulan.nama_pegawai,
        opd_id=usulan.opd_id,
        tahun_anggaran=tahun,
        biaya=biaya,
        status="terdaftar",
    )
    usulan.peserta.angkatan = batch
    usulan.status = "disetujui"
    _decided(scope, usulan)
    await session.flush()
    # 2. The budget's lock, then the seat and the sums in one statement.
    if biaya > 0:  # a program that costs nothing commits nothing: no budget to hold
        await anggaran.lock(session, usulan.opd_id, tahun)
    seat = await katalog_queries.take_seat(session, batch, usulan.opd_id, tahun)
    # 3. Short: everything is rolled back.
    if seat is None:  # no seat left, or the batch moved on meanwhile: say which, as it is now
        status, kuota = await katalog_queries.status_of(session, batch.id)
        if status not in OPEN:
            raise Conflict("usulan-angkatan-tertutup", kode=batch.kode, program=program.kode, status=status)
        raise Conflict("angkatan-penuh", kode=batch.kode, kuota=kuota)
    if biaya > 0 and seat.terikat > seat.alokasi:
        if not data.override_anggaran:
            sisa = seat.alokasi - (seat.terikat - biaya)
            raise Conflict(
                "anggaran-tidak-cukup",
                tahun=tahun,
                sisa=_rupiah(sisa),
                biaya=_rupiah(biaya),
                extra={"opd_id": str(usulan.opd_id), "tahun": tahun, "sisa": sisa, "biaya": biaya},
            )
        # Beyond the allocation with BKPSDM's override: the one approval that writes once more.
        because(session, f"melampaui anggaran: {data.alasan_override}")
        usulan.override_anggaran, usulan.alasan_override = True, data.alasan_override
        await session.flush()
    return usulan


def _decided(scope: Scope, usulan: Usulan) -> None:
    usulan.diputuskan_oleh = scope.principal.sub[:200]
    usulan.diputuskan_pada = datetime.now(UTC)


async def reject(session: Session, scope: Scope, usulan: Usulan, alasan: str) -> Usulan:
    _pending(usulan)
    because(session, alasan)
    usulan.status = "ditolak"
    usulan.alasan_tolak = alasan
    _decided(scope, usulan)
    await session.flush()
    return usulan


async def rekap(session: Session, unit_id: uuid.UUID, roster: list[Record], tahun: int) -> dict[str, Any]:
    """The approved proposals of a unit's serving employees (the roster from pegawai) for batches
    starting in the year, by the relevance check they carry."""
    return {"unit_id": unit_id, "tahun": tahun, **await queries.rekap(session, {p["nip"] for p in roster}, tahun)}
