"""A realistic, deterministic Pemda: organisation, positions and employees with history.

Pure Python and seeded, so the same seed always gives the same ids, NIPs and names: the demo
(`make run`), the tests and the benchmark (`make bench`, Pemda scale) all use it, and other
services' demo loaders can rely on the same positions and NIPs.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from shared.nip import JenisKelamin, make_nip
from shared.rules import load_golongan, load_jabatan

NAMESPACE = uuid.UUID("6b1d3c2e-8a7f-4d7e-9a51-0c0ffee0a5a5")
DEMO_SEED = 2026
TODAY = date(2026, 1, 1)  # fixed so that the dataset does not drift with the calendar


def stable_id(kind: str, code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{code}")


@dataclass
class Unit:
    id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    parent_id: uuid.UUID | None


@dataclass
class Jabatan:
    id: uuid.UUID
    kode: str
    nama: str
    jenis: str
    kelas_jabatan: int
    rumpun: str
    unit_id: uuid.UUID
    kebutuhan: int
    uraian_tugas: list[str]
    hasil_kerja: list[str]
    syarat_pendidikan_min: str | None
    syarat_golongan_min: str | None
    opd_id: uuid.UUID
    atasan_jabatan_id: uuid.UUID | None = None  # the position it reports to (set by _reporting_lines)


@dataclass
class Pegawai:
    id: uuid.UUID
    nip: str
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    tempat_lahir: str
    tanggal_lahir: date
    jenis_kelamin: str
    status_kepegawaian: str
    kedudukan: str
    golongan: str
    tmt_golongan: date
    pendidikan_tingkat: str
    pendidikan_jurusan: str | None
    jabatan_id: uuid.UUID | None
    tmt_jabatan: date | None
    unit_id: uuid.UUID | None
    minat_rumpun: list[str]
    email: str
    telepon: str
    riwayat_jabatan: list[dict[str, Any]] = field(default_factory=list)
    riwayat_golongan: list[dict[str, Any]] = field(default_factory=list)
    riwayat_pendidikan: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Dataset:
    seed: int
    units: list[Unit]
    jabatan: list[Jabatan]
    pegawai: list[Pegawai]

    def opds(self) -> list[Unit]:
        return [u for u in self.units if u.jenis == "opd"]


# --- vocabulary ------------------------------------------------------------------------

OPD_NAMES = [
    ("DISDIK", "Dinas Pendidikan", "pendidikan"),
    ("DINKES", "Dinas Kesehatan", "kesehatan"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", "kepegawaian"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "perencanaan"),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "teknik"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "keuangan"),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "administrasi"),
    ("DINSOS", "Dinas Sosial", "sosial"),
    ("DPMPTSP", "Dinas Penanaman Modal dan PTSP", "perizinan"),
    ("DLH", "Dinas Lingkungan Hidup", "lingkungan"),
    ("DISHUB", "Dinas Perhubungan", "perhubungan"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "informatika"),
    ("INSPEKTORAT", "Inspektorat Daerah", "pengawasan"),
    ("SETDA", "Sekretariat Daerah", "administrasi"),
    ("DPKP", "Dinas Perumahan dan Kawasan Permukiman", "teknik"),
    ("DISTAN", "Dinas Pertanian", "pertanian"),
    ("DKP", "Dinas Ketahanan Pangan", "pertanian"),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "ekonomi"),
    ("DISNAKER", "Dinas Tenaga Kerja", "ketenagakerjaan"),
    ("DISPARBUD", "Dinas Pariwisata dan Kebudayaan", "pariwisata"),
    ("DISPORA", "Dinas Pemuda dan Olahraga", "kepemudaan"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "ketertiban"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "kebencanaan"),
    ("BAPENDA", "Badan Pendapatan Daerah", "keuangan"),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "sosial"),
    ("DISARPUS", "Dinas Kearsipan dan Perpustakaan", "kearsipan"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "pemberdayaan"),
    ("DISKOPUKM", "Dinas Koperasi dan UKM", "ekonomi"),
    ("DISPERKIM", "Dinas Perikanan", "perikanan"),
    ("SETWAN", "Sekretariat DPRD", "administrasi"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "pemerintahan"),
    ("RSUD", "Rumah Sakit Umum Daerah", "kesehatan"),
]
BIDANG = [
    "Sekretariat",
    "Bidang Perencanaan",
    "Bidang Pelayanan",
    "Bidang Pengembangan",
    "Bidang Pengendalian",
    "Bidang Teknis",
]
SUB = ["Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Seksi Program", "Seksi Evaluasi"]
FUNGSIONAL = {
    "pendidikan": [("Guru", "ahli_pertama"), ("Guru", "ahli_muda"), ("Pengawas Sekolah", "ahli_madya")],
    "kesehatan": [
        ("Perawat", "terampil"),
        ("Perawat", "ahli_pertama"),
        ("Dokter", "ahli_muda"),
        ("Bidan", "terampil"),
        ("Apoteker", "ahli_pertama"),
    ],
    "kepegawaian": [("Analis Sumber Daya Manusia Aparatur", "ahli_muda"), ("Asesor SDM Aparatur", "ahli_pertama")],
    "perencanaan": [("Perencana", "ahli_muda"), ("Perencana", "ahli_pertama")],
    "teknik": [("Teknik Jalan dan Jembatan", "ahli_pertama"), ("Penata Ruang", "ahli_muda")],
    "keuangan": [("Analis Keuangan Pusat dan Daerah", "ahli_pertama"), ("Penilai Pajak", "mahir")],
    "informatika": [("Pranata Komputer", "ahli_pertama"), ("Pranata Komputer", "terampil")],
    "pengawasan": [("Auditor", "ahli_muda"), ("Auditor", "ahli_pertama")],
}
PELAKSANA = [
    ("Pengadministrasi Perkantoran", 5, "SMA"),
    ("Pengolah Data dan Informasi", 6, "D3"),
    ("Penata Laporan Keuangan", 7, "S1"),
    ("Penelaah Teknis Kebijakan", 7, "S1"),
    ("Operator Layanan Operasional", 5, "SMA"),
    ("Pengelola Layanan Kepegawaian", 6, "D3"),
    ("Penata Kelola Sistem dan Teknologi Informasi", 7, "S1"),
    ("Pengadministrasi Keuangan", 5, "SMA"),
]
FIRST_M = [
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Imam",
    "Joko",
    "Kurniawan",
    "Muhammad",
    "Nur",
    "Rizki",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Bambang",
    "Arif",
    "Andi",
    "Dwi",
]
FIRST_F = [
    "Ani",
    "Dewi",
    "Endang",
    "Fitri",
    "Indah",
    "Kartika",
    "Lestari",
    "Maya",
    "Nurul",
    "Putri",
    "Ratna",
    "Siti",
    "Sri",
    "Tri",
    "Wulan",
    "Yuni",
    "Rina",
    "Dian",
    "Ayu",
    "Ika",
]
LAST = [
    "Santoso",
    "Wibowo",
    "Saputra",
    "Hidayat",
    "Setiawan",
    "Pratama",
    "Kusuma",
    "Nugroho",
    "Rahmawati",
    "Lestari",
    "Susanti",
    "Purnomo",
    "Hartono",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Sutrisno",
    "Wijaya",
    "Halim",
    "Rahman",
    "Syahputra",
    "Permana",
    "Ramadhan",
]
CITIES = [
    "Semarang",
    "Surakarta",
    "Yogyakarta",
    "Bandung",
    "Medan",
    "Padang",
    "Makassar",
    "Malang",
    "Kudus",
    "Klaten",
    "Purwokerto",
    "Tegal",
]
JURUSAN = {
    "SMA": ["IPA", "IPS", "Akuntansi"],
    "D3": ["Keperawatan", "Kebidanan", "Manajemen Informatika", "Akuntansi"],
    "D4": ["Keperawatan", "Teknik Sipil", "Administrasi Publik"],
    "S1": [
        "Ilmu Administrasi Negara",
        "Hukum",
        "Teknik Informatika",
        "Ekonomi Pembangunan",
        "Pendidikan Guru SD",
        "Kesehatan Masyarakat",
        "Teknik Sipil",
        "Psikologi",
    ],
    "S2": ["Administrasi Publik", "Manajemen", "Magister Kesehatan", "Perencanaan Wilayah"],
    "S3": ["Ilmu Pemerintahan"],
}
GELAR = {"D3": "A.Md.", "D4": "S.Tr.", "S1": "S.E.", "S2": "M.M.", "S3": "Dr."}
EDU_BY_KIND = {
    "jpt_pratama": ["S2", "S2", "S3"],
    "administrator": ["S1", "S2"],
    "pengawas": ["S1", "S1", "S2"],
    "pelaksana": ["SMA", "D3", "S1"],
    "ahli_utama": ["S2", "S3"],
    "ahli_madya": ["S1", "S2"],
    "ahli_muda": ["S1", "S2"],
    "ahli_pertama": ["S1", "D4"],
    "penyelia": ["D3"],
    "mahir": ["D3"],
    "terampil": ["D3"],
    "pemula": ["SMA"],
}
MIN_GOLONGAN = {
    "jpt_pratama": "IV/c",
    "administrator": "IV/a",
    "pengawas": "III/d",
    "ahli_madya": "IV/a",
    "ahli_muda": "III/c",
    "ahli_pertama": "III/a",
}
TASKS = [
    "Menyusun rencana kerja",
    "Mengolah data",
    "Menyiapkan bahan laporan",
    "Melaksanakan koordinasi",
    "Memberikan layanan",
    "Melakukan evaluasi",
    "Menyusun telaahan staf",
]
OUTPUTS = ["Dokumen rencana kerja", "Laporan bulanan", "Data terolah", "Layanan terselesaikan", "Rekomendasi kebijakan"]


def _kelas(rng: random.Random, kind: str) -> int:
    k = load_jabatan().kinds[kind]
    return rng.randint(k.kelas_min, k.kelas_max)


def _positions_for(rng: random.Random, unit: Unit, rumpun: str, opd: Unit, level: str) -> list[tuple[str, str]]:
    """(name, kind) of the positions in a unit at a given level of the tree."""
    if level == "opd":
        return [(f"Kepala {opd.nama}", "jpt_pratama")]
    if level == "bidang":
        head = (
            ("Sekretaris", "administrator") if unit.nama == "Sekretariat" else (f"Kepala {unit.nama}", "administrator")
        )
        rows = [head]
        rows += [(n, "pelaksana") for n, _, _ in rng.sample(PELAKSANA, 2)]
        for name, kind in rng.sample(FUNGSIONAL.get(rumpun, FUNGSIONAL["perencanaan"]), 1):
            rows.append((f"{name} {load_jabatan().kinds[kind].name.split()[-1]}", kind))
        return rows
    return [(f"Kepala {unit.nama}", "pengawas"), (rng.choice(PELAKSANA)[0], "pelaksana")]


def generate(seed: int, n_opd: int, n_jabatan: int, n_pegawai: int) -> Dataset:
    rng = random.Random(seed)
    root = Unit(stable_id("unit", f"{seed}:PEMDA"), "PEMDA", "Pemerintah Kabupaten Sukamaju", "instansi", None)
    units = [root]
    jabatan: list[Jabatan] = []
    # Tree: OPDs, their bidang, and sub-units; positions are spread so that the total is about n_jabatan.
    # Schools and health services are the big agencies of a Pemda: they get more shares.
    heavy = {"DISDIK": 4.0, "DINKES": 2.5, "RSUD": 2.5}
    weights = [heavy.get(OPD_NAMES[i % len(OPD_NAMES)][0], 1.0) for i in range(n_opd)]
    shares = [int(n_jabatan * w // sum(weights)) for w in weights]
    for i in range(n_jabatan - sum(shares)):
        shares[i % n_opd] += 1
    for i in range(n_opd):
        per_opd = max(4, shares[i])
        code, nama, rumpun = OPD_NAMES[i % len(OPD_NAMES)]
        suffix = "" if i < len(OPD_NAMES) else f" {i // len(OPD_NAMES) + 1}"
        kode = code if not suffix else f"{code}{i // len(OPD_NAMES) + 1}"
        opd = Unit(stable_id("unit", f"{seed}:{kode}"), kode, nama + suffix, "opd", root.id)
        units.append(opd)
        opd_positions: list[tuple[Unit, str, str]] = [
            (opd, n, k) for n, k in _positions_for(rng, opd, rumpun, opd, "opd")
        ]
        n_bidang = min(len(BIDANG), max(2, per_opd // 8))
        for b, bname in enumerate(BIDANG[:n_bidang]):
            bidang = Unit(stable_id("unit", f"{seed}:{kode}.{b + 1}"), f"{kode}.{b + 1}", bname, "bidang", opd.id)
            units.append(bidang)
            opd_positions += [(bidang, n, k) for n, k in _positions_for(rng, bidang, rumpun, opd, "bidang")]
            for s, sname in enumerate(rng.sample(SUB, 2 if per_opd > 20 else 1)):
                sub = Unit(
                    stable_id("unit", f"{seed}:{kode}.{b + 1}.{s + 1}"),
                    f"{kode}.{b + 1}.{s + 1}",
                    sname,
                    "sub_bidang",
                    bidang.id,
                )
                units.append(sub)
                opd_positions += [(sub, n, k) for n, k in _positions_for(rng, sub, rumpun, opd, "sub")]
        # Top up (or trim) to the per-OPD share with more functional and pelaksana posts.
        leaves = [u for u, _, _ in opd_positions if u.jenis != "opd"]
        while len(opd_positions) < per_opd:
            unit = rng.choice(leaves)
            if rng.random() < 0.5:
                name, kind = rng.choice(FUNGSIONAL.get(rumpun, FUNGSIONAL["perencanaan"]))
                name = f"{name} {load_jabatan().kinds[kind].name.split()[-1]}"
            else:
                name, kind = rng.choice(PELAKSANA)[0], "pelaksana"
            opd_positions.append((unit, name, kind))
        opd_positions = opd_positions[:per_opd]
        for j, (unit, name, kind) in enumerate(opd_positions):
            jkode = f"{kode}-J{j + 1:03d}"
            structural = kind in ("jpt_pratama", "administrator", "pengawas")
            kebutuhan = 1 if structural else rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8])
            edu = EDU_BY_KIND[kind][0]
            jabatan.append(
                Jabatan(
                    id=stable_id("jabatan", f"{seed}:{jkode}"),
                    kode=jkode,
                    nama=name,
                    jenis=kind,
                    kelas_jabatan=_kelas(rng, kind),
                    rumpun=rumpun if kind != "pelaksana" else "administrasi",
                    unit_id=unit.id,
                    kebutuhan=kebutuhan,
                    uraian_tugas=rng.sample(TASKS, rng.randint(2, 5)),
                    hasil_kerja=rng.sample(OUTPUTS, rng.randint(1, 3)),
                    syarat_pendidikan_min=edu,
                    syarat_golongan_min=MIN_GOLONGAN.get(kind),
                    opd_id=opd.id,
                )
            )
    _reporting_lines(units, jabatan)
    pegawai = _employees(rng, seed, jabatan, n_pegawai)
    return Dataset(seed=seed, units=units, jabatan=jabatan, pegawai=pegawai)


STRUCTURAL = ("jpt_pratama", "administrator", "pengawas")


def _reporting_lines(units: list[Unit], jabatan: list[Jabatan]) -> None:
    """Every position reports to the structural head of its unit; a head to the head of the unit
    above (the kepala dinas to no one): the reporting lines an SKP's rating supervisor follows."""
    parent = {u.id: u.parent_id for u in units}
    head: dict[uuid.UUID, Jabatan] = {}
    for j in jabatan:
        if j.jenis in STRUCTURAL:
            head.setdefault(j.unit_id, j)

    def head_above(unit_id: uuid.UUID | None) -> Jabatan | None:
        while unit_id is not None:
            if unit_id in head:
                return head[unit_id]
            unit_id = parent.get(unit_id)
        return None

    for j in jabatan:
        own = head.get(j.unit_id)
        boss = head_above(parent.get(j.unit_id)) if own is None or own is j else own
        j.atasan_jabatan_id = boss.id if boss is not None and boss is not j else None


