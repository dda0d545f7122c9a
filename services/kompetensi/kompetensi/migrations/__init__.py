"""Alembic migrations of the kompetensi database."""
