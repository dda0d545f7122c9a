"""Alembic environment of the pengembangan database (shared.migrations does the work)."""

from pengembangan.models import target_metadata
from shared.migrations import run_env

run_env(target_metadata)
