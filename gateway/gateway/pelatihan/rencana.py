"""The budget-bound training plan of a unit or a whole Pemda for a year, explained.

`rencana` answers: the enrollments (each with the gaps it closes, the weights, its cost and JP),
the plan's figures beside the greedy rule's on the same data, the solver's gap and time, each OPD's
budget used and what it could not cover, who stays below the JP minimum and every reason why, the
distribution of the plan across units beside the distribution of need, and, when the protected
attributes of the people are given, the adverse-impact report of the selection (gateway.keadilan:
selection = people enrolled, pool = people with a need the catalogue addresses). The attributes
reach only that report: the plan is made before it, from inputs that do not carry them.
`bandingkan` answers the same plan under several scenarios side by side.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from gateway.keadilan.dampak import AtributKelompok, Laporan, laporan
from gateway.pelatihan.masalah import Bools, Ints, Masalah, Skenario, jp_terbanyak, masalah
from gateway.pelatihan.model import Anggaran, Angkatan, Pegawai, Program, biaya
from gateway.pelatihan.optimasi import Solusi, angkatan_dari_kelompok, solve
from shared.rules import PelatihanRules, load_pelatihan

Value = str | int | float | None


@dataclass(frozen=True)
class CelahKompetensi:
    """What one enrollment closes in one competency."""

    kode: str
    dimiliki: int
    dibawa: int  # the level the program brings
    syarat_jabatan: int  # 0: not in the position's standard
    syarat_karier: int  # 0: not in a career target's standard
    tertutup_jabatan: int  # levels closed up to the position's standard
    tertutup_karier: int  # levels closed beyond it, up to the career target
    bobot: float  # standar_jabatan * tertutup_jabatan + target_karier * tertutup_karier


@dataclass(frozen=True)
class Pengali:
    kinerja_rendah: float  # 1 when not a low performer
    rotasi_pegawai: float  # 1 + rotasi_pegawai * r
    rotasi_unit: float
    total: float


@dataclass(frozen=True)
class Pendaftaran:
    nip: str
    program_id: str
    angkatan_id: str
    jp: int
    biaya: int  # fee plus travel
    biaya_perjalanan: int
    celah: tuple[CelahKompetensi, ...]
    celah_berbobot: float  # sum of celah's bobot
    pengali: Pengali
    nilai: float  # celah_berbobot * pengali.total
    menuju_jp_minimum: bool  # the person is below the JP minimum and aimed at it


@dataclass(frozen=True)
class Alasan:
    """Why a person stays below the JP minimum; the text is `pelatihan.alasan.<kode>`."""

    kode: str
    nilai: tuple[tuple[str, Value], ...] = ()

    @property
    def message_code(self) -> str:
        return f"pelatihan.alasan.{self.kode}"


@dataclass(frozen=True)
class TidakCapai:
    nip: str
    opd_id: str | None
    status: str | None
    kewajiban: bool  # the minimum is a duty (PNS); else the platform's aim (PPPK)
    jp_sesudah: int
    kurang_jp: int
    alasan: tuple[Alasan, ...]


@dataclass(frozen=True)
class PemakaianAnggaran:
    opd_id: str
    sisa: int  # left before the plan (the scenario's factor applied)
    terpakai: int
    sisa_sesudah: int
    pegawai_belum_tercakup: int  # people with a need the catalogue addresses, not enrolled
    celah_belum_tercakup: float  # the weighted gap (with multipliers) their best relevant program closes
    biaya_belum_tercakup: int  # what its cheapest batch would cost them all


@dataclass(frozen=True)
class SebaranUnit:
    unit_id: str | None
    pegawai: int
    pegawai_butuh: int  # in the pool: a need the catalogue addresses
    kebutuhan: float  # the weighted gap of its people (position and career standards, no multiplier)
    porsi_kebutuhan: float
    terpilih: int
    celah_tertutup: float  # weighted gap closed, no multiplier
    porsi_tertutup: float
    biaya: int


@dataclass(frozen=True)
class Ringkasan:
    """A plan's figures."""

    kode: str
    metode: str
    objektif: float
    celah_berbobot: float
    capai_jp_minimum: int  # people the plan brings to the minimum
    di_bawah_jp_minimum: int  # aimed people still below it
    biaya: int
    pendaftaran: int
    peserta: int
    celah_mip: float | None
    dalam_celah_sasaran: bool
    waktu_solver_detik: float
    waktu_detik: float


