"""Demo data for the pengembangan database: BKPSDM's catalogue of development programs, two years
of their batches (last year and this year), who took part (proposals, enrollments and their
outcome, self-service requests) and every OPD's development budget of both years, the JP ledger of
those two years, a few further studies, and two cohorts of the cadre school.

About thirty programs on every path (klasikal, nonklasikal, pendidikan, kader), developing each
competency of kompetensi's dictionary: the nine of PermenPAN-RB 38/2017 seeded by its migration
and the technical ones its demo loader adds per job family of the generated Pemda
(TEK-<RUMPUN>-01..04; tests/pengembangan/test_demo.py holds the two lists together). Each
batch's status follows its dates: finished ones selesai (a few dibatalkan), running ones
berjalan, coming ones dibuka or, further ahead, direncanakan.

Participants are employees whose job the program fits (a managerial program fits every
position's standard, a technical one its job family's), with now and then one approved though
not relevant, with the reason. A finished batch's participants passed (most, with their test
results), failed or were cancelled; a running one's attended; an open one's are registered, and
more are proposed and waiting, or asked to join themselves. Each OPD's allocation covers what it
committed, with room left. A passed enrollment credits its JP to the ledger (source pelatihan), as
the enrollment domain does. A few employees are in further study (tugas belajar, izin belajar):
most still studying, two who stopped.

The cadre school (sekolah kader) runs the catalogue's SEKOLAH-KADER-PENGAWAS: last year's cohort
finished, each of its twenty members with an outcome (most lulus, a few tidak_lulus, one
mengundurkan_diri); this year's runs, its twenty members still peserta. Members are serving PNS of
the demo Pemda in golongan III who hold no structural position yet (the supervisors of tomorrow),
drawn from every OPD, none in both cohorts; their name and unit as the demo's pegawai holds them.

Impact evaluations (evaluasi dampak): of the passes whose evaluation window has opened (three months
after the batch's last day), about two thirds are evaluated on the form of shared/rules/
pengembangan.yaml by the participant's supervisor (the demo signs them as the loader), a few of
them late; the rest are left for the reminders list. Each program has its own typical effect, so
the per-program summary tells programs that change behaviour from those that change little.

The JP ledger of every serving employee of the generated Pemda, for last year and this year up to
today, as history (riwayat: classroom training outside the catalogue, a few known by year only)
and non-classroom activities (nonklasikal): most PNS met the 20 JP minimum last year, about half
have so far this year and some have nothing yet; most PPPK stay well below the 24 JP ceiling, a
few are near it or at it, and one in about sixty is over it this year. CPNS have none (no rule
applies to them). The `pelatihan` entries come with the participants (above).

In one transaction, with one audit entry per table.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from pengembangan.anggaran.models import Anggaran
from pengembangan.dampak.models import EvaluasiDampak
from pengembangan.jp.models import JpEntri
from pengembangan.kader.models import AnggotaKader, KohortKader
from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from pengembangan.permintaan.models import Permintaan
from pengembangan.peserta.models import Peserta
from pengembangan.studi.models import StudiLanjut
from pengembangan.usulan.models import Usulan
from shared.audit import record_bulk_load
from shared.dates import shift_months
from shared.kepegawaian import SERVING_VALUES, nama_lengkap
from shared.rules import load_kompetensi, load_pengembangan
from shared.settings import to_asyncpg_url

NAMESPACE = uuid.UUID("7d3a0c5e-1f2b-4c6d-8e9f-0a1b2c3d4e5f")
KEMENKES, KEMENDAGRI, KEMENDIKDASMEN = "Kementerian Kesehatan", "Kementerian Dalam Negeri", "Kemendikdasmen"
# (kode, nama, jenis, competencies (code, level), JP, provider, provider's name, cost, out of town, travel)
# fmt: off
CATALOGUE: list[tuple[str, str, str, list[tuple[str, int]], int, str, str | None, int, bool, int]] = [
    # Managerial and socio-cultural (PermenPAN-RB 38/2017).
    ("PKA", "Pelatihan Kepemimpinan Administrator", "pelatihan_struktural_kepemimpinan",
     [("MP", 3), ("PK", 3), ("OPH", 3), ("INT", 3)], 400, "lan", "LAN RI", 32_500_000, True, 4_500_000),
    ("PKP", "Pelatihan Kepemimpinan Pengawas", "pelatihan_struktural_kepemimpinan",
     [("KER", 2), ("OPH", 2), ("PDO", 2), ("MP", 2)], 300, "lan", "BPSDM Provinsi (terakreditasi LAN)",
     18_000_000, True, 2_500_000),
    ("PEL-INTEGRITAS", "Pelatihan Integritas dan Antikorupsi", "pelatihan_manajerial",
     [("INT", 3)], 24, "bkpsdm", None, 750_000, False, 0),
    ("WS-KOLABORASI", "Workshop Kolaborasi Lintas Perangkat Daerah", "workshop",
     [("KER", 3), ("KOM", 2)], 16, "bkpsdm", None, 500_000, False, 0),
    ("KURSUS-KOMUNIKASI", "Kursus Komunikasi Publik", "kursus",
     [("KOM", 3)], 24, "asosiasi_profesi", "Perhumas", 2_000_000, False, 0),
    ("SEM-PELAYANAN", "Seminar Inovasi Pelayanan Publik", "seminar",
     [("PPU", 2), ("OPH", 2)], 8, "kementerian", "KemenPAN-RB", 350_000, False, 0),
    ("SOS-KEBANGSAAN", "Sosialisasi Moderasi Beragama dan Wawasan Kebangsaan", "sosialisasi",
     [("PB", 2)], 4, "bkpsdm", None, 0, False, 0),
    ("PEL-PEREKAT-BANGSA", "Pelatihan Sosial Kultural Perekat Bangsa", "pelatihan_sosial_kultural",
     [("PB", 3), ("KER", 2)], 24, "lan", "LAN RI", 1_500_000, False, 0),
    ("COACH-KINERJA", "Coaching Kinerja oleh Atasan Langsung", "coaching",
     [("PDO", 2), ("OPH", 2)], 10, "bkpsdm", None, 0, False, 0),
    ("MENTOR-TALENTA", "Mentoring Talenta Calon Pimpinan", "mentoring",
     [("PDO", 3), ("MP", 2), ("PK", 2)], 20, "bkpsdm", None, 0, False, 0),
    ("EL-PERUBAHAN", "E-learning Mengelola Perubahan", "e_learning",
     [("MP", 2)], 12, "lan", "LAN RI (ASN Unggul)", 0, False, 0),
    ("PATOK-BANDING-INOVASI", "Patok Banding Inovasi Pelayanan Daerah", "patok_banding",
     [("PPU", 3), ("MP", 3)], 16, "bkpsdm", None, 1_500_000, True, 3_500_000),
    ("SEKOLAH-KADER-PENGAWAS", "Sekolah Kader Pengawas", "sekolah_kader",
     [("PK", 3), ("OPH", 3), ("KER", 3)], 240, "lan", "LAN RI", 15_000_000, True, 3_000_000),
    ("TUBEL-S2-AP", "Tugas Belajar S2 Administrasi Publik", "tugas_belajar",
     [("PK", 4), ("TEK-PERENCANAAN-02", 4)], 960, "bkpsdm", "Universitas Hasanuddin (kerja sama BKPSDM)",
     90_000_000, True, 12_000_000),
    # Technical, two or three programs per job family of the demo Pemda.
    ("BIMTEK-ASKEP", "Bimbingan Teknis Asuhan Keperawatan", "bimtek",
     [("TEK-KESEHATAN-01", 3), ("PPU", 2)], 32, "kementerian", KEMENKES, 3_500_000, True, 2_750_000),
    ("PEL-SURVEILANS", "Pelatihan Surveilans Epidemiologi dan Pelayanan Kesehatan Dasar", "pelatihan_teknis",
     [("TEK-KESEHATAN-02", 3), ("TEK-KESEHATAN-03", 3)], 40, "kementerian", KEMENKES, 4_000_000, False, 0),
    ("KURSUS-FARMASI", "Kursus Manajemen Farmasi Puskesmas", "kursus",
     [("TEK-KESEHATAN-04", 3)], 24, "asosiasi_profesi", "Ikatan Apoteker Indonesia", 2_500_000, False, 0),
    ("BIMTEK-PEMBELAJARAN", "Bimtek Perencanaan dan Penilaian Pembelajaran", "bimtek",
     [("TEK-PENDIDIKAN-01", 3), ("TEK-PENDIDIKAN-02", 3)], 32, "kementerian", KEMENDIKDASMEN, 2_000_000, False, 0),
    ("PEL-SUPERVISI", "Pelatihan Pengelolaan Kelas dan Supervisi Akademik", "pelatihan_fungsional",
     [("TEK-PENDIDIKAN-03", 3), ("TEK-PENDIDIKAN-04", 4)], 48, "kementerian", KEMENDIKDASMEN,
     3_000_000, True, 2_000_000),
    ("BIMTEK-SIASN", "Bimtek Manajemen ASN dan Administrasi Kepegawaian (SIASN)", "bimtek",
     [("TEK-KEPEGAWAIAN-01", 3), ("TEK-KEPEGAWAIAN-04", 3)], 24, "bkpsdm", "BKPSDM bersama Kanreg BKN",
     1_000_000, False, 0),
    ("PEL-ANJAB", "Pelatihan Analisis Jabatan dan Penilaian Kompetensi", "pelatihan_teknis",
     [("TEK-KEPEGAWAIAN-02", 3), ("TEK-KEPEGAWAIAN-03", 3)], 40, "kementerian", "KemenPAN-RB",
     3_500_000, True, 3_000_000),
    ("BIMTEK-AKRUAL", "Bimtek Akuntansi Pemerintahan Berbasis Akrual", "bimtek",
     [("TEK-KEUANGAN-01", 3)], 32, "kementerian", KEMENDAGRI, 3_000_000, True, 2_500_000),
    ("PEL-BMD", "Pelatihan Pengelolaan Barang Milik Daerah", "pelatihan_teknis",
     [("TEK-KEUANGAN-02", 3)], 40, "kementerian", KEMENDAGRI, 3_500_000, False, 0),
    ("WS-ANGGARAN-PAJAK", "Workshop Penganggaran dan Perpajakan Daerah", "workshop",
     [("TEK-KEUANGAN-03", 3), ("TEK-KEUANGAN-04", 2)], 24, "asosiasi_profesi", "Ikatan Akuntan Indonesia",
     2_500_000, False, 0),
    ("PEL-KONSTRUKSI", "Pelatihan Perencanaan dan Pengawasan Konstruksi", "pelatihan_teknis",
     [("TEK-TEKNIK-01", 3), ("TEK-TEKNIK-02", 3)], 48, "kementerian", "Kementerian Pekerjaan Umum",
     4_500_000, True, 3_000_000),
    ("MAGANG-TATA-RUANG", "Magang Tata Ruang dan Manajemen Aset Infrastruktur", "magang",
     [("TEK-TEKNIK-03", 3), ("TEK-TEKNIK-04", 2)], 80, "kementerian", "Kementerian ATR/BPN", 0, True, 4_000_000),
    ("BIMTEK-SIPD", "Bimtek Perencanaan Pembangunan Daerah dan Monev (SIPD)", "bimtek",
     [("TEK-PERENCANAAN-01", 3), ("TEK-PERENCANAAN-03", 3)], 32, "kementerian", KEMENDAGRI, 2_500_000, False, 0),
    ("KURSUS-KEBIJAKAN", "Kursus Analisis Kebijakan dan Statistik Sektoral", "kursus",
     [("TEK-PERENCANAAN-02", 3), ("TEK-PERENCANAAN-04", 2)], 40, "lan", "LAN RI", 3_000_000, False, 0),
    ("BIMTEK-NASKAH-ARSIP", "Bimtek Tata Naskah Dinas dan Kearsipan", "bimtek",
     [("TEK-ADMINISTRASI-01", 2), ("TEK-ADMINISTRASI-02", 2)], 24, "bkpsdm", None, 750_000, False, 0),
    ("EL-DATA-LAYANAN", "E-learning Pengolahan Data dan Pelayanan Administrasi", "e_learning",
     [("TEK-ADMINISTRASI-03", 2), ("TEK-ADMINISTRASI-04", 2)], 16, "lan", "LAN RI (ASN Unggul)", 0, False, 0),
]
# fmt: on
IN_TOWN = ("Aula BKPSDM", "Aula Bappeda", "Ruang Rapat Sekretariat Daerah", "Gedung Diklat Pemda")
OUT_OF_TOWN = ("BPSDM Provinsi Sulawesi Selatan, Makassar", "Hotel Grand Sahid, Jakarta", "Bapelkes Batam")


def program_id(kode: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, kode)


def _days(jenis: str, jp: int) -> int:
    """How many calendar days a batch runs: 8 JP a working day in a classroom, weeks for the rest."""
    if jenis == "tugas_belajar":
        return 2 * 365
    if load_pengembangan().kinds[jenis].jalur == "nonklasikal":
        return {"coaching": 42, "mentoring": 56, "magang": 28}.get(jenis, 30)
    working = math.ceil(jp / 8)
    return min(120, working + 2 * ((working - 1) // 5))  # weekends between the working days


def _status(start: date, end: date, today: date, rng: random.Random) -> str:
    if end < today:
        return "dibatalkan" if rng.random() < 0.06 else "selesai"
    if start <= today:
        return "berjalan"
    return "dibuka" if start <= today + timedelta(days=45) else "direncanakan"


def _batches(program: tuple[Any, ...], today: date, rng: random.Random, upcoming: bool) -> list[dict[str, Any]]:
    kode, _, jenis, _, jp, _, _, _, luar_kota, _ = program
    days = _days(jenis, jp)
    long = days > 60
    starts: list[date] = []
    for year in (today.year - 1, today.year):
        months = [rng.choice(range(2, 6))] if long else sorted(rng.sample(range(2, 12), rng.randint(1, 3)))
        for month in months:
            first = date(year, month, 1)
            starts.append(first + timedelta(days=(7 - first.weekday()) % 7 + 7 * rng.randint(0, 2)))  # a Monday
    if upcoming:  # open for enrollment in the coming weeks, still this year
        soon = today + timedelta(days=rng.randint(3, 20))
        soon += timedelta(days=(7 - soon.weekday()) % 7 if soon.weekday() >= 5 else 0)  # a weekday
        starts.append(min(soon, date(today.year, 12, 31)))
    daring = jenis in ("e_learning", "pelatihan_jarak_jauh")
    rows = []
    per_year: dict[int, int] = {}
    for start in sorted(starts):
        per_year[start.year] = per_year.get(start.year, 0) + 1
        end = start + timedelta(days=days - 1)
        online = daring or (jenis in ("bimtek", "sosialisasi", "seminar") and not luar_kota and rng.random() < 0.2)
        if online:
            tempat = "Daring (LMS ASN Unggul)" if jenis == "e_learning" else "Daring (Zoom)"
        elif jenis in ("coaching", "mentoring"):
            tempat = "Kantor perangkat daerah peserta"
        else:
            tempat = rng.choice(OUT_OF_TOWN if luar_kota else IN_TOWN)
        kuota = {"e_learning": 200, "coaching": 12, "mentoring": 10, "tugas_belajar": 5, "magang": 10}.get(
            jenis, rng.choice((20, 25, 30, 40))
        )
        rows.append(
            {
                "id": uuid.uuid4(),
                "version": 1,
                "program_id": program_id(kode),
                "kode": f"{start.year}-{per_year[start.year]:02d}",
                "tanggal_mulai": start,
                "tanggal_selesai": end,
                "kuota": kuota,
                "terisi": 0,
                "tempat": tempat,
                "daring": online,
                "status": _status(start, end, today, rng),
                "keterangan": None,
            }
        )
    return rows


# (jenjang studied, jurusan, institusi) by the level the employee holds
NEXT_LEVEL = {
    "S1": ("S2", "Magister Administrasi Publik", "Universitas Diponegoro"),
    "D3": ("S1", "Administrasi Negara", "Universitas Terbuka"),
    "D4": ("S2", "Magister Manajemen", "Universitas Gadjah Mada"),
    "SMA": ("D3", "Administrasi Perkantoran", "Politeknik Negeri Semarang"),
}


def _studies(data: Any, today: date, rng: random.Random) -> list[dict[str, Any]]:
    """Eight serving PNS in further study, each at the level above the one they hold: six still
    studying (started last year or this), one who failed and one who withdrew."""
    units = {u.id: u.nama for u in data.units}
    eligible = [
        p
        for p in data.pegawai
        if p.status_kepegawaian == "PNS" and p.kedudukan in SERVING_VALUES and p.pendidikan_tingkat in NEXT_LEVEL
    ]
    rows = []
    for i, p in enumerate(rng.sample(eligible, min(8, len(eligible)))):
        jenjang, jurusan, institusi = NEXT_LEVEL[p.pendidikan_tingkat]
        mulai = date(today.year - 1 + i % 2, 8, 25)
        status = "berjalan" if i < 6 else ("tidak_lulus" if i == 6 else "dibatalkan")
        rows.append(
            {
                "id": uuid.uuid5(NAMESPACE, f"studi-{p.nip}"),
                "version": 1,
                "nip": p.nip,
                "jenis": "tugas_belajar" if i % 3 else "izin_belajar",
                "jenjang": jenjang,
                "institusi": institusi,
                "jurusan": jurusan,
                "nomor_sk": f"800/{101 + i}/BKPSDM/{mulai.year}",
                "tanggal_mulai": mulai,
                "tanggal_selesai": mulai.replace(year=mulai.year + 2) - timedelta(days=1),
                "status": status,
                "tanggal_akhir": None if status == "berjalan" else min(today, mulai + timedelta(days=200)),
                "nomor_ijazah": None,
                "keterangan": None,
                "nama_pegawai": nama_lengkap(p.nama, p.gelar_depan, p.gelar_belakang),
                "unit_nama": units.get(p.unit_id) if p.unit_id else None,
            }
        )
    return rows


# Classroom training outside the catalogue (recorded as history) and non-classroom activities:
# (kind, description).
RIWAYAT: list[tuple[str, str]] = [
    ("bimtek", "Bimtek Penyusunan SKP dan Manajemen Kinerja"),
    ("seminar", "Seminar Nasional Reformasi Birokrasi"),
    ("workshop", "Workshop Penyusunan Standar Pelayanan"),
    ("pelatihan_teknis", "Pelatihan Teknis Pengadaan Barang/Jasa"),
    ("kursus", "Kursus Bahasa Inggris untuk ASN"),
    ("sosialisasi", "Sosialisasi Kode Etik dan Kode Perilaku ASN"),
    ("pelatihan_fungsional", "Pelatihan Fungsional Penjenjangan"),
]
NONKLASIKAL: list[tuple[str, str]] = [
    ("coaching", "Coaching kinerja oleh atasan langsung"),
    ("mentoring", "Mentoring pengembangan karier"),
    ("e_learning", "E-learning ASN Unggul"),
    ("belajar_mandiri", "Belajar mandiri (MOOC)"),
    ("komunitas_belajar", "Komunitas belajar perangkat daerah"),
]


def _total(rng: random.Random, status: str, last_year: bool, progress: float) -> int:
    """How many JP an employee earned in the year (this year: so far)."""
    if status == "PNS":
        met = rng.random() < (0.82 if last_year else 0.25 + 0.35 * progress)
        if met:
            return 20 + min(60, int(rng.expovariate(1 / 10)))
        return 0 if rng.random() < (0.15 if last_year else 0.3) else rng.randint(2, 19)
    if status == "PPPK":
        roll = rng.random()
        if not last_year and roll < 1 / 60:
            return rng.randint(26, 32)  # over the ceiling: the report names them
        if roll < 0.12:
            return 24
        if roll < 0.3:
            return rng.randint(20, 23)  # near the ceiling
        return rng.randint(0, 19)
    return 0  # CPNS: no rule; its development is its basic training


def _parts(rng: random.Random, total: int) -> list[int]:
    """`total` JP as one to four entries of at least 1 JP."""
    if total <= 0:
        return []
    n = max(1, min(total // 4, rng.randint(1, 4)))
    cuts = sorted(rng.sample(range(1, total), n - 1)) if n > 1 else []
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _jp_rows(data: Any, today: date, rng: random.Random) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    progress = (today.timetuple().tm_yday - 1) / 365
    for p in data.pegawai:
        if p.kedudukan not in SERVING_VALUES:
            continue
        for year in (today.year - 1, today.year):
            last_year = year < today.year
            first, last = date(year, 1, 1), date(year, 12, 31) if last_year else today
            for jp in _parts(rng, _total(rng, p.status_kepegawaian, last_year, progress)):
                nonklasikal = rng.random() < (0.4 if last_year else 0.5)
                jenis, uraian = rng.choice(NONKLASIKAL if nonklasikal else RIWAYAT)
                on: date | None = first + timedelta(days=rng.randint(0, (last - first).days))
                if not nonklasikal and last_year and rng.random() < 0.1:
                    on = None  # history known by its year alone
                rows.append(
                    {
                        "id": uuid.uuid4(),
                        "version": 1,
                        "nip": p.nip,
                        "tahun": year,
                        "tanggal": on,
                        "jp": jp,
                        "sumber": "nonklasikal" if nonklasikal else "riwayat",
                        "jenis": jenis,
                        "program_id": None,
                        "angkatan_id": None,
                        "uraian": f"{uraian} {year}",
                        "nomor_bukti": None if nonklasikal else f"SERT/{rng.randint(100, 9999)}/{year}",
                        "dicatat_oleh": "demo-loader",
                    }
                )
    return rows


async def insert_catalogue(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    today = today or date.today()
    rng = random.Random(data.seed + 4)
    programs, targets, batches = [], [], []
    for i, program in enumerate(CATALOGUE):
        kode, nama, jenis, kompetensi, jp, penyelenggara, penyelenggara_nama, biaya, luar_kota, perjalanan = program
        programs.append(
            {
                "id": program_id(kode),
                "version": 1,
                "kode": kode,
                "nama": nama,
                "jenis": jenis,
                "jp": jp,
                "penyelenggara": penyelenggara,
                "penyelenggara_nama": penyelenggara_nama,
                "biaya_per_peserta": biaya,
                "luar_kota": luar_kota,
                "biaya_perjalanan_per_peserta": perjalanan,
                "deskripsi": None,
            }
        )
        targets += [{"program_id": program_id(kode), "kode_kompetensi": k, "level": lv} for k, lv in kompetensi]
        batches += _batches(program, today, rng, upcoming=i % 3 == 0 and jenis != "tugas_belajar")
    await conn.execute(insert(Program), programs)
    await conn.execute(insert(ProgramKompetensi), targets)
    await conn.execute(insert(Angkatan), batches)
    studies = _studies(data, today, rng)
    await conn.execute(insert(StudiLanjut), studies)
    counts = {
        "program": len(programs),
        "program_kompetensi": len(targets),
        "angkatan": len(batches),
        "studi_lanjut": len(studies),
    }
    await record_bulk_load(conn, counts, f"demo catalogue, seed {data.seed}")
    return counts


async def insert_participation(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    """Who took part in the catalogue's batches (as stored): proposals, enrollments, requests, the
    seats they take and every OPD's budget of both years; the JP of each pass credited to the
    ledger as `pelatihan`, as the enrollment domain does."""
    today = today or date.today()
    programs = [dict(r) for r in (await conn.execute(select(Program.__table__))).mappings()]
    targets = [dict(r) for r in (await conn.execute(select(ProgramKompetensi.__table__))).mappings()]
    batches = [dict(r) for r in (await conn.execute(select(Angkatan.__table__))).mappings()]
    batches.sort(key=lambda b: (b["tanggal_mulai"], b["kode"]))  # the same draw on every load
    taking = _participation(data, programs, targets, batches, today, random.Random(data.seed + 5))
    await conn.execute(
        update(Angkatan).where(Angkatan.id == bindparam("b_id")).values(terisi=bindparam("b_terisi")),
        [{"b_id": b["id"], "b_terisi": b["terisi"]} for b in batches if b["terisi"]],
    )
    counts: dict[str, int] = {}
    jp = {p["id"]: p["jp"] for p in programs}
    program = {p["id"]: p for p in programs}
    program_of = {b["id"]: b["program_id"] for b in batches}
    kode = {b["id"]: b["kode"] for b in batches}
    ended = {b["id"]: b["tanggal_selesai"] for b in batches}
    credited = [
        {
            "id": uuid.uuid4(),
            "version": 1,
            "nip": p["nip"],
            "tahun": ended[p["angkatan_id"]].year,
            "tanggal": ended[p["angkatan_id"]],
            "jp": jp[program_of[p["angkatan_id"]]],
            "sumber": "pelatihan",
            "jenis": program[program_of[p["angkatan_id"]]]["jenis"],
            "program_id": program_of[p["angkatan_id"]],
            "angkatan_id": p["angkatan_id"],
            "uraian": f"{program[program_of[p['angkatan_id']]]['nama']} ({kode[p['angkatan_id']]})"[:500],
            "nomor_bukti": None,
            "dicatat_oleh": "demo-loader",
        }
        for p in taking.peserta
        if p["status"] == "lulus" and jp[program_of[p["angkatan_id"]]] > 0
    ]
    for model, rows in (
        (Usulan, taking.usulan),
        (Peserta, taking.peserta),
        (Permintaan, taking.permintaan),
        (Anggaran, taking.anggaran),
        (JpEntri, credited),
    ):
        for start in range(0, len(rows), 2000):  # asyncpg's bind parameters per statement are bounded
            await conn.execute(insert(model), rows[start : start + 2000])
        counts[model.__tablename__] = len(rows)
    counts["jp_pelatihan"] = counts.pop(JpEntri.__tablename__)
    await record_bulk_load(conn, counts, f"demo participation, seed {data.seed}")
    return counts


# --- who took part ------------------------------------------------------------------------


class Taking:
    def __init__(self) -> None:
        self.usulan: list[dict[str, Any]] = []
        self.peserta: list[dict[str, Any]] = []
        self.permintaan: list[dict[str, Any]] = []
        self.anggaran: list[dict[str, Any]] = []


def _rumpun_code(rumpun: str) -> str:
    """kompetensi's demo prefix of a job family's technical competencies (TEK-<RUMPUN>-nn)."""
    return "TEK-" + "".join(ch for ch in rumpun.upper() if ch.isalpha())[:20] + "-"


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _participation(
    data: Any,
    programs: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    batches: list[dict[str, Any]],
    today: date,
    rng: random.Random,
) -> Taking:
    """Proposals, enrollments and requests for the batches (their `terisi` set to match), and the
    budgets of every OPD for both years (their allocation covering what is committed)."""
    out = Taking()
    managerial = set(load_kompetensi().default_levels("pelaksana"))
    position = {j.id: j for j in data.jabatan}
    serving = [p for p in data.pegawai if p.kedudukan == "aktif" and p.jabatan_id in position]
    by_prefix: dict[str, list[Any]] = {}
    for p in serving:
        by_prefix.setdefault(_rumpun_code(position[p.jabatan_id].rumpun), []).append(p)
    program_of = {p["id"]: p for p in programs}
    develops: dict[uuid.UUID, list[tuple[str, int]]] = {}
    for t in targets:
        develops.setdefault(t["program_id"], []).append((t["kode_kompetensi"], t["level"]))
    committed: dict[tuple[uuid.UUID, int], int] = {}
    admin_of = {opd.id: f"admin-opd-{opd.kode.lower()}" for opd in data.opds()}
    for batch in batches:
        if batch["status"] == "dibatalkan":
            continue
        program = program_of[batch["program_id"]]
        codes = develops[program["id"]]
        technical = sorted({c[: c.rindex("-") + 1] for c, _ in codes if c.startswith("TEK-")})
        fitting = [p for prefix in technical for p in by_prefix.get(prefix, ())]
        if not fitting or any(c in managerial for c, _ in codes):
            fitting = serving
        share = {"selesai": (0.3, 0.7), "berjalan": (0.3, 0.7), "dibuka": (0.15, 0.4), "direncanakan": (0.0, 0.0)}
        low, high = share[batch["status"]]
        seats = min(batch["kuota"], len(fitting), 30, round(batch["kuota"] * rng.uniform(low, high)))
        chosen = rng.sample(fitting, min(len(fitting), seats + rng.randint(2, 6)))
        enrolled, waiting = chosen[:seats], chosen[seats:]
        decided_all = batch["status"] in ("selesai", "berjalan")  # nothing of a started batch still waits
        start = batch["tanggal_mulai"]
        biaya = program["biaya_per_peserta"] + program["biaya_perjalanan_per_peserta"]
        proposed = start - timedelta(days=rng.randint(20, 45))
        decided = proposed + timedelta(days=rng.randint(3, 10))
        active = 0
        for p in enrolled:
            opd = position[p.jabatan_id].opd_id
            usulan_id, peserta_id = uuid.uuid4(), uuid.uuid4()
            relevant = rng.random() > 0.05
            out.usulan.append(
                _usulan(usulan_id, batch, p, opd, admin_of.get(opd, "admin-opd"), proposed)
                | {
                    "status": "disetujui",
                    "relevan": relevant,
                    "relevansi": None,
                    "alasan_tidak_relevan": None if relevant else "Penugasan khusus pimpinan perangkat daerah.",
                    "diputuskan_oleh": "admin-bkpsdm",
                    "diputuskan_pada": _at(decided),
                    "updated_at": _at(decided),
                }
            )
            status = _outcome(batch["status"], rng)
            passed = status == "lulus" and rng.random() < 0.8
            out.peserta.append(
                {
                    "id": peserta_id,
                    "version": 1,
                    "usulan_id": usulan_id,
                    "angkatan_id": batch["id"],
                    "nip": p.nip,
                    "nama_pegawai": nama_lengkap(p.nama, p.gelar_depan, p.gelar_belakang)[:300],
                    "opd_id": opd,
                    "tahun_anggaran": start.year,
                    "biaya": biaya,
                    "status": status,
                    "hasil": [{"kode_kompetensi": c, "level": max(1, lv - rng.choice((0, 0, 1)))} for c, lv in codes]
                    if passed
                    else None,
                    "alasan_batal": "Berhalangan karena penugasan lain." if status == "batal" else None,
                    "created_at": _at(decided),
                    "updated_at": _at(min(today, batch["tanggal_selesai"])) if status != "terdaftar" else _at(decided),
                }
            )
            if status != "batal":
                active += 1
                committed[(opd, start.year)] = committed.get((opd, start.year), 0) + biaya
        batch["terisi"] = active
        for p in waiting:
            opd = position[p.jabatan_id].opd_id
            row = _usulan(uuid.uuid4(), batch, p, opd, admin_of.get(opd, "admin-opd"), proposed)
            if batch["status"] == "dibuka" and rng.random() < 0.3:  # the employee asked, its admin forwarded
                out.permintaan.append(
                    _permintaan(batch, p, codes, proposed - timedelta(days=2))
                    | {
                        "status": "diteruskan",
                        "usulan_id": row["id"],
                        "diputuskan_oleh": row["diajukan_oleh"],
                        "diputuskan_pada": _at(proposed),
                    }
                )
            if decided_all or rng.random() < 0.25:
                row |= {
                    "status": "ditolak",
                    "alasan_tolak": "Kuota angkatan diprioritaskan untuk OPD lain.",
                    "diputuskan_oleh": "admin-bkpsdm",
                    "diputuskan_pada": _at(decided),
                }
            out.usulan.append(row)
        if batch["status"] == "dibuka":  # employees asking now, waiting for their OPD admin
            taken = {p.nip for p in chosen}
            for p in rng.sample([p for p in fitting if p.nip not in taken], min(2, len(fitting) - len(taken))):
                out.permintaan.append(_permintaan(batch, p, codes, today - timedelta(days=rng.randint(0, 6))))
    for year in (today.year - 1, today.year):
        for opd in data.opds():
            spent = committed.get((opd.id, year), 0)
            alokasi = max(250_000_000, math.ceil(spent * rng.uniform(1.15, 1.6) / 10_000_000) * 10_000_000)
            pagu = math.ceil(alokasi / rng.uniform(0.008, 0.02) / 1_000_000_000) * 1_000_000_000
            out.anggaran.append(
                {
                    "id": uuid.uuid5(NAMESPACE, f"anggaran:{opd.id}:{year}"),
                    "version": 1,
                    "opd_id": opd.id,
                    "opd_nama": opd.nama,
                    "tahun": year,
                    "pagu": pagu,
                    "alokasi": alokasi,
                    "keterangan": f"DPA {year}, program pengembangan kompetensi ASN",
                }
            )
    return out


def _outcome(batch_status: str, rng: random.Random) -> str:
    if batch_status == "selesai":
        return rng.choices(["lulus", "tidak_lulus", "batal"], weights=[85, 10, 5])[0]
    if batch_status == "berjalan":
        return rng.choices(["hadir", "batal"], weights=[96, 4])[0]
    return rng.choices(["terdaftar", "batal"], weights=[95, 5])[0]


def _usulan(ident: uuid.UUID, batch: dict[str, Any], p: Any, opd: uuid.UUID, by: str, when: date) -> dict[str, Any]:
    return {
        "id": ident,
        "version": 1,
        "angkatan_id": batch["id"],
        "nip": p.nip,
        "nama_pegawai": nama_lengkap(p.nama, p.gelar_depan, p.gelar_belakang)[:300],
        "opd_id": opd,
        "status": "diajukan",
        "alasan": "Sesuai kebutuhan pengembangan kompetensi jabatan.",
        "diajukan_oleh": by,
        "relevan": None,
        "relevansi": None,
        "alasan_tidak_relevan": None,
        "override_anggaran": False,
        "alasan_override": None,
        "alasan_tolak": None,
        "diputuskan_oleh": None,
        "diputuskan_pada": None,
        "created_at": _at(when),
        "updated_at": _at(when),
    }


def _permintaan(batch: dict[str, Any], p: Any, codes: list[tuple[str, int]], when: date) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "angkatan_id": batch["id"],
        "nip": p.nip,
        "nama_pegawai": nama_lengkap(p.nama, p.gelar_depan, p.gelar_belakang)[:300],
        "status": "diajukan",
        "alasan": "Ingin meningkatkan kompetensi sesuai jabatan.",
        "kompetensi_sesuai": sorted(c for c, _ in codes),
        "mengisi_gap": [],
        "usulan_id": None,
        "alasan_tolak": None,
        "diputuskan_oleh": None,
        "diputuskan_pada": None,
        "created_at": _at(when),
        "updated_at": _at(when),
    }


KADER_PROGRAM = "SEKOLAH-KADER-PENGAWAS"
KADER_SIZE = 20
# Who may be selected: serving PNS in golongan III, in a position that is not yet structural.
KADER_GOLONGAN = ("III/a", "III/b", "III/c", "III/d")
KADER_JABATAN = ("pelaksana", "terampil", "mahir", "ahli_pertama", "ahli_muda")
KADER_NOTES = {
    "tidak_lulus": "Proyek perubahan belum memenuhi nilai minimal kelulusan.",
    "mengundurkan_diri": "Mengundurkan diri karena mutasi tugas.",
}


def _kader_candidates(data: Any, rng: random.Random) -> list[Any]:
    """2 x KADER_SIZE eligible employees, drawn in turn from each OPD (so every OPD sends some)."""
    jenis = {j.id: j.jenis for j in data.jabatan}
    opd = {j.id: j.opd_id for j in data.jabatan}
    by_opd: dict[Any, list[Any]] = {}
    for p in data.pegawai:
        if (
            p.status_kepegawaian == "PNS"
            and p.kedudukan == "aktif"
            and p.golongan in KADER_GOLONGAN
            and jenis.get(p.jabatan_id) in KADER_JABATAN
        ):
            by_opd.setdefault(opd[p.jabatan_id], []).append(p)
    pools = [rng.sample(people, len(people)) for _, people in sorted(by_opd.items(), key=lambda kv: str(kv[0]))]
    chosen: list[Any] = []
    while len(chosen) < 2 * KADER_SIZE and any(pools):
        for pool in pools:
            if pool and len(chosen) < 2 * KADER_SIZE:
                chosen.append(pool.pop())
    return chosen


async def insert_kader(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    """Last year's cohort, finished with every outcome recorded, and this year's, running."""
    today = today or date.today()
    rng = random.Random(data.seed + 5)
    program = await conn.scalar(select(Program.id).where(Program.kode == KADER_PROGRAM))
    unit_nama = {u.id: u.nama for u in data.units}
    people = _kader_candidates(data, rng)
    last, this = today.year - 1, today.year
    start = min(date(this, 3, 2), today)  # started by today, whatever the day of the year
    cohorts = [
        (last, date(last, 3, 2), date(last, 8, 28), "selesai", people[:KADER_SIZE]),
        (this, start, max(date(this, 8, 28), today + timedelta(days=30)), "berjalan", people[KADER_SIZE:]),
    ]
    kohort_rows, anggota_rows = [], []
    for tahun, mulai, selesai, status, members in cohorts:
        kohort_id = uuid.uuid5(NAMESPACE, f"kohort-kader:{tahun}")
        kohort_rows.append(
            {
                "id": kohort_id,
                "version": 1,
                "kode": f"SKP-{tahun}",
                "nama": f"Sekolah Kader Pengawas Angkatan {tahun}",
                "tahun": tahun,
                "program_id": program,
                "tanggal_mulai": mulai,
                "tanggal_selesai": selesai,
                "status": status,
                "keterangan": "Peserta hasil seleksi talenta BKPSDM.",
            }
        )
        # A finished cohort: one withdrew, two failed, the rest passed.
        outcomes = ["mengundurkan_diri", "tidak_lulus", "tidak_lulus"] + ["lulus"] * (len(members) - 3)
        rng.shuffle(outcomes)
        for i, p in enumerate(members):
            hasil = outcomes[i] if status == "selesai" else "peserta"
            anggota_rows.append(
                {
                    "id": uuid.uuid4(),
                    "version": 1,
                    "kohort_id": kohort_id,
                    "nip": p.nip,
                    "hasil": hasil,
                    "keterangan": KADER_NOTES.get(hasil),
                    "nama_pegawai": nama_lengkap(p.nama, p.gelar_depan, p.gelar_belakang),
                    "unit_nama": unit_nama.get(p.unit_id),
                }
            )
    await conn.execute(insert(KohortKader), kohort_rows)
    await conn.execute(insert(AnggotaKader), anggota_rows)
    counts = {"kohort_kader": len(kohort_rows), "anggota_kader": len(anggota_rows)}
    await record_bulk_load(conn, counts, f"demo cadre school, seed {data.seed}")
    return counts


async def insert_jp(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    rows = _jp_rows(data, today or date.today(), random.Random(data.seed + 5))
    await conn.execute(insert(JpEntri), rows)
    counts = {"jp_entri": len(rows)}
    await record_bulk_load(conn, counts, f"demo JP ledger, seed {data.seed}")
    return counts


DAMPAK_NOTES = (
    "Sudah menerapkan materi pelatihan dalam tugas harian.",
    "Mulai membagikan materi kepada rekan satu bidang.",
    "Perlu pendampingan agar penerapan lebih konsisten.",
    None,
    None,
)


async def insert_dampak(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    """Impact evaluations of about two thirds of the passes whose window has opened by `today`;
    a few recorded after the window closed (late). Scores lean on each program's typical effect."""
    today = today or date.today()
    rng = random.Random(data.seed + 6)
    form = load_pengembangan().dampak
    passes = (
        await conn.execute(
            select(Peserta.id, Peserta.nip, Angkatan.program_id, Angkatan.tanggal_selesai)
            .join(Angkatan, Angkatan.id == Peserta.angkatan_id)
            .where(Peserta.status == "lulus")
            .order_by(Angkatan.tanggal_selesai, Peserta.nip, Angkatan.id)
        )
    ).all()
    effect: dict[uuid.UUID, float] = {}
    rows = []
    for peserta_id, _, program, ended in passes:
        opens, closes = shift_months(ended, form.mulai_bulan), shift_months(ended, form.selesai_bulan)
        if opens > today or rng.random() < 0.35:  # not yet due, or still waiting for its supervisor
            continue
        typical = effect.setdefault(program, rng.uniform(form.skala_min + 0.8, form.skala_max - 0.3))
        skor = {k: min(form.skala_max, max(form.skala_min, round(rng.gauss(typical, 0.7)))) for k in form.aspek}
        last = min(today, closes + timedelta(days=45))
        on = opens + timedelta(days=rng.randint(0, max(0, (last - opens).days)))
        weak = sum(skor.values()) / len(skor) < (form.skala_min + form.skala_max) / 2
        at = _at(on, 10)
        rows.append(
            {
                "id": uuid.uuid4(),
                "version": 1,
                "peserta_id": peserta_id,
                "skor": skor,
                "rekomendasi": list(form.rekomendasi)[1 if weak else 0],
                "catatan": rng.choice(DAMPAK_NOTES),
                "terlambat": on > closes,
                "form_versi": form.versi,
                "dinilai_oleh": "demo-loader",
                "dinilai_oleh_nip": None,
                "dinilai_pada": at,
                "created_at": at,
                "updated_at": at,
            }
        )
    for start in range(0, len(rows), 2000):  # asyncpg's bind parameters per statement are bounded
        await conn.execute(insert(EvaluasiDampak), rows[start : start + 2000])
    counts = {"evaluasi_dampak": len(rows)}
    await record_bulk_load(conn, counts, f"demo impact evaluations, seed {data.seed}")
    return counts


