"""Rules from regulations, kept as data (the YAML files beside this module), loaded and
validated once. Each table names the regulation it comes from; `confirmed: false` marks a
best reading. Services call `load_*()` at start so a broken table stops the service at boot."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, model_validator

from shared.kepegawaian import Kedudukan

RULES_DIR = Path(__file__).parent


class RuleError(ValueError):
    pass


def read_yaml(name: str) -> dict[str, Any]:
    path = RULES_DIR / name
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict) or not data.get("regulation"):
        raise RuleError(f"{name}: a rule file must name its regulation")
    return data


class Source(BaseModel):
    regulation: list[str]
    version: str


# --- golongan ---------------------------------------------------------------------------


class Golongan(BaseModel):
    code: str
    rank: int  # 1..17 for PNS, 1..17 for PPPK
    pangkat: str | None = None
    scheme: str  # "pns" or "pppk"


class GolonganRules(Source):
    grades: dict[str, Golongan]
    first_grade_by_education: dict[str, dict[str, str]]

    def get(self, code: str) -> Golongan | None:
        return self.grades.get(normalise_golongan(code))

    def codes(self, scheme: str | None = None) -> list[str]:
        return [g.code for g in self.grades.values() if scheme in (None, g.scheme)]

    def rank(self, code: str | None) -> int | None:
        """The grade's rank within its scheme (1 = lowest), stored beside the code for filters."""
        grade = self.get(code) if code else None
        return grade.rank if grade else None


def normalise_golongan(code: str) -> str:
    c = (code or "").strip().replace(" ", "")
    if "/" in c:
        head, ruang = c.split("/", 1)
        return f"{head.upper()}/{ruang.lower()}"
    return c.upper()


@cache
def load_golongan() -> GolonganRules:
    raw = read_yaml("golongan.yaml")
    grades: dict[str, Golongan] = {}
    ranks = []
    for code, rank, pangkat in raw["pns"]["grades"]:
        grades[code] = Golongan(code=code, rank=rank, pangkat=pangkat, scheme="pns")
        ranks.append(rank)
    if sorted(ranks) != list(range(1, len(ranks) + 1)):
        raise RuleError("golongan.yaml: PNS ranks must run 1..n without gaps")
    for i, code in enumerate(raw["pppk"]["grades"], start=1):
        if code in grades:
            raise RuleError(f"golongan.yaml: PPPK code {code} clashes with a PNS code")
        grades[code] = Golongan(code=code, rank=i, scheme="pppk")
    first = {
        "pns": {k: v for k, v in raw["pns"]["first_grade_by_education"].items() if k not in ("confirmed", "note")},
        "pppk": {k: v for k, v in raw["pppk"]["first_grade_by_education"].items() if k not in ("confirmed", "note")},
    }
    for scheme, table in first.items():
        for level, grade in table.items():
            if grade not in grades or grades[grade].scheme != scheme:
                raise RuleError(f"golongan.yaml: first grade {grade} for {level} is not a {scheme} grade")
    return GolonganRules(
        regulation=raw["regulation"], version=raw["version"], grades=grades, first_grade_by_education=first
    )


# --- pendidikan -------------------------------------------------------------------------


class Pendidikan(BaseModel):
    code: str
    rank: int
    comparison_rank: int
    kkni_level: int
    name: str
    aliases: list[str] = Field(default_factory=list)


class PendidikanRules(Source):
    levels: dict[str, Pendidikan]

    def resolve(self, raw: str) -> Pendidikan | None:
        key = (raw or "").strip().upper().replace("-", "").replace(" ", "")
        for level in self.levels.values():
            if key == level.code or key in {a.upper().replace(" ", "") for a in level.aliases}:
                return level
        return None

    def comparison_rank(self, code: str | None) -> int | None:
        """The rank a minimum-education check compares (D4 and S1 equal), stored beside the code."""
        level = self.resolve(code) if code else None
        return level.comparison_rank if level else None

    def meets(self, held: str | None, minimum: str | None) -> bool:
        if not minimum:
            return True
        h, m = self.resolve(held or ""), self.resolve(minimum)
        return bool(h and m and h.comparison_rank >= m.comparison_rank)


@cache
def load_pendidikan() -> PendidikanRules:
    raw = read_yaml("pendidikan.yaml")
    levels = {
        code: Pendidikan(code=code, rank=r, comparison_rank=c, kkni_level=k, name=n, aliases=a)
        for code, (r, c, k, n, a) in raw["levels"].items()
    }
    ranks = [lv.rank for lv in levels.values()]
    if len(set(ranks)) != len(ranks):
        raise RuleError("pendidikan.yaml: ranks must be unique")
    return PendidikanRules(regulation=raw["regulation"], version=raw["version"], levels=levels)


# --- jabatan ----------------------------------------------------------------------------


class JenisJabatan(BaseModel):
    code: str
    group: str
    name: str
    bup: int = Field(ge=50, le=75)
    kelas_min: int = Field(ge=1, le=17)
    kelas_max: int = Field(ge=1, le=17)


class JabatanRules(Source):
    kinds: dict[str, JenisJabatan]
    bup_exceptions: dict[str, int]

    @model_validator(mode="after")
    def _ranges(self) -> JabatanRules:
        for k in self.kinds.values():
            if k.kelas_min > k.kelas_max:
                raise RuleError(f"jabatan.yaml: kelas range of {k.code} is inverted")
        return self

    def bup(self, kind: str, override: int | None = None) -> int:
        return override or self.kinds[kind].bup


@cache
def load_jabatan() -> JabatanRules:
    raw = read_yaml("jabatan.yaml")
    kelas = raw["kelas_jabatan_typical"]
    kinds = {}
    for code, (group, name, bup) in raw["kinds"].items():
        if code not in kelas:
            raise RuleError(f"jabatan.yaml: no kelas range for {code}")
        lo, hi = kelas[code]
        kinds[code] = JenisJabatan(code=code, group=group, name=name, bup=bup, kelas_min=lo, kelas_max=hi)
    if raw["retirement_effective_date"]["rule"] != "first_of_month_after_bup_birthday":
        raise RuleError("jabatan.yaml: unknown retirement_effective_date rule")
    exceptions = {k: v["bup"] for k, v in raw["bup_exceptions"].items() if isinstance(v, dict)}
    return JabatanRules(regulation=raw["regulation"], version=raw["version"], kinds=kinds, bup_exceptions=exceptions)


# --- kompetensi -------------------------------------------------------------------------

JENIS_KOMPETENSI = ("manajerial", "sosial_kultural", "teknis")


class KompetensiDefinisi(BaseModel):
    kode: str
    nama: str
    jenis: str
    definisi: str
    levels: list[str] = Field(min_length=5, max_length=5)