@dataclass(frozen=True)
class Rencana:
    ringkasan: Ringkasan
    greedy: Ringkasan
    pendaftaran: tuple[Pendaftaran, ...]
    tidak_capai: tuple[TidakCapai, ...]
    anggaran: tuple[PemakaianAnggaran, ...]
    sebaran: tuple[SebaranUnit, ...]
    kandidat: int  # variables: candidate pairs (person, batches of one program at one cost)
    keadilan: Laporan | None


def rencana(
    pegawai: Sequence[Pegawai],
    program: Sequence[Program],
    angkatan: Sequence[Angkatan],
    anggaran: Sequence[Anggaran],
    skenario: Skenario | None = None,
    atribut: Sequence[AtributKelompok] | None = None,
    pada: date | None = None,
    aturan: PelatihanRules | None = None,
    waktu_maks_detik: float | None = None,
) -> Rencana:
    started = time.perf_counter()
    m = masalah(pegawai, program, angkatan, anggaran, skenario, aturan)
    best, rule = solve(m, waktu_maks_detik)
    spent = time.perf_counter() - started
    pool = _pool(m)
    chosen_nips = {m.pegawai[i].nip for i in m.pi[best.pilih].tolist()}
    report = None
    if atribut is not None:
        pool_nips = {m.pegawai[i].nip for i in np.flatnonzero(pool).tolist()}
        report = laporan([a for a in atribut if a.nip in pool_nips], chosen_nips, pada or date.today())
    return Rencana(
        ringkasan=_ringkasan(m, best, spent),
        greedy=_ringkasan(m, rule, rule.waktu_solver_detik),
        pendaftaran=_pendaftaran(m, best),
        tidak_capai=_tidak_capai(m, best),
        anggaran=_anggaran(m, best),
        sebaran=_sebaran(m, best, pool),
        kandidat=int(m.pi.size),
        keadilan=report,
    )


MIN_SOLVER_DETIK = 0.5  # a scenario late in a slow request still gets HiGHS a moment past the greedy plan


def bandingkan(
    pegawai: Sequence[Pegawai],
    program: Sequence[Program],
    angkatan: Sequence[Angkatan],
    anggaran: Sequence[Anggaran],
    daftar: Sequence[Skenario],
    aturan: PelatihanRules | None = None,
    waktu_maks_detik: float | None = None,
) -> tuple[tuple[Ringkasan, Ringkasan], ...]:
    """Per scenario, in the order given: (the plan's figures, the greedy rule's). The scenarios share
    the request's solver time (`waktu_maks_permintaan_detik`): each gets what is left shared by the
    ones still to solve, at most one plan's limit (`waktu_maks_detik` overrides that limit)."""
    rules = aturan or load_pelatihan()
    per_plan = waktu_maks_detik if waktu_maks_detik is not None else rules.waktu_maks_detik
    deadline = time.perf_counter() + rules.waktu_maks_permintaan_detik
    out = []
    for n, sk in enumerate(daftar):
        started = time.perf_counter()
        share = max(deadline - started, 0.0) / (len(daftar) - n)
        m = masalah(pegawai, program, angkatan, anggaran, sk, aturan)
        best, rule = solve(m, max(min(per_plan, share), MIN_SOLVER_DETIK))
        out.append((_ringkasan(m, best, time.perf_counter() - started), _ringkasan(m, rule, rule.waktu_solver_detik)))
    return tuple(out)


# --- the parts of the answer -----------------------------------------------------------------


def _jp_plan(m: Masalah, s: Solusi) -> Ints:
    return np.bincount(m.pi[s.pilih], weights=m.jp[s.pilih], minlength=len(m.pegawai)).astype(np.int64)


