"""Demo data for the kinerja database, from the generated Pemda (devtools/dataset.py).

SKPs: two years of final ones for every employee with a supervisor (most Baik, some Sangat
Baik, a few below), each with its four quarterly evaluations rated as its year (set-based:
INSERT ... SELECT), and drafts in this year's open period. Awards as a Pemda has them:
Satyalancana Karya Satya for many PNS with 10, 20 or 30 years of service (from the TMT CPNS in
their NIP), a few announced ASN teladan. A few disciplinary sanctions (mostly reprimands, some
sedang, one berat), one of them announced internally. A week of the daily activity log (last
week, Monday to Friday) for each serving employee with a position, each entry serving a task of
that position, most already confirmed. In one transaction, with one audit entry per table.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from kinerja.aktivitas.models import AktivitasHarian
from kinerja.hukdis.models import HukumanDisiplin
from kinerja.hukdis.service import selesai
from kinerja.penghargaan.models import Penghargaan
from kinerja.skp.models import PerilakuKerja, PeriodeSkp, RencanaHasilKerja, Skp
from kinerja.skp.queries import demo_evaluasi_statements
from shared.audit import record_bulk_load
from shared.kepegawaian import nama_lengkap
from shared.rules import load_hukdis, load_skp
from shared.settings import to_asyncpg_url

SLKS = ((30, "slks_xxx"), (20, "slks_xx"), (10, "slks_x"))
# A demo working day: (start, end) in minutes after midnight, inside 07:00-17:00.
DAY = ((7 * 60 + 30, 9 * 60), (9 * 60, 11 * 60 + 30), (13 * 60, 15 * 60), (15 * 60, 16 * 60 + 30))
DETAIL = ("", " (lanjutan)", " bersama tim", " dan pelaporannya")


def _nama_lengkap(p: Any) -> str:
    return nama_lengkap(p.nama, p.gelar_depan, p.gelar_belakang)


async def insert_dataset(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    today = today or date.today()
    rng = random.Random(data.seed + 3)
    unit_nama = {u.id: u.nama for u in data.units}
    serving = [p for p in data.pegawai if p.kedudukan == "aktif"]
    awards: list[dict[str, Any]] = []

    def add_award(p: Any, jenis: str, on: date, sk: str, pemberi: str, diumumkan: bool) -> None:
        awards.append(
            {
                "id": uuid.uuid4(),
                "version": 1,
                "nip": p.nip,
                "jenis": jenis,
                "tanggal": on,
                "nomor_sk": sk,
                "pemberi": pemberi,
                "diumumkan": diumumkan,
                "nama_pegawai": _nama_lengkap(p),
                "unit_nama": unit_nama.get(p.unit_id),
            }
        )

    for p in serving:
        if p.status_kepegawaian != "PNS":
            continue
        tmt_cpns = int(p.nip[8:12])
        for years, jenis in SLKS:
            year = tmt_cpns + years
            if year < today.year and rng.random() < 0.7:
                add_award(p, jenis, date(year, 8, 17), f"KEPPRES {rng.randint(1, 120)}/TK/{year}", "Presiden RI", False)
    for p in rng.sample(serving, min(3, len(serving))):
        add_award(p, "asn_teladan", date(today.year - 1, 11, 29), f"800/{rng.randint(100, 999)}/BKPSDM", "Bupati", True)
    sanctions: list[dict[str, Any]] = []
    kinds = load_hukdis().kinds
    for i, p in enumerate(rng.sample(serving, max(1, len(serving) // 40))):
        jenis = "B1" if i == 0 else rng.choice(["R1", "R2", "R2", "R3", "S1", "S2", "S3"])
        tmt = today - timedelta(days=rng.randint(20, 500))
        sanctions.append(
            {
                "id": uuid.uuid4(),
                "version": 1,
                "nip": p.nip,
                "tingkat": kinds[jenis].tingkat,
                "jenis": jenis,
                "nomor_sk": f"800/{rng.randint(1000, 9999)}/BKPSDM/{tmt.year}",
                "tanggal_sk": tmt - timedelta(days=14),
                "tmt": tmt,
                "tanggal_selesai": selesai(jenis, tmt),
                "alasan": "Tidak masuk kerja tanpa alasan yang sah.",
                "diumumkan_internal": i == 1,
                "nama_pegawai": _nama_lengkap(p),
                "unit_nama": unit_nama.get(p.unit_id),
            }
        )
    skp_counts = await _insert_skp(conn, data, rng, unit_nama, today)
    activity = _activity(data, serving, today, rng)
    if awards:
        await conn.execute(insert(Penghargaan), awards)
    if activity:
        await conn.execute(insert(AktivitasHarian), activity)
    if sanctions:
        await conn.execute(insert(HukumanDisiplin), sanctions)
    counts = {
        "penghargaan": len(awards),
        "hukuman_disiplin": len(sanctions),
        "aktivitas_harian": len(activity),
        **skp_counts,
    }
    await record_bulk_load(conn, counts, f"generated dataset, seed {data.seed}")
    return counts


# Predikat of a year, as a Pemda sees them: most Baik, some Sangat Baik, a few below. Each comes
# from a (hasil kerja, perilaku kerja) pair that the matrix turns into it.
SPREAD = (
    (0.15, ("diatas", "diatas")),  # sangat_baik
    (0.70, ("sesuai", "sesuai")),  # baik
    (0.09, ("dibawah", "sesuai")),  # butuh_perbaikan
    (0.04, ("sesuai", "dibawah")),  # kurang
    (0.02, ("dibawah", "dibawah")),  # sangat_kurang
)


def penilai_of(data: Any) -> dict[str, str]:
    """Each serving employee's rating supervisor: the lowest NIP holding the position up its
    reporting line (the pegawai service's rule, on the generated data)."""
    holders: dict[uuid.UUID, list[str]] = {}
    for p in data.pegawai:
        if p.kedudukan == "aktif" and p.jabatan_id:
            holders.setdefault(p.jabatan_id, []).append(p.nip)
    up = {j.id: j.atasan_jabatan_id for j in data.jabatan}
    found = {}
    for p in data.pegawai:
        if p.kedudukan != "aktif" or not p.jabatan_id:
            continue
        line = up.get(p.jabatan_id)
        while line is not None and not holders.get(line):
            line = up.get(line)
        if line is not None:
            found[p.nip] = min(holders[line])
    return found


async def _insert_skp(
    conn: AsyncConnection, data: Any, rng: random.Random, unit_nama: dict[Any, str], today: date
) -> dict[str, int]:
    """Two years of final SKPs for every employee with a supervisor, with their periodic
    evaluations, and this year's open period with a draft for some."""
    rules = load_skp()
    berakhlak = list(rules.berakhlak)
    penilai = penilai_of(data)
    periods = {t: uuid.uuid4() for t in (today.year - 2, today.year - 1, today.year)}
    await conn.execute(
        insert(PeriodeSkp),
        [
            {"id": i, "version": 1, "tahun": t, "evaluasi": "triwulanan", "terbuka": t == today.year}
            for t, i in periods.items()
        ],
    )
    people = {p.nip: p for p in data.pegawai}
    skps, items, perilaku = [], [], []
    for nip, boss in sorted(penilai.items()):
        p = people[nip]
        for tahun, periode_id in periods.items():
            current = tahun == today.year
            if current and rng.random() < 0.5:
                continue
            skp_id = uuid.uuid4()
            roll, acc = rng.random(), 0.0
            hasil, laku = SPREAD[-1][1]
            for share, pair in SPREAD:
                acc += share
                if roll < acc:
                    hasil, laku = pair
                    break
            skps.append(
                {
                    "id": skp_id,
                    "version": 1,
                    "nip": nip,
                    "periode_id": periode_id,
                    "tahun": tahun,
                    "penilai_nip": boss,
                    "status": "draft" if current else "final",
                    "rating_hasil_kerja": None if current else hasil,
                    "rating_perilaku_kerja": None if current else laku,
                    "predikat": None if current else rules.predikat_of(hasil, laku).kode,
                    "nama_pegawai": _nama_lengkap(p),
                    "unit_nama": unit_nama.get(p.unit_id),
                }
            )
            for n in (1, 2):
                items.append(
                    {
                        "id": uuid.uuid4(),
                        "skp_id": skp_id,
                        "urutan": n,
                        "uraian": f"Hasil kerja {n} tahun {tahun}",
                        "indikator": ["Tepat waktu", "Sesuai standar"],
                        "target": f"{rng.randint(4, 12)} dokumen",
                        "realisasi": None if current else "Tercapai sesuai target",
                    }
                )
            if not current:
                perilaku += [
                    {"skp_id": skp_id, "nilai": v, "urutan": k, "rating": laku} for k, v in enumerate(berakhlak, 1)
                ]
    for table, rows in ((Skp, skps), (RencanaHasilKerja, items), (PerilakuKerja, perilaku)):
        if rows:
            await conn.execute(insert(table), rows)
    periodic = demo_evaluasi_statements(today.year, rules.periodic_evaluation, "demo-loader")
    evaluated = (await conn.execute(periodic[0])).rowcount
    for statement in periodic[1:]:
        await conn.execute(statement)
    return {"periode_skp": len(periods), "skp": len(skps), "evaluasi_periodik": evaluated}


def _activity(data: Any, serving: list[Any], today: date, rng: random.Random) -> list[dict[str, Any]]:
    """Last week's entries (Monday to Friday) of every serving employee holding a position with tasks."""
    tasks = {j.id: list(j.uraian_tugas) for j in data.jabatan}
    monday = today - timedelta(days=today.weekday() + 7)
    rows: list[dict[str, Any]] = []
    for p in serving:
        own = tasks.get(p.jabatan_id) or []
        if not own:
            continue
        for d in range(5):
            for start, end in DAY:
                index = rng.randrange(len(own))
                rows.append(
                    {
                        "id": uuid.uuid4(),
                        "version": 1,
                        "nip": p.nip,
                        "tanggal": monday + timedelta(days=d),
                        "menit_mulai": start,
                        "menit_selesai": end,
                        "uraian": own[index] + rng.choice(DETAIL),
                        "tugas_indeks": index,
                        "tugas_uraian": own[index],
                        "jabatan_id": p.jabatan_id,
                        "status": "dikonfirmasi" if rng.random() < 0.8 else "diajukan",
                    }
                )
    return rows


async def load(database_url: str, data: Any, progress: Callable[[str], None] = print) -> str | None:
    """Insert unless awards already exist (reruns never duplicate)."""
    engine = create_async_engine(to_asyncpg_url(database_url))
    try:
        async with engine.begin() as conn:
            if await conn.scalar(select(func.count()).select_from(Penghargaan)):
                return None
            progress("  kinerja: loading awards, sanctions and a week of activity ...")
            counts = await insert_dataset(conn, data)
    finally:
        await engine.dispose()
    return (
        f"{counts['skp']} SKPs in {counts['periode_skp']} periods with {counts['evaluasi_periodik']} periodic "
        f"evaluations, {counts['penghargaan']} awards, {counts['hukuman_disiplin']} disciplinary sanctions, "
        f"{counts['aktivitas_harian']} activity entries"
    )
