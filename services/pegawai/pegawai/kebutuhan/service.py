"""Retirement projection: who reaches BUP within N years and the vacancies that follow."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from pegawai.kebutuhan import queries
from pegawai.kebutuhan.schemas import LowonganJabatan, LowonganTahun, PensiunPegawai, ProyeksiPensiun
from shared.rules import load_jabatan


async def proyeksi_pensiun(
    session: AsyncSession,
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
                jabatan_id=jid, nama=nama, kebutuhan=kebutuhan, bezetting_sekarang=filled,
                pensiun_per_tahun=dict(sorted(by_year.items())), kekurangan_akhir=max(kebutuhan - remaining, 0),
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
