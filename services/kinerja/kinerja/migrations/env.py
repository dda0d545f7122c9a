"""Alembic environment of the kinerja database (shared.migrations does the work)."""

from kinerja.models import target_metadata
from shared.migrations import run_env

run_env(target_metadata)
