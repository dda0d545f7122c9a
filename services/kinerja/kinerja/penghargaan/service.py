"""Awards: plain functions taking the session (and the caller's scope where reach matters)."""

from __future__ import annotations

import uuid
from typing import Any

from kinerja.penghargaan import queries
from kinerja.penghargaan.models import Penghargaan
from kinerja.penghargaan.schemas import PenghargaanIn, PenghargaanOut, PenghargaanPublik, PenghargaanUpdate
from shared.access import Record, Scope
from shared.db import Session
from shared.errors import NotFound, UnprocessableEntity
from shared.kepegawaian import nama_of
from shared.pagination import PageOf, PageParams, entity, paginate
from shared.rules import load_penghargaan


async def get_readable(session: Session, scope: Scope, penghargaan_id: uuid.UUID) -> Penghargaan:
    """The award, when its employee is within the caller's reach; 404 otherwise, as if absent."""
    found = await queries.get(session, penghargaan_id)
    if found is None:
        raise NotFound("penghargaan-not-found", id=penghargaan_id)
    if not await scope.reads_pegawai(found.nip):
        raise NotFound("penghargaan-not-found", id=penghargaan_id)
    return found


async def list_penghargaan(
    session: Session, scope: Scope, page: PageParams, *, nip: str | None, jenis: str | None, tahun: int | None
) -> PageOf[PenghargaanOut]:
    stmt = queries.list_statement(await scope.nips_in_reach(), nip=nip, jenis=jenis, tahun=tahun)
    return await paginate(session, stmt, page, entity(PenghargaanOut))


def _check_kind(jenis: str, pegawai: Record) -> None:
    kind = load_penghargaan().kinds[jenis]
    status = str(pegawai.get("status_kepegawaian") or "").lower()
    if status and status not in kind.untuk:
        raise UnprocessableEntity(
            "penghargaan-not-for-status", jenis=kind.nama, status=status.upper(), untuk=", ".join(kind.untuk).upper()
        )


async def create(session: Session, data: PenghargaanIn, pegawai: Record) -> Penghargaan:
    _check_kind(data.jenis, pegawai)
    award = Penghargaan(
        **data.model_dump(),
        nama_pegawai=nama_of(pegawai),
        unit_nama=pegawai.get("unit_nama"),
    )
    session.add(award)
    await session.flush()
    return award


async def update(session: Session, award: Penghargaan, data: PenghargaanUpdate, pegawai: Record) -> Penghargaan:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for required in ("jenis", "tanggal", "nomor_sk", "diumumkan"):
        if required in changes and changes[required] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=required)
    if "jenis" in changes:
        _check_kind(changes["jenis"], pegawai)
    for key, value in changes.items():
        setattr(award, key, value)
    await session.flush()
    return award


async def delete(session: Session, award: Penghargaan) -> None:
    await session.delete(award)
    await session.flush()


async def public_feed(session: Session, page: PageParams, tahun: int | None) -> PageOf[PenghargaanPublik]:
    kinds = load_penghargaan().kinds

    def mapper(row: Any) -> PenghargaanPublik:
        nama, unit, jenis, tanggal = row[:4]  # the page's total follows
        kind = kinds.get(jenis)
        return PenghargaanPublik(nama=nama, unit=unit, penghargaan=kind.nama if kind else jenis, tanggal=tanggal)

    return await paginate(session, queries.public_statement(tahun), page, mapper, plain=True)
