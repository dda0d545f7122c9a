"""The training plan as arrays: who may take which batch, what it is worth, what it costs.

Only relevant pairs become candidates (the relevance rule of proposals: the program develops a
competency of the person's position standard or career target), and of those only the ones that
close a gap, or cost nothing and help towards the JP minimum (shared/rules/pelatihan.yaml `batas`),
fit under a PPPK's ceiling, have seats and a budget that can pay them. Batches of one program with
the same cost are one group: a person takes at most one batch of a program, so which batch of the
group does not change the plan's value, only the seats count; grouping them is exact and makes a
third of the variables (the batch is chosen after solving, `angkatan_dari_kelompok`).

The value of a pair (person p, program g), per competency c that g brings to level L, with the
held level h, the position's standard s and the career targets' highest t (0 when absent):

    standar_jabatan * max(0, min(L, s) - h) + target_karier * max(0, min(L, t) - max(h, s))

times the person's multiplier: kinerja_rendah (a low performer) x (1 + rotasi_pegawai * r_p) x
(1 + rotasi_unit * mean r of the unit), r = min(days since the latest development, hari_penuh) /
hari_penuh (1 when never developed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gateway.pelatihan.model import CPNS, PNS, PPPK, Anggaran, Angkatan, Pegawai, Program, biaya
from shared.rules import BobotPelatihan, PelatihanRules, SkpRules, load_pelatihan, load_skp

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
NO_CEILING = 10**6


@dataclass(frozen=True)
class Kelompok:
    """Batches of one program at one cost per participant."""

    program: int  # index into the programs
    angkatan: tuple[int, ...]  # indices into the batches, in the input's order
    kursi: int  # seats left, all batches together
    biaya: int


@dataclass(frozen=True)
class Skenario:
    """A what-if: the same plan under other budgets, other people or other weights."""

    kode: str = "dasar"
    faktor_anggaran: float = 1.0  # every OPD's budget left, times this
    hanya_kinerja_rendah: bool = False  # only low performers are enrolled
    opd_id: str | None = None  # only this OPD's people are enrolled
    bobot: BobotPelatihan | None = None  # None: the rule file's


@dataclass(frozen=True)
class Masalah:
    pegawai: tuple[Pegawai, ...]
    program: tuple[Program, ...]
    angkatan: tuple[Angkatan, ...]
    kelompok: tuple[Kelompok, ...]
    aturan: PelatihanRules
    bobot: BobotPelatihan
    skenario: Skenario
    # per OPD with a budget
    opd_ids: tuple[str, ...]
    anggaran: Ints  # budget left, scenario's factor applied
    # per person
    opd: Ints  # index into opd_ids, -1: no budget given
    ikut: Bools  # considered by the scenario
    rendah: Bools  # low performer
    r_pegawai: Floats  # 0..1, 1: not developed for hari_penuh days or never
    r_unit: Floats  # the mean of r_pegawai over the person's unit
    pengali: Floats
    sasaran: Bools  # aimed at the JP minimum (PNS; PPPK when the rules say so)
    kewajiban: Bools  # for whom the minimum is a duty (PNS)
    kurang_jp: Ints  # JP still missing to the minimum (0: not aimed, or reached)
    ruang_jp: Ints  # JP room under the ceiling (NO_CEILING: none)
    slot: Ints  # programs the plan may still give each person (the limit less those already on the way)
    terdaftar: Bools  # per person and program: already on the way this year, not planned again
    # per candidate pair, ordered by person then group
    pi: Ints
    pk: Ints  # group
    pg: Ints  # program
    celah: Floats  # weighted gap closed, before the person's multiplier
    nilai: Floats  # celah * pengali
    jp: Ints
    biaya: Ints
    # per person and program (the reasons and the pool read them): relevant at all, the weighted
    # gap the program would close (no multiplier)
    relevan: Bools
    celah_program: Floats

    @property
    def maks_program(self) -> int:
        return self.aturan.maks_program_per_pegawai


@dataclass(frozen=True)
class Matriks:
    """Levels per person and competency code (only codes some program develops)."""

    kode: tuple[str, ...]
    held: npt.NDArray[np.int8]
    standar: npt.NDArray[np.int8]
    karier: npt.NDArray[np.int8]


def matriks(pegawai: Sequence[Pegawai], program: Sequence[Program]) -> Matriks:
    kode = tuple(sorted({c for g in program for c in g.kompetensi}))
    col = {c: k for k, c in enumerate(kode)}
    shape = (len(pegawai), len(kode))
    held, std, tgt = (np.zeros(shape, dtype=np.int8) for _ in range(3))
    for i, p in enumerate(pegawai):
        for target, levels in ((held, p.kompetensi), (std, p.standar), (tgt, p.standar_karier)):
            for c, lv in levels.items():
                k = col.get(c)
                if k is not None:
                    target[i, k] = lv
    return Matriks(kode, held, std, tgt)


def celah_program(m: Matriks, g: Program, bobot: BobotPelatihan) -> tuple[Floats, Bools]:
    """(the weighted gap g closes per person, whether g is relevant per person)."""
    col = {c: k for k, c in enumerate(m.kode)}
    out = np.zeros(m.held.shape[0])
    relevant = np.zeros(m.held.shape[0], dtype=bool)
    for c, level in g.kompetensi.items():
        k = col[c]
        h = m.held[:, k].astype(np.int64)
        s = m.standar[:, k].astype(np.int64)
        t = m.karier[:, k].astype(np.int64)
        out += bobot.standar_jabatan * np.maximum(np.minimum(level, s) - h, 0)
        out += bobot.target_karier * np.maximum(np.minimum(level, t) - np.maximum(h, s), 0)
        relevant |= (s > 0) | (t > 0)
    return out, relevant


def rotasi(pegawai: Sequence[Pegawai], hari_penuh: int) -> tuple[Floats, Floats]:
    """(r per person, the mean r of each person's unit); a person without a unit is its own."""
    r = np.array(
        [
            1.0
            if p.hari_sejak_pengembangan is None
            else min(max(p.hari_sejak_pengembangan, 0), hari_penuh) / hari_penuh
            for p in pegawai
        ]
    )
    units = [p.unit_id for p in pegawai]
    codes = {u: k for k, u in enumerate(dict.fromkeys(u for u in units if u is not None))}
    idx = np.array([codes[u] if u is not None else -1 for u in units], dtype=np.int64)
    r_unit = r.copy()
    has = idx >= 0
    if has.any():
        sums = np.bincount(idx[has], weights=r[has], minlength=len(codes))
        counts = np.bincount(idx[has], minlength=len(codes))
        r_unit[has] = sums[idx[has]] / counts[idx[has]]
    return r, r_unit


def kelompok(program: Sequence[Program], angkatan: Sequence[Angkatan]) -> tuple[Kelompok, ...]:
    pos = {g.id: k for k, g in enumerate(program)}
    groups: dict[tuple[int, int], list[int]] = {}
    for b, a in enumerate(angkatan):
        if a.program_id not in pos:
            raise ValueError(f"batch {a.id} names a program not given: {a.program_id}")
        g = pos[a.program_id]
        groups.setdefault((g, biaya(program[g], a)), []).append(b)
    return tuple(
        Kelompok(g, tuple(bs), sum(max(0, angkatan[b].sisa_kursi) for b in bs), cost)
        for (g, cost), bs in groups.items()
    )


def masalah(
    pegawai: Sequence[Pegawai],
    program: Sequence[Program],
    angkatan: Sequence[Angkatan],
    anggaran: Sequence[Anggaran],
    skenario: Skenario | None = None,
    aturan: PelatihanRules | None = None,
    skp: SkpRules | None = None,
) -> Masalah:
    a = aturan or load_pelatihan()
    sk = skenario or Skenario()
    w = sk.bobot or a.bobot
    skp_rules = skp or load_skp()
    if len({p.nip for p in pegawai}) != len(pegawai) or len({g.id for g in program}) != len(program):
        raise ValueError("a NIP or a program is given twice")
    if len({b.id for b in angkatan}) != len(angkatan) or len({x.opd_id for x in anggaran}) != len(anggaran):
        raise ValueError("a batch or an OPD's budget is given twice")
    n = len(pegawai)
    opd_ids = tuple(x.opd_id for x in anggaran)
    opd_pos = {o: k for k, o in enumerate(opd_ids)}
    budget = np.array([int(max(0, x.sisa) * sk.faktor_anggaran) for x in anggaran], dtype=np.int64)
    opd = np.array([opd_pos.get(p.opd_id, -1) if p.opd_id else -1 for p in pegawai], dtype=np.int64)
    rendah = np.array(
        [
            p.predikat_terakhir is not None
            and p.predikat_terakhir in skp_rules.predikat
            and skp_rules.is_low(p.predikat_terakhir)
            for p in pegawai
        ],
        dtype=bool,
    )
    ikut = np.ones(n, dtype=bool)
    if sk.hanya_kinerja_rendah:
        ikut &= rendah
    if sk.opd_id is not None:
        ikut &= np.array([p.opd_id == sk.opd_id for p in pegawai], dtype=bool)
    r_p, r_u = rotasi(pegawai, w.hari_penuh)
    pengali = np.where(rendah, w.kinerja_rendah, 1.0) * (1 + w.rotasi_pegawai * r_p) * (1 + w.rotasi_unit * r_u)
    status = [p.status for p in pegawai]
    jp_now = np.array([max(0, p.jp_tahun_ini) + max(0, p.jp_terdaftar) for p in pegawai], dtype=np.int64)
    slot = np.array([max(a.maks_program_per_pegawai - len(p.program_terdaftar), 0) for p in pegawai], dtype=np.int64)
    kewajiban = np.array([s == PNS for s in status], dtype=bool)
    pppk = np.array([s == PPPK for s in status], dtype=bool)
    sasaran = kewajiban | (pppk & a.pppk_sasaran)
    sasaran &= np.array([s != CPNS for s in status], dtype=bool)
    kurang = np.where(sasaran, np.maximum(a.pns_min_jp - jp_now, 0), 0)
    ruang = np.where(pppk, np.maximum(a.pppk_max_jp - jp_now, 0), NO_CEILING)

    m = matriks(pegawai, program)
    groups = kelompok(program, angkatan)
    relevan = np.zeros((n, len(program)), dtype=bool)
    celah_g: list[Floats] = []
    terdaftar = np.zeros((n, len(program)), dtype=bool)  # a program already on the way is not planned again
    col_of = {g.id: k for k, g in enumerate(program)}
    for i, p in enumerate(pegawai):
        for gid in p.program_terdaftar:
            if gid in col_of:
                terdaftar[i, col_of[gid]] = True
    for g, prog in enumerate(program):
        c, rel = celah_program(m, prog, w)
        celah_g.append(c)
        relevan[:, g] = rel
    pis, pks, cs = [], [], []
    for k, grp in enumerate(groups):
        prog = program[grp.program]
        if grp.kursi <= 0 or prog.jp <= 0:
            continue
        c = celah_g[grp.program]
        ok = ikut & relevan[:, grp.program] & ((c > 0) | ((grp.biaya == 0) & (kurang > 0)))
        ok &= (prog.jp <= ruang) & ~terdaftar[:, grp.program] & (slot > 0)
        if grp.biaya > 0:
            # With no budget given at all only free programs are possible (nothing to index).
            ok &= (opd >= 0) & (budget[np.maximum(opd, 0)] >= grp.biaya) if budget.size else False
        idx = np.flatnonzero(ok)
        pis.append(idx)
        pks.append(np.full(idx.size, k, dtype=np.int64))
        cs.append(c[idx])
    pi = np.concatenate(pis) if pis else np.zeros(0, np.int64)
    pk = np.concatenate(pks) if pks else np.zeros(0, np.int64)
    celah = np.concatenate(cs) if cs else np.zeros(0)
    order = np.lexsort((pk, pi))
    pi, pk, celah = pi[order].astype(np.int64), pk[order], celah[order]
    pg = np.array([groups[k].program for k in pk.tolist()], dtype=np.int64)
    jp = np.array([program[g].jp for g in pg.tolist()], dtype=np.int64)
    cost = np.array([groups[k].biaya for k in pk.tolist()], dtype=np.int64)
    return Masalah(
        pegawai=tuple(pegawai),
        program=tuple(program),
        angkatan=tuple(angkatan),
        kelompok=groups,
        aturan=a,
        bobot=w,
        skenario=sk,
        opd_ids=opd_ids,
        anggaran=budget,
        opd=opd,
        ikut=ikut,
        rendah=rendah,
        r_pegawai=r_p,
        r_unit=r_u,
        pengali=pengali,
        sasaran=sasaran,
        kewajiban=kewajiban,
        kurang_jp=kurang.astype(np.int64),
        ruang_jp=ruang.astype(np.int64),
        slot=slot,
        terdaftar=terdaftar,
        pi=pi,
        pk=pk,
        pg=pg,
        celah=celah,
        nilai=celah * pengali[pi],
        jp=jp,
        biaya=cost,
        relevan=relevan,
        celah_program=np.stack(celah_g, axis=1) if celah_g else np.zeros((n, 0)),
    )


def jp_terbanyak(n: int, pi: Ints, pg: Ints, jp: Ints, maks: int | Ints) -> Ints:
    """Per person, the most JP `maks` (one number, or one per person) distinct programs among the
    pairs could bring."""
    if pi.size == 0:
        return np.zeros(n, dtype=np.int64)
    key = pi * (int(pg.max()) + 1) + pg
    _, first = np.unique(key, return_index=True)  # one pair per (person, program): same JP
    p, j = pi[first], jp[first]
    order = np.lexsort((-j, p))
    p, j = p[order], j[order]
    starts = np.searchsorted(p, p, side="left")
    rank = np.arange(p.size) - starts
    keep = rank < (maks if isinstance(maks, int) else maks[p])
    return np.bincount(p[keep], weights=j[keep], minlength=n).astype(np.int64)
