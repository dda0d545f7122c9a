"""`make run`: the whole platform on one machine.

Starts an embedded PostgreSQL (unless DATABASE_URL or <SERVICE>_DATABASE_URL are given), creates
one database per service, migrates them, loads the demo data once, starts the four services and
the gateway, and prints where everything is. Ctrl-C stops it all, the database included.

Knobs, all optional (the defaults are what the README describes):
  ASN_DATA_DIR        where the embedded PostgreSQL, the logs and the development signing key
                      (jwt-dev-secret, made once) live (default .data/)
  ASN_HOST            the address the apps listen on (default 127.0.0.1)
  ASN_<APP>_PORT      the port of one app, e.g. ASN_GATEWAY_PORT=9000 (defaults in devtools/apps.py)
  ASN_DB_PREFIX       database names on a given DATABASE_URL server are <prefix><service>
                      (default asn_); lets a second platform, or a test, share a server
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from devtools.apps import APPS, SERVICES
from devtools.pg import Cluster, ensure_databases, open_cluster
from devtools.signing import data_dir, dev_secret
from shared.migrations import upgrade

DATA_DIR = data_dir()


def db_prefix() -> str:
    prefix = os.environ.get("ASN_DB_PREFIX", "asn_")
    # The name ends up inside a quoted identifier in CREATE DATABASE; keep it a plain one.
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", prefix):
        raise SystemExit(f"ASN_DB_PREFIX must be lower-case letters, digits and _, got {prefix!r}")
    return prefix


def ports() -> dict[str, int]:
    """Each app's port: ASN_<APP>_PORT, else the default, so two platforms can run side by side."""
    return {app.name: int(os.environ.get(f"ASN_{app.name.upper()}_PORT", app.port)) for app in APPS}


def say(msg: str) -> None:
    print(f"[asn] {msg}", flush=True)


def migrate_all(cluster: Cluster) -> None:
    for i, app in enumerate(SERVICES, 1):
        say(f"  [{i}/{len(SERVICES)}] migrating {app.name} ...")
        module = importlib.import_module(app.name)
        upgrade(Path(module.__file__).parent / "migrations", cluster.urls[app.name])  # type: ignore[arg-type]


def load_demo(cluster: Cluster) -> None:
    from devtools.dataset import demo

    data = demo()
    for app in SERVICES:
        try:
            module = importlib.import_module(f"{app.name}.demo")
        except ModuleNotFoundError:
            continue
        started = time.perf_counter()
        loaded = asyncio.run(module.load(cluster.urls[app.name], data, progress=say))
        if loaded:
            say(f"  {app.name}: {loaded} ({time.perf_counter() - started:.1f}s)")
        else:
            say(f"  {app.name}: demo data already present, kept as is")


def start_apps(cluster: Cluster, host: str) -> list[subprocess.Popen[bytes]]:
    procs = []
    port = ports()
    # The installation's key, also the one `make token` signs with; never one from the repository.
    base_env = dict(os.environ, JWT_DEV_SECRET=dev_secret(DATA_DIR))
    for app in APPS:
        base_env[f"{app.name.upper()}_URL"] = f"http://{host}:{port[app.name]}"
    for app in APPS:
        env = dict(base_env, HOST=host, PORT=str(port[app.name]), SERVICE_NAME=app.name)
        if app.has_db:
            env["DATABASE_URL"] = cluster.urls[app.name]
        log = (DATA_DIR / "logs").joinpath(f"{app.name}.log")
        log.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, *app.command[1:]]
        procs.append(
            subprocess.Popen(cmd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
        )
    return procs


def wait_healthy(host: str, procs: list[subprocess.Popen[bytes]], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    port = ports()
    pending = {app.name: app for app in APPS}
    while pending and time.monotonic() < deadline:
        for app, proc in zip(APPS, procs, strict=True):
            if proc.poll() is not None:
                raise SystemExit(f"{app.name} exited (code {proc.returncode}); see {DATA_DIR}/logs/{app.name}.log")
        for name, app in list(pending.items()):
            try:
                if httpx.get(f"http://{host}:{port[app.name]}/readyz", timeout=1).status_code == 200:
                    del pending[name]
            except httpx.HTTPError:
                pass
        time.sleep(0.2)
    if pending:
        raise SystemExit(f"not ready after {timeout:.0f}s: {', '.join(pending)}; see {DATA_DIR}/logs/")


def print_banner(host: str) -> None:
    from devtools.token import token_for
    from shared.auth import Role

    port = ports()
    print()
    say("the platform is running:")
    for app in APPS:
        url = f"http://{host}:{port[app.name]}"
        say(f"  {app.name:<13} {url}   docs: {url}/docs")
    say(f"  logs in {DATA_DIR}/logs/")
    say("development tokens (12 h; `make token ROLE=...` prints more):")
    for role in Role:
        try:
            say(f"  {role.value:<13} {token_for(role.value)}")
        except SystemExit:
            pass
    say(f"try: curl -H \"Authorization: Bearer $(make -s token ROLE=admin_bkpsdm | tail -1)\" "
        f"http://{host}:{port['gateway']}/api/v1/pegawai?limit=5")
    say("Ctrl-C stops everything.")


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + 10
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(prog="make run")
    parser.add_argument("--host", default=os.environ.get("ASN_HOST", "127.0.0.1"))
    parser.add_argument("--migrate-only", action="store_true")
    parser.add_argument("--no-demo", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    embedded = not os.environ.get("DATABASE_URL")
    say("starting embedded PostgreSQL 18 ..." if embedded else "using the given DATABASE_URL ...")
    cluster = open_cluster(prefix=db_prefix(), data_dir=DATA_DIR / "postgres", cleanup_mode="stop")
    procs: list[subprocess.Popen[bytes]] = []

    def on_signal(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored
    try:
        asyncio.run(ensure_databases(cluster))
        say("applying migrations ...")
        migrate_all(cluster)
        if args.migrate_only:
            say("migrations applied.")
            return
        if not args.no_demo:
            say("loading demo data ...")
            load_demo(cluster)
        say("starting services ...")
        procs = start_apps(cluster, args.host)
        wait_healthy(args.host, procs)
        say(f"ready in {time.perf_counter() - started:.1f}s")
        print_banner(args.host)
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        dead = [a.name for a, p in zip(APPS, procs, strict=True) if p.poll() is not None]
        say(f"stopped because {', '.join(dead)} exited; see {DATA_DIR}/logs/")
    except KeyboardInterrupt:
        print()
        say("stopping ...")
    finally:
        stop(procs)
        cluster.stop()
        say("stopped.")


if __name__ == "__main__":
    main()
