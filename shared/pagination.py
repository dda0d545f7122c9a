"""limit/offset pagination answering `{"items", "total", "limit", "offset"}`, one way everywhere:
`paginate(session, statement, page, mapper)` runs the page with its total in one round trip and
maps each row with `mapper`; the route answers `page.response()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Integer, Row, Select, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from shared.responses import json_response

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
MAX_LIMIT = 1000
TOTAL = "__total"  # the window count each row of a page carries (its last column)


def _page_example(schema: dict[str, Any], cls: type) -> None:
    """The example of `Page[Item]`: a page holding the first example of `Item`, so every list answer
    shows one without each domain writing its own page."""
    args = getattr(cls, "__pydantic_generic_metadata__", {}).get("args", ())
    if len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        item = args[0].model_json_schema(mode="serialization").get("examples")
        if item:
            schema["examples"] = [{"items": item[:1], "total": 1, "limit": 50, "offset": 0}]


class Page(BaseModel, Generic[T]):
    """The documented shape of a page (response_model of list routes)."""

    model_config = ConfigDict(json_schema_extra=_page_example)

    items: list[T] = Field(description="The rows of this page, in the list's order")
    total: int = Field(description="Rows matching the filters across all pages: show it as the count, page with offset")
    limit: int = Field(description="Rows per page, as asked (default 50)")
    offset: int = Field(description="Rows skipped, as asked")


@dataclass
class PageParams:
    limit: int = 50
    offset: int = 0


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (1-{MAX_LIMIT})")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
) -> PageParams:
    # An async function: FastAPI runs a plain class or def dependency in a worker thread.
    return PageParams(limit, offset)


Paging = Annotated[PageParams, Depends(page_params)]


@dataclass
class PageOf(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int

    def response(self) -> Response:
        """The page as JSON, serialised once (orjson) without validating trusted rows again."""
        items = [i.model_dump() if isinstance(i, BaseModel) else i for i in self.items]
        return json_response({"items": items, "total": self.total, "limit": self.limit, "offset": self.offset})


def entity(schema: type[M]) -> Callable[[Row[Any]], M]:
    """A mapper for a statement that selects one ORM entity."""
    return lambda row: schema.model_validate(row[0])


def columns(row: Row[Any]) -> dict[str, Any]:
    """A mapper for a statement that selects plain columns: the row as a dict."""
    out = dict(row._mapping)
    out.pop(TOTAL, None)
    return out


async def count(session: AsyncSession, stmt: Select[*tuple[Any, ...]], params: dict[str, Any] | None = None) -> int:
    sub = stmt.order_by(None).subquery()
    return int((await session.execute(select(func.count()).select_from(sub), params or {})).scalar_one())


def windowed(stmt: Select[*tuple[Any, ...]], limit: int, offset: int) -> Select[*tuple[Any, ...]]:
    """The page of `stmt` with the total riding along as a window count (one round trip)."""
    return _window_of(stmt).params(page_limit=limit, page_offset=offset)


@lru_cache(maxsize=1024)
def _window_of(stmt: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    # Limit and offset are parameters, so a statement built once per shape is windowed once too.
    return (
        stmt.add_columns(func.count().over().label(TOTAL))
        .limit(bindparam("page_limit", type_=Integer))
        .offset(bindparam("page_offset", type_=Integer))
    )


async def paginate(
    session: AsyncSession,
    stmt: Select[*tuple[Any, ...]],
    page: PageParams,
    mapper: Callable[[Row[Any]], T],
    *,
    params: dict[str, Any] | None = None,
    plain: bool = False,
) -> PageOf[T]:
    """The page of `stmt` run with `params`, each row mapped. `plain`: the statement selects plain
    columns, not ORM entities, so it runs on the Core connection without the ORM's result work."""
    values = {**(params or {}), "page_limit": page.limit, "page_offset": page.offset}
    window = _window_of(stmt)
    executor = await session.connection() if plain else session
    rows = (await executor.execute(window, values)).all()
    if rows:
        total = int(rows[0][-1])
    else:
        total = await count(session, stmt, params) if page.offset else 0
    return PageOf(items=[mapper(row) for row in rows], total=total, limit=page.limit, offset=page.offset)
