"""Helpers every service's Alembic environment uses, so each env.py stays a few lines."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import async_engine_from_config

from shared.settings import to_asyncpg_url


def run_env(target_metadata: MetaData | list[MetaData]) -> None:
    """Body of a service's migrations/env.py (online mode, asyncpg)."""
    config = context.config

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        section = config.get_section(config.config_ini_section, {})
        section["sqlalchemy.url"] = to_asyncpg_url(config.get_main_option("sqlalchemy.url") or "")
        engine = async_engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    connection = config.attributes.get("connection")
    if connection is not None:
        do_run(connection)
    else:
        asyncio.run(run_async())


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


# --- the tables every service database has -----------------------------------------------
# Frozen DDL, called from each service's first migration: a later change to these tables gets
# a new helper here and a new revision in every service, so old revisions never change meaning.


def create_shared_tables_v1() -> None:
    """audit_log (shared.audit) and idempotency_record (shared.idempotency)."""
    import sqlalchemy as sa
    from alembic import op
    from sqlalchemy.dialects import postgresql

    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_roles", sa.String(length=200), nullable=True),
        sa.Column("request_id", sa.String(length=100), nullable=True),
        sa.Column("entity", sa.String(length=100), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("before", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("after", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"], unique=False)
    op.create_index("ix_audit_log_entity", "audit_log", ["entity", "entity_id"], unique=False)
    op.create_table(
        "idempotency_record",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("principal", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("body", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("headers", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("key", "principal", name=op.f("pk_idempotency_record")),
    )


def drop_shared_tables_v1() -> None:
    from alembic import op

    op.drop_table("idempotency_record")
    op.drop_index("ix_audit_log_entity", table_name="audit_log")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")


# --- the outbox (shared.outbox), in the databases of the services that have one --------------


def create_outbox_v1() -> None:
    """outbox_message (shared.outbox): messages to other services, written in the transaction of
    the change they come from, delivered by the relay."""
    import sqlalchemy as sa
    from alembic import op
    from sqlalchemy.dialects import postgresql

    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("target", sa.String(length=50), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("body", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("parked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("request_id", sa.String(length=100), nullable=True),
        sa.Column("version", sa.BigInteger(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('pending', 'parked', 'delivered')", name=op.f("ck_outbox_message_status")),
        sa.CheckConstraint("method IN ('POST', 'PUT', 'PATCH', 'DELETE')", name=op.f("ck_outbox_message_method")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
    )
    # What the relay claims: pending messages that are due, oldest first.
    op.create_index(
        "ix_outbox_message_due",
        "outbox_message",
        ["next_attempt_at", "created_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index("ix_outbox_message_status", "outbox_message", ["status", "created_at"], unique=False)


def drop_outbox_v1() -> None:
    from alembic import op

    op.drop_index("ix_outbox_message_status", table_name="outbox_message")
    op.drop_index("ix_outbox_message_due", table_name="outbox_message")
    op.drop_table("outbox_message")


def create_code_fixed_v1(table: str, what: str) -> None:
    """A trigger that refuses any change of `table.kode`, whoever writes (the API, a loader, SQL by
    hand): a new code is a new record. `what` names the record in the error ("program")."""
    from alembic import op

    name = f"{table}_kode_fixed"
    op.execute(
        f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the code of {what} % never changes', OLD.kode
        USING ERRCODE = 'check_violation', CONSTRAINT = '{name}';
END
$$
"""
    )
    op.execute(
        f"""
CREATE TRIGGER {name} BEFORE UPDATE OF kode ON {table}
    FOR EACH ROW WHEN (OLD.kode IS DISTINCT FROM NEW.kode) EXECUTE FUNCTION {name}()
"""
    )


def drop_code_fixed_v1(table: str) -> None:
    """The function of create_code_fixed_v1 (its trigger goes with the table)."""
    from alembic import op

    op.execute(f"DROP FUNCTION {table}_kode_fixed()")
