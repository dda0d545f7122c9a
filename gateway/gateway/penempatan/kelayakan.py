"""Whether a person may be placed in a position, with every reason they may not.

The checks and the modes are data (shared/rules/penempatan.yaml): `penempatan_kembali` (same
kelas jabatan), `promosi` (up from kelas_naik_min to kelas_naik_maks classes within the same
rumpun, with the predikat of the last years), `rotasi` (same kelas, another unit). Every failed
check is a reason; none is dropped, so the person and the Baperjakat see all that stands in the
way. `kelayakan` answers one pair; `matriks_layak` answers people x positions at once (the same
rules, vectorised) for the optimisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from gateway.penempatan.model import Jabatan, Pegawai
from shared.rules import (
    GolonganRules,
    PendidikanRules,
    PenempatanRules,
    SkpRules,
    load_golongan,
    load_pendidikan,
    load_penempatan,
    load_skp,
)

Value = str | int | None
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Alasan:
    """One reason a person is not eligible: a code and the values its message shows. The text is
    the catalogue's `penempatan.alasan.<kode>` (shared/locale), in the reader's language."""

    kode: str
    nilai: tuple[tuple[str, Value], ...] = ()

    @property
    def message_code(self) -> str:
        return f"penempatan.alasan.{self.kode}"

    def params(self) -> dict[str, Value]:
        return dict(self.nilai)


@dataclass(frozen=True)
class Kelayakan:
    layak: bool
    alasan: tuple[Alasan, ...]  # empty exactly when layak


@dataclass(frozen=True)
class Aturan:
    """The rule tables the checks read, loaded once."""

    penempatan: PenempatanRules
    pendidikan: PendidikanRules
    golongan: GolonganRules
    skp: SkpRules

    @classmethod
    def load(cls) -> Aturan:
        return cls(load_penempatan(), load_pendidikan(), load_golongan(), load_skp())


def tahun_predikat(tahun_terakhir: int, rules: PenempatanRules) -> tuple[int, ...]:
    """The years whose predikat a promotion asks for, latest first."""
    return tuple(tahun_terakhir - i for i in range(rules.predikat_tahun))


def kelayakan(
    pegawai: Pegawai, jabatan: Jabatan, mode: str, tahun_terakhir: int, aturan: Aturan | None = None
) -> Kelayakan:
    """Every check of `mode` on one pair. `tahun_terakhir`: the last year with final ratings."""
    a = aturan or Aturan.load()
    rules = a.penempatan
    m = rules.modes[mode]
    out: list[Alasan] = []
    for check in m.checks:
        if check == "kedudukan" and pegawai.kedudukan not in rules.kedudukan_boleh:
            out.append(Alasan("kedudukan", (("kedudukan", pegawai.kedudukan),)))
        elif check == "hukdis" and pegawai.hukdis_aktif:
            out.append(Alasan("hukdis"))
        elif check == "pendidikan":
            out += _pendidikan(pegawai, jabatan, a.pendidikan)
        elif check == "golongan":
            out += _golongan(pegawai, jabatan, a.golongan)
        elif check == "kelas":
            out += _kelas(pegawai, jabatan, m.kelas, rules)
        elif check == "rumpun" and (pegawai.rumpun is None or pegawai.rumpun != jabatan.rumpun):
            out.append(Alasan("rumpun", (("rumpun", pegawai.rumpun), ("rumpun_jabatan", jabatan.rumpun))))
        elif check == "unit" and pegawai.unit_id is not None and pegawai.unit_id == jabatan.unit_id:
            out.append(Alasan("unit"))
        elif check == "predikat":
            out += _predikat(pegawai, tahun_terakhir, rules, a.skp)
    return Kelayakan(not out, tuple(out))


def syarat_jabatan(pegawai: Pegawai, jabatan: Jabatan, aturan: Aturan | None = None) -> tuple[Alasan, ...]:
    """The position's own requirements alone (minimum education and golongan), every failed one:
    what the talent map's readiness of a successor asks, whatever the mode of a later move."""
    a = aturan or Aturan.load()
    return (*_pendidikan(pegawai, jabatan, a.pendidikan), *_golongan(pegawai, jabatan, a.golongan))


def _pendidikan(p: Pegawai, j: Jabatan, rules: PendidikanRules) -> list[Alasan]:
    if not j.syarat_pendidikan_min:
        return []
    syarat = rules.resolve(j.syarat_pendidikan_min)
    if syarat is None:
        return [Alasan("pendidikan_syarat_tidak_dikenal", (("syarat", j.syarat_pendidikan_min),))]
    held = rules.resolve(p.pendidikan or "")
    if held is None:
        return [Alasan("pendidikan_tidak_diketahui", (("syarat", syarat.code),))]
    if held.comparison_rank < syarat.comparison_rank:
        return [Alasan("pendidikan", (("dimiliki", held.code), ("syarat", syarat.code)))]
    return []


