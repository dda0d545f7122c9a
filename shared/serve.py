"""The one start command of every app: `python -m <app> [serve|migrate]`.

The native run and each container image use this same command.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import uvicorn

from shared.observability import stdlib_log_config
from shared.settings import ServiceSettings


def uvicorn_options(settings: ServiceSettings) -> dict[str, Any]:
    """How uvicorn serves an app: its own lines (startup, shutdown, errors) as JSON like ours,
    no access lines (the app logs each request itself), no Server header (the software is not
    the caller's business; the gateway relays no upstream's)."""
    return {
        "log_config": stdlib_log_config(settings.log_level, settings.log_json),
        "log_level": settings.log_level.lower(),
        "access_log": False,
        "proxy_headers": True,
        "server_header": False,
    }


def main(*, app_path: str, settings: ServiceSettings, migrations_dir: Path | None) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m {settings.service_name}")
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "migrate"])
    args = parser.parse_args()
    if args.command == "migrate":
        if migrations_dir is None:
            print(f"{settings.service_name} has no database")
            return
        from shared.migrations import upgrade

        upgrade(migrations_dir, settings.database_url)
        print(f"{settings.service_name}: migrations applied")
        return
    uvicorn.run(
        app_path,
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        **uvicorn_options(settings),
    )