def _ringkasan(m: Masalah, s: Solusi, spent: float) -> Ringkasan:
    below = m.ikut & (m.kurang_jp > 0) & ~s.capai
    return Ringkasan(
        kode=m.skenario.kode,
        metode=s.metode,
        objektif=s.objektif,
        celah_berbobot=s.celah_berbobot,
        capai_jp_minimum=int(s.capai.sum()),
        di_bawah_jp_minimum=int(below.sum()),
        biaya=s.biaya,
        pendaftaran=int(s.pilih.size),
        peserta=int(np.unique(m.pi[s.pilih]).size),
        celah_mip=s.celah_mip,
        dalam_celah_sasaran=s.dalam_celah_sasaran,
        waktu_solver_detik=s.waktu_solver_detik,
        waktu_detik=spent,
    )


def _pendaftaran(m: Masalah, s: Solusi) -> tuple[Pendaftaran, ...]:
    w = m.bobot
    batches = angkatan_dari_kelompok(m, s.pilih)
    out = []
    for k, b in zip(s.pilih.tolist(), batches.tolist(), strict=True):
        i, g = int(m.pi[k]), int(m.pg[k])
        p, prog, batch = m.pegawai[i], m.program[g], m.angkatan[b]
        gaps = []
        for c, level in sorted(prog.kompetensi.items()):
            h, sj, sk = p.kompetensi.get(c, 0), p.standar.get(c, 0), p.standar_karier.get(c, 0)
            own = max(0, min(level, sj) - h)
            beyond = max(0, min(level, sk) - max(h, sj))
            if own or beyond or sj or sk:
                gaps.append(
                    CelahKompetensi(
                        c, h, level, sj, sk, own, beyond, w.standar_jabatan * own + w.target_karier * beyond
                    )
                )
        low = w.kinerja_rendah if m.rendah[i] else 1.0
        rp, ru = 1 + w.rotasi_pegawai * float(m.r_pegawai[i]), 1 + w.rotasi_unit * float(m.r_unit[i])
        cost = biaya(prog, batch)
        out.append(
            Pendaftaran(
                nip=p.nip,
                program_id=prog.id,
                angkatan_id=batch.id,
                jp=prog.jp,
                biaya=cost,
                biaya_perjalanan=cost - prog.biaya_per_peserta,
                celah=tuple(gaps),
                celah_berbobot=float(m.celah[k]),
                pengali=Pengali(low, rp, ru, float(m.pengali[i])),
                nilai=float(m.nilai[k]),
                menuju_jp_minimum=bool(m.kurang_jp[i] > 0),
            )
        )
    return tuple(out)


def _pool(m: Masalah) -> Bools:
    """People with a need the catalogue addresses: a relevant program closes a gap of theirs
    (seats, budget and JP aside)."""
    return m.ikut & (m.relevan & (m.celah_program > 0)).any(axis=1)


