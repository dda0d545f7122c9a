"""limit/offset pagination answering `{"items", "total", "limit", "offset"}`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")
MAX_LIMIT = 1000


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass
class PageParams:
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"Rows per page (1-{MAX_LIMIT})")
    offset: int = Query(0, ge=0, description="Rows to skip")


async def count(session: AsyncSession, stmt: Select[Any]) -> int:
    sub = stmt.order_by(None).subquery()
    return int((await session.execute(select(func.count()).select_from(sub))).scalar_one())


def windowed(stmt: Select[Any], limit: int, offset: int) -> Select[Any]:
    """The page of `stmt` with the total riding along as a window count (one round trip)."""
    return stmt.add_columns(func.count().over().label("__total")).limit(limit).offset(offset)


async def paginate(
    session: AsyncSession, stmt: Select[Any], page: PageParams, schema: type[BaseModel] | None = None
) -> Page[Any]:
    rows = (await session.execute(windowed(stmt, page.limit, page.offset))).all()
    if rows:
        total = int(rows[0][-1])
    else:
        total = await count(session, stmt) if page.offset else 0
    items: list[Any] = []
    for row in rows:
        # One entity: the entity itself. Several columns: the whole Row (read by name via _mapping).
        value = row[0] if len(row) == 2 else row
        items.append(schema.model_validate(value) if schema else value)
    return Page[Any](items=items, total=total, limit=page.limit, offset=page.offset)
