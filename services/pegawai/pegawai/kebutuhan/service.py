"""Staffing needs (kebutuhan vs bezetting per position and unit) and the retirement projection:
who reaches BUP within N years and the vacancies that follow."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from pegawai.kebutuhan import queries
from pegawai.kebutuhan.schemas import (
    KebutuhanJabatan,
    KebutuhanUnit,
    LowonganJabatan,
    LowonganTahun,
    PensiunPegawai,
    ProyeksiPensiun,
    StatusKebutuhan,
)
from pegawai.reach import reached
from pegawai.unit_organisasi import service as unit_service
from shared.access import Scope
from shared.db import Session
from shared.pagination import PageOf, PageParams, columns, paginate
from shared.rules import load_jabatan


def _status(selisih: int) -> StatusKebutuhan:
    return StatusKebutuhan.KURANG if selisih < 0 else StatusKebutuhan.LEBIH if selisih > 0 else StatusKebutuhan.SESUAI


def _kebutuhan_jabatan(row: Any) -> KebutuhanJabatan:
    values = columns(row)
    return KebutuhanJabatan(**values, status=_status(values["selisih"]))


async def per_jabatan(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    unit_id: uuid.UUID | None,
    jenis: list[str] | None,
    status: StatusKebutuhan | None,
) -> PageOf[KebutuhanJabatan]:
    if unit_id is not None:
        await unit_service.get_readable(session, scope, unit_id)
    stmt = queries.per_jabatan_statement(
        unit_scope=(await reached(scope)).units, unit_id=unit_id, jenis=jenis, status=status.value if status else None
    )
    return await paginate(session, stmt, page, _kebutuhan_jabatan)


async def per_unit(
    session: Session, scope: Scope, *, unit_id: uuid.UUID | None, jenis_unit: str | None
) -> list[KebutuhanUnit]:
    roots: list[uuid.UUID] | None = None
    if unit_id is not None:
        await unit_service.get_readable(session, scope, unit_id)
        roots = [unit_id]
    elif not scope.reaches_all:
        roots = [scope.principal.opd_id] if scope.principal.opd_id else []
    rows = await queries.per_unit(session, roots) if roots != [] else []
    return [KebutuhanUnit(**r) for r in rows if jenis_unit in (None, r["jenis"])]


async def proyeksi(
    session: Session, scope: Scope, *, tahun: int, today: date, unit_id: uuid.UUID | None
) -> ProyeksiPensiun:
    if unit_id is not None:
        await unit_service.get_readable(session, scope, unit_id)
    return await proyeksi_pensiun(
        session, tahun=tahun, today=today, unit_scope=(await reached(scope)).units, unit_id=unit_id
    )


async def proyeksi_pensiun(
    session: Session,
    *,
    tahun: int,
    today: date,
    unit_scope: frozenset[uuid.UUID] | None,
    unit_id: uuid.UUID | None,
) -> ProyeksiPensiun:
    until = date(today.year + tahun - 1, 12, 31)
    rows = await queries.retiring(session, until=until, unit_scope=unit_scope, unit_id=unit_id)
    # Anyone already past the date (but still recorded as serving) counts in the current year.
    years = list(range(today.year, until.year + 1))
    per_pos: dict[uuid.UUID, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    per_year = dict.fromkeys(years, 0)
    for r in rows:
        y = max(r["tmt_pensiun"].year, today.year)
        per_year[y] += 1
        if r["jabatan_id"] is not None:
            per_pos[r["jabatan_id"]][y] += 1
    positions = await queries.bezetting_of(session, list(per_pos))
    new_vacancies = dict.fromkeys(years, 0)
    detail = []
    for jid, by_year in per_pos.items():
        nama, kebutuhan, filled = positions[jid]
        shortage_before = max(kebutuhan - filled, 0)
        remaining = filled
        for y in years:
            remaining -= by_year.get(y, 0)
            shortage = max(kebutuhan - remaining, 0)
            new_vacancies[y] += shortage - shortage_before
            shortage_before = shortage
        detail.append(
            LowonganJabatan(
                jabatan_id=jid,
                nama=nama,
                kebutuhan=kebutuhan,
                bezetting_sekarang=filled,
                pensiun_per_tahun=dict(sorted(by_year.items())),
                kekurangan_akhir=max(kebutuhan - remaining, 0),
            )
        )
    detail.sort(key=lambda d: (-d.kekurangan_akhir, d.nama))
    return ProyeksiPensiun(
        dari=today,
        sampai=until,
        aturan="; ".join(load_jabatan().regulation),
        pegawai=[PensiunPegawai(**r) for r in rows],
        per_tahun=[LowonganTahun(tahun=y, pensiun=per_year[y], lowongan_baru=new_vacancies[y]) for y in years],
        per_jabatan=detail,
    )
