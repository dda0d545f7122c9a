"""Calendar arithmetic the regulations' rules need."""

from __future__ import annotations

from datetime import date


def shift_years(day: date, years: int) -> date:
    """The same day `years` later (or earlier, when negative); 29 February falls back to
    28 February in a year that has none."""
    year = day.year + years
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def shift_months(day: date, months: int) -> date:
    """The same day `months` later; a day the target month lacks (31 April) becomes its last."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th