class KompetensiRules(Source):
    competencies: dict[str, KompetensiDefinisi]
    defaults: dict[str, tuple[int, int]]  # kind of position -> (manajerial, sosial_kultural)

    def default_levels(self, jenis_jabatan: str) -> dict[str, int]:
        """Required level per seeded competency for a kind of position."""
        man, sos = self.defaults[jenis_jabatan]
        return {k: (man if c.jenis == "manajerial" else sos) for k, c in self.competencies.items()}


@cache
def load_kompetensi() -> KompetensiRules:
    raw = read_yaml("kompetensi.yaml")
    comps = {code: KompetensiDefinisi(kode=code, **body) for code, body in raw["dictionary"]["competencies"].items()}
    for c in comps.values():
        if c.jenis not in JENIS_KOMPETENSI:
            raise RuleError(f"kompetensi.yaml: {c.kode} has unknown jenis {c.jenis}")
    defaults = {k: tuple(v) for k, v in raw["required_level_default"].items() if k not in ("confirmed", "note")}
    kinds = set(load_jabatan().kinds)
    if set(defaults) != kinds:
        raise RuleError(f"kompetensi.yaml: default levels must cover exactly the kinds of position {sorted(kinds)}")
    for kind, levels in defaults.items():
        if len(levels) != 2 or not all(1 <= lv <= 5 for lv in levels):
            raise RuleError(f"kompetensi.yaml: default levels of {kind} must be two levels 1-5")
    return KompetensiRules(regulation=raw["regulation"], version=raw["version"], competencies=comps, defaults=defaults)


# --- jpm --------------------------------------------------------------------------------


class Band(BaseModel):
    kode: str
    nama: str
    min: float


class JpmRules(Source):
    method: str
    default_set: str
    bands: dict[str, list[Band]]  # set name -> bands, highest minimum first

    def kategori(self, jpm: float, band_set: str | None = None) -> Band:
        for band in self.bands[band_set or self.default_set]:
            if jpm >= band.min:
                return band
        return self.bands[band_set or self.default_set][-1]


@cache
def load_jpm() -> JpmRules:
    raw = read_yaml("jpm.yaml")
    if raw["formula"]["method"] != "capped_sum_ratio":
        raise RuleError("jpm.yaml: only the capped_sum_ratio method is implemented")
    cats = raw["categories"]
    bands = {}
    for name in ("pemetaan", "seleksi"):
        rows = [Band(kode=k, nama=n, min=m) for k, n, m in cats[name]]
        if [b.min for b in rows] != sorted((b.min for b in rows), reverse=True) or rows[-1].min != 0:
            raise RuleError(f"jpm.yaml: bands of {name} must descend and end at 0")
        bands[name] = rows
    if cats["default"] not in bands:
        raise RuleError("jpm.yaml: the default band set does not exist")
    return JpmRules(
        regulation=raw["regulation"],
        version=raw["version"],
        method=raw["formula"]["method"],
        default_set=cats["default"],
        bands=bands,
    )


# --- hukuman disiplin -------------------------------------------------------------------

TINGKAT_HUKDIS = ("ringan", "sedang", "berat")


class JenisHukdis(BaseModel):
    kode: str
    tingkat: str
    nama: str
    bulan: int | None = Field(default=None, ge=1, le=60)  # None: takes effect at once
    potongan_tukin: int | None = Field(default=None, ge=1, le=100)
    mengakhiri: bool = False  # ends the employment (B3)


class HukdisRules(Source):
    kinds: dict[str, JenisHukdis]

    def of_level(self, tingkat: str) -> list[JenisHukdis]:
        return [k for k in self.kinds.values() if k.tingkat == tingkat]


@cache
def load_hukdis() -> HukdisRules:
    raw = read_yaml("hukdis.yaml")
    levels = {k: v for k, v in raw["levels"].items() if k not in ("confirmed", "note")}
    if tuple(levels) != TINGKAT_HUKDIS:
        raise RuleError(f"hukdis.yaml: the levels must be {', '.join(TINGKAT_HUKDIS)} in that order")
    kinds: dict[str, JenisHukdis] = {}
    for tingkat, table in levels.items():
        for kode, (nama, bulan, potongan, mengakhiri) in table.items():
            if kode in kinds:
                raise RuleError(f"hukdis.yaml: kind {kode} appears twice")
            if mengakhiri and bulan:
                raise RuleError(f"hukdis.yaml: {kode} ends the employment, so it cannot run for months")
            kinds[kode] = JenisHukdis(
                kode=kode, tingkat=tingkat, nama=nama, bulan=bulan, potongan_tukin=potongan, mengakhiri=mengakhiri
            )
    return HukdisRules(regulation=raw["regulation"], version=raw["version"], kinds=kinds)


# --- penghargaan ------------------------------------------------------------------------


class JenisPenghargaan(BaseModel):
    kode: str
    nama: str
    untuk: list[str]  # status kepegawaian: pns, pppk
    masa_kerja_min: int | None = Field(default=None, ge=1, le=50)
    confirmed: bool


class PenghargaanRules(Source):
    kinds: dict[str, JenisPenghargaan]


@cache
def load_penghargaan() -> PenghargaanRules:
    raw = read_yaml("penghargaan.yaml")
    kinds = {}
    for kode, (nama, untuk, masa_kerja, confirmed) in raw["kinds"].items():
        if not untuk or not set(untuk) <= {"pns", "pppk"}:
            raise RuleError(f"penghargaan.yaml: {kode} must name pns and/or pppk")
        kinds[kode] = JenisPenghargaan(
            kode=kode, nama=nama, untuk=untuk, masa_kerja_min=masa_kerja, confirmed=confirmed
        )
    return PenghargaanRules(regulation=raw["regulation"], version=raw["version"], kinds=kinds)


# --- skp --------------------------------------------------------------------------------


class Predikat(BaseModel):
    kode: str
    nama: str
    urutan: int = Field(ge=1, le=5)


class SkpRules(Source):
    ratings: dict[str, tuple[str, int]]
    predikat: dict[str, Predikat]
    matrix: dict[str, dict[str, str]]  # hasil kerja -> perilaku kerja -> predikat
    low_performance_from: str
    berakhlak: dict[str, str]
    periodic_evaluation: dict[str, int]  # evaluasi -> evaluations a year (each 12 / n months)
    legacy: dict[str, dict[str, Any]]

    def predikat_of(self, hasil_kerja: str, perilaku_kerja: str) -> Predikat:
        return self.predikat[self.matrix[hasil_kerja][perilaku_kerja]]

    def is_low(self, predikat: str) -> bool:
        return self.predikat[predikat].urutan <= self.predikat[self.low_performance_from].urutan


