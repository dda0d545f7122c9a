"""A SQLAlchemy statement as the services' driver sends it: the benchmark's floor and bare tier run this text."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql


def sql_of(stmt: Any) -> tuple[str, list[Any]]:
    """The statement as the service's driver sends it: SQL with $n and the parameter list."""
    compiled = stmt.compile(dialect=postgresql.asyncpg.dialect(), compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    order = compiled.positiontup or []
    return str(compiled), [params[name] for name in order]
