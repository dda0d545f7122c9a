"""The IP ASN of an employee and of a group (Perban BKN 8/2019, rules in shared/rules/ipasn.yaml):
plain functions, frozen dataclasses in and out, no service, no web framework.

An employee's index is the sum of four dimension scores, each with the evidence it rests on
(the education; the development of the window counted per indicator; the SKP predikat and its
year; the heaviest sanction of the window). A group's summary: the average, the distribution
over the categories, the distance to a target, the dimension that loses the most points, and the
moves that would lift the average, each explained.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from shared.dates import shift_months
from shared.rules import IpasnRules


@dataclass(frozen=True, slots=True)
class Teks:
    """A text of the catalogue by its code and values (a value may be a Teks itself): the core
    imports no translation machinery; the endpoint words it in the request's language."""

    kode: str
    nilai: tuple[tuple[str, Any], ...] = ()


def t(kode: str, **nilai: Any) -> Teks:
    return Teks(kode, tuple(nilai.items()))


KOSONG = Teks("")  # no text: a group's rows are scored without their words (10,000 of them)


# --- inputs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entri:
    """One entry of pengembangan's JP ledger (evidence of an indicator)."""

    jenis: str
    jp: int
    tanggal: date | None  # None: imported history, its year only
    tahun: int
    uraian: str


@dataclass(frozen=True, slots=True)
class RekapJenis:
    """The JP ledger of one kind within its indicator's window: JP summed, entries, the latest day."""

    jp: int
    jumlah: int
    terakhir: date | None = None


@dataclass(frozen=True, slots=True)
class Predikat:
    """The latest final SKP predikat: a 6/2022 code (e.g. butuh_perbaikan) or an older scale's words."""

    tahun: int
    predikat: str
    nama: str


@dataclass(frozen=True, slots=True)
class Hukdis:
    """The heaviest sanction of the window. `jenis`, `nomor_sk`, `alasan` and `tmt` only when kinerja
    shows the caller this employee's sanctions (`terlihat`); otherwise the level alone."""

    tingkat: str
    terlihat: bool
    jenis: str | None = None
    jenis_nama: str | None = None
    nomor_sk: str | None = None
    tmt: date | None = None
    alasan: str | None = None


@dataclass(frozen=True, slots=True)
class DataPegawai:
    nip: str
    nama: str
    jenis_jabatan: str | None  # shared/rules/jabatan.yaml; None: no position held
    pendidikan: str | None  # shared/rules/pendidikan.yaml code; None: not recorded
    predikat: Predikat | None  # None: no final predikat yet
    hukdis: Hukdis | None  # None: no sanction in the window
    pengembangan: Mapping[str, RekapJenis] = field(default_factory=dict)  # jenis -> its window's ledger
    entri: tuple[Entri, ...] = ()  # the entries themselves, when read (one employee's answer)
    disiplin_terlihat: bool = True  # kinerja shows the caller this employee's sanctions
    unit_id: str | None = None
    opd_id: str | None = None


@dataclass(frozen=True, slots=True)
class Jendela:
    """The windows of a measurement date: development counted from `kompetensi_dari`, sanctions
    whose TMT lies from `disiplin_dari`, both up to `sampai` (inclusive)."""

    sampai: date
    kompetensi_dari: date
    disiplin_dari: date


def jendela(per_tanggal: date, rules: IpasnRules) -> Jendela:
    years = max((i.jendela_tahun or 0) for i in rules.indikator.values()) or 2
    return Jendela(
        sampai=per_tanggal,
        kompetensi_dari=shift_months(per_tanggal, -12 * years) + timedelta(days=1),
        disiplin_dari=shift_months(per_tanggal, -rules.disiplin_bulan) + timedelta(days=1),
    )


# --- outputs -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Indikator:
    kode: str
    skor: float
    maks: float
    terpenuhi: bool
    jp: int  # JP of the counted kinds in the window
    jumlah: int  # entries of the counted kinds in the window
    min_jp: int | None
    jenis: tuple[str, ...]
    entri: tuple[Entri, ...]
    keterangan: Teks
    confirmed: bool