@cache
def load_skp() -> SkpRules:
    raw = read_yaml("skp.yaml")
    ratings = {k: (v[0], v[1]) for k, v in raw["ratings"].items() if k not in ("confirmed", "note")}
    predikat = {k: Predikat(kode=k, nama=n, urutan=o) for k, (n, o) in raw["predikat"].items()}
    if sorted(p.urutan for p in predikat.values()) != list(range(1, len(predikat) + 1)):
        raise RuleError("skp.yaml: predikat orders must run 1..n without gaps")
    matrix = {k: v for k, v in raw["matrix"].items() if k not in ("confirmed", "note")}
    if set(matrix) != set(ratings) or any(set(row) != set(ratings) for row in matrix.values()):
        raise RuleError("skp.yaml: the matrix must rate every pair of hasil kerja and perilaku kerja")
    unknown = {p for row in matrix.values() for p in row.values()} - set(predikat)
    if unknown:
        raise RuleError(f"skp.yaml: the matrix names unknown predikat {sorted(unknown)}")
    if raw["low_performance_from"] not in predikat:
        raise RuleError("skp.yaml: low_performance_from is not a predikat")
    if len(raw["berakhlak"]) != 7:
        raise RuleError("skp.yaml: BerAKHLAK has seven core values")
    if not all(isinstance(n, int) and 1 <= n <= 12 and 12 % n == 0 for n in raw["periodic_evaluation"].values()):
        raise RuleError("skp.yaml: a periodic evaluation divides the year into 1, 2, 3, 4, 6 or 12 equal parts")
    return SkpRules(
        regulation=raw["regulation"],
        version=raw["version"],
        ratings=ratings,
        predikat=predikat,
        matrix=matrix,
        low_performance_from=raw["low_performance_from"],
        berakhlak=raw["berakhlak"],
        periodic_evaluation=raw["periodic_evaluation"],
        legacy=raw["legacy"],
    )


# --- pengembangan -----------------------------------------------------------------------

KODE_ASPEK = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


class AspekDampak(BaseModel):
    kode: str
    nama: str = Field(min_length=3, max_length=200)
    pertanyaan: str = Field(min_length=3, max_length=500)
    skor: dict[int, str]  # each score of the scale -> what it means


class EvaluasiDampakRules(BaseModel):
    """The form of the impact evaluation after training (Kirkpatrick level 3): its window in months
    after the batch's last day, the aspects each scored on one scale, and the recommendations."""

    regulation: str
    basis_jendela: str  # where the window comes from (practice, not regulation)
    model: str
    versi: str  # the rule file's version: each evaluation keeps the form it was made with
    mulai_bulan: int = Field(ge=1, le=24)
    selesai_bulan: int = Field(ge=1, le=24)
    skala_min: int = Field(ge=0, le=10)
    skala_max: int = Field(ge=1, le=10)
    aspek: dict[str, AspekDampak]
    rekomendasi: dict[str, str]  # code -> name

    @property
    def skala(self) -> range:
        return range(self.skala_min, self.skala_max + 1)


def _load_dampak(raw: dict[str, Any], versi: str) -> EvaluasiDampakRules:
    name = "pengembangan.yaml: evaluasi_dampak"
    if not raw.get("regulation") or not raw["jendela"].get("basis"):
        raise RuleError(f"{name} must name its regulation and the basis of its window")
    window = raw["jendela"]
    if not 1 <= window["mulai_bulan"] < window["selesai_bulan"] <= 24:
        raise RuleError(f"{name}: the window runs from mulai_bulan to a later selesai_bulan, within 24 months")
    low, high = raw["skala"]
    if not 0 <= low < high <= 10:
        raise RuleError(f"{name}: the scale is [lowest, highest], two whole numbers from 0 to 10, lowest first")
    aspects = raw["aspek"]
    if not 1 <= len(aspects) <= 12:
        raise RuleError(f"{name}: the form has 1 to 12 aspects")
    for kode, body in aspects.items():
        if not KODE_ASPEK.match(kode):
            raise RuleError(f"{name}: aspect code {kode!r} is lower-case letters, digits and _")
        if sorted(body.get("skor") or ()) != list(range(low, high + 1)) or not all(body["skor"].values()):
            raise RuleError(f"{name}: aspect {kode} must say what each score {low}-{high} means")
    recommendations = raw["rekomendasi"]
    if len(recommendations) < 2 or not all(KODE_ASPEK.match(k) and v for k, v in recommendations.items()):
        raise RuleError(f"{name}: at least two recommendations, each a code (lower-case, _) with its name")
    return EvaluasiDampakRules(
        regulation=raw["regulation"],
        basis_jendela=window["basis"],
        model=raw["model"],
        versi=versi,
        mulai_bulan=window["mulai_bulan"],
        selesai_bulan=window["selesai_bulan"],
        skala_min=low,
        skala_max=high,
        aspek={kode: AspekDampak(kode=kode, **body) for kode, body in aspects.items()},
        rekomendasi=dict(recommendations),
    )


JALUR_PENGEMBANGAN = ("klasikal", "nonklasikal", "pendidikan", "kader")


class JenisPengembangan(BaseModel):
    kode: str
    nama: str
    jalur: str  # klasikal, nonklasikal, pendidikan, kader
    tanpa_biaya: bool  # costs the instansi nothing by nature (coaching, self-study, izin belajar)
    regulation: str
    confirmed: bool


class PengembanganRules(Source):
    pns_min_jp_per_tahun: int = Field(ge=1, le=1000)
    pppk_max_jp_per_tahun_kontrak: int = Field(ge=1, le=1000)
    pns_regulation: str  # where the PNS minimum comes from
    pppk_regulation: str  # where the PPPK ceiling comes from
    menit_per_jp: int = Field(ge=1, le=120)
    jalur: dict[str, str]  # code -> name, in JALUR_PENGEMBANGAN's order
    kinds: dict[str, JenisPengembangan]
    dampak: EvaluasiDampakRules

    def of_jalur(self, jalur: str) -> list[JenisPengembangan]:
        return [k for k in self.kinds.values() if k.jalur == jalur]


@cache
def load_pengembangan() -> PengembanganRules:
    raw = read_yaml("pengembangan.yaml")
    jp = raw["jp"]
    for scheme in ("pns", "pppk"):
        if not jp[scheme].get("regulation"):
            raise RuleError(f"pengembangan.yaml: the JP rule of {scheme} must name its regulation")
    if tuple(raw["jalur"]) != JALUR_PENGEMBANGAN or tuple(raw["kinds"]) != JALUR_PENGEMBANGAN:
        raise RuleError(f"pengembangan.yaml: jalur and kinds must be {', '.join(JALUR_PENGEMBANGAN)} in that order")
    kinds: dict[str, JenisPengembangan] = {}
    for jalur, group in raw["kinds"].items():
        if not group.get("regulation") or not group.get("items"):
            raise RuleError(f"pengembangan.yaml: the kinds of {jalur} must name their regulation and list kinds")
        for kode, (nama, tanpa_biaya, confirmed) in group["items"].items():
            if kode in kinds:
                raise RuleError(f"pengembangan.yaml: kind {kode} appears twice")
            if tanpa_biaya and jalur in ("klasikal", "kader"):
                raise RuleError(f"pengembangan.yaml: {kode} is classroom training, which is never free by nature")
            kinds[kode] = JenisPengembangan(
                kode=kode,
                nama=nama,
                jalur=jalur,
                tanpa_biaya=tanpa_biaya,
                regulation=group["regulation"],
                confirmed=bool(confirmed and group.get("confirmed", False)),
            )
    return PengembanganRules(
        regulation=raw["regulation"],
        version=raw["version"],
        pns_min_jp_per_tahun=jp["pns"]["min_per_tahun"],
        pppk_max_jp_per_tahun_kontrak=jp["pppk"]["max_per_tahun_kontrak"],
        pns_regulation=jp["pns"]["regulation"],
        pppk_regulation=jp["pppk"]["regulation"],
        menit_per_jp=jp["menit_per_jp"],
        jalur={k: v["nama"] for k, v in raw["jalur"].items()},
        kinds=kinds,
        dampak=_load_dampak(raw["evaluasi_dampak"], str(raw["version"])),
    )


