"""The merit system's evidence from the services' counts (pure: no web, HTTP or database).

`Agregat` holds what the services counted; `HITUNG` turns it into each figure (`Angka`) named in
shared/rules/sistem_merit.yaml (the loader and a test hold the two to the same codes); `susun`
puts the figures under the 19/2025 indicators and the 40/2018 aspects, each with its status:
terbukti (every figure of a fully covered indicator at its threshold), sebagian (some evidence),
tidak_dapat (the platform cannot show it, or had nothing to count)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.rules import SistemMeritRules

TERBUKTI, SEBAGIAN, TIDAK_DAPAT = "terbukti", "sebagian", "tidak_dapat"
KELOMPOK_URUT = ("jpt", "administrator", "pengawas", "pelaksana", "fungsional", "tanpa_jabatan")


@dataclass(frozen=True)
class Promosi:
    nip: str
    jabatan_id: str
    jpm: float | None  # against the new position; None: not matched against it (no standard, moved again)


@dataclass(frozen=True)
class Agregat:
    """The services' counts over the scope asked for (sums over its roots)."""

    dari: date
    sampai: date
    jabatan: Mapping[str, int]  # pegawai getRekapJabatan
    posisi: Mapping[str, str]  # jabatan_id -> jenis (pegawai's positions within scope)
    standar: Mapping[str, Mapping[str, int]]  # jabatan_id -> counts by kind of competency (kompetensi)
    pengukuran: Mapping[str, tuple[int, int]]  # jenis jabatan (or tanpa_jabatan) -> (jumlah, diukur)
    pengukuran_sejak: date
    usulan: Mapping[str, int]  # disetujui, relevan, ...
    jp: tuple[int, int]  # (PNS, PNS with at least the minimum)
    skp: Mapping[str, int]  # jumlah_pegawai, dengan_skp, disetujui, dengan_predikat
    kelengkapan: Mapping[str, int]
    promosi: Sequence[Promosi]
    jpm_ambang: float
    hukdis: Mapping[str, int] | None  # None: the caller may not see sanctions


@dataclass(frozen=True)
class Rincian:
    kelompok: str
    pembilang: int
    penyebut: int


@dataclass(frozen=True)
class Angka:
    """One figure: a numerator over a denominator, and the parts it splits into."""

    pembilang: int
    penyebut: int
    dari: date
    sampai: date
    rincian: tuple[Rincian, ...] = ()
    catatan: tuple[str, dict[str, Any]] | None = None  # a catalogue code and its values
    tersembunyi: bool = False  # the caller may not see what it counts