@dataclass(frozen=True, slots=True)
class Dimensi:
    kode: str
    skor: float
    maks: float
    keterangan: Teks
    confirmed: bool  # False: a step or reading behind this score is unconfirmed


@dataclass(frozen=True, slots=True)
class Kualifikasi(Dimensi):
    pendidikan: str | None


@dataclass(frozen=True, slots=True)
class Kompetensi(Dimensi):
    kelompok: str
    indikator: tuple[Indikator, ...]


@dataclass(frozen=True, slots=True)
class Kinerja(Dimensi):
    predikat: Predikat | None
    langkah: str | None  # the step scored (e.g. Cukup for butuh_perbaikan)


@dataclass(frozen=True, slots=True)
class Disiplin(Dimensi):
    hukdis: Hukdis | None  # the sanction scored; None when none, or when the caller may not see it
    terlihat: bool  # whether the caller may see this employee's sanctions (else: the score alone)


@dataclass(frozen=True, slots=True)
class Skor:
    nip: str
    nama: str
    jenis_jabatan: str | None
    kualifikasi: Kualifikasi
    kompetensi: Kompetensi
    kinerja: Kinerja
    disiplin: Disiplin
    total: float
    kategori: str
    kategori_nama: str
    unit_id: str | None = None
    opd_id: str | None = None

    @property
    def dimensi(self) -> tuple[Dimensi, ...]:
        return (self.kualifikasi, self.kompetensi, self.kinerja, self.disiplin)


def _n(value: float) -> str:
    return f"{value:g}"


def kualifikasi(pendidikan: str | None, rules: IpasnRules, teks: bool = True) -> Kualifikasi:
    maks = rules.bobot["kualifikasi"]
    if pendidikan is None or pendidikan not in rules.kualifikasi:
        return Kualifikasi("kualifikasi", 0, maks, t("ipasn.kualifikasi-kosong") if teks else KOSONG, True, None)
    skor = rules.kualifikasi[pendidikan]
    text = t("ipasn.kualifikasi", pendidikan=pendidikan, skor=_n(skor)) if teks else KOSONG
    return Kualifikasi("kualifikasi", skor, maks, text, True, pendidikan)


def kompetensi(data: DataPegawai, rules: IpasnRules, teks: bool = True) -> Kompetensi:
    kelompok = rules.kelompok_of(data.jenis_jabatan)
    found: list[Indikator] = []
    ledger = data.pengembangan
    for item in rules.indikator.values():
        maks = item.poin.get(kelompok)
        if maks is None:
            continue  # the indicator does not apply to this kelompok
        counted = [ledger[j] for j in item.jenis if j in ledger]
        jp = sum(r.jp for r in counted)
        jumlah = sum(r.jumlah for r in counted)
        done = jp >= item.min_jp if item.min_jp is not None else jumlah > 0
        if not teks:
            text = KOSONG
        elif item.min_jp is not None:
            window = (
                t("ipasn.jendela-tahun", tahun=item.jendela_tahun) if item.jendela_tahun else t("ipasn.jendela-kapan")
            )
            text = t(
                "ipasn.indikator-jp-ya" if done else "ipasn.indikator-jp-tidak",
                jp=jp,
                min_jp=item.min_jp,
                jendela=window,
                skor=_n(maks if done else 0),
            )
        else:
            window = (
                t("ipasn.jendela-tahun", tahun=item.jendela_tahun) if item.jendela_tahun else t("ipasn.jendela-kapan")
            )
            text = t(
                "ipasn.indikator-ada-ya" if done else "ipasn.indikator-ada-tidak",
                jumlah=jumlah,
                jendela=window,
                skor=_n(maks if done else 0),
            )
        found.append(
            Indikator(
                kode=item.kode,
                skor=maks if done else 0,
                maks=maks,
                terpenuhi=done,
                jp=jp,
                jumlah=jumlah,
                min_jp=item.min_jp,
                jenis=item.jenis,
                entri=tuple(e for e in data.entri if e.jenis in item.jenis) if data.entri else (),
                keterangan=text,
                confirmed=item.confirmed and item.pemetaan_confirmed,
            )
        )
    skor = sum(i.skor for i in found)
    confirmed = all(i.confirmed for i in found) and data.jenis_jabatan is not None
    kunci = "ipasn.kompetensi" if data.jenis_jabatan is not None else "ipasn.kompetensi-tanpa-jabatan"
    return Kompetensi(
        "kompetensi",
        skor,
        rules.bobot["kompetensi"],
        t(kunci, kelompok=kelompok, skor=_n(skor)) if teks else KOSONG,
        confirmed,
        kelompok,
        tuple(found),
    )