# --- penempatan -------------------------------------------------------------------------

MODE_PENEMPATAN = ("penempatan_kembali", "promosi", "rotasi")
CEK_KELAYAKAN = ("kedudukan", "hukdis", "pendidikan", "golongan", "kelas", "rumpun", "unit", "predikat")
KRITERIA_PERINGKAT = ("layak", "jpm", "predikat_terakhir", "minat_karier", "undian_nip")


class ModePenempatan(BaseModel):
    kode: str
    nama: str
    kelas: str  # "sama": the person's kelas jabatan; "naik": kelas_naik_min..kelas_naik_maks above it
    checks: tuple[str, ...]


class Kriteria(BaseModel):
    kode: str
    arah: str  # "desc": higher first; "asc": lower first


class PenempatanRules(Source):
    modes: dict[str, ModePenempatan]
    kedudukan_boleh: frozenset[str]
    kelas_naik_min: int = Field(ge=1, le=16)
    kelas_naik_maks: int = Field(ge=1, le=16)
    predikat_minimal: str
    predikat_tahun: int = Field(ge=1, le=5)
    kriteria: tuple[Kriteria, ...]


@cache
def load_penempatan() -> PenempatanRules:
    raw = read_yaml("penempatan.yaml")
    modes: dict[str, ModePenempatan] = {}
    for kode, body in raw["modes"].items():
        if kode in ("confirmed", "note"):
            continue
        mode = ModePenempatan(kode=kode, nama=body["nama"], kelas=body["kelas"], checks=tuple(body["checks"]))
        unknown = set(mode.checks) - set(CEK_KELAYAKAN)
        if unknown or len(set(mode.checks)) != len(mode.checks):
            raise RuleError(f"penempatan.yaml: {kode} names unknown or repeated checks {sorted(unknown)}")
        if mode.kelas not in ("sama", "naik") or "kelas" not in mode.checks:
            raise RuleError(f"penempatan.yaml: {kode} must check kelas, 'sama' or 'naik'")
        modes[kode] = mode
    if tuple(modes) != MODE_PENEMPATAN:
        raise RuleError(f"penempatan.yaml: the modes must be {', '.join(MODE_PENEMPATAN)} in that order")
    kedudukan = frozenset(raw["kedudukan_boleh"]["values"])
    if not kedudukan or not kedudukan <= {k.value for k in Kedudukan}:
        raise RuleError("penempatan.yaml: kedudukan_boleh must name kedudukan of shared/kepegawaian.py")
    pola = raw["pola_karier"]
    if not 1 <= pola["kelas_naik_min"] <= pola["kelas_naik_maks"]:
        raise RuleError("penempatan.yaml: a promotion goes up from kelas_naik_min to kelas_naik_maks classes")
    predikat = raw["predikat"]
    if predikat["minimal"] not in load_skp().predikat:
        raise RuleError("penempatan.yaml: predikat.minimal is not a predikat of skp.yaml")
    kriteria = tuple(Kriteria(kode=k, arah=a) for k, a in raw["peringkat"]["kriteria"])
    codes = [k.kode for k in kriteria]
    if sorted(codes) != sorted(KRITERIA_PERINGKAT) or any(k.arah not in ("asc", "desc") for k in kriteria):
        raise RuleError(f"penempatan.yaml: the ranking orders by each of {', '.join(KRITERIA_PERINGKAT)} once")
    if codes[0] != "layak" or codes[-1] != "undian_nip":
        raise RuleError("penempatan.yaml: eligible candidates come first and the draw breaks the last ties")
    return PenempatanRules(
        regulation=raw["regulation"],
        version=raw["version"],
        modes=modes,
        kedudukan_boleh=kedudukan,
        kelas_naik_min=pola["kelas_naik_min"],
        kelas_naik_maks=pola["kelas_naik_maks"],
        predikat_minimal=predikat["minimal"],
        predikat_tahun=predikat["tahun"],
        kriteria=kriteria,
    )


# --- keadilan ---------------------------------------------------------------------------


class KelompokUsia(BaseModel):
    kode: str
    min: int = Field(ge=0, le=120)
    max: int | None = Field(default=None, ge=0, le=120)  # None: no upper bound


class KeadilanRules(Source):
    rasio_min: float = Field(gt=0, le=1)
    kelompok_min: int = Field(ge=1, le=1000)
    kelompok_usia: tuple[KelompokUsia, ...]
    jenis_kelamin: tuple[str, ...]

    def kelompok_usia_of(self, usia: int) -> str:
        for band in self.kelompok_usia:
            if usia >= band.min and (band.max is None or usia <= band.max):
                return band.kode
        raise RuleError(f"keadilan.yaml: no age band holds {usia}")  # the loader checked the bands cover 0..


@cache
def load_keadilan() -> KeadilanRules:
    raw = read_yaml("keadilan.yaml")
    bands = tuple(KelompokUsia(kode=k, min=lo, max=hi) for k, lo, hi in raw["kelompok_usia"]["bands"])
    if not bands or bands[0].min != 0 or bands[-1].max is not None:
        raise RuleError("keadilan.yaml: the age bands start at 0 and the last is open-ended")
    for a, b in pairwise(bands):
        if a.max is None or b.min != a.max + 1:
            raise RuleError(f"keadilan.yaml: age band {b.kode} must start the year after {a.kode} ends")
    return KeadilanRules(
        regulation=raw["regulation"],
        version=raw["version"],
        rasio_min=raw["four_fifths"]["rasio_min"],
        kelompok_min=raw["kelompok_min"]["orang"],
        kelompok_usia=bands,
        jenis_kelamin=tuple(raw["jenis_kelamin"]["values"]),
    )


# --- perencanaan ------------------------------------------------------------------------

JALUR_PENGISIAN = ("cpns", "pppk", "promosi")


class UsiaPiramida(BaseModel, frozen=True):
    kode: str
    dari: int = Field(ge=0)
    sampai: int | None = None  # None: no upper bound


