"""Every statement of proposals. A caller reads the proposals of its reach: all (BKPSDM and the
machine readers), its OPD's (an OPD admin: those charged to its OPD), or its own and its direct
reports' (an employee, an atasan)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import QueryableAttribute, defaultload

from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from pengembangan.peserta.models import Peserta
from pengembangan.usulan.models import Usulan
from shared.db import Session, among

U = Usulan
# A proposal is read with its batch, program and enrollment in one statement; the competencies the
# program develops only where they are needed (creating, checking relevance), not on every read.
LEAN = (defaultload(U.angkatan).defaultload(Angkatan.program).raiseload(Program.kompetensi),)


@dataclass(frozen=True)
class Visible:
    """What of the records kept per employee and OPD a caller reads: everything, an OPD's, or NIPs."""

    everything: bool = False
    opd_id: uuid.UUID | None = None
    nips: frozenset[str] = frozenset()

    def where(self, opd_col: QueryableAttribute[uuid.UUID], nip_col: QueryableAttribute[str]) -> ColumnElement[bool]:
        if self.everything:
            return true()
        if self.opd_id is not None:
            return opd_col == self.opd_id
        return nip_col.in_(sorted(self.nips))

    def sees(self, opd_id: uuid.UUID, nip: str) -> bool:
        return self.everything or (self.opd_id is not None and opd_id == self.opd_id) or nip in self.nips


# Proposals and enrollments are kept alike (per employee, OPD and batch) and listed alike.
Tercatat = TypeVar("Tercatat", Usulan, Peserta)


def listed(
    model: type[Tercatat],
    visible: Visible,
    *conditions: ColumnElement[bool],
    angkatan_id: uuid.UUID | None,
    program_id: uuid.UUID | None,
    nip: str | None,
    opd_id: uuid.UUID | None,
    status: str | None,
) -> Select[Tercatat]:
    """The caller's visible proposals or enrollments by the filters both lists take (and the
    list's own `conditions`), newest first."""
    stmt = select(model).where(visible.where(model.opd_id, model.nip), *conditions)
    if angkatan_id is not None:
        stmt = stmt.where(model.angkatan_id == angkatan_id)
    if program_id is not None:
        stmt = stmt.where(model.angkatan_id.in_(select(Angkatan.id).where(Angkatan.program_id == program_id)))
    if nip:
        stmt = stmt.where(model.nip == nip)
    if opd_id is not None:
        stmt = stmt.where(model.opd_id == opd_id)
    if status:
        stmt = stmt.where(model.status == status)
    return stmt.order_by(model.created_at.desc(), model.nip, model.id)


def list_statement(
    visible: Visible,
    *,
    angkatan_id: uuid.UUID | None,
    program_id: uuid.UUID | None,
    nip: str | None,
    opd_id: uuid.UUID | None,
    status: str | None,
    relevan: bool | None,
    tahun: int | None,
) -> Select[Usulan]:
    conditions = []
    if relevan is not None:
        conditions.append(U.relevan.is_(relevan))
    if tahun is not None:
        in_year = Angkatan.tanggal_mulai.between(date(tahun, 1, 1), date(tahun, 12, 31))
        conditions.append(U.angkatan_id.in_(select(Angkatan.id).where(in_year)))
    stmt = listed(
        U, visible, *conditions, angkatan_id=angkatan_id, program_id=program_id, nip=nip, opd_id=opd_id, status=status
    )
    return stmt.options(*LEAN)


async def get(session: Session, usulan_id: uuid.UUID) -> Usulan | None:
    return await session.get(U, usulan_id, options=LEAN)


async def kompetensi_of(session: Session, program_id: uuid.UUID) -> list[str]:
    """The codes of the competencies a program develops."""
    stmt = select(ProgramKompetensi.kode_kompetensi).where(ProgramKompetensi.program_id == program_id)
    return list((await session.scalars(stmt.order_by(ProgramKompetensi.kode_kompetensi))).all())


async def by_ids(session: Session, ids: Sequence[uuid.UUID]) -> list[Usulan]:
    return list((await session.scalars(select(U).where(U.id.in_(list(ids))))).all())


async def taken(session: Session, angkatan_id: uuid.UUID, nips: Collection[str]) -> list[str]:
    """Of these employees, those with a pending proposal or an enrollment (not cancelled) in the batch."""
    wanted = sorted(set(nips))
    pending = select(U.nip).where(U.angkatan_id == angkatan_id, U.status == "diajukan", U.nip.in_(wanted))
    enrolled = select(Peserta.nip).where(
        Peserta.angkatan_id == angkatan_id, Peserta.status != "batal", Peserta.nip.in_(wanted)
    )
    return sorted(set((await session.scalars(pending.union(enrolled))).all()))


async def rekap(session: Session, nips: Collection[str], tahun: int) -> dict[str, int]:
    """Of these employees' approved proposals for a batch starting in the year, how many were
    found relevant to the job when proposed, not relevant, or never checked (one statement)."""
    if not nips:
        return {"disetujui": 0, "relevan": 0, "tidak_relevan": 0, "belum_diperiksa": 0}
    stmt = (
        select(
            func.count().label("disetujui"),
            func.count().filter(U.relevan.is_(True)).label("relevan"),
            func.count().filter(U.relevan.is_(False)).label("tidak_relevan"),
            func.count().filter(U.relevan.is_(None)).label("belum_diperiksa"),
        )
        .join(Angkatan, Angkatan.id == U.angkatan_id)
        .where(
            U.status == "disetujui",
            among(U.nip, values=list(nips)),
            Angkatan.tanggal_mulai.between(date(tahun, 1, 1), date(tahun, 12, 31)),
        )
    )
    row = (await session.execute(stmt)).one()
    return {k: int(v) for k, v in row._mapping.items()}
