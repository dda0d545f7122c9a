"""NIP (Nomor Induk Pegawai): 18 digits that BKN assigns and every service keys employees by.

Layout: birth date (YYYYMMDD), TMT CPNS/appointment (YYYYMM), gender (1 = laki-laki,
2 = perempuan), sequence number (001-999). Each part is decoded and checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np

from shared.messages import t

MIN_APPOINTMENT_AGE = 18
_DIGITS = re.compile(r"^[0-9]{18}$")


class JenisKelamin(StrEnum):
    LAKI_LAKI = "L"
    PEREMPUAN = "P"


class InvalidNIP(ValueError):
    """Which part of the NIP is wrong: a message code (shared.messages) and its values; the text,
    in the request's language, says it to the person typing it."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(t(code, **params))


@dataclass(frozen=True)
class NIP:
    value: str
    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int
    jenis_kelamin: JenisKelamin
    nomor_urut: int

    def __str__(self) -> str:
        return self.value


def normalise(raw: str) -> str:
    """NIPs are often written with spaces (e.g. '19850312 201001 1 003')."""
    return re.sub(r"[\s.\-]", "", raw or "")


def _checked(raw: str) -> tuple[str, date, int, int, str, int]:
    """Every rule of the NIP, once; the parts decoded."""
    if len(raw) == 18 and raw.isascii() and raw.isdigit():
        value = raw  # the common case, without the regex work
    else:
        value = normalise(raw)
        if not _DIGITS.match(value):
            raise InvalidNIP("nip-length", raw=raw[:40], count=len(value))
    y, m, d = int(value[0:4]), int(value[4:6]), int(value[6:8])
    try:
        lahir = date(y, m, d)
    except ValueError as exc:
        raise InvalidNIP("nip-birth-date", digits=value[0:8]) from exc
    if y < 1900:
        raise InvalidNIP("nip-birth-year", year=y)
    tmt_y, tmt_m = int(value[8:12]), int(value[12:14])
    if not 1 <= tmt_m <= 12:
        raise InvalidNIP("nip-tmt-month", month=f"{tmt_m:02d}")
    if tmt_y < y + MIN_APPOINTMENT_AGE or (tmt_y == y + MIN_APPOINTMENT_AGE and tmt_m < m):
        raise InvalidNIP(
            "nip-tmt-too-early", tmt=f"{tmt_y}-{tmt_m:02d}", age=MIN_APPOINTMENT_AGE, lahir=lahir.isoformat()
        )
    today = date.today()
    if tmt_y > today.year or (tmt_y == today.year and tmt_m > today.month):
        raise InvalidNIP("nip-tmt-future", tmt=f"{tmt_y}-{tmt_m:02d}")
    gender_digit = value[14]
    if gender_digit not in "12":
        raise InvalidNIP("nip-gender", digit=gender_digit)
    urut = int(value[15:18])
    if urut == 0:
        raise InvalidNIP("nip-sequence")
    return value, lahir, tmt_y, tmt_m, gender_digit, urut


def validate_nip(raw: str) -> str:
    """The NIP in its 18-digit form if every part is valid (for bulk input: no object built)."""
    return _checked(raw)[0]


def parse_nip(raw: str) -> NIP:
    value, lahir, tmt_y, tmt_m, gender_digit, urut = _checked(raw)
    return NIP(
        value=value,
        tanggal_lahir=lahir,
        tmt_tahun=tmt_y,
        tmt_bulan=tmt_m,
        jenis_kelamin=JenisKelamin.LAKI_LAKI if gender_digit == "1" else JenisKelamin.PEREMPUAN,
        nomor_urut=urut,
    )


def make_nip(lahir: date, tmt_tahun: int, tmt_bulan: int, jenis_kelamin: JenisKelamin, urut: int) -> str:
    """Compose a NIP from its parts (demo data, tests, benchmarks)."""
    g = "1" if jenis_kelamin == JenisKelamin.LAKI_LAKI else "2"
    return f"{lahir:%Y%m%d}{tmt_tahun:04d}{tmt_bulan:02d}{g}{urut:03d}"


def split_nips(raws: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Many NIPs at once (bulk requests of up to 10,000): (valid NIPs in their 18-digit form, in
    the given order; (raw, reason) for each invalid one, in the given order).

    The rules are those of `validate_nip`, applied to all NIPs as array arithmetic (about 15x
    faster than one call each); a NIP the arrays reject goes through `validate_nip` for its
    message, and that call has the last word.
    """
    if not raws:
        return [], []
    if not all(len(r) == 18 and r.isascii() and r.isdigit() for r in raws):
        return _split_one_by_one(raws)
    d = (np.frombuffer("".join(raws).encode("ascii"), dtype=np.uint8).reshape(-1, 18) - ord("0")).astype(np.int32)

    def number(start: int, stop: int) -> np.ndarray:
        out = np.zeros(len(d), dtype=np.int32)
        for col in range(start, stop):
            out = out * 10 + d[:, col]
        return out

    y, m, day = number(0, 4), number(4, 6), number(6, 8)
    tmt_y, tmt_m, urut = number(8, 12), number(12, 14), number(15, 18)
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)[np.clip(m, 0, 12)]
    month_days = month_days + ((m == 2) & leap)
    today = date.today()
    ok = (
        (y >= 1900)
        & (m >= 1)
        & (m <= 12)
        & (day >= 1)
        & (day <= month_days)
        & (tmt_m >= 1)
        & (tmt_m <= 12)
        & (tmt_y * 12 + tmt_m >= (y + MIN_APPOINTMENT_AGE) * 12 + m)
        & (tmt_y * 12 + tmt_m <= today.year * 12 + today.month)
        & ((d[:, 14] == 1) | (d[:, 14] == 2))
        & (urut > 0)
    )
    if ok.all():
        return list(raws), []
    valid, invalid = [], []
    for raw, fine in zip(raws, ok.tolist(), strict=True):
        if fine:
            valid.append(raw)
            continue
        one_valid, one_invalid = _split_one_by_one([raw])
        valid += one_valid
        invalid += one_invalid
    return valid, invalid


def _split_one_by_one(raws: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    valid: list[str] = []
    invalid: list[tuple[str, str]] = []
    for raw in raws:
        try:
            valid.append(validate_nip(raw))
        except InvalidNIP as exc:
            invalid.append((raw, str(exc)))
    return valid, invalid