class PerencanaanRules(Source):
    jalur: dict[str, str]  # jenis jabatan -> cpns | pppk | promosi
    horizon_default: int = Field(ge=1, le=40)
    horizon_max: int = Field(ge=1, le=40)
    kelompok_usia: tuple[UsiaPiramida, ...]  # the staffing pyramid's age bands, in order


@cache
def load_perencanaan() -> PerencanaanRules:
    raw = read_yaml("perencanaan.yaml")
    jalur = dict(raw["jalur"]["kinds"])
    kinds = set(load_jabatan().kinds)
    if set(jalur) != kinds:
        raise RuleError(f"perencanaan.yaml: jalur must name every jenis jabatan of jabatan.yaml: {sorted(kinds)}")
    if not set(jalur.values()) <= set(JALUR_PENGISIAN):
        raise RuleError(f"perencanaan.yaml: a jalur is one of {', '.join(JALUR_PENGISIAN)}")
    horizon = raw["horizon"]
    if not 1 <= horizon["default"] <= horizon["max"]:
        raise RuleError("perencanaan.yaml: the default horizon lies between 1 and max")
    bands = tuple(UsiaPiramida(kode=k, dari=a, sampai=b) for k, a, b in raw["piramida"]["kelompok_usia"])
    # Every age falls in exactly one band: they start at 0, follow on, and only the last is open.
    if not bands or bands[0].dari != 0 or bands[-1].sampai is not None:
        raise RuleError("perencanaan.yaml: the pyramid's age bands start at 0 and the last has no upper bound")
    for low, high in pairwise(bands):
        if low.sampai is None or high.dari != low.sampai + 1:
            raise RuleError(f"perencanaan.yaml: age band {high.kode} must start the year after {low.kode} ends")
    return PerencanaanRules(
        regulation=raw["regulation"],
        version=raw["version"],
        jalur=jalur,
        horizon_default=horizon["default"],
        horizon_max=horizon["max"],
        kelompok_usia=bands,
    )


# --- pelatihan (the budget-bound training plan) -------------------------------------------


class BobotPelatihan(BaseModel, frozen=True):
    """The weights of the training plan (pelatihan.yaml `bobot`); a scenario may replace them."""

    standar_jabatan: float = Field(ge=0, le=100)
    target_karier: float = Field(ge=0, le=100)
    kinerja_rendah: float = Field(ge=1, le=100)  # a multiplier: never below 1
    rotasi_pegawai: float = Field(ge=0, le=100)
    rotasi_unit: float = Field(ge=0, le=100)
    hari_penuh: int = Field(ge=1, le=36500)
    capai_jp_minimum: float = Field(ge=0, le=1000)


class PelatihanRules(Source):
    pns_min_jp: int  # pengembangan.yaml's numbers, one home
    pppk_max_jp: int
    pppk_sasaran: bool  # a PPPK aimed at the PNS figure within its ceiling (the platform's choice)
    bobot: BobotPelatihan
    maks_program_per_pegawai: int = Field(ge=1, le=50)
    waktu_maks_detik: float = Field(gt=0, le=3600)
    waktu_maks_permintaan_detik: float = Field(gt=0, le=3600)  # all the scenarios of one request together
    celah_mip: float = Field(ge=0, lt=1)


@cache
def load_pelatihan() -> PelatihanRules:
    raw = read_yaml("pelatihan.yaml")
    dev = load_pengembangan()
    jp = raw["jp"]
    if jp["pns_minimum"]["regulation"] != dev.pns_regulation or jp["pppk_batas"]["regulation"] != dev.pppk_regulation:
        raise RuleError("pelatihan.yaml: the JP rules must name the regulation pengembangan.yaml gives them")
    if dev.pns_min_jp_per_tahun > dev.pppk_max_jp_per_tahun_kontrak:
        raise RuleError("pelatihan.yaml: a PPPK aimed at the PNS minimum must fit under its ceiling")
    bobot = {k: v for k, v in raw["bobot"].items() if k not in ("confirmed", "note")}
    solver = raw["solver"]
    return PelatihanRules(
        regulation=raw["regulation"],
        version=raw["version"],
        pns_min_jp=dev.pns_min_jp_per_tahun,
        pppk_max_jp=dev.pppk_max_jp_per_tahun_kontrak,
        pppk_sasaran=bool(jp["pppk_sasaran"]["aktif"]),
        bobot=BobotPelatihan(**bobot),
        maks_program_per_pegawai=raw["batas"]["maks_program_per_pegawai"],
        waktu_maks_detik=solver["waktu_maks_detik"],
        waktu_maks_permintaan_detik=solver["waktu_maks_permintaan_detik"],
        celah_mip=solver["celah_mip"],
    )


# --- talenta (the 9-box talent map) -------------------------------------------------------

KINERJA_TALENTA = ("dibawah", "sesuai", "diatas")
POTENSIAL_TALENTA = ("rendah", "menengah", "tinggi")


class Kategori(BaseModel, frozen=True):
    kode: str
    nama: str  # Indonesian, as the regulation names it
    en: str
    urutan: int = Field(ge=1, le=3)  # 1 lowest

    def label(self, locale: str) -> str:
        return self.en if locale == "en" else self.nama


class Tindakan(BaseModel, frozen=True):
    kode: str
    nama: str  # Indonesian, the label of the regulation's table
    en: str

    def label(self, locale: str) -> str:
        return self.en if locale == "en" else self.nama


class Kotak(BaseModel, frozen=True):
    nomor: int = Field(ge=1, le=9)
    kinerja: str
    potensial: str
    tindakan: tuple[str, ...]


class TalentaRules(Source):
    kinerja: tuple[Kategori, ...]  # lowest first
    potensial: tuple[Kategori, ...]
    kotak: dict[int, Kotak]  # number -> box
    tindakan: dict[str, Tindakan]
    kinerja_dari_predikat: dict[str, str]  # predikat (skp.yaml) -> kinerja category
    kinerja_tahun_maks: int = Field(ge=1, le=5)
    kinerja_tahun_bukti: int = Field(ge=1, le=10)
    band_set: str
    potensial_dari_band: dict[str, str]  # JPM band (jpm.yaml) -> potensial category
    asesmen_maks_tahun: int = Field(ge=1, le=10)
    kotak_kandidat: frozenset[int]
    jenis_kunci: frozenset[str]
    siap_sekarang_band: str
    siap_1_2_band: str
    golongan_kurang_maks: int = Field(ge=0, le=5)
    suksesor_default: int = Field(ge=1, le=100)
    suksesor_maks: int = Field(ge=1, le=100)
    confirmed: dict[str, bool]  # section -> confirmed flag of talenta.yaml
    box_of: dict[tuple[str, str], int] = Field(default_factory=dict)  # (kinerja, potensial) -> number

    def nomor(self, kinerja: str, potensial: str) -> int:
        return self.box_of[(kinerja, potensial)]