def _tidak_capai(m: Masalah, s: Solusi) -> tuple[TidakCapai, ...]:
    """Every aimed person left below the minimum, with every reason that holds: the first of
    (no relevant program, no relevant batch with seats, none that closes a gap or is free, every
    one past a PPPK's ceiling) that holds, else each of (the program limit reached, the seats
    taken by the plan, the OPD's budget spent or never given, the JP the rest could bring too
    few); none of these: others' gaps came first within the budget."""
    n = len(m.pegawai)
    jp_plan = _jp_plan(m, s)
    below = np.flatnonzero(m.ikut & (m.kurang_jp > 0) & ~s.capai)
    if below.size == 0:
        return ()
    gaps = m.celah_program.T
    taken = np.zeros((n, len(m.program)), dtype=bool)
    taken[m.pi[s.pilih], m.pg[s.pilih]] = True
    count = taken.sum(axis=1)
    taken |= m.terdaftar  # a program already on the way is not one the rest could bring
    seats_used = np.bincount(m.pk[s.pilih], minlength=len(m.kelompok))
    spent = np.zeros(len(m.opd_ids), dtype=np.int64)
    payer = m.opd[m.pi[s.pilih]]
    np.add.at(spent, payer[payer >= 0], m.biaya[s.pilih][payer >= 0])
    left = m.anggaran - spent
    left_of = np.where(m.opd >= 0, left[np.maximum(m.opd, 0)] if left.size else 0, 0)  # per person
    room = m.ruang_jp - jp_plan
    any_rel: Bools = np.asarray(m.relevan.any(axis=1), dtype=bool)
    seated = np.zeros(n, bool)
    useful = np.zeros(n, bool)
    fits = np.zeros(n, bool)
    remaining = np.zeros(n, bool)
    seats_free = np.zeros(n, bool)
    payable = np.zeros(n, bool)
    cheapest = np.full(n, np.iinfo(np.int64).max)
    rest_pi, rest_pg, rest_jp = [], [], []
    for k, grp in enumerate(m.kelompok):
        g, prog = grp.program, m.program[grp.program]
        rel = m.relevan[:, g] & (grp.kursi > 0)
        seated |= rel
        rel &= (gaps[g] > 0) | (grp.biaya == 0)
        useful |= rel
        rel &= prog.jp <= room
        fits |= rel
        rel &= ~taken[:, g]
        remaining |= rel
        free_seat = rel & (grp.kursi - seats_used[k] > 0)
        seats_free |= free_seat
        pay = rel & ((grp.biaya == 0) | ((m.opd >= 0) & (left_of >= grp.biaya)))
        payable |= pay
        cheapest = np.where(rel, np.minimum(cheapest, grp.biaya), cheapest)
        ok = np.flatnonzero(free_seat & pay)
        rest_pi.append(ok)
        rest_pg.append(np.full(ok.size, g, dtype=np.int64))
        rest_jp.append(np.full(ok.size, prog.jp, dtype=np.int64))
    rpi = np.concatenate(rest_pi) if rest_pi else np.zeros(0, np.int64)
    rpg = np.concatenate(rest_pg) if rest_pg else np.zeros(0, np.int64)
    rjp = np.concatenate(rest_jp) if rest_jp else np.zeros(0, np.int64)
    order = np.lexsort((rpg, rpi))
    more = np.zeros(n, dtype=np.int64)
    free = m.slot - count  # programs each person could still be given
    for slots in range(1, int(free.max(initial=0)) + 1):  # the JP the rest could bring, per free slot count
        bring = jp_terbanyak(n, rpi[order], rpg[order], rjp[order], slots)
        more = np.where(free == slots, bring, more)
    out = []
    for i in below.tolist():
        p = m.pegawai[i]
        reasons: list[Alasan] = []
        if not any_rel[i]:
            reasons.append(Alasan("tanpa_program_relevan"))
        elif not seated[i]:
            reasons.append(Alasan("tanpa_kursi"))
        elif not useful[i]:
            reasons.append(Alasan("tanpa_celah"))
        elif not fits[i]:
            reasons.append(
                Alasan(
                    "batas_pppk",
                    (("batas", m.aturan.pppk_max_jp), ("jp", int(p.jp_tahun_ini + p.jp_terdaftar + jp_plan[i]))),
                )
            )
        else:
            if count[i] >= m.slot[i]:
                reasons.append(Alasan("batas_program", (("maks", m.maks_program),)))
            if not remaining[i]:  # every relevant program that fits is in the plan already
                reasons.append(Alasan("jp_tidak_cukup", (("kurang", int(m.kurang_jp[i] - jp_plan[i])), ("mungkin", 0))))
            elif not seats_free[i]:
                reasons.append(Alasan("kursi_habis"))
            if remaining[i] and not payable[i]:
                if m.opd[i] < 0:
                    reasons.append(Alasan("tanpa_anggaran", (("opd", p.opd_id),)))
                else:
                    reasons.append(
                        Alasan("anggaran_habis", (("sisa", int(left[m.opd[i]])), ("biaya", int(cheapest[i]))))
                    )
            if not reasons and jp_plan[i] + more[i] < m.kurang_jp[i]:
                reasons.append(
                    Alasan("jp_tidak_cukup", (("kurang", int(m.kurang_jp[i] - jp_plan[i])), ("mungkin", int(more[i]))))
                )
            if not reasons:
                reasons.append(Alasan("prioritas"))
        out.append(
            TidakCapai(
                nip=p.nip,
                opd_id=p.opd_id,
                status=p.status,
                kewajiban=bool(m.kewajiban[i]),
                jp_sesudah=int(p.jp_tahun_ini + p.jp_terdaftar + jp_plan[i]),
                kurang_jp=int(m.kurang_jp[i] - jp_plan[i]),
                alasan=tuple(reasons),
            )
        )
    return tuple(out)


