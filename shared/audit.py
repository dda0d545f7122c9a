"""Audit log: every write records who, when, which entity, and the row before and after.

ORM writes are captured by a `before_flush` hook on every session, so a service cannot forget
one. Set-based writes that bypass the ORM go through `insert_many` and `update_many` (or call
`record_many` themselves) in the same transaction. The log is readable by admin_bkpsdm at
`/api/v1/audit-log`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    Index,
    Select,
    String,
    Table,
    Text,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from shared.access import Admin
from shared.auth import Principal
from shared.db import Base, SessionDep
from shared.jsonable import jsonable
from shared.observability import request_id_var
from shared.openapi import problems
from shared.pagination import Page, Paging, paginate
from shared.pagination import entity as entity_of

SKIP_FIELDS = {"version", "created_at", "updated_at"}


class Audited:
    """Mixin: writes to this model are recorded in the audit log."""

    __tablename__: str


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(200))
    actor_roles: Mapped[str | None] = mapped_column(String(200))
    request_id: Mapped[str | None] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(100))
    entity_id: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)


def set_actor(session: AsyncSession, principal: Principal, reason: str | None = None) -> None:
    """Name who is writing; the hook stamps it on every audit row of this session."""
    session.info["actor"] = principal.sub
    session.info["actor_roles"] = ",".join(sorted(principal.roles))
    session.info["reason"] = reason


def because(session: AsyncSession, reason: str | None) -> None:
    """A reason the audit rows of this session keep (e.g. why a full position is filled anyway)."""
    session.info["reason"] = reason


def _snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {
        attr.key: jsonable(getattr(obj, attr.key)) for attr in state.mapper.column_attrs if attr.key not in SKIP_FIELDS
    }


def _before_snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIP_FIELDS:
            continue
        hist = state.attrs[attr.key].history
        out[attr.key] = jsonable(hist.deleted[0] if hist.deleted else getattr(obj, attr.key))
    return out


def _entity_id(obj: Any) -> str:
    ident = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(v) for v in ident)


def _row(session: Session, entity: str, entity_id: str, action: str, before: Any, after: Any) -> AuditLog:
    return AuditLog(
        actor=session.info.get("actor") or "system",
        actor_roles=session.info.get("actor_roles"),
        request_id=request_id_var.get(),
        entity=entity,
        entity_id=entity_id,
        action=action,
        reason=session.info.get("reason"),
        before=before,
        after=after,
    )


@event.listens_for(Session, "before_flush")
def _capture(session: Session, flush_context: Any, instances: Any) -> None:
    rows: list[AuditLog] = []
    for obj in session.new:
        if isinstance(obj, Audited):
            pk = inspect(obj).mapper.primary_key[0]
            if getattr(obj, pk.key, None) is None and pk.default is not None:
                setattr(obj, pk.key, uuid.uuid4())
            rows.append(_row(session, obj.__tablename__, _entity_id(obj), "insert", None, _snapshot(obj)))
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            before, after = _before_snapshot(obj), _snapshot(obj)
            if before != after:
                rows.append(_row(session, obj.__tablename__, _entity_id(obj), "update", before, after))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            rows.append(_row(session, obj.__tablename__, _entity_id(obj), "delete", _before_snapshot(obj), None))
    session.add_all(rows)


async def record_bulk_load(conn: AsyncConnection, counts: dict[str, int], reason: str) -> None:
    """One audit entry per table for rows loaded in bulk outside a request (the demo loaders'
    COPY): who (demo-loader), why, and how many rows."""
    rows = [
        {
            "actor": "demo-loader",
            "entity": table,
            "entity_id": "*",
            "action": "bulk_insert",
            "reason": reason,
            "after": {"rows": n},
        }
        for table, n in counts.items()
    ]
    await conn.execute(insert(AuditLog), rows)


async def record_many(
    session: AsyncSession,
    entity: str,
    changes: Sequence[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None]],
) -> None:
    """Audit set-based writes: (entity_id, action, before, after) per row, in one INSERT."""
    if not changes:
        return
    base = {
        "actor": session.info.get("actor") or "system",
        "actor_roles": session.info.get("actor_roles"),
        "request_id": request_id_var.get(),
        "reason": session.info.get("reason"),
        "entity": entity,
    }
    await session.execute(
        insert(AuditLog),
        [
            {**base, "entity_id": eid, "action": action, "before": jsonable(b), "after": jsonable(a)}
            for eid, action, b, a in changes
        ],
    )


def _table(target: Table | type[Any]) -> Table:
    return target if isinstance(target, Table) else target.__table__


def _pk_of(table: Table, row: dict[str, Any]) -> str:
    return ",".join(str(row[c.name]) for c in table.primary_key.columns)


def _kept(row: dict[str, Any]) -> dict[str, Any]:
    """A row as the ORM hook snapshots it: bookkeeping columns left out."""
    return {k: v for k, v in row.items() if k not in SKIP_FIELDS}


async def insert_many(session: AsyncSession, target: Table | type[Any], rows: list[dict[str, Any]]) -> None:
    """Set-based INSERT of `rows` (primary keys included) and one audit entry per row, in two statements."""
    if not rows:
        return
    table = _table(target)
    await session.execute(insert(table), rows)
    await record_many(session, table.name, [(_pk_of(table, r), "insert", None, _kept(r)) for r in rows])


async def update_many(
    session: AsyncSession, target: Table | type[Any], where: ColumnElement[bool], values: dict[str, Any]
) -> list[str]:
    """Set-based UPDATE that is audited like an ORM one: each changed row's before and after.

    One UPDATE ... FROM (SELECT ... FOR UPDATE) ... RETURNING gives the old and the new row
    together, so no per-row round trip is needed. `values` are plain values; rows that already
    hold them are left alone. A versioned table gets its `version` bumped, so ETags that
    clients hold for those rows go stale. Returns the ids of the changed rows.
    """
    table = _table(target)
    old = (
        select(table)
        .where(where, or_(*(table.c[k].is_distinct_from(v) for k, v in values.items())))
        .with_for_update()
        .subquery("old")
    )
    bump = {"version": table.c.version + 1} if "version" in table.c else {}
    pk_match = [table.c[c.name] == old.c[c.name] for c in table.primary_key.columns]
    stmt = (
        update(table)
        .where(*pk_match)
        .values(**values, **bump)
        .returning(
            *(old.c[c.name].label(f"before_{c.name}") for c in table.c),
            *(table.c[c.name].label(f"after_{c.name}") for c in table.c),
        )
    )
    changes = []
    for row in (await session.execute(stmt)).mappings():
        before = {c.name: row[f"before_{c.name}"] for c in table.c}
        after = {c.name: row[f"after_{c.name}"] for c in table.c}
        changes.append((_pk_of(table, after), "update", _kept(before), _kept(after)))
        if not isinstance(target, Table):
            _sync_loaded(session, target, after)
    await record_many(session, table.name, changes)
    return [eid for eid, *_ in changes]


def _sync_loaded(session: AsyncSession, entity: type[Any], row: dict[str, Any]) -> None:
    """A Core UPDATE bypasses the ORM: an instance of the row the session already holds would keep
    its old values, and a later read in the request would answer them (an ETag with the old
    version). It gets the new ones, as committed values (no flush, no extra query)."""
    mapper = inspect(entity)
    key = mapper.identity_key_from_primary_key([row[c.name] for c in mapper.primary_key])
    loaded = session.sync_session.identity_map.get(key)
    if loaded is None:
        return
    for prop in mapper.column_attrs:
        name = prop.columns[0].name
        if name in row:
            set_committed_value(loaded, prop.key, row[name])


_UNIT_BEFORE = {
    "id": "6f1c1d2e-1111-4a4a-8b8b-000000000002",
    "kode": "DINKES.1",
    "nama": "Bidang Pelayanan Kesehatan",
    "jenis": "bidang",
    "parent_id": "6f1c1d2e-1111-4a4a-8b8b-000000000001",
}
AUDIT_EXAMPLE: dict[str, Any] = {
    "id": 48213,
    "at": "2026-07-01T09:15:02.418000+00:00",
    "actor": "dev-admin_bkpsdm",
    "actor_roles": "admin_bkpsdm",
    "request_id": "9f2c1e7a4b6d4c0e8a1f3b5d7e9c2a4f",
    "entity": "unit_organisasi",
    "entity_id": "6f1c1d2e-1111-4a4a-8b8b-000000000002",
    "action": "update",
    "reason": None,
    "before": _UNIT_BEFORE,
    "after": {**_UNIT_BEFORE, "nama": "Bidang Pelayanan dan SDM Kesehatan"},
}


class AuditLogOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [AUDIT_EXAMPLE]})

    id: int = Field(description="Increasing number of the entry")
    at: datetime = Field(description="When the write was committed")
    actor: str = Field(description="Subject (`sub`) of the token that wrote, or `system`")
    actor_roles: str | None = Field(description="The token's roles, comma-separated")
    request_id: str | None = Field(description="X-Request-ID of the request that wrote: find it in the logs")
    entity: str = Field(description="Table written, e.g. pegawai, jabatan, unit_organisasi, asesmen")
    entity_id: str = Field(description="Primary key of the row (comma-separated when it has several columns)")
    action: str = Field(description="insert, update or delete")
    reason: str | None = Field(description="Why, when the write gave one (e.g. the alasan of a forced placement)")
    before: dict[str, Any] | None = Field(description="The row's columns before the write; null for insert")
    after: dict[str, Any] | None = Field(description="The row's columns after the write; null for delete")


router = APIRouter(prefix="/api/v1/audit-log", tags=["audit"])


def log_statement(
    entity: str | None, entity_id: str | None, actor: str | None, since: datetime | None
) -> Select[AuditLog]:
    stmt = select(AuditLog)
    if entity:
        stmt = stmt.where(AuditLog.entity == entity)
    if entity_id:
        stmt = stmt.where(AuditLog.entity_id == entity_id)
    if actor:
        stmt = stmt.where(AuditLog.actor == actor)
    if since:
        stmt = stmt.where(AuditLog.at >= since)
    return stmt.order_by(AuditLog.id.desc())


@router.get(
    "",
    response_model=Page[AuditLogOut],
    operation_id="listAuditLog",
    responses=problems(403),
    summary="Read the audit log (admin_bkpsdm)",
    description="Every write of this service, newest first: who, when, the request id, the entity and its row "
    "before and after. Only admin_bkpsdm may read it.",
)
async def list_audit_log(
    session: SessionDep,
    _: Admin,
    page: Paging,
    entity: Annotated[str | None, Query(max_length=100, description="Table name, e.g. pegawai")] = None,
    entity_id: Annotated[str | None, Query(max_length=200, description="Primary key of the record")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Subject of the token that wrote")] = None,
    since: Annotated[datetime | None, Query(description="Only entries at or after this time")] = None,
) -> Response:
    result = await paginate(session, log_statement(entity, entity_id, actor, since), page, entity_of(AuditLogOut))
    return result.response()
