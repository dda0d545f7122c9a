"""Run the gateway: `python -m gateway` (uvicorn with the house's settings and logging)."""

from gateway.config import get_settings
from shared.serve import main

main(app_path="gateway.app:create_app", settings=get_settings(), migrations_dir=None)
