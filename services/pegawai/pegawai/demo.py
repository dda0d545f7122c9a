"""Load a generated Pemda (demo or benchmark) into the pegawai database, set-based.

The caller passes the dataset (see devtools/dataset.py); this module only knows the tables.
Rows go in with COPY inside the caller's transaction; the audit log gets one entry per table
naming the bulk load rather than thousands of per-row entries.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from pegawai.pegawai.models import ranks
from pegawai.unit_organisasi.models import UnitOrganisasi
from shared.audit import record_bulk_load
from shared.settings import to_asyncpg_url


async def insert_dataset(conn: AsyncConnection, data: Any) -> dict[str, int]:
    # SQLAlchemy's asyncpg adapter opens the transaction lazily, on its first statement; COPY on
    # the raw driver connection before that would run outside it (and commit on its own).
    await conn.execute(select(1))
    raw = (await conn.get_raw_connection()).driver_connection
    assert raw is not None, "an open asyncpg connection"

    async def copy(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        await raw.copy_records_to_table(table, columns=columns, records=rows)

    await copy(
        "unit_organisasi",
        ["id", "kode", "nama", "jenis", "parent_id", "version"],
        [(u.id, u.kode, u.nama, u.jenis, u.parent_id, 1) for u in data.units],
    )
    await copy(
        "jabatan",
        [
            "id",
            "kode",
            "nama",
            "jenis",
            "kelas_jabatan",
            "rumpun",
            "unit_id",
            "kebutuhan",
            "uraian_tugas",
            "hasil_kerja",
            "syarat_pendidikan_min",
            "syarat_golongan_min",
            "atasan_jabatan_id",
            "version",
        ],
        [
            (
                j.id,
                j.kode,
                j.nama,
                j.jenis,
                j.kelas_jabatan,
                j.rumpun,
                j.unit_id,
                j.kebutuhan,
                _json(j.uraian_tugas),
                _json(j.hasil_kerja),
                j.syarat_pendidikan_min,
                j.syarat_golongan_min,
                j.atasan_jabatan_id,
                1,
            )
            for j in data.jabatan
        ],
    )
    pegawai_rows: list[tuple[Any, ...]] = []
    for p in data.pegawai:
        rank = ranks(p.golongan, p.pendidikan_tingkat)
        pegawai_rows.append(
            (
                p.id,
                p.nip,
                p.nama,
                p.gelar_depan,
                p.gelar_belakang,
                p.tempat_lahir,
                p.tanggal_lahir,
                p.jenis_kelamin,
                p.status_kepegawaian,
                p.kedudukan,
                p.golongan,
                rank["golongan_rank"],
                p.tmt_golongan,
                p.pendidikan_tingkat,
                rank["pendidikan_rank"],
                p.pendidikan_jurusan,
                p.jabatan_id,
                p.tmt_jabatan,
                p.unit_id,
                list(p.minat_rumpun),
                [],
                p.email,
                p.telepon,
                1,
            )
        )
    await copy(
        "pegawai",
        [
            "id",
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "tempat_lahir",
            "tanggal_lahir",
            "jenis_kelamin",
            "status_kepegawaian",
            "kedudukan",
            "golongan",
            "golongan_rank",
            "tmt_golongan",
            "pendidikan_tingkat",
            "pendidikan_rank",
            "pendidikan_jurusan",
            "jabatan_id",
            "tmt_jabatan",
            "unit_id",
            "minat_rumpun",
            "minat_jabatan_ids",
            "email",
            "telepon",
            "version",
        ],
        pegawai_rows,
    )
    unit_of = {j.id: j.unit_id for j in data.jabatan}
    unit_names = {u.id: u.nama for u in data.units}
    rj = [
        (
            uuid.uuid4(),
            p.id,
            h.get("jabatan_id"),
            h["nama_jabatan"],
            unit_names.get(unit_of.get(h.get("jabatan_id"))) if h.get("jabatan_id") else None,
            h["tmt_mulai"],
            h["tmt_selesai"],
        )
        for p in data.pegawai
        for h in p.riwayat_jabatan
    ]
    await copy(
        "riwayat_jabatan",
        ["id", "pegawai_id", "jabatan_id", "nama_jabatan", "nama_unit", "tmt_mulai", "tmt_selesai"],
        rj,
    )
    rg = [(uuid.uuid4(), p.id, h["golongan"], h["tmt"]) for p in data.pegawai for h in p.riwayat_golongan]
    await copy("riwayat_golongan", ["id", "pegawai_id", "golongan", "tmt"], rg)
    rp = [
        (uuid.uuid4(), p.id, h["tingkat"], h["jurusan"], h["institusi"], h["tahun_lulus"])
        for p in data.pegawai
        for h in p.riwayat_pendidikan
    ]
    await copy("riwayat_pendidikan", ["id", "pegawai_id", "tingkat", "jurusan", "institusi", "tahun_lulus"], rp)
    counts = {
        "unit_organisasi": len(data.units),
        "jabatan": len(data.jabatan),
        "pegawai": len(data.pegawai),
        "riwayat_jabatan": len(rj),
        "riwayat_golongan": len(rg),
        "riwayat_pendidikan": len(rp),
    }
    await record_bulk_load(conn, counts, f"generated dataset, seed {data.seed}")
    return counts


def _json(value: list[str]) -> str:
    return json.dumps(value)


async def load(database_url: str, data: Any, progress: Callable[[str], None] = print) -> str | None:
    """Insert the dataset unless the database already holds units (reruns never duplicate)."""
    engine = create_async_engine(to_asyncpg_url(database_url))
    try:
        async with engine.begin() as conn:
            if await conn.scalar(select(func.count()).select_from(UnitOrganisasi)):
                return None
            progress(
                f"  pegawai: loading {len(data.units)} units, {len(data.jabatan)} positions, "
                f"{len(data.pegawai)} employees ..."
            )
            counts = await insert_dataset(conn, data)
    finally:
        await engine.dispose()
    opds = sum(1 for u in data.units if u.jenis == "opd")
    return (
        f"{opds} OPD, {counts['unit_organisasi']} units, {counts['jabatan']} positions, {counts['pegawai']} employees"
    )