def langkah_kinerja(predikat: str, rules: IpasnRules) -> str | None:
    """The step of a predikat: a 6/2022 code (snake case, e.g. butuh_perbaikan) through the mapping,
    an older scale's words (e.g. "Baik") as they are."""
    words = rules.pemetaan_2022.get(predikat, predikat).lower()
    return words if words in rules.kinerja else None


def kinerja(predikat: Predikat | None, rules: IpasnRules, teks: bool = True) -> Kinerja:
    maks = rules.bobot["kinerja"]
    if predikat is None:
        return Kinerja("kinerja", 0, maks, t("ipasn.kinerja-kosong"), True, None, None)
    step = langkah_kinerja(predikat.predikat, rules)
    if step is None:
        return Kinerja(
            "kinerja", 0, maks, t("ipasn.kinerja-tak-dikenal", predikat=predikat.nama), False, predikat, None
        )
    skor = rules.kinerja[step]
    mapped = predikat.predikat in rules.pemetaan_2022
    confirmed = rules.kinerja_confirmed[step] and not mapped
    nama = step.title()
    if not teks:
        return Kinerja("kinerja", skor, maks, KOSONG, confirmed, predikat, nama)
    text = t(
        "ipasn.kinerja-2022" if mapped else "ipasn.kinerja",
        predikat=predikat.nama,
        tahun=predikat.tahun,
        langkah=nama,
        skor=_n(skor),
    )
    return Kinerja("kinerja", skor, maks, text, confirmed, predikat, nama)


def disiplin(hukdis: Hukdis | None, rules: IpasnRules, terlihat: bool = True, teks: bool = True) -> Disiplin:
    """The step of the heaviest sanction. A caller who may not see the employee's sanctions gets
    the score alone: the text names neither the sanction nor its level (kinerja's rule, kept)."""
    maks = rules.bobot["disiplin"]
    months = rules.disiplin_bulan
    skor = rules.disiplin[hukdis.tingkat] if hukdis else rules.disiplin["tidak_pernah"]
    if not teks:
        return Disiplin("disiplin", skor, maks, KOSONG, False, hukdis if terlihat else None, terlihat)
    if not terlihat:
        text = t("ipasn.disiplin-tersembunyi", skor=_n(skor), maks=_n(maks))
        return Disiplin("disiplin", skor, maks, text, False, None, False)
    if hukdis is None:
        text = t("ipasn.disiplin-tidak-pernah", bulan=months, skor=_n(skor))
        return Disiplin("disiplin", skor, maks, text, False, None, True)
    key = "ipasn.disiplin-rinci" if hukdis.jenis_nama else "ipasn.disiplin-tingkat"
    text = t(key, tingkat=hukdis.tingkat, bulan=months, skor=_n(skor), jenis=hukdis.jenis_nama or "")
    return Disiplin("disiplin", skor, maks, text, False, hukdis, True)


