"""Further study: plain functions taking the session (and the caller's scope where reach matters).

One running study per employee (a tugas belajar releases the employee from the job; two studies
at once would double-count it). A study ends once, through `finish`: graduation (lulus) records
the new education in pegawai through the outbox (`graduated`), so the employee's record follows
the diploma without a second entry by hand.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pengembangan.studi import queries
from pengembangan.studi.models import StudiLanjut
from pengembangan.studi.schemas import StudiIn, StudiOut, StudiSelesai, StudiUpdate
from shared import outbox
from shared.access import Record, Scope
from shared.db import Session
from shared.errors import Conflict, NotFound, UnprocessableEntity
from shared.kepegawaian import nama_of
from shared.pagination import PageOf, PageParams, entity, paginate


async def get_readable(session: Session, scope: Scope, studi_id: uuid.UUID) -> StudiLanjut:
    """The study, when its employee is within the caller's reach; 404 otherwise, as if absent."""
    found = await queries.get(session, studi_id)
    if found is None or not await scope.reads_pegawai(found.nip):
        raise NotFound("studi-not-found", id=studi_id)
    return found


async def list_studi(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    nip: str | None,
    jenis: str | None,
    status: str | None,
    tahun: int | None,
) -> PageOf[StudiOut]:
    stmt = queries.list_statement(await scope.nips_in_reach(), nip=nip, jenis=jenis, status=status, tahun=tahun)
    return await paginate(session, stmt, page, entity(StudiOut))


def _check_dates(mulai: date, selesai: date) -> None:
    if selesai < mulai:
        raise UnprocessableEntity("studi-tanggal", mulai=mulai.isoformat(), selesai=selesai.isoformat())


async def create(session: Session, data: StudiIn, pegawai: Record) -> StudiLanjut:
    _check_dates(data.tanggal_mulai, data.tanggal_selesai)
    if await queries.running_of(session, data.nip):
        raise Conflict("studi-berjalan", nip=data.nip)
    studi = StudiLanjut(
        **data.model_dump(), status="berjalan", nama_pegawai=nama_of(pegawai), unit_nama=pegawai.get("unit_nama")
    )
    session.add(studi)
    await session.flush()
    return studi


def _require_running(studi: StudiLanjut) -> None:
    if studi.status != "berjalan":
        raise Conflict("studi-selesai", status=studi.status)


async def update(session: Session, studi: StudiLanjut, data: StudiUpdate) -> StudiLanjut:
    _require_running(studi)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for key, value in changes.items():
        if value is None and key != "keterangan":
            raise UnprocessableEntity("field-cannot-be-emptied", field=key)
    _check_dates(
        changes.get("tanggal_mulai", studi.tanggal_mulai), changes.get("tanggal_selesai", studi.tanggal_selesai)
    )
    for key, value in changes.items():
        setattr(studi, key, value)
    await session.flush()
    return studi


async def finish(session: Session, studi: StudiLanjut, data: StudiSelesai) -> StudiLanjut:
    _require_running(studi)
    if data.tanggal > date.today():
        raise UnprocessableEntity("field.date-not-past", value=data.tanggal.isoformat())
    if data.tanggal < studi.tanggal_mulai:
        raise UnprocessableEntity("studi-akhir-sebelum-mulai", tanggal=data.tanggal.isoformat())
    if data.status != "lulus" and data.nomor_ijazah is not None:
        raise UnprocessableEntity("studi-ijazah-tanpa-lulus")
    studi.status, studi.tanggal_akhir, studi.nomor_ijazah = data.status, data.tanggal, data.nomor_ijazah
    if data.keterangan is not None:
        studi.keterangan = data.keterangan
    await session.flush()
    if data.status == "lulus":
        await graduated(session, studi)
    return studi


async def graduated(session: Session, studi: StudiLanjut) -> None:
    """The new education, for pegawai's history, in the same transaction as the graduation: the
    outbox delivers it once pegawai answers, and never if this transaction rolls back."""
    await outbox.enqueue(
        session,
        target="pegawai",
        method="POST",
        path=f"/api/v1/pegawai/{studi.nip}/riwayat-pendidikan",
        body={
            "tingkat": studi.jenjang,
            "jurusan": studi.jurusan,
            "institusi": studi.institusi,
            "tahun_lulus": studi.tanggal_akhir.year if studi.tanggal_akhir else None,
        },
    )


async def delete(session: Session, studi: StudiLanjut) -> None:
    await session.delete(studi)
    await session.flush()
