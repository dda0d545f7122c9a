"""Dates that cannot be true, decided in one place for the API, mutasi, history and import.

The schemas call these from their validators (where the NIP is in the body); the services call
`refuse_*` where the NIP comes from the path. Each returns the reason (a message code and its
values), or None when the date is possible.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.dates import shift_years
from shared.errors import UnprocessableEntity
from shared.messages import t
from shared.nip import NIP

# An SK (decree) is often signed before it takes effect, e.g. a kenaikan pangkat for the next
# April or October period, so a TMT may lie ahead; but not more than a year: anything further
# is a typo (a wrong year) far more often than a real decree.
MAX_TMT_AHEAD_YEARS = 1
# Nobody finishes any schooling before this age; a tahun_lulus earlier is a wrong year.
MIN_LULUS_AGE = 5
# Records of the Indonesian civil service do not go back further.
MIN_DATE = date(1900, 1, 1)

Problem = tuple[str, dict[str, Any]]


def latest_tmt(today: date | None = None) -> date:
    return shift_years(today or date.today(), MAX_TMT_AHEAD_YEARS)


def tmt_cpns(nip: NIP) -> date:
    """The appointment (TMT CPNS/PPPK) month of NIP digits 9-14, as its first day."""
    return date(nip.tmt_tahun, nip.tmt_bulan, 1)


def date_problem(value: date) -> Problem | None:
    if value < MIN_DATE:
        return "date-before-1900", {"value": value.isoformat()}
    return None


def tmt_problem(value: date, nip: NIP | None) -> Problem | None:
    """Why a TMT of a golongan or jabatan cannot be true, or None."""
    latest = latest_tmt()
    if value > latest:
        return "tmt-too-far-ahead", {"value": value.isoformat(), "latest": latest.isoformat()}
    if nip is not None and value < tmt_cpns(nip):
        return "tmt-before-cpns", {"value": value.isoformat(), "tmt_cpns": f"{tmt_cpns(nip):%Y-%m}"}
    return date_problem(value)


def tahun_lulus_problem(value: int, tanggal_lahir: date) -> Problem | None:
    """Why a graduation year cannot be true, or None."""
    if value > date.today().year:
        return "lulus-in-future", {"value": value}
    if value < tanggal_lahir.year + MIN_LULUS_AGE:
        return "lulus-too-early", {"value": value, "lahir": tanggal_lahir.year}
    return None


def _refuse(field: str, problem: Problem | None) -> None:
    if problem:
        code, params = problem
        raise UnprocessableEntity(
            "impossible-date",
            field=field,
            reason=t(code, **params),
            extra={"errors": [{"field": field, "code": code, "message": t(code, **params)}]},
        )


def refuse_tmt(field: str, value: date, nip: NIP) -> None:
    _refuse(field, tmt_problem(value, nip))


def refuse_tahun_lulus(field: str, value: int | None, tanggal_lahir: date) -> None:
    if value is not None:
        _refuse(field, tahun_lulus_problem(value, tanggal_lahir))
