"""The kompetensi service's start command: `python -m kompetensi [serve|migrate]`."""

from pathlib import Path

from kompetensi.config import get_settings
from shared.serve import main

main(app_path="kompetensi.app:create_app", settings=get_settings(), migrations_dir=Path(__file__).parent / "migrations")
