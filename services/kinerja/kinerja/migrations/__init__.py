"""Alembic migrations of the kinerja database."""