def skor(data: DataPegawai, rules: IpasnRules, teks: bool = True) -> Skor:
    """The index of one employee with the evidence of each dimension (`teks`: with its words; a
    group's rows go without)."""
    parts = (
        kualifikasi(data.pendidikan, rules, teks),
        kompetensi(data, rules, teks),
        kinerja(data.predikat, rules, teks),
        disiplin(data.hukdis, rules, data.disiplin_terlihat, teks),
    )
    total = sum(p.skor for p in parts)
    band = rules.kategori_of(total)
    return Skor(
        data.nip,
        data.nama,
        data.jenis_jabatan,
        *parts,
        total=total,
        kategori=band.kode,
        kategori_nama=band.nama,
        unit_id=data.unit_id,
        opd_id=data.opd_id,
    )


# --- a group -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RekapDimensi:
    kode: str
    rata_rata: float
    maks: float
    hilang: float  # points lost against the maximum, summed over the group


@dataclass(frozen=True, slots=True)
class Langkah:
    """A move: the people who lack one indicator and what doing it would add."""

    kode: str  # the indicator
    orang: int
    nips: tuple[str, ...]
    poin: float  # points it adds, summed over those people
    kenaikan_rata_rata: float  # the lift of the group's average
    rata_rata_sesudah: float
    jp_kurang: int | None  # JP still missing, summed (an indicator with a JP threshold)
    keterangan: Teks


@dataclass(frozen=True, slots=True)
class Rekap:
    jumlah: int
    rata_rata: float
    kategori: str | None  # the average's band; None for an empty group
    distribusi: dict[str, int]  # category code -> employees, every band named
    target: float
    selisih_target: float  # target - average (0 when reached)
    tercapai: bool
    per_dimensi: tuple[RekapDimensi, ...]
    terlemah: str | None  # the dimension losing the most points
    langkah: tuple[Langkah, ...]


def _avg(total: float, n: int) -> float:
    return round(total / n, 2) if n else 0.0


def langkah(items: Sequence[Skor], rules: IpasnRules) -> list[Langkah]:
    """Per kompetensi indicator, the people who lack it and the average's lift if they all did it,
    the largest lift per person first (the fewest people to move for the most points), then the
    largest lift; indicators nobody lacks are left out."""
    n = len(items)
    current = sum(s.total for s in items)
    by_kode: dict[str, list[tuple[Skor, Indikator]]] = {kode: [] for kode in rules.indikator}
    for s in items:
        for i in s.kompetensi.indikator:
            if not i.terpenuhi:
                by_kode[i.kode].append((s, i))
    moves = []
    for kode, item in rules.indikator.items():
        lacking = by_kode[kode]
        if not lacking:
            continue
        poin = sum(i.maks for _, i in lacking)
        kurang = sum(max(0, (item.min_jp or 0) - i.jp) for _, i in lacking) if item.min_jp is not None else None
        lift = round(poin / n, 2)
        key = "ipasn.langkah-jp" if item.min_jp is not None else "ipasn.langkah-ada"
        moves.append(
            Langkah(
                kode=kode,
                orang=len(lacking),
                nips=tuple(s.nip for s, _ in lacking),
                poin=poin,
                kenaikan_rata_rata=lift,
                rata_rata_sesudah=_avg(current + poin, n),
                jp_kurang=kurang,
                keterangan=t(
                    key,
                    orang=len(lacking),
                    indikator=t(f"ipasn.indikator.{kode}"),
                    min_jp=item.min_jp or 0,
                    jp_kurang=kurang or 0,
                    poin=_n(poin),
                    kenaikan=_n(lift),
                ),
            )
        )
    return sorted(moves, key=lambda m: (-m.poin / m.orang, -m.poin, m.kode))


