"""What the SKP import asks the database, each once per file: the periods of the years named, and
the records that already exist for the (NIP, year) pairs of the file."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import Integer, String, any_, literal, select
from sqlalchemy.dialects.postgresql import ARRAY

from kinerja.skp.models import PeriodeSkp, Skp, SkpLama
from shared.db import Session


def _array(values: Collection[object], item: type[String] | type[Integer]) -> Any:
    """One array parameter however many values (a file holds up to 20,000 rows)."""
    return literal(list(values), ARRAY(item))


async def periods(session: Session, years: Collection[int]) -> dict[int, uuid.UUID]:
    rows = await session.execute(select(PeriodeSkp.tahun, PeriodeSkp.id).where(PeriodeSkp.tahun.in_(list(years))))
    return {tahun: pid for tahun, pid in rows.tuples()}


async def existing_skp(session: Session, nips: Collection[str], years: Collection[int]) -> set[tuple[str, int]]:
    """The (NIP, year) pairs that already have an SKP, among those of the file."""
    if not nips:
        return set()
    statement = select(Skp.nip, Skp.tahun).where(
        Skp.nip == any_(_array(nips, String)), Skp.tahun == any_(_array(years, Integer))
    )
    rows = await session.execute(statement)
    return set(rows.tuples())


async def existing_lama(session: Session, nips: Collection[str], years: Collection[int]) -> set[tuple[str, int]]:
    if not nips:
        return set()
    statement = select(SkpLama.nip, SkpLama.tahun).where(
        SkpLama.nip == any_(_array(nips, String)), SkpLama.tahun == any_(_array(years, Integer))
    )
    rows = await session.execute(statement)
    return set(rows.tuples())
