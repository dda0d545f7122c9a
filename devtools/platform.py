"""`make run`: the whole platform on one machine.

Starts an embedded PostgreSQL (unless DATABASE_URL or <SERVICE>_DATABASE_URL are given), creates
one database per service, migrates them, loads the demo data once, starts the four services and
the gateway, and prints where everything is. An app that exits is started again after a growing
pause (1 s, 2 s, 4 s ... 30 s; back to 1 s once it stayed up a minute) while the others keep
serving. Ctrl-C (or SIGTERM) stops it all, the database included.

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
import contextlib
import importlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from devtools.apps import APPS, SERVICES, App
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
        upgrade(Path(str(module.__file__)).parent / "migrations", cluster.urls[app.name])


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


def shown(path: Path) -> str:
    """A path as a person would type it: relative to the current folder when inside it."""
    with contextlib.suppress(ValueError):
        return str(path.resolve().relative_to(Path.cwd()))
    return str(path)


class Signals:
    """SIGINT and SIGTERM stop the launcher (as KeyboardInterrupt), though never in the middle of
    starting an app: a process started but not yet recorded would outlive Ctrl-C."""

    def __init__(self) -> None:
        self.holding = False
        self.pending = False

    @staticmethod
    def plain() -> None:
        """Until the apps start. SIGINT gets Python's own handler, so asyncio.run (migrations, demo
        load) cancels its task cleanly; SIGINT even when the launcher was started with it ignored."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.default_int_handler)

    def install(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._received)

    def _received(self, signum: int, frame: object) -> None:
        if self.holding:
            self.pending = True
            return
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
            if self.pending:
                raise KeyboardInterrupt

    @staticmethod
    def ignore() -> None:
        """While stopping: a second Ctrl-C must not cut the shutdown short and strand the database."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_IGN)


SIGNALS = Signals()


@dataclass
class Backoff:
    """The pause before restarting an app: doubles with each exit (1 s, 2 s, 4 s ... `cap`), and
    starts over at `first` once the app had stayed up `stable_after` seconds."""

    first: float = 1.0
    cap: float = 30.0
    stable_after: float = 60.0
    _next: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self._next = self.first

    def delay(self, uptime: float) -> float:
        """The pause after a run of `uptime` seconds ended."""
        if uptime >= self.stable_after:
            self._next = self.first
        delay = self._next
        self._next = min(self.cap, self._next * 2)
        return delay


class AppProcess:
    """One app under supervision: started again, after its backoff, whenever it exits by itself."""

    def __init__(self, app: App, env: dict[str, str], log: Path) -> None:
        self.app = app
        self.env = env
        self.log = log
        self.backoff = Backoff()
        self.proc: subprocess.Popen[bytes] | None = None
        self.started = 0.0
        self.restart_at: float | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, *self.app.command[1:]]
        with SIGNALS.held(), self.log.open("ab") as out:
            # A session of its own: Ctrl-C reaches the launcher only, which then stops the apps in order.
            self.proc = subprocess.Popen(
                cmd, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
            self.started = time.monotonic()
            self.restart_at = None

    def exit_code(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def supervise(self, now: float) -> None:
        """Notice an exit and schedule the restart; restart when it is due."""
        if self.restart_at is None:
            code = self.exit_code()
            if code is None:
                return
            delay = self.backoff.delay(uptime=now - self.started)
            self.restart_at = now + delay
            say(f"{self.app.name} exited (code {code}); restarting in {delay:g}s (log: {shown(self.log)})")
        elif now >= self.restart_at:
            self.start()
            assert self.proc is not None
            say(f"{self.app.name} restarted (pid {self.proc.pid})")


def app_processes(cluster: Cluster, host: str) -> list[AppProcess]:
    port = ports()
    # The installation's key, also the one `make token` signs with; never one from the repository.
    base_env = dict(os.environ, JWT_DEV_SECRET=dev_secret(DATA_DIR))
    for app in APPS:
        base_env[f"{app.name.upper()}_URL"] = f"http://{host}:{port[app.name]}"
    apps = []
    for app in APPS:
        env = dict(base_env, HOST=host, PORT=str(port[app.name]), SERVICE_NAME=app.name)
        if app.has_db:
            env["DATABASE_URL"] = cluster.urls[app.name]
        apps.append(AppProcess(app, env, DATA_DIR / "logs" / f"{app.name}.log"))
    return apps


def wait_healthy(host: str, apps: list[AppProcess], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    port = ports()
    pending = {app.name: app for app in APPS}
    while pending and time.monotonic() < deadline:
        for supervised in apps:
            # At start an exit is a fault to show at once (a bad setting, a port in use), not to retry.
            if (code := supervised.exit_code()) is not None:
                name = supervised.app.name
                raise SystemExit(f"{name} exited (code {code}); see {DATA_DIR}/logs/{name}.log")
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
    say(
        f'try: curl -H "Authorization: Bearer $(make -s token ROLE=admin_bkpsdm | tail -1)" '
        f"http://{host}:{port['gateway']}/api/v1/pegawai?limit=5"
    )
    say("Ctrl-C stops everything.")


def supervise(apps: list[AppProcess]) -> None:
    """Until Ctrl-C: restart whichever app exits, leaving the others alone."""
    while True:
        now = time.monotonic()
        for supervised in apps:
            supervised.supervise(now)
        time.sleep(0.2)


def stop(apps: list[AppProcess]) -> None:
    procs = [a.proc for a in apps if a.proc is not None]
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + 10
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
    apps: list[AppProcess] = []
    SIGNALS.plain()
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
        SIGNALS.install()
        apps = app_processes(cluster, args.host)
        for supervised in apps:  # each recorded before it starts: Ctrl-C at any point stops those started
            supervised.start()
        wait_healthy(args.host, apps)
        say(f"ready in {time.perf_counter() - started:.1f}s")
        print_banner(args.host)
        supervise(apps)
    except KeyboardInterrupt:
        print()
        say("stopping ...")
    finally:
        SIGNALS.ignore()
        stop(apps)
        cluster.stop()
        say("stopped.")


if __name__ == "__main__":
    main()