def _kategori(raw: list[list[str]], codes: tuple[str, ...], axis: str) -> tuple[Kategori, ...]:
    out = tuple(Kategori(kode=k, nama=n, en=e, urutan=i) for i, (k, n, e) in enumerate(raw, start=1))
    if tuple(c.kode for c in out) != codes:
        raise RuleError(f"talenta.yaml: the {axis} axis has the three categories {', '.join(codes)}, lowest first")
    return out


@cache
def load_talenta() -> TalentaRules:
    raw = read_yaml("talenta.yaml")
    sumbu = raw["sumbu"]
    kinerja = _kategori(sumbu["kinerja"], KINERJA_TALENTA, "kinerja")
    potensial = _kategori(sumbu["potensial"], POTENSIAL_TALENTA, "potensial")
    labels = {k: v for k, v in raw["tindakan"].items() if k not in ("confirmed", "note")}
    tindakan = {k: Tindakan(kode=k, nama=v[0], en=v[1]) for k, v in labels.items()}
    boxes = {k: v for k, v in raw["kotak"].items() if k not in ("confirmed", "note")}
    if sorted(boxes) != list(range(1, 10)):
        raise RuleError("talenta.yaml: the talent box has the nine boxes numbered 1 to 9")
    kotak = {
        n: Kotak(nomor=n, kinerja=b["kinerja"], potensial=b["potensial"], tindakan=tuple(b["tindakan"]))
        for n, b in sorted(boxes.items())
    }
    pairs = [(b.kinerja, b.potensial) for b in kotak.values()]
    every = {(k, p) for k in KINERJA_TALENTA for p in POTENSIAL_TALENTA}
    if len(set(pairs)) != 9 or set(pairs) != every:
        raise RuleError("talenta.yaml: each pair of a kinerja and a potensial category is exactly one box")
    for b in kotak.values():
        unknown = set(b.tindakan) - set(tindakan)
        if not b.tindakan or unknown or len(set(b.tindakan)) != len(b.tindakan):
            raise RuleError(f"talenta.yaml: box {b.nomor} names unknown, repeated or no actions {sorted(unknown)}")
    k = raw["kinerja"]
    dari_predikat = dict(k["dari_predikat"])
    if set(dari_predikat) != set(load_skp().predikat) or not set(dari_predikat.values()) <= set(KINERJA_TALENTA):
        raise RuleError("talenta.yaml: every predikat of skp.yaml maps to one kinerja category")
    p = raw["potensial"]
    jpm = load_jpm()
    if p["band_set"] not in jpm.bands:
        raise RuleError("talenta.yaml: potensial.band_set is not a band set of jpm.yaml")
    bands = [b.kode for b in jpm.bands[p["band_set"]]]
    dari_band = dict(p["dari_band"])
    if set(dari_band) != set(bands) or not set(dari_band.values()) <= set(POTENSIAL_TALENTA):
        raise RuleError("talenta.yaml: every JPM band of the band set maps to one potensial category")
    s = raw["suksesi"]
    if not set(s["kotak_kandidat"]) <= set(kotak) or not s["kotak_kandidat"]:
        raise RuleError("talenta.yaml: kotak_kandidat names boxes 1-9")
    if not set(s["jenis_kunci"]) <= set(load_jabatan().kinds):
        raise RuleError("talenta.yaml: jenis_kunci names kinds of jabatan.yaml")
    siap, siap_nanti = s["siap_sekarang"]["band_min"], s["siap_1_2_tahun"]["band_min"]
    if siap not in bands or siap_nanti not in bands or bands.index(siap) > bands.index(siap_nanti):
        raise RuleError("talenta.yaml: readiness bands are bands of the set, ready now at least as high")
    if not 1 <= s["jumlah_default"] <= s["jumlah_maks"]:
        raise RuleError("talenta.yaml: the default number of successors lies between 1 and jumlah_maks")
    confirmed = {
        name: bool(raw[name]["confirmed"]) for name in ("sumbu", "kotak", "tindakan", "kinerja", "potensial", "suksesi")
    }
    return TalentaRules(
        regulation=raw["regulation"],
        version=raw["version"],
        kinerja=kinerja,
        potensial=potensial,
        kotak=kotak,
        tindakan=tindakan,
        kinerja_dari_predikat=dari_predikat,
        kinerja_tahun_maks=k["tahun_maks"],
        kinerja_tahun_bukti=k["tahun_bukti"],
        band_set=p["band_set"],
        potensial_dari_band=dari_band,
        asesmen_maks_tahun=p["asesmen_maks_tahun"],
        kotak_kandidat=frozenset(s["kotak_kandidat"]),
        jenis_kunci=frozenset(s["jenis_kunci"]),
        siap_sekarang_band=siap,
        siap_1_2_band=siap_nanti,
        golongan_kurang_maks=s["siap_1_2_tahun"]["golongan_kurang_maks"],
        suksesor_default=s["jumlah_default"],
        suksesor_maks=s["jumlah_maks"],
        confirmed=confirmed,
        box_of={(b.kinerja, b.potensial): n for n, b in kotak.items()},
    )


# --- ipasn (Indeks Profesionalitas ASN) ---------------------------------------------------

DIMENSI_IPASN = ("kualifikasi", "kompetensi", "kinerja", "disiplin")
KELOMPOK_IPASN = ("struktural", "fungsional", "pelaksana")


class IndikatorKompetensi(BaseModel, frozen=True):
    kode: str
    poin: dict[str, float]  # kelompok -> points when done (0 when not)
    jenis: tuple[str, ...]  # kinds of pengembangan's JP ledger that count
    jendela_tahun: int | None = Field(ge=1, le=10)  # years back from the measurement date; None: any time
    min_jp: int | None = Field(ge=1, le=1000)  # JP summed in the window that it takes; None: one entry
    confirmed: bool
    pemetaan_confirmed: bool  # the kinds and window counted for it (the platform's reading)
    note: str


class KategoriIpasn(BaseModel, frozen=True):
    kode: str
    nama: str
    min: float  # the lowest total in the band
    maks: float  # the highest integer total in the band (display: "81-90")


class IpasnRules(Source):
    bobot: dict[str, float]  # dimension -> its maximum
    kualifikasi: dict[str, float]  # pendidikan code -> points
    kelompok: dict[str, str]  # jenis jabatan -> struktural | fungsional | pelaksana
    tanpa_jabatan: str  # the kelompok of an employee holding no position
    indikator: dict[str, IndikatorKompetensi]
    kinerja: dict[str, float]  # predikat (its words, any case) -> points
    kinerja_confirmed: dict[str, bool]
    pemetaan_2022: dict[str, str]  # 6/2022 predikat code -> the older step's words
    disiplin: dict[str, float]  # tidak_pernah | ringan | sedang | berat -> points
    disiplin_bulan: int = Field(ge=1, le=60)
    kategori: tuple[KategoriIpasn, ...]
    target_bawaan: float = Field(ge=0, le=100)  # a group's target when the request names none
    unconfirmed: tuple[str, ...]  # what the answer flags as a best reading

    def kelompok_of(self, jenis_jabatan: str | None) -> str:
        return self.kelompok.get(jenis_jabatan or "", self.tanpa_jabatan)

    def kompetensi_max(self, kelompok: str) -> float:
        return sum(i.poin.get(kelompok, 0) for i in self.indikator.values())

    def kategori_of(self, total: float) -> KategoriIpasn:
        """The band whose lowest total `total` reaches (the highest such): no rounding up."""
        found = self.kategori[0]
        for band in self.kategori:
            if total >= band.min:
                found = band
        return found


