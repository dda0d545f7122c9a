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