def _anggaran(m: Masalah, s: Solusi) -> tuple[PemakaianAnggaran, ...]:
    n = len(m.pegawai)
    enrolled = np.zeros(n, dtype=bool)
    enrolled[m.pi[s.pilih]] = True
    # each person's best relevant program with seats, whatever the budget: what it would add, and
    # its cheapest batch
    cheapest = np.full(len(m.program), np.iinfo(np.int64).max)
    for grp in m.kelompok:
        if grp.kursi > 0:
            cheapest[grp.program] = min(cheapest[grp.program], grp.biaya)
    seated = cheapest < np.iinfo(np.int64).max
    val = np.where(m.relevan & seated[np.newaxis, :], m.celah_program, 0.0) * m.pengali[:, np.newaxis]
    best_g = val.argmax(axis=1) if val.size else np.zeros(n, dtype=np.int64)
    best_val = val[np.arange(n), best_g] if val.size else np.zeros(n)
    best_cost = np.where(best_val > 0, cheapest[best_g] if val.size else 0, 0)
    open_need = m.ikut & ~enrolled & (best_val > 0)
    out = []
    for o, opd_id in enumerate(m.opd_ids):
        mine = m.opd[m.pi[s.pilih]] == o
        used = int(m.biaya[s.pilih][mine].sum())
        people = open_need & (m.opd == o)
        out.append(
            PemakaianAnggaran(
                opd_id=opd_id,
                sisa=int(m.anggaran[o]),
                terpakai=used,
                sisa_sesudah=int(m.anggaran[o]) - used,
                pegawai_belum_tercakup=int(people.sum()),
                celah_belum_tercakup=float(best_val[people].sum()),
                biaya_belum_tercakup=int(best_cost[people].sum()),
            )
        )
    return tuple(out)


def kebutuhan(p: Pegawai, standar_jabatan: float, target_karier: float) -> float:
    """A person's weighted gap over the competencies of the position's and career standards."""
    total = 0.0
    for c in set(p.standar) | set(p.standar_karier):
        h, sj, sk = p.kompetensi.get(c, 0), p.standar.get(c, 0), p.standar_karier.get(c, 0)
        total += standar_jabatan * max(0, sj - h) + target_karier * max(0, sk - max(h, sj))
    return total


def _sebaran(m: Masalah, s: Solusi, pool: Bools) -> tuple[SebaranUnit, ...]:
    w = m.bobot
    units = list(dict.fromkeys(p.unit_id for p in m.pegawai))
    pos = {u: k for k, u in enumerate(units)}
    idx = np.array([pos[p.unit_id] for p in m.pegawai], dtype=np.int64)
    need = np.array([kebutuhan(p, w.standar_jabatan, w.target_karier) for p in m.pegawai]) * m.ikut
    u_pi = idx[m.pi[s.pilih]]
    closed = np.bincount(u_pi, weights=m.celah[s.pilih], minlength=len(units))
    cost = np.bincount(u_pi, weights=m.biaya[s.pilih], minlength=len(units))
    chosen = np.zeros(len(m.pegawai), dtype=bool)
    chosen[m.pi[s.pilih]] = True
    people = np.bincount(idx, weights=m.ikut, minlength=len(units))
    in_pool = np.bincount(idx, weights=pool, minlength=len(units))
    picked = np.bincount(idx, weights=chosen, minlength=len(units))
    need_u = np.bincount(idx, weights=need, minlength=len(units))
    total_need, total_closed = float(need_u.sum()), float(closed.sum())
    return tuple(
        SebaranUnit(
            unit_id=u,
            pegawai=int(people[k]),
            pegawai_butuh=int(in_pool[k]),
            kebutuhan=float(need_u[k]),
            porsi_kebutuhan=float(need_u[k] / total_need) if total_need else 0.0,
            terpilih=int(picked[k]),
            celah_tertutup=float(closed[k]),
            porsi_tertutup=float(closed[k] / total_closed) if total_closed else 0.0,
            biaya=int(cost[k]),
        )
        for k, u in enumerate(units)
        if people[k] > 0
    )