@cache
def load_ipasn() -> IpasnRules:
    raw = read_yaml("ipasn.yaml")
    bobot = {k: float(v) for k, v in raw["bobot"].items() if k in DIMENSI_IPASN}
    if tuple(bobot) != DIMENSI_IPASN or sum(bobot.values()) != 100:
        raise RuleError(f"ipasn.yaml: the weights of {', '.join(DIMENSI_IPASN)} sum to 100")
    kualifikasi = {k: float(v) for k, v in raw["kualifikasi"]["skor"].items()}
    levels = set(load_pendidikan().levels)
    if set(kualifikasi) != levels:
        raise RuleError(f"ipasn.yaml: kualifikasi scores every pendidikan level: {sorted(levels)}")
    kom = raw["kompetensi"]
    kelompok = {jenis: name for name, kinds in kom["kelompok"].items() for jenis in kinds}
    if tuple(kom["kelompok"]) != KELOMPOK_IPASN or set(kelompok) != set(load_jabatan().kinds):
        raise RuleError(
            "ipasn.yaml: kompetensi.kelompok puts every jenis jabatan in one of " + ", ".join(KELOMPOK_IPASN)
        )
    known = set(load_pengembangan().kinds)
    indikator: dict[str, IndikatorKompetensi] = {}
    for kode, body in kom["indikator"].items():
        item = IndikatorKompetensi(kode=kode, **{**body, "jenis": tuple(body["jenis"])})
        if not set(item.jenis) <= known or not set(item.poin) <= set(KELOMPOK_IPASN):
            raise RuleError(f"ipasn.yaml: {kode} names a kind or kelompok that does not exist")
        indikator[kode] = item
    counted = [j for i in indikator.values() for j in i.jenis]
    if len(counted) != len(set(counted)):
        raise RuleError("ipasn.yaml: a kind of the JP ledger counts for one indicator only")
    for name in KELOMPOK_IPASN:
        if sum(i.poin.get(name, 0) for i in indikator.values()) != bobot["kompetensi"]:
            raise RuleError(f"ipasn.yaml: the kompetensi indicators of {name} sum to {bobot['kompetensi']:g}")
    steps = {str(s["predikat"]).lower(): float(s["poin"]) for s in raw["kinerja"]["skor"]}
    mapping = {k: v for k, v in raw["kinerja"]["pemetaan_2022"].items() if k not in ("confirmed", "note")}
    if set(mapping) != set(load_skp().predikat) or not {v.lower() for v in mapping.values()} <= set(steps):
        raise RuleError("ipasn.yaml: pemetaan_2022 maps every 6/2022 predikat onto a kinerja step")
    disiplin = {k: float(v) for k, v in raw["disiplin"]["skor"].items()}
    if tuple(disiplin) != ("tidak_pernah", *TINGKAT_HUKDIS):
        raise RuleError("ipasn.yaml: disiplin scores tidak_pernah and every hukdis level, in that order")
    bands = raw["kategori"]["bands"]
    lows = [float(b[2]) for b in bands]
    if not bands or lows[0] != 0 or any(a >= b for a, b in pairwise(lows)) or lows[-1] > 100:
        raise RuleError("ipasn.yaml: the category bands start at 0 and rise, covering 0-100 without gap or overlap")
    kategori = tuple(
        KategoriIpasn(kode=b[0], nama=b[1], min=b[2], maks=(bands[i + 1][2] - 1) if i + 1 < len(bands) else 100)
        for i, b in enumerate(bands)
    )
    for name, score in (
        ("kualifikasi", max(kualifikasi.values())),
        ("kinerja", max(steps.values())),
        ("disiplin", max(disiplin.values())),
    ):
        if score != bobot[name]:
            raise RuleError(f"ipasn.yaml: the highest {name} step is its weight, {bobot[name]:g}")
    if any(v < 0 for v in (*kualifikasi.values(), *steps.values(), *disiplin.values())):
        raise RuleError("ipasn.yaml: no step scores below 0")
    unconfirmed = [
        *(f"kompetensi.{k}" for k, i in indikator.items() if not (i.confirmed and i.pemetaan_confirmed)),
        *([] if kom["tanpa_jabatan"]["confirmed"] else ["kompetensi.tanpa_jabatan"]),
        *([] if kom["tanpa_tanggal"]["confirmed"] else ["kompetensi.tanpa_tanggal"]),
        *(f"kinerja.{s['predikat']}" for s in raw["kinerja"]["skor"] if not s["confirmed"]),
        *([] if raw["kinerja"]["pemetaan_2022"]["confirmed"] else ["kinerja.pemetaan_2022"]),
        *([] if raw["disiplin"]["jendela"]["confirmed"] else ["disiplin.jendela"]),
        *([] if raw["kategori"]["pecahan"]["confirmed"] else ["kategori.pecahan"]),
    ]
    return IpasnRules(
        regulation=raw["regulation"],
        version=raw["version"],
        bobot=bobot,
        kualifikasi=kualifikasi,
        kelompok=kelompok,
        tanpa_jabatan=kom["tanpa_jabatan"]["kelompok"],
        indikator=indikator,
        kinerja=steps,
        kinerja_confirmed={str(s["predikat"]).lower(): bool(s["confirmed"]) for s in raw["kinerja"]["skor"]},
        pemetaan_2022=mapping,
        disiplin=disiplin,
        disiplin_bulan=raw["disiplin"]["jendela"]["bulan"],
        kategori=kategori,
        target_bawaan=raw["target_bawaan"],
        unconfirmed=tuple(unconfirmed),
    )


# --- sistem merit -----------------------------------------------------------------------

LAYANAN_BUKTI = ("pegawai", "kompetensi", "kinerja", "pengembangan")


class Ambang(BaseModel, frozen=True):
    nilai: float = Field(ge=0, le=100)
    confirmed: bool
    note: str


class Bukti(BaseModel, frozen=True):
    """A figure the platform computes as evidence: a numerator over a denominator from one service."""

    code: str
    name: str
    layanan: str
    description: str
    ambang: Ambang


class Bobot(BaseModel, frozen=True):
    percent: float | None = Field(default=None, ge=0, le=100)
    confirmed: bool


