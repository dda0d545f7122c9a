"""Random training-plan instances (gateway.pelatihan dataclasses) for the tests and `make bench`.

Seeded numpy, so a seed always gives the same Pemda. The people, their positions' standards, held
levels, career targets, units, OPDs and predikat are devtools.penempatan_acak's; this adds what the
plan reads besides: the status (PNS, PPPK, CPNS), the JP already in the year's ledger, the days
since the latest development, a catalogue (programs developing one to three competencies: the
managerial and socio-cultural core, or a rumpun's technical ones; a few free non-classroom kinds),
its batches with the seats left, and each OPD's budget left, sized so that it covers only part of
the need (the plan has to choose).
"""

from __future__ import annotations

import numpy as np

from devtools.penempatan_acak import INTI, RUMPUN
from devtools.penempatan_acak import instance as penempatan_instance
from gateway.pelatihan.model import Anggaran, Angkatan, Pegawai, Program

JUTA = 1_000_000


def katalog(
    rng: np.random.Generator, n_program: int, n_angkatan: int, teknis_per_rumpun: int = 6
) -> tuple[list[Program], list[Angkatan]]:
    teknis = [f"T-{r[:3].upper()}-{k:02d}" for r in RUMPUN for k in range(teknis_per_rumpun)]
    programs: list[Program] = []
    for g in range(n_program):
        core = rng.random() < 0.2
        pool = INTI if core else teknis
        if not core:  # a technical program stays within one rumpun
            start = int(rng.integers(len(RUMPUN))) * teknis_per_rumpun
            pool = tuple(teknis[start : start + teknis_per_rumpun])
        codes = rng.choice(pool, size=int(rng.integers(1, 4)), replace=False)
        free = rng.random() < 0.12  # e-learning, coaching: no fee
        luar_kota = not free and rng.random() < 0.3
        programs.append(
            Program(
                id=f"prg-{g:03d}",
                kode=f"P{g:03d}",
                jenis="e_learning" if free else ("pelatihan_manajerial" if core else "pelatihan_teknis"),
                jp=int(rng.choice([8, 10, 12, 16, 20, 24, 30, 40])) if not free else int(rng.choice([4, 8, 10, 12])),
                biaya_per_peserta=0 if free else int(rng.integers(10, 60)) * 100_000,
                biaya_perjalanan_per_peserta=int(rng.integers(15, 50)) * 100_000 if luar_kota else 0,
                luar_kota=luar_kota,
                kompetensi={str(c): int(rng.integers(2, 6)) for c in codes},
            )
        )
    # every program one batch, the rest spread at random
    owners = np.concatenate([np.arange(n_program), rng.integers(n_program, size=max(0, n_angkatan - n_program))])
    batches = [
        Angkatan(
            id=f"ang-{b:04d}",
            program_id=programs[int(g)].id,
            sisa_kursi=int(rng.choice([0, 10, 20, 25, 30, 40], p=[0.05, 0.15, 0.3, 0.2, 0.2, 0.1])),
            daring=programs[int(g)].luar_kota and rng.random() < 0.2,
        )
        for b, g in enumerate(owners.tolist())
    ]
    return programs, batches


def instance(
    seed: int,
    n_pegawai: int,
    n_program: int = 100,
    n_angkatan: int = 300,
    n_jabatan: int | None = None,
    n_unit: int | None = None,
    porsi_anggaran: float = 0.35,
) -> tuple[list[Pegawai], list[Program], list[Angkatan], list[Anggaran]]:
    """`n_pegawai` people (in about n_unit / 4 OPDs), the catalogue and the budgets. Each OPD's
    budget left is `porsi_anggaran` of what enrolling each of its people once in an average paid
    program would cost."""
    rng = np.random.default_rng(seed)
    n_jabatan = n_jabatan or max(20, n_pegawai // 7)
    n_unit = n_unit or max(4, n_pegawai // 60)
    people, positions = penempatan_instance(seed, n_pegawai, n_jabatan, n_unit=n_unit)
    standar = {j.id: j.standar for j in positions}
    programs, batches = katalog(rng, n_program, n_angkatan)
    out: list[Pegawai] = []
    for p in people:
        karier: dict[str, int] = {}
        for j in p.minat_jabatan_ids:
            for c, lv in standar[j].items():
                karier[c] = max(karier.get(c, 0), lv)
        latest = max(p.predikat) if p.predikat else None
        never = rng.random() < 0.2
        out.append(
            Pegawai(
                nip=p.nip,
                unit_id=p.unit_id,
                opd_id=p.opd_id,
                status=str(rng.choice(["PNS"] * 16 + ["PPPK"] * 3 + ["CPNS"])),
                predikat_terakhir=p.predikat[latest] if latest is not None else None,
                jp_tahun_ini=int(rng.choice([0, 0, 4, 8, 10, 12, 16, 18, 20, 24])),
                hari_sejak_pengembangan=None if never else int(rng.integers(0, 1500)),
                kompetensi=p.kompetensi,
                standar=standar[p.jabatan_id] if p.jabatan_id else {},
                standar_karier=karier,
            )
        )
    paid = [g.biaya_per_peserta + g.biaya_perjalanan_per_peserta for g in programs if g.biaya_per_peserta > 0]
    mean_cost = float(np.mean(paid)) if paid else 0.0
    heads: dict[str, int] = {}
    for p in out:
        if p.opd_id:
            heads[p.opd_id] = heads.get(p.opd_id, 0) + 1
    budgets = [
        Anggaran(opd_id=o, sisa=int(n * mean_cost * porsi_anggaran * rng.uniform(0.5, 1.5)) // 100_000 * 100_000)
        for o, n in sorted(heads.items())
    ]
    return out, programs, batches, budgets
