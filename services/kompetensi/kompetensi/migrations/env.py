"""Alembic environment of the kompetensi database (shared.migrations does the work)."""

from kompetensi.models import target_metadata
from shared.migrations import run_env

run_env(target_metadata)
