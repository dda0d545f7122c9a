"""The kinerja service's start command: `python -m kinerja [serve|migrate]`."""

from pathlib import Path

from kinerja.config import get_settings
from shared.serve import main

main(app_path="kinerja.app:create_app", settings=get_settings(), migrations_dir=Path(__file__).parent / "migrations")
