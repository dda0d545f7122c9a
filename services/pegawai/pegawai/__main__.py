"""The pegawai service's start command: `python -m pegawai [serve|migrate]`."""

from pathlib import Path

from pegawai.config import get_settings
from shared.serve import main

main(app_path="pegawai.app:create_app", settings=get_settings(), migrations_dir=Path(__file__).parent / "migrations")