def _golongan(p: Pegawai, j: Jabatan, rules: GolonganRules) -> list[Alasan]:
    if not j.syarat_golongan_min:
        return []
    syarat = rules.get(j.syarat_golongan_min)
    if syarat is None:
        return [Alasan("golongan_syarat_tidak_dikenal", (("syarat", j.syarat_golongan_min),))]
    held = rules.get(p.golongan) if p.golongan else None
    if held is None:
        return [Alasan("golongan_tidak_diketahui", (("syarat", syarat.code),))]
    if held.scheme != syarat.scheme:  # a PPPK grade does not compare with a PNS golongan ruang
        return [Alasan("golongan_skema", (("dimiliki", held.code), ("syarat", syarat.code)))]
    if held.rank < syarat.rank:
        return [Alasan("golongan", (("dimiliki", held.code), ("syarat", syarat.code)))]
    return []


def _kelas(p: Pegawai, j: Jabatan, how: str, rules: PenempatanRules) -> list[Alasan]:
    if p.kelas_jabatan is None:
        return [Alasan("kelas_tidak_diketahui", (("kelas_jabatan", j.kelas_jabatan),))]
    values: tuple[tuple[str, Value], ...] = (("kelas", p.kelas_jabatan), ("kelas_jabatan", j.kelas_jabatan))
    if how == "sama" and j.kelas_jabatan != p.kelas_jabatan:
        return [Alasan("kelas_sama", values)]
    naik = j.kelas_jabatan - p.kelas_jabatan
    if how == "naik" and not rules.kelas_naik_min <= naik <= rules.kelas_naik_maks:
        return [
            Alasan("kelas_naik", (*values, ("naik_min", rules.kelas_naik_min), ("naik_maks", rules.kelas_naik_maks)))
        ]
    return []


def _predikat(p: Pegawai, tahun_terakhir: int, rules: PenempatanRules, skp: SkpRules) -> list[Alasan]:
    minimal = skp.predikat[rules.predikat_minimal]
    out = []
    for tahun in tahun_predikat(tahun_terakhir, rules):
        kode = p.predikat.get(tahun)
        if kode is None or kode not in skp.predikat:
            out.append(Alasan("predikat_tidak_ada", (("tahun", tahun), ("minimal", minimal.kode))))
        elif skp.predikat[kode].urutan < minimal.urutan:
            out.append(Alasan("predikat", (("tahun", tahun), ("predikat", kode), ("minimal", minimal.kode))))
    return out


# --- people x positions at once ----------------------------------------------------------

UNKNOWN = -1
SKEMA = {"pns": 1, "pppk": 2}


@dataclass(frozen=True)
class KolomPegawai:
    """The people's fields the checks read, as arrays (one entry per person)."""

    aktif: Bools
    hukdis: Bools
    pendidikan: npt.NDArray[np.int16]  # comparison rank, UNKNOWN when not resolvable
    golongan: npt.NDArray[np.int16]  # rank within its scheme, UNKNOWN when not resolvable
    skema: npt.NDArray[np.int8]  # SKEMA value, 0 when unknown
    kelas: npt.NDArray[np.int16]  # UNKNOWN when not placed
    rumpun: npt.NDArray[np.int32]  # code of a shared vocabulary, UNKNOWN when none
    unit: npt.NDArray[np.int32]
    predikat_ok: Bools  # the predikat of every year a promotion asks for is at least the minimum


@dataclass(frozen=True)
class KolomJabatan:
    pendidikan: npt.NDArray[np.int16]  # 0: no minimum; UNKNOWN: a minimum that is not a level
    golongan: npt.NDArray[np.int16]  # 0: no minimum; UNKNOWN: a minimum that is not a grade
    skema: npt.NDArray[np.int8]
    kelas: npt.NDArray[np.int16]
    rumpun: npt.NDArray[np.int32]
    unit: npt.NDArray[np.int32]


