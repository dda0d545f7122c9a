"""Rules from regulations, kept as data (the YAML files beside this module), loaded and
validated once. Each table names the regulation it comes from; `confirmed: false` marks a
best reading. Services call `load_*()` at start so a broken table stops the service at boot."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, model_validator

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
    return GolonganRules(regulation=raw["regulation"], version=raw["version"], grades=grades, first_grade_by_education=first)


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

    @staticmethod
    def tmt_pensiun(tanggal_lahir: date, bup: int) -> date:
        """First day of the month after the month of the BUP birthday."""
        year = tanggal_lahir.year + bup
        month = tanggal_lahir.month + 1
        if month == 13:
            year, month = year + 1, 1
        return date(year, month, 1)


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


def load_all() -> None:
    """Load every table; called at service start so a broken table fails the boot."""
    load_golongan()
    load_pendidikan()
    load_jabatan()