async def insert_dataset(conn: AsyncConnection, data: Any, today: date | None = None) -> dict[str, int]:
    """Everything `load` inserts into an empty database: the catalogue (with further study), who
    took part and the budgets, the impact evaluations, the JP ledger and the cadre school."""
    counts = await insert_catalogue(conn, data, today)
    counts |= await insert_participation(conn, data, today)
    counts |= await insert_dampak(conn, data, today)
    counts |= await insert_jp(conn, data, today)
    return counts | await insert_kader(conn, data, today)


async def load(database_url: str, data: Any, progress: Callable[[str], None] = print) -> str | None:
    """Insert what is not there yet: the catalogue unless it holds programs, the impact evaluations
    unless it holds some, the JP ledger unless it holds entries, the cadre school unless it holds
    cohorts (reruns never duplicate; a database loaded before a part was added gains it)."""
    engine = create_async_engine(to_asyncpg_url(database_url))
    loaded: list[str] = []
    try:
        async with engine.begin() as conn:
            if not await conn.scalar(select(func.count()).select_from(Program)):
                progress("  pengembangan: loading the catalogue of programs and two years of batches ...")
                counts = await insert_catalogue(conn, data)
                loaded.append(
                    f"{counts['program']} programs, {counts['angkatan']} batches, {counts['studi_lanjut']} studies"
                )
            if not await conn.scalar(select(func.count()).select_from(Usulan)):
                progress("  pengembangan: loading who took part in the batches, and every OPD's budget ...")
                counts = await insert_participation(conn, data)
                loaded.append(
                    f"{counts['peserta']} enrollments, {counts['usulan']} proposals, {counts['permintaan']} requests, "
                    f"{counts['anggaran']} budgets"
                )
            if not await conn.scalar(select(func.count()).select_from(EvaluasiDampak)):
                progress("  pengembangan: loading the impact evaluations of passed participants ...")
                loaded.append(f"{(await insert_dampak(conn, data))['evaluasi_dampak']} impact evaluations")
            if not await conn.scalar(select(func.count()).select_from(JpEntri).where(JpEntri.sumber != "pelatihan")):
                progress("  pengembangan: loading two years of the JP ledger ...")
                loaded.append(f"{(await insert_jp(conn, data))['jp_entri']} JP entries")
            if not await conn.scalar(select(func.count()).select_from(KohortKader)):
                progress("  pengembangan: loading two cohorts of the cadre school ...")
                counts = await insert_kader(conn, data)
                loaded.append(f"{counts['kohort_kader']} cadre school cohorts of {counts['anggota_kader']} members")
    finally:
        await engine.dispose()
    return ", ".join(loaded) or None
