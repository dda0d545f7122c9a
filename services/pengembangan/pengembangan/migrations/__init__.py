"""Alembic migrations of the pengembangan database."""
