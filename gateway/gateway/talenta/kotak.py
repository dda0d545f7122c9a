"""Where one employee stands in the talent box (9-box): the kinerja axis from the annual predikat,
the potensial axis from the assessed competencies, the box they make and what it recommends.

The rules are data (shared/rules/talenta.yaml; the bands of shared/rules/jpm.yaml). Whoever lacks
what an axis needs is not mapped, with every reason, never dropped. The input is placement's
`Pegawai`, which holds no protected attribute (gender, birth date, religion...): nothing here can
weigh one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gateway.penempatan.jpm import jpm_pegawai
from gateway.penempatan.model import Jabatan, Pegawai
from shared.dates import shift_years
from shared.rules import JpmRules, Kotak, TalentaRules, load_jpm, load_talenta

Value = str | int | float | None


@dataclass(frozen=True)
class Alasan:
    """Why an axis cannot be read: a code and the values its message shows (the catalogue's
    `talenta.alasan.<kode>`, in the reader's language)."""

    kode: str
    nilai: tuple[tuple[str, Value], ...] = ()

    @property
    def message_code(self) -> str:
        return f"talenta.alasan.{self.kode}"

    def params(self) -> dict[str, Value]:
        return dict(self.nilai)


@dataclass(frozen=True)
class SumbuKinerja:
    kategori: str | None  # dibawah | sesuai | diatas; None: not read
    tahun: int | None  # the year whose predikat was read
    predikat: str | None
    riwayat: tuple[tuple[int, str], ...]  # (year, predikat) shown as evidence, newest first
    alasan: tuple[Alasan, ...]  # empty exactly when kategori is read


@dataclass(frozen=True)
class SumbuPotensial:
    kategori: str | None  # rendah | menengah | tinggi; None: not read
    jpm: float | None  # percent, unrounded, against the position held now
    band: str | None  # the JPM band (jpm.yaml)
    tanggal_asesmen: date | None  # the latest assessment of the profile
    alasan: tuple[Alasan, ...]


@dataclass(frozen=True)
class Peta:
    nip: str
    kinerja: SumbuKinerja
    potensial: SumbuPotensial
    kotak: Kotak | None  # None: not mapped (the axes' reasons say why)

    @property
    def alasan(self) -> tuple[Alasan, ...]:
        return (*self.kinerja.alasan, *self.potensial.alasan)


def sumbu_kinerja(predikat: Mapping[int, str], tahun_terakhir: int, rules: TalentaRules | None = None) -> SumbuKinerja:
    """The latest final predikat within `kinerja_tahun_maks` years up to `tahun_terakhir` (the last
    year whose ratings are final) decides; the years of `kinerja_tahun_bukti` are its evidence."""
    r = rules or load_talenta()
    bukti_dari = tahun_terakhir - r.kinerja_tahun_bukti + 1
    riwayat = tuple((y, predikat[y]) for y in sorted(predikat, reverse=True) if bukti_dari <= y <= tahun_terakhir)
    dari = tahun_terakhir - r.kinerja_tahun_maks + 1
    for tahun in range(tahun_terakhir, dari - 1, -1):
        kode = predikat.get(tahun)
        if kode is None:
            continue
        kategori = r.kinerja_dari_predikat.get(kode)
        if kategori is None:  # e.g. a numeric SKP's band of before 2022 that is no predikat of PermenPAN-RB 6/2022
            return SumbuKinerja(
                None, tahun, kode, riwayat, (Alasan("predikat_tidak_dikenal", (("tahun", tahun), ("predikat", kode))),)
            )
        return SumbuKinerja(kategori, tahun, kode, riwayat, ())
    return SumbuKinerja(
        None, None, None, riwayat, (Alasan("predikat_tidak_ada", (("dari", dari), ("sampai", tahun_terakhir))),)
    )


def kategori_potensial(
    jpm: float, rules: TalentaRules | None = None, jpm_rules: JpmRules | None = None
) -> tuple[str, str]:
    """(band, potensial category) of a JPM percentage, unrounded as kompetensi compares it."""
    r = rules or load_talenta()
    band = (jpm_rules or load_jpm()).kategori(jpm, r.band_set).kode
    return band, r.potensial_dari_band[band]


def asesmen_berlaku(tanggal: date, today: date, rules: TalentaRules | None = None) -> bool:
    """An assessment dated on the day `asesmen_maks_tahun` years ago still counts (as kompetensi's
    validity: older than that is stale)."""
    r = rules or load_talenta()
    return tanggal >= shift_years(today, -r.asesmen_maks_tahun)


def sumbu_potensial(
    pegawai: Pegawai,
    jabatan: Jabatan | None,
    tanggal_asesmen: date | None,
    today: date,
    rules: TalentaRules | None = None,
    jpm_rules: JpmRules | None = None,
) -> SumbuPotensial:
    """The JPM of the person's profile against the standard of the position held now, in the
    bands of `band_set`, from a profile assessed within `asesmen_maks_tahun` years. Every missing
    piece is a reason."""
    r = rules or load_talenta()
    alasan: list[Alasan] = []
    jpm = jpm_pegawai(pegawai, jabatan) if jabatan is not None else None
    if jabatan is None:
        alasan.append(Alasan("tanpa_jabatan"))
    elif jpm is None:
        alasan.append(Alasan("tanpa_standar"))
    if tanggal_asesmen is None:
        alasan.append(Alasan("asesmen_tidak_ada"))
    elif not asesmen_berlaku(tanggal_asesmen, today, r):
        alasan.append(
            Alasan("asesmen_kedaluwarsa", (("tanggal", tanggal_asesmen.isoformat()), ("tahun", r.asesmen_maks_tahun)))
        )
    band = kategori = None
    if jpm is not None:
        band, kategori = kategori_potensial(jpm, r, jpm_rules)
    return SumbuPotensial(None if alasan else kategori, jpm, band, tanggal_asesmen, tuple(alasan))


def kotak(kinerja: str, potensial: str, rules: TalentaRules | None = None) -> Kotak:
    r = rules or load_talenta()
    return r.kotak[r.nomor(kinerja, potensial)]


def petakan(
    pegawai: Pegawai,
    jabatan: Jabatan | None,
    tanggal_asesmen: date | None,
    tahun_terakhir: int,
    today: date,
    rules: TalentaRules | None = None,
    jpm_rules: JpmRules | None = None,
) -> Peta:
    """The place of one employee: both axes with their evidence, and the box when both are read."""
    r = rules or load_talenta()
    k = sumbu_kinerja(pegawai.predikat, tahun_terakhir, r)
    p = sumbu_potensial(pegawai, jabatan, tanggal_asesmen, today, r, jpm_rules)
    box = kotak(k.kategori, p.kategori, r) if k.kategori and p.kategori else None
    return Peta(pegawai.nip, k, p, box)


def kategori_kinerja(predikat: Mapping[int, str], tahun_terakhir: int, rules: TalentaRules | None = None) -> str | None:
    """The kinerja category alone, by the rule of `sumbu_kinerja` (None where it reads none), for
    the successors' pool beyond the unit, whose evidence nobody reads."""
    r = rules or load_talenta()
    for tahun in range(tahun_terakhir, tahun_terakhir - r.kinerja_tahun_maks, -1):
        kode = predikat.get(tahun)
        if kode is not None:
            return r.kinerja_dari_predikat.get(kode)
    return None


def kotak_saja(
    pegawai: Pegawai,
    kinerja: str,
    jabatan: Jabatan | None,
    tanggal_asesmen: date | None,
    today: date,
    rules: TalentaRules | None = None,
    jpm_rules: JpmRules | None = None,
) -> Kotak | None:
    """The box alone of someone whose kinerja category is read (`kategori_kinerja`): the same
    rules as `petakan`, without the evidence."""
    r = rules or load_talenta()
    p = sumbu_potensial(pegawai, jabatan, tanggal_asesmen, today, r, jpm_rules)
    return kotak(kinerja, p.kategori, r) if p.kategori else None


def kotak_pool(
    level: Mapping[str, int],
    standar: Mapping[str, int] | None,
    kinerja: str,
    tanggal_asesmen: date | None,
    batas_asesmen: date,
    rules: TalentaRules,
    jpm_rules: JpmRules,
) -> Kotak | None:
    """`kotak_saja` on the raw inputs, for the thousands of the successors' pool: the levels held,
    the standard of the position held (None: no position), and `batas_asesmen`, the oldest date an
    assessment still counts on (`asesmen_berlaku`'s, computed once). No `Pegawai` is built for
    someone who lands in no box."""
    if standar is None or tanggal_asesmen is None or tanggal_asesmen < batas_asesmen:
        return None
    total = sum(standar.values())
    if total == 0:
        return None
    held = sum(min(level.get(k, 0), needed) for k, needed in standar.items())
    _, potensial = kategori_potensial(100 * held / total, rules, jpm_rules)
    return kotak(kinerja, potensial, rules)


def hitung(peta: Iterable[Peta]) -> dict[int, int]:
    """People per box, every box named (zero included), 1 to 9."""
    counts = Counter(p.kotak.nomor for p in peta if p.kotak is not None)
    return {n: counts.get(n, 0) for n in range(1, 10)}