def _grade_for(rng: random.Random, status: str, edu: str, years: int) -> str:
    gol = load_golongan()
    if status == "PPPK":
        first = gol.first_grade_by_education["pppk"].get(edu, "V")
        return first
    first = gol.get(gol.first_grade_by_education["pns"].get(edu, "II/a"))
    assert first is not None
    # One step roughly every four years, capped at IV/e and by education.
    cap = {"SMA": 8, "D3": 10, "D4": 13, "S1": 13, "S2": 16, "S3": 17}.get(edu, 12)
    rank = min(first.rank + years // 4 + rng.choice([0, 0, 1]), cap, 17)
    rank = max(rank, first.rank)
    return next(g.code for g in gol.grades.values() if g.scheme == "pns" and g.rank == rank)


def _employees(rng: random.Random, seed: int, jabatan: list[Jabatan], n: int) -> list[Pegawai]:
    # Fill each position near its kebutuhan: some short, some over; then spread the rest.
    seats: list[Jabatan] = []
    for j in jabatan:
        fill = max(0, j.kebutuhan + rng.choice([-2, -1, -1, 0, 0, 0, 0, 1]))
        if j.jenis in ("jpt_pratama", "administrator", "pengawas"):
            fill = 1 if rng.random() < 0.9 else 0
        seats += [j] * fill
    rng.shuffle(seats)
    while len(seats) < n:
        seats.append(rng.choice([j for j in jabatan if j.jenis not in ("jpt_pratama", "administrator", "pengawas")]))
    seats = seats[:n]
    used: set[str] = set()
    out: list[Pegawai] = []
    for i, jab in enumerate(seats):
        kind = jab.jenis
        senior = kind in ("jpt_pratama", "administrator", "ahli_madya")
        age = (
            rng.randint(45, 59)
            if senior
            else rng.choice([rng.randint(23, 40), rng.randint(30, 57), rng.randint(52, 58)])
        )
        lahir = date(TODAY.year - age, rng.randint(1, 12), rng.randint(1, 28))
        start_age = rng.randint(20, min(35, age))
        tmt_year = lahir.year + start_age
        tmt_month = rng.randint(1, 12)
        if (tmt_year, tmt_month) < (lahir.year + 18, lahir.month):
            tmt_year += 1
        if tmt_year >= TODAY.year:
            tmt_year, tmt_month = TODAY.year - 1, rng.randint(1, 12)
        jk = JenisKelamin.LAKI_LAKI if rng.random() < 0.55 else JenisKelamin.PEREMPUAN
        nip = make_nip(lahir, tmt_year, tmt_month, jk, rng.randint(1, 999))
        while nip in used:
            nip = make_nip(lahir, tmt_year, tmt_month, jk, rng.randint(1, 999))
        used.add(nip)
        years = TODAY.year - tmt_year
        status = (
            "PPPK"
            if kind not in ("jpt_pratama", "administrator", "pengawas") and rng.random() < 0.12
            else ("CPNS" if years < 1 else "PNS")
        )
        edu = rng.choice(EDU_BY_KIND[kind])
        golongan = _grade_for(rng, status, edu, years)
        first_names = FIRST_M if jk == JenisKelamin.LAKI_LAKI else FIRST_F
        nama = f"{rng.choice(first_names)} {rng.choice(LAST)}"
        gelar_b = GELAR.get(edu) if edu not in ("SMA", "S3") else None
        gelar_d = "Dr." if edu == "S3" else ("dr." if jab.nama.startswith("Dokter") else None)
        tmt_gol = date(max(tmt_year, TODAY.year - rng.randint(0, 4)), rng.choice([4, 10]), 1)
        tmt_jab = date(max(tmt_year, TODAY.year - rng.randint(0, 8)), rng.randint(1, 12), 1)
        kedudukan = rng.choices(["aktif", "tugas_belajar", "cltn"], weights=[96, 3, 1])[0]
        pid = stable_id("pegawai", f"{seed}:{nip}")
        p = Pegawai(
            id=pid,
            nip=nip,
            nama=nama,
            gelar_depan=gelar_d,
            gelar_belakang=gelar_b,
            tempat_lahir=rng.choice(CITIES),
            tanggal_lahir=lahir,
            jenis_kelamin=jk.value,
            status_kepegawaian=status,
            kedudukan=kedudukan,
            golongan=golongan,
            tmt_golongan=tmt_gol,
            pendidikan_tingkat=edu,
            pendidikan_jurusan=rng.choice(JURUSAN.get(edu, ["Umum"])),
            jabatan_id=jab.id,
            tmt_jabatan=tmt_jab,
            unit_id=jab.unit_id,
            minat_rumpun=[rng.choice([j.rumpun for j in jabatan[:50]])] if rng.random() < 0.3 else [],
            email=f"{nama.lower().replace(' ', '.')}.{i}@sukamaju.go.id",
            telepon=f"08{rng.randint(100000000, 999999999)}",
        )
        if tmt_jab.year - tmt_year > 3:
            p.riwayat_jabatan.append(
                {
                    "nama_jabatan": rng.choice(PELAKSANA)[0],
                    "tmt_mulai": date(tmt_year, tmt_month, 1),
                    "tmt_selesai": tmt_jab,
                }
            )
        p.riwayat_jabatan.append(
            {"jabatan_id": jab.id, "nama_jabatan": jab.nama, "tmt_mulai": tmt_jab, "tmt_selesai": None}
        )
        p.riwayat_golongan.append({"golongan": golongan, "tmt": tmt_gol})
        p.riwayat_pendidikan.append(
            {
                "tingkat": edu,
                "jurusan": p.pendidikan_jurusan,
                "institusi": f"Universitas {rng.choice(CITIES)}",
                "tahun_lulus": min(tmt_year, lahir.year + 24),
            }
        )
        out.append(p)
    return out


@cache
def demo() -> Dataset:
    """The demo Pemda of `make run`: 6 OPDs, about 60 positions, 300 employees."""
    return generate(DEMO_SEED, n_opd=6, n_jabatan=60, n_pegawai=300)


def pemda_scale(seed: int = 7) -> Dataset:
    """The benchmark Pemda: 40 OPDs, 1,500 positions, 10,000 employees."""
    return generate(seed, n_opd=40, n_jabatan=1500, n_pegawai=10000)


DEMO_OPD_ID = stable_id("unit", f"{DEMO_SEED}:DINKES")


def demo_nip() -> str:
    """An active employee of the demo OPD, for the default pegawai token."""
    data = demo()
    in_opd = {j.id for j in data.jabatan if j.opd_id == DEMO_OPD_ID}
    return next(p.nip for p in data.pegawai if p.jabatan_id in in_opd and p.kedudukan == "aktif")
