"""Demo (and benchmark) data for the kompetensi database, from the generated Pemda.

The caller passes the dataset (devtools/dataset.py) whose positions and employees the pegawai
service holds: every position gets a standard (managerial defaults by kind plus 2-4 technical
competencies of its job family) and every serving employee assessments with a realistic spread
(most meet most levels, some have clear gaps, a few are stale). Rows go in with COPY, in one
transaction, with one audit entry per table.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from kompetensi.asesmen import queries
from kompetensi.asesmen.models import Asesmen
from shared.audit import record_bulk_load
from shared.rules import load_kompetensi
from shared.settings import to_asyncpg_url

NAMESPACE = uuid.UUID("0b6f4a52-3c1e-4a8e-9f7b-5a1d2c3e4f60")  # as in migration 0003
TEKNIS = {
    "kesehatan": ["Asuhan Keperawatan", "Pelayanan Kesehatan Dasar", "Surveilans Epidemiologi", "Manajemen Farmasi"],
    "pendidikan": ["Perencanaan Pembelajaran", "Penilaian Hasil Belajar", "Pengelolaan Kelas", "Supervisi Akademik"],
    "kepegawaian": ["Manajemen ASN", "Analisis Jabatan", "Penilaian Kompetensi", "Administrasi Kepegawaian"],
    "keuangan": [
        "Akuntansi Pemerintahan",
        "Pengelolaan Barang Milik Daerah",
        "Penganggaran Daerah",
        "Perpajakan Daerah",
    ],
    "teknik": ["Perencanaan Teknis Konstruksi", "Pengawasan Konstruksi", "Tata Ruang", "Manajemen Aset Infrastruktur"],
    "informatika": ["Tata Kelola TIK", "Pengembangan Aplikasi", "Keamanan Informasi", "Manajemen Data"],
    "perencanaan": ["Perencanaan Pembangunan", "Analisis Kebijakan", "Monitoring dan Evaluasi", "Statistik Sektoral"],
    "pengawasan": ["Audit Kinerja", "Reviu Laporan Keuangan", "Pengawasan Intern", "Manajemen Risiko"],
    "administrasi": ["Tata Naskah Dinas", "Pengelolaan Arsip", "Pelayanan Administrasi", "Pengolahan Data"],
}


def kompetensi_id(kode: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, kode)


def _teknis_for(rumpun: str) -> list[tuple[str, str]]:
    names = TEKNIS.get(rumpun, [f"Teknis {rumpun.title()} {i}" for i in range(1, 5)])
    prefix = "".join(ch for ch in rumpun.upper() if ch.isalpha())[:20]
    return [(f"TEK-{prefix}-{i:02d}", name) for i, name in enumerate(names, start=1)]


async def insert_dataset(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    today = today or date.today()
    await conn.execute(select(1))  # open the transaction before COPY on the raw connection
    raw = (await conn.get_raw_connection()).driver_connection
    assert raw is not None, "an open asyncpg connection"
    rng = random.Random(data.seed)
    rules = load_kompetensi()
    rumpun = sorted({j.rumpun for j in data.jabatan})
    teknis = {r: _teknis_for(r) for r in rumpun}
    comp_rows, level_rows = [], []
    for r, items in teknis.items():
        for kode, nama in items:
            comp_rows.append(
                (kompetensi_id(kode), kode, nama, "teknis", f"Kemampuan teknis {nama.lower()}.", r, True, 1)
            )
            level_rows += [
                (kompetensi_id(kode), lv, f"{nama}: level {lv}", f'["{nama} level {lv}"]') for lv in range(1, 6)
            ]
    await raw.copy_records_to_table(
        "kompetensi",
        columns=["id", "kode", "nama", "jenis", "definisi", "rumpun", "aktif", "version"],
        records=comp_rows,
    )
    await raw.copy_records_to_table(
        "level_kompetensi", columns=["kompetensi_id", "level", "deskripsi", "indikator"], records=level_rows
    )
    standards: dict[uuid.UUID, dict[uuid.UUID, int]] = {}
    std_rows = []
    for j in data.jabatan:
        levels = {kompetensi_id(k): lv for k, lv in rules.default_levels(j.jenis).items()}
        for kode, _ in rng.sample(teknis[j.rumpun], rng.randint(2, 4)):
            levels[kompetensi_id(kode)] = rng.randint(2, 4)
        standards[j.id] = levels
        std_rows += [(j.id, k, lv) for k, lv in levels.items()]
    await raw.copy_records_to_table(
        "standar_jabatan", columns=["jabatan_id", "version"], records=[(j, 1) for j in standards]
    )
    await raw.copy_records_to_table(
        "standar_kompetensi", columns=["jabatan_id", "kompetensi_id", "level"], records=std_rows
    )
    asesmen_rows = []
    for p in data.pegawai:
        if p.kedudukan != "aktif" or p.jabatan_id not in standards:
            continue
        weak = rng.random() < 0.15  # some people have clear gaps
        stale = rng.random() < 0.06  # and a few were last assessed long ago
        for k, req in standards[p.jabatan_id].items():
            if rng.random() < 0.08:
                continue  # never assessed in this competency
            delta = rng.choice([-2, -1, -1, 0]) if weak else rng.choice([-1, 0, 0, 0, 0, 1])
            days = rng.randint(1200, 2000) if stale else rng.randint(30, 900)
            asesmen_rows.append(
                (
                    uuid.uuid4(),
                    p.nip,
                    k,
                    max(1, min(5, req + delta)),
                    today - timedelta(days=days),
                    rng.choice(["assessment_center", "uji_kompetensi", "penilaian_atasan"]),
                    "Tim Penilai BKPSDM",
                    "demo-loader",
                )
            )
    await raw.copy_records_to_table(
        "asesmen",
        columns=["id", "nip", "kompetensi_id", "level", "tanggal", "metode", "asesor", "dicatat_oleh"],
        records=asesmen_rows,
    )
    await queries.project_all(conn)
    counts = {"kompetensi": len(comp_rows), "standar_kompetensi": len(std_rows), "asesmen": len(asesmen_rows)}
    await record_bulk_load(conn, counts, f"generated dataset, seed {data.seed}")
    return counts


async def load(database_url: str, data: Any, progress: Callable[[str], None] = print) -> str | None:
    """Insert unless assessments already exist (reruns never duplicate)."""
    engine = create_async_engine(to_asyncpg_url(database_url))
    try:
        async with engine.begin() as conn:
            if await conn.scalar(select(func.count()).select_from(Asesmen)):
                return None
            progress("  kompetensi: loading standards and assessments ...")
            counts = await insert_dataset(conn, data)
    finally:
        await engine.dispose()
    return (
        f"{counts['kompetensi']} technical competencies, {counts['standar_kompetensi']} standard rows, "
        f"{counts['asesmen']} assessments"
    )
