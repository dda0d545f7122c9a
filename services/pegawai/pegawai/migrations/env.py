"""Alembic environment of the pegawai database (shared.migrations does the work)."""

from pegawai.models import target_metadata
from shared.migrations import run_env

run_env(target_metadata)
