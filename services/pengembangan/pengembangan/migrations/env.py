from pengembangan.models import target_metadata
from shared.migrations import run_env

run_env(target_metadata)