def kolom(
    pegawai: Sequence[Pegawai], jabatan: Sequence[Jabatan], tahun_terakhir: int, aturan: Aturan | None = None
) -> tuple[KolomPegawai, KolomJabatan]:
    a = aturan or Aturan.load()
    rumpun: dict[str | None, int] = {None: UNKNOWN}
    unit: dict[str | None, int] = {None: UNKNOWN}

    def code(vocabulary: dict[str | None, int], value: str | None) -> int:
        return vocabulary.setdefault(value, len(vocabulary))

    @cache  # a Pemda has a dozen distinct values of each, spelled alike
    def pend(raw: str | None) -> int:
        level = a.pendidikan.resolve(raw or "")
        return level.comparison_rank if level else UNKNOWN

    @cache
    def gol(raw: str | None) -> tuple[int, int]:
        grade = a.golongan.get(raw) if raw else None
        return (grade.rank, SKEMA[grade.scheme]) if grade else (UNKNOWN, 0)

    years = tahun_predikat(tahun_terakhir, a.penempatan)
    minimal = a.skp.predikat[a.penempatan.predikat_minimal].urutan

    def predikat_ok(p: Pegawai) -> bool:
        got = [a.skp.predikat.get(p.predikat.get(y, "")) for y in years]
        return all(g is not None and g.urutan >= minimal for g in got)

    p_gol = [gol(p.golongan) for p in pegawai]
    kp = KolomPegawai(
        aktif=np.array([p.kedudukan in a.penempatan.kedudukan_boleh for p in pegawai], dtype=bool),
        hukdis=np.array([p.hukdis_aktif for p in pegawai], dtype=bool),
        pendidikan=np.array([pend(p.pendidikan) for p in pegawai], dtype=np.int16),
        golongan=np.array([g[0] for g in p_gol], dtype=np.int16),
        skema=np.array([g[1] for g in p_gol], dtype=np.int8),
        kelas=np.array([UNKNOWN if p.kelas_jabatan is None else p.kelas_jabatan for p in pegawai], dtype=np.int16),
        rumpun=np.array([code(rumpun, p.rumpun) for p in pegawai], dtype=np.int32),
        unit=np.array([code(unit, p.unit_id) for p in pegawai], dtype=np.int32),
        predikat_ok=np.array([predikat_ok(p) for p in pegawai], dtype=bool),
    )
    j_gol = [gol(j.syarat_golongan_min) if j.syarat_golongan_min else (0, 0) for j in jabatan]
    kj = KolomJabatan(
        pendidikan=np.array(
            [pend(j.syarat_pendidikan_min) if j.syarat_pendidikan_min else 0 for j in jabatan], np.int16
        ),
        golongan=np.array([g[0] for g in j_gol], dtype=np.int16),
        skema=np.array([g[1] for g in j_gol], dtype=np.int8),
        kelas=np.array([j.kelas_jabatan for j in jabatan], dtype=np.int16),
        rumpun=np.array([code(rumpun, j.rumpun) for j in jabatan], dtype=np.int32),
        unit=np.array([code(unit, j.unit_id) for j in jabatan], dtype=np.int32),
    )
    return kp, kj


def matriks_layak(
    kp: KolomPegawai,
    kj: KolomJabatan,
    checks: Sequence[str],
    kelas: str | None,
    rules: PenempatanRules | None = None,
) -> Bools:
    """people x positions: True where every one of `checks` passes. `kelas`: "sama" or "naik" as a
    mode says (ignored unless "kelas" is among the checks). The same rules as `kelayakan`."""
    rules = rules or load_penempatan()
    col = np.newaxis
    ok = np.ones((kp.aktif.size, kj.kelas.size), dtype=bool)
    for check in checks:
        if check == "kedudukan":
            ok &= kp.aktif[:, col]
        elif check == "hukdis":
            ok &= ~kp.hukdis[:, col]
        elif check == "pendidikan":
            need = kj.pendidikan[col, :]
            ok &= (need == 0) | (
                (need != UNKNOWN) & (kp.pendidikan[:, col] != UNKNOWN) & (kp.pendidikan[:, col] >= need)
            )
        elif check == "golongan":
            need = kj.golongan[col, :]
            same = (kp.skema[:, col] == kj.skema[col, :]) & (kp.golongan[:, col] >= need)
            ok &= (need == 0) | ((need != UNKNOWN) & (kp.golongan[:, col] != UNKNOWN) & same)
        elif check == "kelas":
            naik = kj.kelas[col, :].astype(np.int32) - kp.kelas[:, col]
            fits = naik == 0 if kelas == "sama" else (naik >= rules.kelas_naik_min) & (naik <= rules.kelas_naik_maks)
            ok &= fits & (kp.kelas[:, col] != UNKNOWN)
        elif check == "rumpun":
            ok &= (kp.rumpun[:, col] == kj.rumpun[col, :]) & (kp.rumpun[:, col] != UNKNOWN)
        elif check == "unit":
            ok &= (kp.unit[:, col] != kj.unit[col, :]) | (kp.unit[:, col] == UNKNOWN)
        elif check == "predikat":
            ok &= kp.predikat_ok[:, col]
        else:
            raise ValueError(f"unknown check {check}")
    return ok


def matriks_mode(
    pegawai: Sequence[Pegawai],
    jabatan: Sequence[Jabatan],
    mode: str,
    tahun_terakhir: int,
    aturan: Aturan | None = None,
) -> Bools:
    """people x positions eligibility of one mode (the vectorised `kelayakan(...).layak`)."""
    a = aturan or Aturan.load()
    kp, kj = kolom(pegawai, jabatan, tahun_terakhir, a)
    m = a.penempatan.modes[mode]
    return matriks_layak(kp, kj, m.checks, m.kelas, a.penempatan)