def rekap(items: Sequence[Skor], rules: IpasnRules, target: float) -> Rekap:
    n = len(items)
    total = sum(s.total for s in items)
    avg = _avg(total, n)
    distribusi = {b.kode: 0 for b in rules.kategori}
    for s in items:
        distribusi[s.kategori] += 1
    per = []
    for kode, maks in rules.bobot.items():
        got = sum(getattr(s, kode).skor for s in items)
        per.append(RekapDimensi(kode, _avg(got, n), maks, maks * n - got))
    weakest = max(per, key=lambda d: d.hilang) if n else None
    return Rekap(
        jumlah=n,
        rata_rata=avg,
        kategori=rules.kategori_of(avg).kode if n else None,
        distribusi=distribusi,
        target=target,
        selisih_target=round(max(0.0, target - avg), 2),
        tercapai=n > 0 and avg >= target,
        per_dimensi=tuple(per),
        terlemah=weakest.kode if weakest and weakest.hilang > 0 else None,
        langkah=tuple(langkah(items, rules)) if n else (),
    )


def kelompokkan(items: Iterable[Skor], key: str) -> dict[str | None, list[Skor]]:
    """The employees by unit_id or opd_id, in the order first met."""
    groups: dict[str | None, list[Skor]] = {}
    for s in items:
        groups.setdefault(getattr(s, key), []).append(s)
    return groups


def selesai_pelatihan(data: DataPegawai, tambahan: Mapping[str, int], tanggal: date) -> DataPegawai:
    """`data` once the development `tambahan` (jenis -> JP, e.g. a plan's enrollments) is done on
    `tanggal`: the what-if of a training plan (issue 14)."""
    ledger = dict(data.pengembangan)
    for jenis, jp in tambahan.items():
        old = ledger.get(jenis, RekapJenis(0, 0))
        ledger[jenis] = RekapJenis(old.jp + jp, old.jumlah + 1, max(filter(None, (old.terakhir, tanggal))))
    return DataPegawai(
        nip=data.nip,
        nama=data.nama,
        jenis_jabatan=data.jenis_jabatan,
        pendidikan=data.pendidikan,
        predikat=data.predikat,
        hukdis=data.hukdis,
        pengembangan=ledger,
        entri=data.entri,
        disiplin_terlihat=data.disiplin_terlihat,
        unit_id=data.unit_id,
        opd_id=data.opd_id,
    )


@dataclass(frozen=True, slots=True)
class Proyeksi:
    """A group's IP ASN before and after a plan's development is done (issue 14's what-if)."""

    jumlah: int
    kompetensi_sebelum: float  # the average kompetensi dimension
    kompetensi_sesudah: float
    ipasn_sebelum: float  # the average index
    ipasn_sesudah: float
    orang_naik: int  # whose kompetensi score rises
    keterangan: Teks


def proyeksi(
    data: Sequence[DataPegawai], tambahan: Mapping[str, Mapping[str, int]], tanggal: date, rules: IpasnRules
) -> Proyeksi:
    """The group's averages now and once every employee's `tambahan` (NIP -> jenis -> JP, a plan's
    enrollments) is done on `tanggal`, inside the window: who newly reaches 20 JP of technical
    training, or gets a seminar or the training of the post, scores it."""
    before = [skor(d, rules, teks=False) for d in data]
    after = [
        skor(selesai_pelatihan(d, tambahan[d.nip], tanggal), rules, teks=False) if tambahan.get(d.nip) else s
        for d, s in zip(data, before, strict=True)
    ]
    n = len(data)
    naik = sum(1 for a, b in zip(after, before, strict=True) if a.kompetensi.skor > b.kompetensi.skor)
    kom_before = _avg(sum(s.kompetensi.skor for s in before), n)
    kom_after = _avg(sum(s.kompetensi.skor for s in after), n)
    return Proyeksi(
        jumlah=n,
        kompetensi_sebelum=kom_before,
        kompetensi_sesudah=kom_after,
        ipasn_sebelum=_avg(sum(s.total for s in before), n),
        ipasn_sesudah=_avg(sum(s.total for s in after), n),
        orang_naik=naik,
        keterangan=t(
            "ipasn.proyeksi",
            orang=naik,
            sebelum=_n(kom_before),
            sesudah=_n(kom_after),
            perubahan=_n(round(kom_after - kom_before, 2)),
        ),
    )
