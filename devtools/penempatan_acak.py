"""Random placement instances (gateway.penempatan dataclasses) for the tests and `make bench`.

Seeded numpy, so a seed always gives the same Pemda: positions in kelas jabatan 1-17 with a
competency standard (the nine managerial and socio-cultural competencies plus a few technical
ones of the position's rumpun), people holding most of them near the level their position asks,
education, grade, kedudukan, sanctions, predikat and career interests spread as a Pemda has them.
"""

from __future__ import annotations

import numpy as np

from gateway.penempatan.model import Jabatan, Pegawai

INTI = ("INT", "KER", "KOM", "OPH", "PPU", "PDO", "MP", "PK", "PB")
RUMPUN = ("kesehatan", "pendidikan", "keuangan", "perencanaan", "kepegawaian", "teknik", "hukum", "umum")
PENDIDIKAN = ("SMA", "D3", "S1", "D4", "S2", "S3")
GOLONGAN = ("II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")
PREDIKAT = ("sangat_baik", "baik", "baik", "baik", "butuh_perbaikan", "kurang")
KELAS = np.arange(1, 18)
KELAS_WEIGHT = np.array([1, 1, 2, 3, 5, 6, 8, 9, 9, 6, 4, 3, 1.5, 0.7, 0.3, 0.2, 0.1])


def instance(
    seed: int, n_pegawai: int, n_jabatan: int, teknis_per_rumpun: int = 6, n_unit: int = 40, tahun: int = 2025
) -> tuple[list[Pegawai], list[Jabatan]]:
    """`n_pegawai` people and `n_jabatan` positions; about 8 + 9 technical = 60 competencies with
    the defaults. Each person holds one of the positions (some positions over-filled, some short),
    a few hold none."""
    rng = np.random.default_rng(seed)
    teknis = {r: [f"T-{r[:3].upper()}-{k:02d}" for k in range(teknis_per_rumpun)] for r in RUMPUN}
    jabatan: list[Jabatan] = []
    kelas_j = rng.choice(KELAS, size=n_jabatan, p=KELAS_WEIGHT / KELAS_WEIGHT.sum())
    for j in range(n_jabatan):
        kelas = int(kelas_j[j])
        rumpun = str(rng.choice(RUMPUN))
        core = int(np.clip(1 + kelas // 4, 1, 5))
        standar = {k: int(np.clip(core + rng.integers(-1, 1), 1, 5)) for k in INTI}
        for k in rng.choice(teknis[rumpun], size=int(rng.integers(2, 5)), replace=False):
            standar[str(k)] = int(rng.integers(2, 5))
        jabatan.append(
            Jabatan(
                id=f"jab-{j:05d}",
                kelas_jabatan=kelas,
                rumpun=rumpun,
                unit_id=f"unit-{rng.integers(n_unit):03d}",
                opd_id=f"opd-{rng.integers(max(1, n_unit // 4)):03d}",
                kebutuhan=int(rng.choice([1, 1, 2, 3, 4, 6, 8, 10])),
                bezetting=0,
                syarat_pendidikan_min=str(rng.choice(PENDIDIKAN[:3])) if rng.random() < 0.5 else None,
                syarat_golongan_min=str(rng.choice(GOLONGAN[:5])) if rng.random() < 0.3 else None,
                standar=standar,
            )
        )
    seats = np.repeat(np.arange(n_jabatan), [j.kebutuhan for j in jabatan])
    held_pos = rng.choice(seats, size=n_pegawai, replace=n_pegawai > seats.size)
    pegawai: list[Pegawai] = []
    codes = [k for k in INTI] + [k for ks in teknis.values() for k in ks]
    for i in range(n_pegawai):
        j = int(held_pos[i]) if rng.random() > 0.02 else None
        jab = jabatan[j] if j is not None else None
        held: dict[str, int] = {}
        base = jab.standar if jab else {}
        for k in codes:
            if k in base and rng.random() > 0.08:
                held[k] = int(np.clip(base[k] + rng.choice([-2, -1, -1, 0, 0, 0, 1]), 1, 5))
            elif rng.random() < 0.15:
                held[k] = int(rng.integers(1, 6))
        pegawai.append(
            Pegawai(
                nip=f"{199000000000000000 + i * 7919 % 10**9:018d}",
                jabatan_id=jab.id if jab else None,
                kelas_jabatan=jab.kelas_jabatan if jab else None,
                rumpun=jab.rumpun if jab else None,
                unit_id=jab.unit_id if jab else None,
                opd_id=jab.opd_id if jab else None,
                pendidikan=str(rng.choice(PENDIDIKAN)),
                golongan=str(rng.choice(GOLONGAN)),
                kedudukan=str(rng.choice(["aktif"] * 30 + ["tugas_belajar", "cltn"])),
                hukdis_aktif=bool(rng.random() < 0.02),
                predikat={tahun - y: str(rng.choice(PREDIKAT)) for y in range(3) if rng.random() < 0.95},
                minat_jabatan_ids=frozenset(
                    f"jab-{int(x):05d}" for x in rng.integers(n_jabatan, size=int(rng.integers(0, 3)))
                ),
                kompetensi=held,
            )
        )
    return pegawai, jabatan