class IndikatorMerit(BaseModel, frozen=True):
    """A 19/2025 indicator: the figures that show it (`cakupan` says whether they cover all it asks),
    or why the platform cannot (`tidak_dapat`)."""

    code: str
    name: str
    description: str
    bukti: tuple[str, ...] = ()
    cakupan: str | None = None  # penuh | sebagian, with bukti
    tidak_dapat: str | None = None  # a key of alasan_tidak_dapat, without bukti
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> IndikatorMerit:
        if bool(self.bukti) == bool(self.tidak_dapat):
            raise RuleError(f"sistem_merit.yaml: {self.code} names figures or a reason it cannot, exactly one")
        if self.bukti and self.cakupan not in ("penuh", "sebagian"):
            raise RuleError(f"sistem_merit.yaml: {self.code} says whether its figures cover it (penuh/sebagian)")
        if len(set(self.bukti)) != len(self.bukti):
            raise RuleError(f"sistem_merit.yaml: {self.code} names a figure twice")
        return self


class AspekMerit(BaseModel, frozen=True):
    code: str
    name: str
    weight: Bobot
    indicators: tuple[IndikatorMerit, ...]


class AspekLama(BaseModel, frozen=True):
    """A 40/2018 aspect and the 19/2025 indicators whose evidence serves it."""

    code: str
    name: str
    weight_percent: float = Field(ge=0, le=100)
    description: str
    setara: tuple[str, ...]


class KategoriLama(BaseModel, frozen=True):
    code: str
    name: str
    min: int
    max: int


class SistemMeritRules(Source):
    skala_min: int
    skala_max: int
    skala_confirmed: bool
    pengukuran_tahun: int = Field(ge=1, le=10)
    manajerial: frozenset[str]
    kelompok_jabatan: dict[str, tuple[str, ...]]  # kelompok -> jenis jabatan
    bukti: dict[str, Bukti]
    alasan_tidak_dapat: dict[str, str]
    regulation_2025: str
    aspects_confirmed: bool
    aspects: tuple[AspekMerit, ...]
    regulation_2018: str
    total_2018: tuple[int, int]
    categories_2018: tuple[KategoriLama, ...]
    categories_2018_confirmed: bool
    weights_2018_confirmed: bool
    weights_2018_note: str
    aspects_2018: tuple[AspekLama, ...]

    def indicators(self) -> dict[str, IndikatorMerit]:
        return {i.code: i for a in self.aspects for i in a.indicators}

    def kelompok_of(self, jenis: str | None) -> str | None:
        return next((k for k, kinds in self.kelompok_jabatan.items() if jenis in kinds), None)


@cache
def load_sistem_merit() -> SistemMeritRules:
    raw = read_yaml("sistem_merit.yaml")
    kinds = set(load_jabatan().kinds)
    bukti = [Bukti(**b) for b in raw["bukti"]]
    by_code = {b.code: b for b in bukti}
    if len(by_code) != len(bukti):
        raise RuleError("sistem_merit.yaml: figure codes must be unique")
    for b in bukti:
        if b.layanan not in LAYANAN_BUKTI:
            raise RuleError(f"sistem_merit.yaml: figure {b.code} from an unknown service {b.layanan}")
    fw, old = raw["framework_2025"], raw["legacy_2018"]
    aspects = tuple(AspekMerit(**a) for a in fw["aspects"])
    reasons = {str(k): str(v) for k, v in raw["alasan_tidak_dapat"].items()}
    indicators = [i for a in aspects for i in a.indicators]
    if len({i.code for i in indicators}) != len(indicators) or len({a.code for a in aspects}) != len(aspects):
        raise RuleError("sistem_merit.yaml: aspect and indicator codes must be unique")
    used: set[str] = set()
    for i in indicators:
        unknown = set(i.bukti) - set(by_code)
        if unknown:
            raise RuleError(f"sistem_merit.yaml: {i.code} names unknown figures {sorted(unknown)}")
        if i.tidak_dapat is not None and i.tidak_dapat not in reasons:
            raise RuleError(f"sistem_merit.yaml: {i.code} gives an unknown reason {i.tidak_dapat}")
        used |= set(i.bukti)
    if used != set(by_code):
        raise RuleError(f"sistem_merit.yaml: figures no indicator names: {sorted(set(by_code) - used)}")
    groups = {str(k): tuple(v) for k, v in raw["kelompok_jabatan"]["kelompok"].items()}
    grouped = [j for v in groups.values() for j in v]
    manajerial = frozenset(raw["kelompok_jabatan"]["manajerial"])
    if sorted(grouped) != sorted(kinds) or not manajerial <= kinds:
        raise RuleError("sistem_merit.yaml: every kind of position of jabatan.yaml in exactly one group")
    old_aspects = tuple(AspekLama(**a) for a in old["aspects"])
    known = {i.code for i in indicators}
    for a in old_aspects:
        if not a.setara or not set(a.setara) <= known:
            raise RuleError(f"sistem_merit.yaml: 2018 aspect {a.code} must point at 19/2025 indicators")
    if sum(a.weight_percent for a in old_aspects) != 100:
        raise RuleError("sistem_merit.yaml: the 2018 aspect weights add up to 100")
    bands = tuple(KategoriLama(**b) for b in old["categories"]["bands"])
    lo, hi = int(old["total"]["min"]), int(old["total"]["max"])
    if bands[0].min != lo or bands[-1].max != hi or any(b.min != a.max + 1 for a, b in pairwise(bands)):
        raise RuleError("sistem_merit.yaml: the 2018 categories cover the total range without a gap")
    return SistemMeritRules(
        regulation=raw["regulation"],
        version=raw["version"],
        skala_min=raw["skala"]["min"],
        skala_max=raw["skala"]["max"],
        skala_confirmed=raw["skala"]["confirmed"],
        pengukuran_tahun=raw["pengukuran"]["tahun_terakhir"],
        manajerial=manajerial,
        kelompok_jabatan=groups,
        bukti=by_code,
        alasan_tidak_dapat=reasons,
        regulation_2025=fw["regulation"],
        aspects_confirmed=fw["aspects_confirmed"],
        aspects=aspects,
        regulation_2018=old["regulation"],
        total_2018=(lo, hi),
        categories_2018=bands,
        categories_2018_confirmed=old["categories"]["confirmed"],
        weights_2018_confirmed=old["weights_confirmed"],
        weights_2018_note=old["weights_note"],
        aspects_2018=old_aspects,
    )


def load_all() -> None:
    """Load every table; called at service start so a broken table fails the boot."""
    load_golongan()
    load_pendidikan()
    load_jabatan()
    load_kompetensi()
    load_jpm()
    load_hukdis()
    load_penghargaan()
    load_skp()
    load_pengembangan()
    load_penempatan()
    load_keadilan()
    load_perencanaan()
    load_pelatihan()
    load_talenta()
    load_ipasn()
    load_sistem_merit()