def persen(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _year(a: Agregat, pembilang: int, penyebut: int, **kw: Any) -> Angka:
    return Angka(pembilang, penyebut, a.dari, a.sampai, **kw)


def _kelompok(rules: SistemMeritRules, counts: Mapping[str, tuple[int, int]]) -> tuple[Rincian, ...]:
    """Counts per jenis jabatan folded into the groups the indicators speak of."""
    folded: Counter[tuple[str, int]] = Counter()
    for jenis, (whole, part) in counts.items():
        group = rules.kelompok_of(jenis) or "tanpa_jabatan"
        folded[(group, 0)] += whole
        folded[(group, 1)] += part
    groups = [g for g in KELOMPOK_URUT if folded[(g, 0)]]
    return tuple(Rincian(g, folded[(g, 1)], folded[(g, 0)]) for g in groups)


def _standar(rules: SistemMeritRules, a: Agregat) -> Angka:
    counts = {jid: (1, int(jid in a.standar and sum(a.standar[jid].values()) > 0)) for jid in a.posisi}
    per_jenis: dict[str, tuple[int, int]] = {}
    for jid, (whole, part) in counts.items():
        w, p = per_jenis.get(a.posisi[jid], (0, 0))
        per_jenis[a.posisi[jid]] = (w + whole, p + part)
    return _year(a, sum(p for _, p in counts.values()), len(counts), rincian=_kelompok(rules, per_jenis))


def lengkap(counts: Mapping[str, int] | None) -> bool:
    """A managerial standard is complete with managerial, socio-cultural and technical competencies."""
    return counts is not None and all(counts.get(k, 0) > 0 for k in ("manajerial", "sosial_kultural", "teknis"))


def _manajerial(rules: SistemMeritRules, a: Agregat) -> Angka:
    managerial = [jid for jid, jenis in a.posisi.items() if jenis in rules.manajerial]
    per_jenis: dict[str, tuple[int, int]] = {}
    for jid in managerial:
        w, p = per_jenis.get(a.posisi[jid], (0, 0))
        per_jenis[a.posisi[jid]] = (w + 1, p + lengkap(a.standar.get(jid)))
    done = sum(p for _, p in per_jenis.values())
    return _year(a, done, len(managerial), rincian=_kelompok(rules, per_jenis))


def _pengukuran(rules: SistemMeritRules, a: Agregat) -> Angka:
    whole = sum(w for w, _ in a.pengukuran.values())
    part = sum(p for _, p in a.pengukuran.values())
    return Angka(part, whole, a.pengukuran_sejak, a.sampai, rincian=_kelompok(rules, a.pengukuran))


def _promosi(rules: SistemMeritRules, a: Agregat) -> Angka:
    met = sum(1 for p in a.promosi if p.jpm is not None and p.jpm >= a.jpm_ambang)
    unmatched = sum(1 for p in a.promosi if p.jpm is None)
    note = ("sistem-merit.promosi-tanpa-jpm", {"jumlah": unmatched}) if unmatched else None
    return _year(a, met, len(a.promosi), catatan=note)


def _hukdis(rules: SistemMeritRules, a: Agregat) -> Angka:
    if a.hukdis is None:
        return _year(a, 0, 0, catatan=("sistem-merit.hukdis-tersembunyi", {}), tersembunyi=True)
    return _year(a, a.hukdis["dengan_sk"], a.hukdis["jumlah"])


def _count(source: str, part: str, whole: str) -> Callable[[SistemMeritRules, Agregat], Angka]:
    def figure(rules: SistemMeritRules, a: Agregat) -> Angka:
        counts: Mapping[str, int] = getattr(a, source)
        return _year(a, counts[part], counts[whole])

    return figure


# Every figure the yaml names, and nothing else (tests/gateway/test_sistem_merit.py holds them equal).
HITUNG: dict[str, Callable[[SistemMeritRules, Agregat], Angka]] = {
    "jabatan_anjab": _count("jabatan", "dengan_anjab", "jumlah_jabatan"),
    "jabatan_kelas": _count("jabatan", "dengan_kelas", "jumlah_jabatan"),
    "peta_kebutuhan": _count("jabatan", "dengan_kebutuhan", "jumlah_jabatan"),
    "peta_keterisian": _count("jabatan", "terisi", "kebutuhan"),
    "standar_kompetensi": _standar,
    "standar_manajerial_lengkap": _manajerial,
    "pengukuran_kompetensi": _pengukuran,
    "pelatihan_relevan": _count("usulan", "relevan", "disetujui"),
    "jp_minimal": lambda rules, a: _year(a, a.jp[1], a.jp[0]),
    "skp_tahun": _count("skp", "disetujui", "jumlah_pegawai"),
    "predikat_tahun": _count("skp", "dengan_predikat", "jumlah_pegawai"),
    "promosi_talenta": _promosi,
    "hukdis_sk": _hukdis,
    "data_lengkap": _count("kelengkapan", "lengkap", "jumlah_pegawai"),
}


def status_angka(angka: Angka, ambang: float) -> str:
    """A figure with nothing to count (or hidden from the caller) shows nothing: tidak_dapat; at
    its threshold, terbukti; below it, sebagian."""
    share = persen(angka.pembilang, angka.penyebut)
    if share is None or angka.tersembunyi:
        return TIDAK_DAPAT
    return TERBUKTI if share >= ambang else SEBAGIAN


def status_indikator(figures: Sequence[str], cakupan: str | None) -> str:
    if not figures or all(s == TIDAK_DAPAT for s in figures):
        return TIDAK_DAPAT
    return TERBUKTI if cakupan == "penuh" and all(s == TERBUKTI for s in figures) else SEBAGIAN


def status_gabungan(statuses: Sequence[str]) -> str:
    """A 40/2018 aspect from the 19/2025 indicators that serve it."""
    if all(s == TIDAK_DAPAT for s in statuses):
        return TIDAK_DAPAT
    return TERBUKTI if all(s == TERBUKTI for s in statuses) else SEBAGIAN


Teks = Callable[..., str]  # the catalogue's t(code, **values), given by the caller


def _angka_dict(rules: SistemMeritRules, code: str, angka: Angka, t: Teks) -> dict[str, Any]:
    bukti = rules.bukti[code]
    return {
        "kode": code,
        "nama": bukti.name,
        "uraian": bukti.description,
        "pembilang": angka.pembilang,
        "penyebut": angka.penyebut,
        "persen": persen(angka.pembilang, angka.penyebut),
        "ambang": bukti.ambang.nilai,
        "ambang_confirmed": bukti.ambang.confirmed,
        "status": status_angka(angka, bukti.ambang.nilai),
        "periode": {"dari": angka.dari.isoformat(), "sampai": angka.sampai.isoformat()},
        "layanan": bukti.layanan,
        "rincian": [
            {
                "kelompok": r.kelompok,
                "pembilang": r.pembilang,
                "penyebut": r.penyebut,
                "persen": persen(r.pembilang, r.penyebut),
            }
            for r in angka.rincian
        ],
        "catatan": t(angka.catatan[0], **angka.catatan[1])
        if angka.catatan
        else (t("sistem-merit.kosong") if angka.penyebut == 0 else None),
    }


def susun(rules: SistemMeritRules, a: Agregat, t: Teks) -> dict[str, Any]:
    """The evidence per 19/2025 aspect and indicator, what the platform cannot show, and the
    40/2018 aspects each on the 19/2025 evidence that serves it; texts a person reads through `t`."""
    figures = {code: _angka_dict(rules, code, HITUNG[code](rules, a), t) for code in rules.bukti}
    aspek: list[dict[str, Any]] = []
    tidak_dapat: list[dict[str, Any]] = []
    by_indicator: dict[str, dict[str, Any]] = {}
    counts: Counter[str] = Counter()
    for asp in rules.aspects:
        rows = []
        for ind in asp.indicators:
            own = [figures[c] for c in ind.bukti]
            status = status_indikator([f["status"] for f in own], ind.cakupan)
            counts[status] += 1
            alasan = (
                {"kode": ind.tidak_dapat, "pesan": t(f"sistem-merit-alasan.{ind.tidak_dapat}")}
                if ind.tidak_dapat
                else None
            )
            row: dict[str, Any] = {
                "kode": ind.code,
                "nama": ind.name,
                "uraian": ind.description,
                "status": status,
                "cakupan": ind.cakupan,
                "bukti": own,
                "alasan_tidak_dapat": alasan,
                "catatan": ind.note,
            }
            rows.append(row)
            by_indicator[ind.code] = row
            if alasan is not None:
                tidak_dapat.append(
                    {"aspek": asp.code, "indikator": ind.code, "nama": ind.name, **alasan, "catatan": ind.note}
                )
        aspek.append(
            {
                "kode": asp.code,
                "nama": asp.name,
                "bobot_persen": asp.weight.percent,
                "bobot_confirmed": asp.weight.confirmed,
                "status": status_gabungan([r["status"] for r in rows]),
                "indikator": rows,
            }
        )
    lama = []
    for old in rules.aspects_2018:
        served = [by_indicator[c] for c in old.setara]
        lama.append(
            {
                "kode": old.code,
                "nama": old.name,
                "bobot_persen": old.weight_percent,
                "uraian": old.description,
                "setara": list(old.setara),
                "bukti": list(dict.fromkeys(f["kode"] for i in served for f in i["bukti"])),
                "status": status_gabungan([i["status"] for i in served]),
            }
        )
    return {
        "ringkasan": {
            "indikator": sum(counts.values()),
            TERBUKTI: counts[TERBUKTI],
            SEBAGIAN: counts[SEBAGIAN],
            TIDAK_DAPAT: counts[TIDAK_DAPAT],
        },
        "kerangka_2025": {
            "regulation": rules.regulation_2025,
            "aspek_confirmed": rules.aspects_confirmed,
            "skala": {"min": rules.skala_min, "max": rules.skala_max, "confirmed": rules.skala_confirmed},
            "kategori_confirmed": False,
            "aspek": aspek,
        },
        "tidak_dapat": tidak_dapat,
        "kerangka_2018": {
            "regulation": rules.regulation_2018,
            "rentang": {"min": rules.total_2018[0], "max": rules.total_2018[1]},
            "kategori": [{"kode": b.code, "nama": b.name, "min": b.min, "max": b.max} for b in rules.categories_2018],
            "kategori_confirmed": rules.categories_2018_confirmed,
            "bobot_confirmed": rules.weights_2018_confirmed,
            "catatan_bobot": rules.weights_2018_note,
            "aspek": lama,
        },
    }
