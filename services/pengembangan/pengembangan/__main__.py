"""The pengembangan service's start command: `python -m pengembangan [serve|migrate]`."""

from pathlib import Path

from pengembangan.config import get_settings
from shared.serve import main

main(
    app_path="pengembangan.app:create_app", settings=get_settings(), migrations_dir=Path(__file__).parent / "migrations"
)
