"""Reads and set-based writes of job competency standards."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Uuid, any_, bindparam, delete, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY

from kompetensi.kamus.models import Kompetensi
from kompetensi.standar.models import StandarJabatan, StandarKompetensi
from shared.db import Session

S, K, H = StandarKompetensi, Kompetensi, StandarJabatan


async def items(session: Session, jabatan_ids: Sequence[uuid.UUID]) -> list[Any]:
    """(jabatan_id, kompetensi_id, kode, nama, jenis, level) of the standards, in the standard's order."""
    if not jabatan_ids:
        return []
    rows = await session.execute(
        select(S.jabatan_id, S.kompetensi_id, K.kode, K.nama, K.jenis, S.level)
        .join(K, K.id == S.kompetensi_id)
        .where(S.jabatan_id.in_(set(jabatan_ids)))
        .order_by(S.jabatan_id, K.jenis, K.kode)
    )
    return list(rows.tuples().all())


async def headers(session: Session, jabatan_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, StandarJabatan]:
    if not jabatan_ids:
        return {}
    rows = await session.execute(select(H).where(H.jabatan_id.in_(set(jabatan_ids))))
    return {h.jabatan_id: h for h in rows.scalars()}


async def replace_items(session: Session, jabatan_ids: Sequence[uuid.UUID], levels: dict[uuid.UUID, int]) -> None:
    """The positions' items become `levels` (kompetensi id -> level), set-based."""
    await session.execute(delete(S).where(S.jabatan_id.in_(list(jabatan_ids))))
    if levels:
        await session.execute(
            insert(S),
            [{"jabatan_id": j, "kompetensi_id": k, "level": lv} for j in jabatan_ids for k, lv in levels.items()],
        )


def touch_values() -> dict[str, Any]:
    """What a replaced standard's header gets (its version moves on with it). The statement's own
    clock, not the transaction's: update_many leaves rows that already hold the values alone, and
    two replacements in one transaction would otherwise keep one version."""
    return {"updated_at": func.clock_timestamp()}


def headers_of(jabatan_ids: Sequence[uuid.UUID]) -> Any:
    return H.jabatan_id.in_(list(jabatan_ids))


async def technical_matrix(session: Session) -> list[tuple[uuid.UUID, str, int]]:
    """(jabatan_id, kode, level) of every technical requirement: the input of job-family clustering."""
    rows = await session.execute(
        select(S.jabatan_id, K.kode, S.level)
        .join(K, K.id == S.kompetensi_id)
        .where(K.jenis == "teknis")
        .order_by(S.jabatan_id, K.kode)
    )
    return list(rows.tuples().all())


def levels_statement(every: bool = False) -> Any:
    """(jabatan_id, competency code, its name, required level) of the standards of the positions
    bound as `ids`: the compact read of the talent map, one `= ANY($1)`, plain rows; `every`: of
    every position (no parameter)."""
    statement = select(S.jabatan_id, K.kode, K.nama, S.level).join(K, K.id == S.kompetensi_id)
    return statement if every else statement.where(S.jabatan_id == any_(bindparam("ids", type_=ARRAY(Uuid))))


async def required(session: Session) -> list[uuid.UUID]:
    """Every position with a standard (one requires at least one competency)."""
    return list((await session.execute(select(H.jabatan_id))).scalars())


async def per_jenis(session: Session, jabatan_ids: Sequence[uuid.UUID]) -> list[dict[str, Any]]:
    """How many required competencies of each kind (manajerial, sosial_kultural, teknis) the
    standard of each position holds, in one statement; positions without a standard are absent."""
    if not jabatan_ids:
        return []
    counts = {j: func.count().filter(K.jenis == j).label(j) for j in ("manajerial", "sosial_kultural", "teknis")}
    rows = await session.execute(
        select(S.jabatan_id, *counts.values())
        .join(K, K.id == S.kompetensi_id)
        .where(S.jabatan_id.in_(set(jabatan_ids)))
        .group_by(S.jabatan_id)
    )
    return [dict(r._mapping) for r in rows.all()]
